"""`check` and `import` say, per file, what a file held that journeymap did not keep."""

from pathlib import Path

import pytest

from journeymap.cli import main

REAL = Path(__file__).resolve().parents[1] / "interchange" / "fixtures" / "real"


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("JOURNEYMAP_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")


def test_check_lists_each_files_left_out_items_under_its_own_name(tmp_path, capsys):
    plain = tmp_path / "plain.mmd"
    plain.write_text("journey\n title T\n section S\n  Go: 4: Ada\n", encoding="utf-8")
    styled = REAL / "mermaid-cypress-title-styling.mmd"
    assert main(["check", "--lang", "en", str(plain), str(styled)]) == 0
    out = capsys.readouterr().out.splitlines()
    first = out.index(next(x for x in out if x.startswith(f"{styled}: ok")))
    assert not any("left out" in x for x in out[:first])  # the plain file lost nothing
    assert out[first + 1:first + 4] == [
        "  left out (2) — in the file, not kept by journeymap:",
        "    - line 1: the front matter's config (how mermaid draws the diagram) is not kept",
        "    - line 21: score '2rem' is not a number from 1 to 5: the task is kept without "
        "a rating"]


def test_import_prints_the_same_list_in_italian_when_asked(db, capsys):
    styled = REAL / "mermaid-cypress-title-styling.mmd"
    assert main(["import", "--lang", "it", str(styled)]) == 0
    out = capsys.readouterr().out
    assert "  esclusi (2) — nel file, non conservati da journeymap:\n" in out
    assert "    - riga 21: il punteggio '2rem' non è un numero da 1 a 5: il task è " \
           "conservato senza valutazione\n" in out


def test_the_language_of_the_notes_follows_lang_when_no_option_is_given(tmp_path, capsys,
                                                                        monkeypatch):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "it_IT.UTF-8")
    assert main(["check", str(REAL / "mermaid-cypress-title-styling.mmd")]) == 0
    assert "esclusi (2)" in capsys.readouterr().out
