"""``/healthz``: 200 when this server can reach its database, 503 when it cannot (for a
reverse proxy or an orchestrator deciding where to send people)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from journeymap.ui.routes.common import store


def healthz(request: Request) -> JSONResponse:
    try:
        store().ping()
    except Exception as e:  # any failure to reach the database is "not healthy"
        return JSONResponse({"status": "unavailable", "database": type(e).__name__},
                            status_code=503)
    return JSONResponse({"status": "ok"})


ROUTES = [Route("/healthz", healthz, methods=["GET"])]
