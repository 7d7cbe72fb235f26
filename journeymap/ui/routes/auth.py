"""The facilitator's session cookie (see ``services/sessions.py`` for the whole scheme).

- ``POST /auth/cookie`` with ``{"code": ...}``: the signed-in page's one-time code becomes an
  HttpOnly, SameSite=Lax cookie holding the session token (the page's script never sees it).
- ``POST /auth/signout``: the session is deleted and the cookie cleared.
Both answer JSON; neither is reachable cross-site with the cookie (SameSite=Lax, POST)."""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from journeymap.domain.errors import InvalidToken
from journeymap.services.sessions import COOKIE, SESSION_HOURS, claim_session, end_session
from journeymap.ui.routes.common import store


def _secure(request: Request) -> bool:
    proto = request.headers.get("x-forwarded-proto", request.url.scheme)
    return proto.split(",")[0].strip() == "https"


async def cookie(request: Request) -> JSONResponse:
    try:
        code = json.loads(await request.body() or b"{}").get("code", "")
    except (ValueError, AttributeError):
        code = ""
    try:
        token = claim_session(store(), code)
    except InvalidToken:
        return JSONResponse({"ok": False}, status_code=403)
    resp = JSONResponse({"ok": True})
    resp.set_cookie(COOKIE, token, max_age=SESSION_HOURS * 3600, path="/", httponly=True,
                    samesite="lax", secure=_secure(request))
    return resp


async def signout(request: Request) -> JSONResponse:
    end_session(store(), request.cookies.get(COOKIE))
    resp = JSONResponse({"ok": True})
    resp.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax",
                       secure=_secure(request))
    return resp


ROUTES = [Route("/auth/cookie", cookie, methods=["POST"]),
          Route("/auth/signout", signout, methods=["POST"])]
