"""Dates of year, month or day precision: strict parsing for decks, tolerant for answers."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz.distance import OSA

from quizapp.core.grading.numbers import spoken_years

Precision = Literal["year", "month", "day"]
Match = Literal["right", "near", "wrong"]

# Spelled out rather than calendar.month_name, which follows the process locale.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# Words students wrap around a date: "in 1965", "the 10th of April", "Sunday, 24 September".
_FILLERS = frozenset(
    {"in", "on", "of", "the", "year", "month", "ad", "ce", "monday", "tuesday", "wednesday",
     "thursday", "friday", "saturday", "sunday"}
)  # fmt: skip
# Token shapes (Y: four-digit year, y: two-digit year, n: one or two digits, M: month name)
# and which token is the year, month and day. Numeric dates are read day-first ("10.4.1965")
# unless only the US order makes a date ("4/13/1948"); `date_readings` gives both.
_SHAPES: dict[str, tuple[int, int | None, int | None]] = {
    "Y": (0, None, None),
    "y": (0, None, None),  # '65
    "Yn": (0, 1, None),  # 1965-04
    "nY": (1, 0, None),  # 4/1965
    "ny": (1, 0, None),  # 12/91
    "MY": (1, 0, None),  # April 1965
    "My": (1, 0, None),  # April '65
    "YM": (0, 1, None),  # 1965 April
    "Ynn": (0, 1, 2),  # 1965-04-10
    "nnY": (2, 1, 0),  # 10.4.1965
    "nny": (2, 1, 0),  # 10.4.65
    "nMY": (2, 1, 0),  # 10 April 1965
    "nMy": (2, 1, 0),  # 10 April '65
    "MnY": (2, 0, 1),  # April 10, 1965
    "Mny": (2, 0, 1),  # April 10 '65
    "YMn": (0, 1, 2),  # 1965 April 10
}
_US_ORDER = {"nnY": (2, 0, 1), "nny": (2, 0, 1)}  # 4/13/1948


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    Dates sort chronologically; a less precise date sorts before the more precise dates it
    contains ("1965" < "1965-04" < "1965-04-10").
    """

    # Compared first, so ordering never reaches the None fields (None < 4 is a TypeError).
    _key: tuple[int, int, int] = field(init=False, repr=False)
    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} out of range")
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} out of range 1-12")
        if self.day is not None and self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day {self.day} out of range 1-{last} for {self.iso()[:7]}")
        object.__setattr__(self, "_key", (self.year, self.month or 0, self.day or 0))

    @property
    def precision(self) -> Precision:
        """How precise the date is: "year", "month" or "day"."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def iso(self) -> str:
        """Return the date as "1965", "1965-04" or "1965-04-10"."""
        parts = [f"{self.year:04d}"]
        parts += [f"{n:02d}" for n in (self.month, self.day) if n is not None]
        return "-".join(parts)

    def __str__(self) -> str:
        """Return the date for people: "1965", "April 1965" or "10 April 1965"."""
        if self.month is None:
            return str(self.year)
        text = f"{_MONTHS[self.month - 1]} {self.year}"
        return text if self.day is None else f"{self.day} {text}"


def parse_iso_date(text: str) -> PartialDate:
    """Parse a deck's structured date strictly: YYYY, YYYY-MM or YYYY-MM-DD.

    Args:
        text: The date as written in the deck.

    Returns:
        The date, with the precision the text gives.

    Raises:
        ValueError: If the text is not of those forms or names no real date.
    """
    match = _ISO.fullmatch(text)
    if match is None:
        raise ValueError(f"not a YYYY, YYYY-MM or YYYY-MM-DD date: {text!r}")
    month, day = (int(g) if g else None for g in match.groups()[1:])
    return PartialDate(int(match[1]), month, day)


def month_number(word: str) -> int | None:
    """Month number of a month name, an abbreviation of at least three letters, or a name
    misspelt by one edit (two from seven letters: "Agust", "Septmber"); None otherwise."""
    if len(word) < 3 or not word.isalpha():
        return None
    for number, name in enumerate(_MONTHS, start=1):
        if name.lower().startswith(word):
            return number
    if len(word) < 4:
        return None
    distances = [int(OSA.distance(word, name.lower())) for name in _MONTHS]
    best = min(distances)
    if best > (2 if len(word) >= 7 else 1) or distances.count(best) > 1:
        return None  # "Jule" is as near June as July
    return distances.index(best) + 1


def _century(short: int, pivot: int | None) -> int:
    """The four-digit year of a two-digit one: the nearest to `pivot`, else 1930-2029."""
    if pivot is None:
        return 1900 + short if short >= 30 else 2000 + short
    base = pivot - pivot % 100 + short
    return min((base - 100, base, base + 100), key=lambda year: abs(year - pivot))


def _tokens(text: str) -> tuple[str, list[int]] | None:
    """The shape of a date's tokens and their values, or None if it holds anything else."""
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().lower())
    text = re.sub(r"['’ʼ`´](\d\d)\b", r"y\1", text)  # "April '92"
    shape, values = "", []
    for token in re.findall(r"y\d\d\b|[a-z]+|\d+|[^\sa-z\d]", text):
        if token in _FILLERS or token in {",", ".", "-", "/"}:
            continue
        if token[0] == "y" and token[1:].isdecimal():
            shape += "y"
            values.append(int(token[1:]))
        elif token.isdecimal() and len(token) in (1, 2, 4):
            shape += "Y" if len(token) == 4 else "n"
            values.append(int(token))
        elif (month := month_number(token)) is not None:
            shape += "M"
            values.append(month)
        else:
            return None  # any other word or mark: not a plain date
    # "April 92", "12/91": a number that cannot be a day or a month is a two-digit year.
    if (
        len(shape) > 1
        and shape[-1] == "n"
        and shape[:-1] + "y" in _SHAPES
        and (values[-1] > 31 or shape == "nnn")
    ):
        shape = shape[:-1] + "y"  # the third of three numbers is always the year
    return shape, values


def _build(
    shape: str, values: list[int], order: tuple[int, int | None, int | None], pivot: int | None
) -> PartialDate | None:
    year, month, day = order
    full_year = values[year] if shape[year] == "Y" else _century(values[year], pivot)
    try:
        return PartialDate(
            full_year,
            None if month is None else values[month],
            None if day is None else values[day],
        )
    except ValueError:
        return None


def date_readings(text: str, pivot: int | None = None) -> list[PartialDate]:
    """Every date a student's text can be read as: none, one, or two for a numeric date that
    reads both day-first and in the US order ("4/10/1965"; "10.4.1965" is day-first only).

    Args:
        text: The student's answer.
        pivot: The year a two-digit year ("'92") should fall nearest to; 1930-2029 if None.

    Returns:
        The readings, day-first first.
    """
    if re.search(r"(?i)(teen|twenty)\b", text):  # "nineteen fifty-six"
        spaced = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text.lower())
        pieces = re.findall(r"[a-z]+|\d+[a-z]*|[^a-z\d\s]+", spaced)
        text = " ".join(spoken_years(pieces))
    found = _tokens(text)
    if found is None or found[0] not in _SHAPES:
        return []
    shape, values = found
    readings = [_build(shape, values, _SHAPES[shape], pivot)]
    if shape in _US_ORDER and not re.search(r"\d\.\d", text):  # dots are never US order
        readings.append(_build(shape, values, _US_ORDER[shape], pivot))
    return list(dict.fromkeys(r for r in readings if r is not None))


def parse_date(text: str, pivot: int | None = None) -> PartialDate | None:
    """Parse a student's date tolerantly.

    Accepts "1965", "April 1965", "Apr. 1965", "Agust 1965", "April '65", "1965-04",
    "4/1965", "10 April 1965", "10th of April, 1965", "April 10, 1965", "1965-04-10" and
    numeric dates, day-first ("10.4.1965") unless only the US order makes a date ("4/13/1948").

    Args:
        text: The student's answer.
        pivot: The year a two-digit year should fall nearest to (the card's, when marking).

    Returns:
        The date, or None if the text is not a single real date.
    """
    readings = date_readings(text, pivot)
    return readings[0] if readings else None


def compare_dates(given: PartialDate, card: PartialDate) -> tuple[Match, str]:
    """Compare a student's date with a card's, at the card's precision.

    Near misses: one year off, one month off, the right month but the wrong day, or the
    right year (or month) without the month (or day) the card asks for. Extra precision
    beyond the card's is not checked.

    Args:
        given: The student's date.
        card: The card's date.

    Returns:
        "right", "near" or "wrong", and a note on the miss for the student ("" when right).
    """
    if given.year == card.year and card.month is None:
        return "right", ""
    if given.month is not None and card.month is not None:
        months_off = abs(given.year * 12 + given.month - card.year * 12 - card.month)
        if months_off == 0:
            if card.day is None or given.day == card.day:
                return "right", ""
            return "near", "right month, " + ("day missing" if given.day is None else "wrong day")
        if months_off == 1:
            return "near", "one month off"
    if given.year == card.year:
        if given.month is None:
            return "near", "right year, month missing"
        return "wrong", "right year, but "
    agree = all(
        x is None or y is None or x == y
        for x, y in ((given.month, card.month), (given.day, card.day))
    )
    if abs(given.year - card.year) == 1 and agree:
        return "near", "one year off"
    return "wrong", ""


def refined_by(date: PartialDate, answer: str) -> PartialDate:
    """The card's date, or its answer's where the answer names a more precise date inside it
    ("December 5, 1971" on a card dated 1971-12): the answer says how precise a date is asked,
    so that December 6 is no right answer and December alone no whole one."""
    named = parse_date(answer, date.year)
    if named is None or named.year != date.year or date.month not in (None, named.month):
        return date
    return named if date.day is None else date
