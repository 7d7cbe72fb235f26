"""Every message exists in both languages, with the same placeholders, and every key the code
asks for is in the catalogs."""

import re
import string
from pathlib import Path

import pytest

from journeymap.i18n import LANGUAGES, catalog, pick_language, t

ROOT = Path(__file__).resolve().parents[2] / "journeymap"
KEY_CALL = re.compile(r"""\b(?:tr|t|_t|label)\(\s*["']([a-z_]+(?:\.[\w\-]+)+)["']""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_italian_and_english_hold_the_same_keys():
    it, en = catalog("it"), catalog("en")
    assert sorted(set(en) - set(it)) == [], "missing in it"
    assert sorted(set(it) - set(en)) == [], "missing in en"


@pytest.mark.parametrize("key", sorted(catalog("en")))
def test_each_message_has_the_same_placeholders_in_both_languages(key):
    assert placeholders(catalog("it")[key]) == placeholders(catalog("en")[key])


def test_no_message_is_left_empty():
    for lang in LANGUAGES:
        assert [k for k, v in catalog(lang).items() if not v.strip()] == []


def test_every_literal_key_the_code_asks_for_exists():
    missing = []
    for path in ROOT.rglob("*.py"):
        for key in KEY_CALL.findall(path.read_text(encoding="utf-8")):
            if key not in catalog("en"):
                missing.append(f"{path.relative_to(ROOT)}: {key}")
    assert missing == []


def test_the_browser_language_picks_italian_or_falls_back_to_english():
    assert pick_language("it-IT") == "it"
    assert pick_language("en-US") == "en"
    assert pick_language("de-DE") == "en"
    assert pick_language(None) == "en"


def test_placeholders_are_filled():
    assert t("nav.signed_in_as", "it", name="Ada", role="Cliente") == "Accesso come Ada (Cliente)"
