"""Every cache of what was read is keyed by the database it read.

Journey ids and revision numbers start at 1 in every database, so two databases (two tests,
or one server pointed at another database) hold "journey 1 at revision r" with different
contents. Each page's cache must give each database its own result, never the other's.
"""

from __future__ import annotations

import pytest

from journeymap.services import create_account, import_journey, insight_scope, set_phase
from journeymap.ui import insight, map_data, reveal_data, state


def _two_databases(tmp_path, small_journey):
    """Two SQLite files each holding journey 1 at the same revision: the same map and people,
    but the first step has another title and Sam felt otherwise at "Call support"."""
    out = []
    for name, title, sam in (("a", "Connection drops", -2.5), ("b", "Wi-Fi keeps dying", 1.0)):
        url = f"sqlite:///{tmp_path / (name + '.sqlite')}"
        from journeymap.services import Store
        store = Store.open(url)
        fac = create_account(store, "fran", "a long password", "Fran")
        j = small_journey()
        j.steps[0].title = title
        next(r for r in j.ratings if r.participant == "p2").emotion = sam
        _, jid = import_journey(store, fac, j)
        out.append((url, store, fac, jid, title, sam))
    (_, sa, fa, ja, *_), (_, sb, fb, jb, *_) = out
    scope_a, scope_b = insight_scope(sa, fa, ja), insight_scope(sb, fb, jb)
    assert (ja, scope_a.revision, scope_a.key) == (jb, scope_b.revision, scope_b.key), (
        "the two databases must look alike to the caches for this test to mean anything")
    return out


@pytest.fixture
def databases(tmp_path, small_journey, monkeypatch):
    dbs = _two_databases(tmp_path, small_journey)
    yield dbs, monkeypatch
    state.get_store.clear()
    for _, store, *_ in dbs:
        store.close()


def _use(monkeypatch, url):
    """Point the app's store at ``url`` (as a server started on that database would be)."""
    monkeypatch.setenv("JOURNEYMAP_DATABASE_URL", url)
    state.get_store.clear()
    return state.get_store()


def test_the_insight_frames_of_each_database_are_its_own(databases):
    dbs, _ = databases
    for _url, store, fac, jid, title, sam in dbs:
        scope = insight_scope(store, fac, jid)
        frames = insight.insight(store, fac, scope).full
        assert title in set(frames.steps["title"])
        sams = frames.ratings[(frames.ratings["step"] == "s2")
                              & (frames.ratings["emotion"] == sam)]
        assert len(sams) == 1


def test_the_map_of_each_database_is_its_own(databases):
    dbs, monkeypatch = databases
    for url, _store, fac, jid, title, _sam in dbs:
        store = _use(monkeypatch, url)
        scope = insight_scope(store, fac, jid)
        view = map_data.map_view(store.identity, jid, scope.revision,
                                 map_data.actor_key(fac), "en")
        assert title in [s["title"] for s in view["rows"]["steps"]]


def test_the_reveal_of_each_database_is_its_own(databases):
    dbs, monkeypatch = databases
    for url, _store, fac, jid, title, sam in dbs:
        store = _use(monkeypatch, url)
        set_phase(store, fac, insight_scope(store, fac, jid).workshop_id, "reveal")
    for url, _store, fac, jid, title, sam in dbs:
        store = _use(monkeypatch, url)
        scope = insight_scope(store, fac, jid)
        comp = reveal_data.cached_comparison(jid, scope.revision, scope.key,
                                             fac).set_index("step")
        assert comp.loc["s1", "title"] == title
        # Sam and the anonymous customer (-3) lived "Call support"
        assert comp.loc["s2", "mean_lived"] == pytest.approx((sam - 3) / 2)


def test_two_stores_on_one_database_share_an_identity_and_two_databases_do_not(databases):
    dbs, _ = databases
    from journeymap.services import Store
    (url_a, store_a, *_), (url_b, store_b, *_) = dbs
    again = Store.open(url_a, migrate=False)
    try:
        assert again.identity == store_a.identity != store_b.identity
    finally:
        again.close()
