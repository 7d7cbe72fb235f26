"""``/reports/{token}/{file name}``: a journey's report (PDF, HTML) or export (JSON, CSV, Excel,
Mermaid, CJML), its actions (CSV) or one table of the Insight or the Reveal (CSV, as the reader
filtered it) at an address that works on the first click, after any number of reruns, and
later from a saved link until it expires. Every CSV made here is formula-safe (:func:`csv_of`).

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

import json
import math
import threading
import time
import urllib.parse
from collections import OrderedDict

import pandas as pd
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
    journey_frames,
    load_journey,
    list_opportunities,
    visible_journey,
)
from journeymap.services.secret import derived_key
from journeymap.ui.routes.common import store as route_store

REPORTS = ("pdf", "html")
EXPORTS = tuple(interchange.EXPORT_EXTENSION)  # json, csv, xlsx, mermaid, cjml
ACTIONS = "actions"  # the opportunities of the Act page, as CSV
TABLE = "table"  # one table of the Insight page or of the Reveal, as CSV
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
         *, base: str = "/", now: float | None = None, table: dict | None = None,
         round_: int | None = None) -> str:
    """The address of ``journey_id``'s file in ``fmt`` for ``actor`` (under ``base``, the
    server's path prefix). Stable within an hour, so a page that reruns keeps one address.
    For ``fmt="table"``, ``table`` says which (see :func:`table_spec`); for a report,
    ``round_`` its round (None: the round shown by default when the link is opened)."""
    if fmt not in REPORTS + EXPORTS + (ACTIONS, TABLE):
        raise ValueError(f"no download format '{fmt}'")
    if (fmt == TABLE) != (table is not None):
        raise ValueError("a table link needs its table, and only a table link has one")
    now = time.time() if now is None else now
    expires = int(now // _BUCKET) * _BUCKET + _BUCKET + LIFETIME
    data = {"j": journey_id, "f": fmt, "l": lang, "e": expires, "a": _actor_fields(actor)}
    if table is not None:
        data["t"] = table
    if round_ is not None:
        data["r"] = int(round_)
    token = _serializer(store).dumps(data)
    return f"{base.rstrip('/')}/reports/{token}/{urllib.parse.quote(filename)}"


def read_token(store: Store, token: str, *, now: float | None = None) -> dict:
    """What a token says: ``journey``, ``format``, ``lang``, ``actor``, ``expired``,
    ``table`` and ``round`` (None when it says none).
    Raises :class:`itsdangerous.BadSignature` for a token this database never signed."""
    data = _serializer(store).loads(token)
    kind, name, account_id, participant_id, workshop_id, role = data["a"]
    actor = Actor(kind, name, account_id=account_id, participant_id=participant_id,
                  workshop_id=workshop_id, role=Role(role) if role else None)
    now = time.time() if now is None else now
    return {"journey": int(data["j"]), "format": data["f"], "lang": data["l"],
            "actor": actor, "expired": now >= data["e"], "table": data.get("t"),
            "round": data.get("r")}


def table_spec(source: str, name: str, options: dict | None = None,
               filters=None) -> dict:
    """Which table a ``table`` link serves: ``source`` ``"insight"`` (a table of the Insight
    page by ``name``, with its ``options`` and the reader's ``filters``) or ``"reveal"`` (the
    Reveal's table of assumed beside lived)."""
    spec = {"s": source, "n": name, "o": dict(sorted((options or {}).items()))}
    if filters is not None:
        spec["f"] = filters.spec()
    return spec


# formula-safe CSV ----------------------------------------------------------------------------
def _plain(v):
    """A cell as the CSV writer expects it: None for missing, Python numbers and text."""
    if v is None:
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        v = v.item()  # numpy scalars
    if isinstance(v, float) and math.isnan(v):
        return None
    if v is pd.NA or v is pd.NaT:
        return None
    return v


def csv_of(header: list[str], rows) -> bytes:
    """CSV (UTF-8 with a BOM, for spreadsheets) through the interchange's guarded writer:
    text starting with ``= + - @`` gets a leading apostrophe, so a spreadsheet never runs
    what someone typed. The one place downloads write CSV."""
    from journeymap.interchange.tabular.write import csv_bytes as _csv_bytes

    return _csv_bytes([str(h) for h in header], [[_plain(v) for v in r] for r in rows])


def frame_csv(df) -> bytes:
    """A DataFrame as formula-safe CSV (see :func:`csv_of`)."""
    return csv_of(list(df.columns), df.itertuples(index=False, name=None))


def _table_frame(store: Store, actor: Actor, scope, spec: dict, lang: str):
    """The table a ``table`` link names, as the reader sees it on the page now."""
    if spec.get("s") == "reveal":
        from journeymap.ui.reveal_data import reveal_table

        return reveal_table(store, actor, scope, lang)
    if spec.get("s") == "insight":
        from journeymap.ui.insight import Filters, insight
        from journeymap.ui.insight.tables import SHOWN

        if spec.get("n") not in SHOWN:
            raise NotFound(f"no table '{spec.get('n')}'", key="report.link.invalid")
        filters = Filters.from_spec(spec.get("f"))
        return insight(store, actor, scope, filters).shown(spec["n"], lang,
                                                           **(spec.get("o") or {}))
    raise NotFound("no such table", key="report.link.invalid")


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


def build_file(store: Store, actor: Actor, journey_id: int, fmt: str, lang: str,
               table: dict | None = None, round_: int | None = None
               ) -> tuple[bytes, str, str]:
    """``(bytes, file name, media type)`` of the file, from the cache when nothing changed.
    Raises the services' errors (``NotFound``, ``PermissionDenied``) as a page would. A
    report is of round ``round_`` (None: the round shown by default, as on Insight)."""
    scope = insight_scope(store, actor, journey_id)  # authorises view_map, gives the revision
    db = store.engine.url.render_as_string(hide_password=True)
    if fmt in REPORTS:
        from journeymap.report import MIME, build, report_filename

        key = (db, journey_id, scope.revision, scope.key, lang, fmt, round_)

        def make():
            journey = visible_journey(store, actor, journey_id)
            # the frames Insight reads: each answer in its round
            frames = journey_frames(store, actor, journey_id)
            if round_ is not None:
                frames = frames.in_round(round_)
            return (build(journey, fmt, lang, frames=frames),
                    report_filename(journey.title, fmt), MIME[fmt])
    elif fmt == ACTIONS:
        key = (db, journey_id, scope.revision, scope.key, fmt)

        def make():
            rows = [[o["title"], o["owner"], o["due"].isoformat() if o["due"] else "",
                     o["status"], " ".join(p["key"] for p in o["pain_points"]),
                     " | ".join(p["text"] for p in o["pain_points"]), o["version"],
                     o["updated_by"]] for o in list_opportunities(store, actor, journey_id)]
            return (csv_of(["title", "owner", "due", "status", "pain_points",
                            "pain_point_texts", "version", "updated_by"], rows),
                    "actions.csv", "text/csv")
    elif fmt == TABLE:
        spec = table or {}
        key = (db, journey_id, scope.revision, scope.key, lang, fmt,
               json.dumps(spec, sort_keys=True))

        def make():
            return (frame_csv(_table_frame(store, actor, scope, spec, lang)), "table.csv",
                    "text/csv")
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
                                          info["format"], lang, info["table"], info["round"])
    except NotFound:
        return _refusal("report.link.gone", lang, 404)
    except PermissionDenied:
        return _refusal("report.link.denied", lang, 403)
    except JourneymapError as e:
        return PlainTextResponse(describe(e, lang) + "\n", status_code=400)
    if info["format"] == TABLE:  # a table's file is named by the page that links to it
        filename = request.path_params.get("filename") or filename
    headers = {"Content-Disposition": _disposition(filename, info["format"]),
               "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
    return Response(data, media_type=mime, headers=headers)


ROUTES = [Route("/reports/{token}/{filename}", download, methods=["GET"])]
