"""The one "Streamlit has settled" wait of the browser tests, live tests and benchmarks.

Settled: the page is connected to its server, the page script is not running, and no element
is stale (the app's own run state, as Streamlit's end-to-end tests read it). It does not wait
for a run that has not started yet: after a tap, first wait for what the tap should show (a
highlighted choice, the next step's title), then settle.

``settle`` is for Playwright's sync API, ``settle_async`` for its async API; both wait on the
same predicate, :data:`SETTLED`.

A change made by someone else reaches the page as a run the server starts (a live update). The
run state cannot show that run for sure: a short run can start and end between two looks, and
the browser may draw both in one frame. The browser tests' contexts count what the server
sends (:data:`COUNT_MESSAGES`, added before any page opens); ``wait_for_server_run(page,
since)`` waits until the server has sent something after ``since`` (an idle page is sent
nothing), then settles.
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


#: counts in ``window.__serverMessages`` every message a Streamlit socket receives
COUNT_MESSAGES = """(() => {
  window.__serverMessages = 0;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { window.__serverMessages += 1; });
    }
  };
})();"""


def server_messages(page) -> int:
    """How many messages the server has sent to ``page`` so far."""
    return page.evaluate("() => window.__serverMessages")


def wait_for_server_run(page, since: int, timeout_ms: float = 15000) -> None:
    """Wait until the server has sent ``page`` more than ``since`` messages (a run it
    started), then until the page has settled."""
    page.wait_for_function(f"() => window.__serverMessages > {int(since)}",
                           timeout=timeout_ms)
    settle(page)
