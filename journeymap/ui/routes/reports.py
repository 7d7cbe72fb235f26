"""``/reports/{token}/{file name}``: a journey's report (PDF, HTML) or export (JSON, CSV, Excel,
Mermaid, CJML) or its actions (CSV) at an address that works on the first click, after any number of reruns, and
later from a saved link until it expires.

The token is signed (HMAC, :mod:`itsdangerous`) with a key every server on the database shares
(:func:`journeymap.services.secret.derived_key`) and carries who asked (their
:class:`~journeymap.services.Actor`), the journey, the format, the language and an expiry.
Permissions are checked again when the file is served, through the same services the pages
use, so a link never shows more than its owner may see at that moment. The file is built once
per (database, journey, workshop revision, reader's scope, language, format) and kept in a
small in-process cache; a change in the workshop moves the revision, so a later click gets the
new file.

>>> from journeymap.services import SYSTEM, Store
>>> store = Store.open("sqlite://")
>>> url = link(store, SYSTEM, 7, "pdf", "en", "fix-my-router-report.pdf")
>>> url.startswith("/reports/") and url.endswith("/fix-my-router-report.pdf")
True
>>> read_token(store, url.split("/")[2])["journey"]
7
"""

from __future__ import annotations

import threading
import time
import urllib.parse
from collections import OrderedDict

from itsdangerous import BadSignature, URLSafeSerializer
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from journeymap import interchange
from journeymap.domain.errors import JourneymapError, NotFound, PermissionDenied
from journeymap.domain.model import Role
from journeymap.i18n import t
from journeymap.i18n.errors import describe
from journeymap.services import (
    Actor,
    Store,
    insight_scope,
    load_journey,
    opportunities_csv,
    visible_journey,
)
from journeymap.services.secret import derived_key
from journeymap.ui.routes.common import store as route_store

REPORTS = ("pdf", "html")
EXPORTS = tuple(interchange.EXPORT_EXTENSION)  # json, csv, xlsx, mermaid, cjml
ACTIONS = "actions"  # the opportunities of the Act page, as CSV
LIFETIME = 12 * 3600  # a link works for 12 to 13 hours (a workshop day, and the evening)
_BUCKET = 3600  # links made within the same hour are the same address
CACHE_ENTRIES = 32


# signed links ------------------------------------------------------------------------------
def _serializer(store: Store) -> URLSafeSerializer:
    return URLSafeSerializer(derived_key(store, "reports"), salt="journeymap.download")


def _actor_fields(a: Actor) -> list:
    return [a.kind, a.name, a.account_id, a.participant_id, a.workshop_id,
            a.role.value if a.role else None]


def link(store: Store, actor: Actor, journey_id: int, fmt: str, lang: str, filename: str,
         *, base: str = "/", now: float | None = None) -> str:
    """The address of ``journey_id``'s file in ``fmt`` for ``actor`` (under ``base``, the
    server's path prefix). Stable within an hour, so a page that reruns keeps one address."""
    if fmt not in REPORTS + EXPORTS + (ACTIONS,):
        raise ValueError(f"no download format '{fmt}'")
    now = time.time() if now is None else now
    expires = int(now // _BUCKET) * _BUCKET + _BUCKET + LIFETIME
    token = _serializer(store).dumps({"j": journey_id, "f": fmt, "l": lang, "e": expires,
                                      "a": _actor_fields(actor)})
    return f"{base.rstrip('/')}/reports/{token}/{urllib.parse.quote(filename)}"


def read_token(store: Store, token: str, *, now: float | None = None) -> dict:
    """What a token says: ``journey``, ``format``, ``lang``, ``actor``, ``expired``.
    Raises :class:`itsdangerous.BadSignature` for a token this database never signed."""
    data = _serializer(store).loads(token)
    kind, name, account_id, participant_id, workshop_id, role = data["a"]
    actor = Actor(kind, name, account_id=account_id, participant_id=participant_id,
                  workshop_id=workshop_id, role=Role(role) if role else None)
    now = time.time() if now is None else now
    return {"journey": int(data["j"]), "format": data["f"], "lang": data["l"],
            "actor": actor, "expired": now >= data["e"]}


# building, once per revision ------------------------------------------------------------------
class _Cache:
    """A small thread-safe LRU of built files; one build at a time per key."""

    def __init__(self, entries: int):
        self.entries = entries
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict = {}
        self.builds = 0

    def get(self, key, build):
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
            key_lock = self._building.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._data:
                    return self._data[key]
            value = build()
            with self._lock:
                self.builds += 1
                self._data[key] = value
                while len(self._data) > self.entries:
                    self._data.popitem(last=False)
                self._building.pop(key, None)
            return value


CACHE = _Cache(CACHE_ENTRIES)


def build_file(store: Store, actor: Actor, journey_id: int, fmt: str, lang: str
               ) -> tuple[bytes, str, str]:
    """``(bytes, file name, media type)`` of the file, from the cache when nothing changed.
    Raises the services' errors (``NotFound``, ``PermissionDenied``) as a page would."""
    scope = insight_scope(store, actor, journey_id)  # authorises view_map, gives the revision
    db = store.engine.url.render_as_string(hide_password=True)
    if fmt in REPORTS:
        from journeymap.report import MIME, build, report_filename

        key = (db, journey_id, scope.revision, scope.key, lang, fmt)

        def make():
            journey = visible_journey(store, actor, journey_id)
            return build(journey, fmt, lang), report_filename(journey.title, fmt), MIME[fmt]
    elif fmt == ACTIONS:
        key = (db, journey_id, scope.revision, scope.key, fmt)

        def make():
            return (opportunities_csv(store, actor, journey_id).encode("utf-8"),
                    "actions.csv", "text/csv")
    elif fmt in EXPORTS:
        key = (db, journey_id, scope.revision, ("export", actor.kind, actor.account_id,
                                                 actor.participant_id), fmt)

        def make():
            return interchange.export(load_journey(store, actor, journey_id), fmt)
    else:
        raise NotFound(f"no download format '{fmt}'", key="report.link.invalid")
    return CACHE.get(key, make)


# the route ---------------------------------------------------------------------------------
def _disposition(filename: str, fmt: str) -> str:
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "")
    return (f'attachment; filename="{ascii_name}"; '
            f"filename*=UTF-8''{urllib.parse.quote(filename)}")


def _refusal(key: str, lang: str, status: int) -> PlainTextResponse:
    return PlainTextResponse(t(key, lang) + "\n", status_code=status)


def download(request: Request) -> Response:
    store = route_store()
    token = request.path_params["token"]
    lang = "en"
    try:
        info = read_token(store, token)
    except (BadSignature, KeyError, ValueError, TypeError):
        return _refusal("report.link.invalid", lang, 404)
    lang = info["lang"] if info["lang"] in ("it", "en") else "en"
    if info["expired"]:
        return _refusal("report.link.expired", lang, 410)
    try:
        data, filename, mime = build_file(store, info["actor"], info["journey"],
                                          info["format"], lang)
    except NotFound:
        return _refusal("report.link.gone", lang, 404)
    except PermissionDenied:
        return _refusal("report.link.denied", lang, 403)
    except JourneymapError as e:
        return PlainTextResponse(describe(e, lang) + "\n", status_code=400)
    headers = {"Content-Disposition": _disposition(filename, info["format"]),
               "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
    return Response(data, media_type=mime, headers=headers)


ROUTES = [Route("/reports/{token}/{filename}", download, methods=["GET"])]
