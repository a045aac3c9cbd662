"""Dates as stretches of time: "late December 1949" inside December 1949, "1949" around it.

A student's date is read with the marker's date reader (`dates`), after an optional part
word ("early", "mid", "late", "the end of", "the last days of"), and compared with the card's
date as a span of days: a span inside the card's is right, one around it less precise.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from quizapp.core.grading.dates import (
    Match,
    PartialDate,
    compare_dates,
    date_readings,
    month_number,
)

Part = Literal["early", "mid", "late"]
# Words that name a part of a period, each with the part it names.
_PART_WORDS: dict[str, Part] = {
    "early": "early", "beginning": "early", "start": "early", "first": "early",
    "opening": "early", "mid": "mid", "middle": "mid", "late": "late", "end": "late",
    "last": "late", "closing": "late",
}  # fmt: skip
_PART_FILLERS = frozenset({"in", "the", "at", "towards", "toward", "by", "of", "part"})
_PART_UNITS = frozenset({"days", "weeks", "months", "day", "week", "month"})


@dataclass(frozen=True)
class DateReading:
    """A student's date: its possible readings, the part of it named, if any, and whether
    the year was taken from the card because the student left it out."""

    dates: tuple[PartialDate, ...]
    part: Part | None = None
    year_missing: bool = False


def read_date(text: str, pivot: int | None = None) -> DateReading | None:
    """Read a student's date, with the part of it they name ("late December 1949").

    Args:
        text: The student's answer.
        pivot: The year two-digit years fall nearest to.

    Returns:
        The reading, or None when the text is not a date.
    """
    words = re.findall(r"[^\s-]+", text.strip().lower())
    part: Part | None = None
    i = 0
    while i < len(words) and words[i].strip(",.") in _PART_FILLERS:
        i += 1
    # "the first of April" is a day, "the first days of April" a part of the month.
    unit_follows = i + 1 < len(words) and words[i + 1] in _PART_UNITS
    if (
        i < len(words)
        and words[i] in _PART_WORDS
        and (words[i] not in ("first", "last") or unit_follows)
    ):
        part = _PART_WORDS[words[i]]
        i += 1
        while i < len(words) and words[i] in _PART_UNITS | _PART_FILLERS:
            i += 1
        if i == len(words):
            return None
        text = " ".join(words[i:])
    readings = date_readings(text, pivot)
    if not readings:
        return None
    return DateReading(tuple(readings), part)


def days_of_one_month(text: str, pivot: int | None = None) -> PartialDate | None:
    """The month of a stretch of its days ("3-5 July 1994", "July 3-5, 1994"): a date inside
    the month, as precise as the month; None for anything else."""
    found = read_range(text, None if pivot is None else pivot // 100 * 100)
    if found is None:
        return None
    first, last = found
    if first.day is None or last.day is None or first.day > last.day:
        return None
    same_month = (first.year, first.month) == (last.year, last.month)
    return PartialDate(first.year, first.month) if same_month else None


def span(day: PartialDate, part: Part | None = None) -> tuple[date, date]:
    """The first and last day a date covers, or the third of it that `part` names."""
    if day.month is None:
        first, last = date(day.year, 1, 1), date(day.year, 12, 31)
        months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
        if part is not None:
            low, high = months[part]
            first = date(day.year, low, 1)
            last = date(day.year, high, calendar.monthrange(day.year, high)[1])
        return first, last
    end = calendar.monthrange(day.year, day.month)[1]
    if day.day is not None:
        return date(day.year, day.month, day.day), date(day.year, day.month, day.day)
    days = {"early": (1, 10), "mid": (11, 20), "late": (21, end), None: (1, end)}[part]
    return date(day.year, day.month, days[0]), date(day.year, day.month, days[1])


def overlaps(reading: DateReading, card: PartialDate) -> bool:
    """Whether some reading of the student's date shares a day with the card's date."""
    low, high = span(card)
    return any(
        first <= high and low <= last
        for first, last in (span(d, reading.part) for d in reading.dates)
    )


def _judge_one(given: PartialDate, part: Part | None, card: PartialDate) -> tuple[Match, str]:
    if part is None:
        return compare_dates(given, card)
    (first, last), (low, high) = span(given, part), span(card)
    if low <= first and last <= high:
        return "right", ""
    if first <= low and high <= last:
        return "near", "right period, but less precise than asked"
    return "wrong", ""


_RANK = {"right": 2, "near": 1, "wrong": 0}


def judge_date(reading: DateReading, card: PartialDate) -> tuple[Match, str]:
    """Compare a student's date with the card's.

    Plain dates follow `compare_dates`. A named part is right inside the card's date ("late
    December 1949" for December 1949), a near miss around it ("late 1949" for December 1949)
    and wrong elsewhere. A numeric date read two ways is a near miss when only one reading is
    right, and otherwise marked by its worse reading.

    Args:
        reading: The student's date.
        card: The card's date.

    Returns:
        "right", "near" or "wrong", and a note on the miss for the student.
    """
    results = [_judge_one(d, reading.part, card) for d in reading.dates]
    if len({match for match, _ in results}) == 1:
        return results[0]
    if any(match == "right" for match, _ in results):
        return "near", "the date reads two ways; write the month as a word"
    return min(results, key=lambda result: _RANK[result[0]])


_RANGE_MARK = r"\s*(?:-|–|—|to|until|till)\s*"
_MONTH = r"([a-z]{3,})"
_YEAR = r"['’]?(\d{4}|\d{2})"  # "1994", "'94"
_RANGES = (  # (pattern, which groups are first day, last day, first month, last month, year)
    (re.compile(rf"(\d{{1,2}}){_RANGE_MARK}(\d{{1,2}}) {_MONTH} {_YEAR}"), "d D m Y"),
    (re.compile(rf"{_MONTH} (\d{{1,2}}){_RANGE_MARK}(\d{{1,2}}) {_YEAR}"), "m d D Y"),
    (re.compile(rf"{_MONTH}{_RANGE_MARK}{_MONTH} {_YEAR}"), "m M Y"),
    (re.compile(rf"['’]?(\d{{4}}|\d{{2}}){_RANGE_MARK}['’]?(\d{{4}}|\d{{2}})"), "y Y"),
)


def read_range(text: str, century: int | None = None) -> tuple[PartialDate, PartialDate] | None:
    """A stretch between two dates: "3-5 July, 1994", "3rd to 5th July 1994", "July 3-5,
    1994", "March-April 1954", "from 1992 to 1995", "1979–90"; None for anything else.

    Args:
        text: The text to read.
        century: The century (1900) a first year in two digits falls in ("'63 to '78"); such
            a year is no year without it. A last year in two digits follows the first's.

    Returns:
        The first and the last date, at the precision written.
    """
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().lower())
    text = re.sub(r"(\d) of ([a-z])", r"\1 \2", text)  # "5th of July"
    text = re.sub(r"\s+", " ", re.sub(r"[,.]", " ", text)).strip()
    text = re.sub(r"^(?:from|between) ", "", text).replace(" and ", " to ")
    for pattern, roles in _RANGES:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        parts = dict(zip(roles.split(), match.groups(), strict=True))
        try:
            if "y" in parts:
                return _year_range(parts["y"], parts["Y"], century)
            year = _full_year(parts["Y"], century)
            if year is None:
                return None
            first_month = month_number(parts["m"])
            last_month = month_number(parts.get("M", parts["m"]))
            if first_month is None or last_month is None:
                return None
            first_day, last_day = parts.get("d"), parts.get("D")
            return (
                PartialDate(year, first_month, int(first_day) if first_day else None),
                PartialDate(year, last_month, int(last_day) if last_day else None),
            )
        except ValueError:
            return None
    return None


def _full_year(year: str, century: int | None) -> int | None:
    """A year as written, in four digits; one in two needs the century ("July 3-5, '94")."""
    if len(year) == 4:
        return int(year)
    return None if century is None else century + int(year)


def _year_range(
    first: str, last: str, century: int | None
) -> tuple[PartialDate, PartialDate] | None:
    """Two years, either or both in two digits: "1979-90", "'63 to '78" (given the century)."""
    start = _full_year(first, century)
    if start is None:
        return None
    end = int(last)
    if len(last) == 2:
        end += start - start % 100
        if end < start:
            end += 100  # "1998-02"
    return PartialDate(start), PartialDate(end)


# A question that asks when a period began or ended: "in which year did the period begin?"
_BEGINS = re.compile(r"(?i)\b(?:begin|began|begun|beginning|start|started|starting|opened)\b")
_ENDS = re.compile(r"(?i)\b(?:end|ended|ending|close|closed|finish|finished)\b")


_TWO_DATES = re.compile(r"(?i)\band\b")
_BETWEEN = re.compile(r"(?i)^\s*between\b")


def period_bound(text: str, question: str) -> str | None:
    """The date a period the student gives opens with, when the question asks when it began
    ("1992-1995" for 1992), or closes with, when it asks when it ended; None otherwise, and
    when the question asks both or neither."""
    begins, ends = bool(_BEGINS.search(question)), bool(_ENDS.search(question))
    # "1954 and 1962" names two dates, one of them wrong; "between 1954 and 1962" a period.
    if _TWO_DATES.search(text) and not _BETWEEN.match(text):
        return None
    found = read_range(text)
    if found is None or begins == ends:
        return None
    return (found[0] if begins else found[1]).iso()
