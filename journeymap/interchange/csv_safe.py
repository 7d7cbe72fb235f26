"""The formula-safe CSV writer, under the name the file formats, the UI and the command line
import it by: it is :mod:`journeymap.csv_safe` (moved below the services, which write CSV
too). Nothing is written here; new code imports :mod:`journeymap.csv_safe`.
"""

from __future__ import annotations

from journeymap.csv_safe import FORMULA_START, frame_csv, guard, rows_csv, unguard

__all__ = ["FORMULA_START", "frame_csv", "guard", "rows_csv", "unguard"]
