"""Domain errors in the user's language.

Every error raised by the domain and the services carries a catalog ``key`` and the
``values`` its message is made of (see :mod:`journeymap.domain.errors`). :func:`describe`
says it in Italian or English, with the field named in the user's words — pure, no Streamlit:

>>> from journeymap.domain.errors import EmptyValue, TextTooLong
>>> describe(EmptyValue("title"), "it")
'Titolo: non può essere vuoto'
>>> describe(TextTooLong("comment", 5000, 2000), "it")
'Commento: è lungo 5000 caratteri, al massimo 2000'
>>> describe(TextTooLong("comment", 5000, 2000), "en")
'Comment: is 5000 characters long; at most 2000'
>>> describe(EmptyValue("due"), "it-IT")
'Scadenza: non può essere vuoto'

An error without a key (a file-import message, or any other exception) comes back as its own
English text, with its field in front when it has one.
"""

from __future__ import annotations

from typing import Any

from journeymap.domain.errors import ImportRefused, JourneymapError

from . import LANGUAGES, catalog, pick_language, t

#: a field whose values are choices from the catalog -> the prefix of their labels
_CHOICE_PREFIX = {
    "lane": "lane", "role": "role", "perspective": "perspective", "success": "success",
    "pillar": "pillar", "phase": "phase", "evidence": "evidence", "emotion_word": "word",
    "language": "error.language", "kind": "error.noun", "target": "error.noun",
}
#: ``status`` is three different things; the choices offered tell which
_STATUS_PREFIX = (({"open", "in_progress", "done"}, "opportunity"),
                  ({"pending", "accepted", "declined"}, "proposal"),
                  ({"current", "future"}, "status"))


def describe(err: BaseException, lang: str) -> str:
    """The message of ``err`` in ``lang`` (``"it"`` or ``"en"``), as plain text.

    A field is named first, as the user sees it ("Titolo: …"); a message without a field
    starts with a capital letter. A browser locale such as ``it-IT`` will do for ``lang``."""
    if lang not in LANGUAGES:
        lang = pick_language(lang)
    field = getattr(err, "field", None)
    key = getattr(err, "key", None) if isinstance(err, JourneymapError) else None
    if key is None or key not in catalog(lang):
        text = err.message if isinstance(err, JourneymapError) else str(err)
        return f"{field}: {text}" if field else text
    values = {name: _render(name, v, err, lang) for name, v in err.values.items()}
    text = t(key, lang, **values) if values else t(key, lang)
    if isinstance(err, ImportRefused):
        text += "\n" + "\n".join(f"  {p}" for p in err.problems)
    if field:
        return t("error.in_field", lang, field=field_label(field, lang), message=text)
    return text[:1].upper() + text[1:]


def field_label(field: str, lang: str) -> str:
    """A field's name in the user's words (``due`` -> "Scadenza"); an unknown one as is."""
    return catalog(lang).get(f"error.field.{field}", field)


def _render(name: str, value: Any, err: JourneymapError, lang: str) -> str:
    """One value as the message shows it: phases, roles, actions and choices in the user's
    words; what the user typed, ids and numbers as they are."""
    if name == "phase":
        return _label("phase", value, lang)
    if name == "open_in":
        return ", ".join(_label("phase", p, lang) for p in value)
    if name == "role":
        return _label("role", value, lang).lower()
    if name == "action":
        return _label("error.action", value, lang)
    if name == "got":
        return t(f"error.got.{err.values.get('got_kind', 'type')}", lang, got=value)
    if name == "choices":
        prefix = _choice_prefix(getattr(err, "field", None), value)
        return ", ".join(_label(prefix, c, lang) if prefix else str(c) for c in value)
    return str(value)


def _choice_prefix(field: str | None, choices) -> str | None:
    if field == "status":
        offered = set(choices)
        return next((p for values, p in _STATUS_PREFIX if offered <= values), None)
    return _CHOICE_PREFIX.get(field or "")


def _label(prefix: str, value: Any, lang: str) -> str:
    return catalog(lang).get(f"{prefix}.{getattr(value, 'value', value)}", str(value))
