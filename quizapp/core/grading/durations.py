"""Spans of time written many ways: "fifty years", "half a century", "a year and a half",
"18 months", "a month later"; compared by their length."""

from __future__ import annotations

import math

from quizapp.core.grading.numbers import numbers_in_words
from quizapp.core.grading.text import stem

# Lengths in days; a month is a twelfth of a year, so "12 months" is "a year".
_UNITS = {
    "day": 1.0, "week": 7.0, "fortnight": 14.0, "month": 365.25 / 12, "year": 365.25,
    "decade": 3652.5, "century": 36525.0,
}  # fmt: skip
# Words after a span that leave its length alone: "17 months later", "a month after".
_AFTER = frozenset({"later", "after", "afterwards", "long", "ago"})
_ONE = frozenset({"a", "an", "one"})


def parse_duration(words: list[str]) -> float | None:
    """The length in days of a span of time, or None when the words are not one.

    Args:
        words: Normalised words ("half", "a", "century"); number words are read.

    Returns:
        Days, e.g. 18262.5 for "fifty years" or "half a century".
    """
    words = list(words)
    while words and words[-1] in _AFTER:
        words.pop()
    half = words[-3:] == ["and", "a", "half"]
    if half:
        words = words[:-3]
    factor = 1.0
    if words[:2] in (["half", "a"], ["half", "an"]):
        words, factor = ["a", *words[2:]], 0.5
    if not words or stem(words[-1]) not in _UNITS and words[-1] != "centuries":
        return None
    unit = _UNITS["century" if words[-1] == "centuries" else stem(words[-1])]
    count = words[:-1]
    if count and count[0] in _ONE and len(count) == 1:
        number = 1.0
    elif count:
        digits = numbers_in_words(count)
        if len(digits) != 1 or not digits[0].replace(".", "", 1).isdecimal():
            return None
        number = float(digits[0])
    else:
        return None  # "years" alone says no length
    return (number + (0.5 if half else 0.0)) * factor * unit


def same_duration(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9)
