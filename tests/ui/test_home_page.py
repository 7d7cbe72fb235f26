from streamlit.testing.v1 import AppTest

from journeymap.services import SYSTEM, Store, import_journey

from pathlib import Path

APP = str(Path(__file__).resolve().parents[2] / "journeymap" / "ui" / "app.py")


def test_the_home_page_lists_workshops_and_their_journeys(tmp_path, monkeypatch, small_journey):
    url = f"sqlite:///{tmp_path / 'ui.sqlite'}"
    monkeypatch.setenv("JOURNEYMAP_DATABASE_URL", url)
    store = Store.open(url)
    import_journey(store, SYSTEM, small_journey())
    store.close()
    at = AppTest.from_file(APP, default_timeout=20).run()
    assert not at.exception
    assert [s.value for s in at.subheader] == ["Fix my broadband"]
    assert "Fix my broadband — 5 steps, 3 ratings" in [t.value for t in at.text]
