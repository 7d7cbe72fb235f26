"""Routes for reports (filled in by the work that needs them)."""

from __future__ import annotations

ROUTES: list = []
