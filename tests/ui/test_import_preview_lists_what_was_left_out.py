"""The app's import preview: what a file held and journeymap will not keep, in the user's
language, before anything is written; a survey's scale can be corrected there."""

from pathlib import Path

from journeymap.services import list_journeys

FIXTURES = Path(__file__).resolve().parents[1] / "interchange" / "fixtures"


def upload(at, path: Path, mime: str = "text/plain"):
    at.file_uploader(key="imp_file").set_value((path.name, path.read_bytes(), mime)).run()
    return at


def test_the_preview_lists_what_a_mermaid_file_loses_before_anything_is_written(ui):
    at = ui.app("facilitator", "workshops.py")
    upload(at, FIXTURES / "real" / "mermaid-cypress-title-styling.mmd")
    text = ui.texts(at)
    assert "In the file but not kept by journeymap (2):" in text
    assert "• line 1: the front matter's config (how mermaid draws the diagram) is not " \
           "kept\n• line 21: score '2rem' is not a number from 1 to 5: the task is kept " \
           "without a rating" in text
    assert len(list_journeys(ui.store, ui.facilitator, ui.workshop_id)) == 1


def test_the_preview_speaks_italian_to_an_italian_facilitator(ui):
    at = ui.app("facilitator", "workshops.py", lang="it")
    upload(at, FIXTURES / "real" / "mermaid-cypress-title-styling.mmd")
    text = ui.texts(at)
    assert "Nel file ma non conservati da journeymap (2):" in text
    assert "• riga 21: il punteggio '2rem' non è un numero da 1 a 5: il task è conservato " \
           "senza valutazione" in text


def test_a_surveys_detected_scale_can_be_corrected_in_the_preview(ui):
    at = ui.app("facilitator", "workshops.py")
    upload(at, FIXTURES / "survey" / "italian-semicolons-1-to-7.csv", "text/csv")
    assert "scale 1..7 detected from the scores" in ui.texts(at)
    at.selectbox(key="imp_scale").set_value("0..10").run()
    text = ui.texts(at)
    assert "scale 0..10 as stated; scores rescaled to -3..+3 as -3+(x-0)*6/10" in text
