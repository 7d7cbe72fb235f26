"""Message catalogs for Italian and English.

Each area of the product keeps its own catalog file, ``journeymap/i18n/<lang>/<area>.json``
(a flat object of ``"key": "text with {placeholders}"``); the files of one language are merged
at load. Both languages must hold the same keys with the same placeholders: a test fails
otherwise, so a missing translation never reaches a user.

>>> t("lane.backstage", "it")
'Retroscena'
>>> t("lane.backstage", "en")
'Backstage'
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("it", "en")
DEFAULT_LANGUAGE = "en"
_HERE = Path(__file__).parent


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, str]:
    """All messages of one language, merged from its area files."""
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    merged: dict[str, str] = {}
    for path in sorted((_HERE / lang).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for key, text in data.items():
            if key in merged:
                raise RuntimeError(f"{path.name}: key '{key}' is defined twice in {lang}")
            merged[key] = text
    return merged


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """The message ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``.

    A key missing from the catalog raises KeyError: tests catch it before users do."""
    text = catalog(lang)[key]
    return text.format(**values) if values else text


def pick_language(locale: str | None) -> str:
    """The supported language for a browser locale such as ``it-IT`` (English otherwise)."""
    if locale:
        head = locale.replace("_", "-").split("-")[0].lower()
        if head in LANGUAGES:
            return head
    return DEFAULT_LANGUAGE
