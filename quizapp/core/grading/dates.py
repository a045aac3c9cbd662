"""Dates of year, month or day precision: strict parsing for decks, tolerant for answers."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["year", "month", "day"]
Match = Literal["right", "near", "wrong"]

# Spelled out rather than calendar.month_name, which follows the process locale.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# Words students wrap around a date: "in 1965", "the 10th of April".
_FILLERS = frozenset({"in", "on", "of", "the", "year", "ad", "ce"})
# Token shapes (Y: four-digit year, n: one or two digits, M: month name) and which
# token is the year, month and day. Numeric dates are day-first ("10.4.1965").
_SHAPES: dict[str, tuple[int, int | None, int | None]] = {
    "Y": (0, None, None),
    "Yn": (0, 1, None),  # 1965-04
    "nY": (1, 0, None),  # 4/1965
    "MY": (1, 0, None),  # April 1965
    "YM": (0, 1, None),  # 1965 April
    "Ynn": (0, 1, 2),  # 1965-04-10
    "nnY": (2, 1, 0),  # 10.4.1965
    "nMY": (2, 1, 0),  # 10 April 1965
    "MnY": (2, 0, 1),  # April 10, 1965
    "YMn": (0, 1, 2),  # 1965 April 10
}


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


def _month_number(word: str) -> int | None:
    """Month number of a month name or abbreviation of at least three letters."""
    if len(word) < 3:
        return None
    for number, name in enumerate(_MONTHS, start=1):
        if name.lower().startswith(word):
            return number
    return None


def parse_date(text: str) -> PartialDate | None:
    """Parse a student's date tolerantly.

    Accepts "1965", "April 1965", "Apr. 1965", "1965-04", "4/1965", "10 April 1965",
    "10th of April, 1965", "April 10, 1965", "1965-04-10" and day-first "10.4.1965".

    Args:
        text: The student's answer.

    Returns:
        The date, or None if the text is not a single real date.
    """
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().lower())
    shape, values = "", []
    for token in re.findall(r"[a-z]+|\d+|[^\sa-z\d]", text):
        if token in _FILLERS or token in {",", ".", "-", "/"}:
            continue
        if token.isdecimal() and len(token) in (1, 2, 4):
            shape += "Y" if len(token) == 4 else "n"
            values.append(int(token))
        elif (month := _month_number(token)) is not None:
            shape += "M"
            values.append(month)
        else:
            return None  # any other word or mark: not a plain date
    if shape not in _SHAPES:
        return None
    year, month, day = _SHAPES[shape]
    try:
        return PartialDate(
            values[year],
            None if month is None else values[month],
            None if day is None else values[day],
        )
    except ValueError:
        return None


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
