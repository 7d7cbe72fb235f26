"""The Insight page's analysis, in modules of one job each (the page itself is
:mod:`journeymap.ui.screens.insight`):

- :mod:`.filters` — what the reader narrowed the analysis to: stages, channels, a group, the
  round;
- :mod:`.analysis` — :class:`Insight`, one journey's tables, figures and CSV for one reader,
  computed lazily, and the cache that keeps them per workshop revision;
- :mod:`.figures` — the charts, fitted for a projector and a phone;
- :mod:`.tables` — the tables as shown: chosen columns, headers in the reader's language;
- :mod:`.pickers` — the widgets that choose the round and the filters, and what the page
  says about the round it shows.
"""

from .analysis import Insight, clear_cache, insight, scope_of
from .filters import GROUPS, Filters

__all__ = ["GROUPS", "Filters", "Insight", "clear_cache", "insight", "scope_of"]
