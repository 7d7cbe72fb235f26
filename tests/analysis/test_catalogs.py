"""The analysis catalogs: same keys and placeholders in both languages, no clash with domain."""

import json
import string
from pathlib import Path

I18N = Path(__file__).resolve().parents[2] / "journeymap" / "i18n"


def load(lang, area):
    return json.loads((I18N / lang / f"{area}.json").read_text(encoding="utf-8"))


def fields(text):
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_italian_and_english_hold_the_same_keys_with_the_same_placeholders():
    en, it = load("en", "analysis"), load("it", "analysis")
    assert set(en) == set(it)
    for key in en:
        assert fields(en[key]) == fields(it[key]), key


def test_no_key_clashes_with_the_domain_catalog():
    for lang in ("en", "it"):
        assert not set(load(lang, "analysis")) & set(load(lang, "domain"))


def test_every_key_the_charts_use_exists():
    import re

    src = "".join(p.read_text() for p in (I18N.parent / "charts").glob("*.py"))
    used = set(re.findall(r'"((?:chart|analysis)\.[a-z_.]+)"', src))
    assert used and used <= set(load("en", "analysis"))
