"""The native journeymap JSON format (``"format": "journeymap/1"``).

One file holds one journey with its participants and their input. :func:`loads` checks the
whole file and refuses it with *every* problem found, each naming its place
(``steps[4].stage: no stage 'pay' in this journey``); :func:`dumps` writes a canonical file, so
export → import → export gives the identical text. The JSON Schema shipped beside this package
(``journeymap.schema.json``) documents the same shape.

One module per job: :mod:`.items` (the document's shape and the builders that make each item
from its object), :mod:`.read` (a file checked whole into a journey), :mod:`.columns` (the
same check over whole columns of ratings, for files of a million) and :mod:`.write` (the
canonical file).

>>> j = loads('{"format": "journeymap/1", "journey": {"title": "T", "language": "en"},'
...           ' "stages": [{"id": "a", "name": "A"}],'
...           ' "steps": [{"id": "s1", "stage": "a", "title": "Go", "lane": "customer"}]}')
>>> j.steps[0].title
'Go'
>>> loads(dumps(j)) == j
True
"""

from __future__ import annotations

from .items import (
    FORMAT,
    MAX_PROBLEMS,
    RATING_FIELDS,
    SCHEMA_PATH,
    SECTIONS,
    Problems,
    build_item,
    make_rating,
    type_name,
)
from .read import (
    MAX_FILE_BYTES,
    from_document,
    load_path,
    loads,
    loads_columns,
    parse_json,
    read_text,
)
from .write import dumps, to_document

__all__ = ["FORMAT", "MAX_FILE_BYTES", "MAX_PROBLEMS", "RATING_FIELDS", "SCHEMA_PATH",
           "SECTIONS", "Problems", "build_item", "dumps", "from_document", "load_path", "loads",
           "loads_columns", "make_rating", "parse_json", "read_text", "to_document", "type_name"]
