"""The checks that guard a value of the model: text cleaned and bounded, an emotion on its
scale, a whole number in its range; each refusal a named error."""

from __future__ import annotations

import math

from .errors import EmptyValue, RatingOutOfRange, TextTooLong, WrongType
from .vocabulary import EMOTION_MAX, EMOTION_MIN


def clean_text(value, field: str, *, required: bool = False, max_len: int = 2000) -> str:
    """Strip a user-given text; refuse non-text, empty-when-required, and overlong values."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise WrongType(field, "text", value)
    value = value.strip()
    if required and not value:
        raise EmptyValue(field)
    if len(value) > max_len:
        raise TextTooLong(field, len(value), max_len)
    return value


def check_emotion(value, field: str = "emotion") -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise WrongType(field, "number", value)
    if not math.isfinite(value) or not EMOTION_MIN <= value <= EMOTION_MAX:
        raise RatingOutOfRange(field, value, EMOTION_MIN, EMOTION_MAX)
    return float(value)


def check_int(value, field: str, low: int, high: int) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise WrongType(field, "whole_number", value)
    if not low <= value <= high:
        raise RatingOutOfRange(field, value, low, high)
    return value
