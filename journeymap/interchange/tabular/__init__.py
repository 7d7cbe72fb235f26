"""CSV and Excel: a template a facilitator fills before the workshop, and tables out.

**Import** (the map only, all or nothing). A workbook (``.xlsx``, one sheet per table) or a zip
of CSV files (one file per table, ``stages.csv``...) holding the tables

=============  ==========================================================================
journey        title, persona, goal, language (one row; optional — else the file's name)
stages         id, name (the order of the rows is the order of the stages; id optional)
steps          id, stage, title, lane, channel, description, moment_of_truth
transitions    from, to, label
=============  ==========================================================================

A single CSV file of steps is accepted too: its ``stage`` column names the stages, created in
order of first appearance (``Scoperta`` → id ``scoperta``). Without a stages table the same
happens. Table and column names are read in English or Italian (``steps``/``passi``,
``stage``/``fase``, ``moment of truth``/``momento della verità``), as are lanes (keys or their
labels: ``frontstage``, ``Front office``...) and yes/no (``yes``, ``sì``, ``x``, ``true``...).
CSV files may use ``,``, ``;`` or tabs. Other tables (ratings, participants... as exported) are
ignored with a note: the template carries the map, not the workshop's input.

Every problem names its place: ``steps.csv row 5, column 'stage': no stage 'pay' in this
journey`` (for a workbook: ``sheet 'steps' row 5, column 'stage': ...``); rows count as a
spreadsheet shows them, the header being row 1.

**Export**: JSON-free tables in the workshop's language — journey, stages, steps, transitions,
participants (anonymous participants' names are never written), ratings, pain points,
highlights, opportunities, and ``comparison`` from :mod:`journeymap.analysis` (an error
there stops the export; a table is never left out silently). Exported stages/steps/
transitions import back as the map. CSV cells of text that start with ``= + - @`` (or an apostrophe)
get a leading apostrophe against spreadsheet formula injection; the importer removes it again.
In a workbook such text is stored as text, never as a formula, and characters XML cannot
hold (control characters, U+FFFE, U+FFFF) are left out.

Nothing is rescaled here: emotions are written on the native −3..+3 scale.

>>> data = template_csv("en")
>>> sorted(n for n in __import__("zipfile").ZipFile(__import__("io").BytesIO(data)).namelist())
['help.csv', 'journey.csv', 'stages.csv', 'steps.csv', 'transitions.csv']
"""

from .columns import EXPORT_TABLES, MAP_TABLES, XLSX_MIME, ZIP_MIME
from .read import RawTable, load
from .template import template_csv, template_xlsx
from .write import comparison_table, export_tables, to_csv_zip, to_xlsx

__all__ = ["EXPORT_TABLES", "MAP_TABLES", "XLSX_MIME", "ZIP_MIME", "RawTable", "comparison_table",
           "export_tables", "load", "template_csv", "template_xlsx", "to_csv_zip", "to_xlsx"]
