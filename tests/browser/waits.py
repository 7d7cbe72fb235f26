"""The one "Streamlit has settled" wait of the browser tests, live tests and benchmarks.

Settled: the page is connected to its server, the page script is not running, and no element
is stale (the app's own run state, as Streamlit's end-to-end tests read it). It does not wait
for a run that has not started yet: after a tap, first wait for what the tap should show (a
highlighted choice, the next step's title), then settle.

``settle`` is for Playwright's sync API, ``settle_async`` for its async API; both wait on the
same predicate, :data:`SETTLED`.
"""

from __future__ import annotations

#: true once Streamlit is connected, idle and shows nothing stale
SETTLED = ("() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
           " return app && app.getAttribute('data-test-script-state') !== 'running'"
           " && app.getAttribute('data-test-connection-state') === 'CONNECTED'"
           " && !document.querySelector('[data-stale=\"true\"]'); }")


def settle(page, timeout_ms: float = 45000) -> None:
    """Wait (sync Playwright) until the page has settled."""
    page.wait_for_function(SETTLED, timeout=timeout_ms)


async def settle_async(page, timeout_ms: float = 60000) -> None:
    """Wait (async Playwright) until the page has settled."""
    await page.wait_for_function(SETTLED, timeout=timeout_ms)
