"""Wrong options for a card: its own list first, then other cards of the same kind and era.

An option is never the answer, one of its alternatives, a misspelling of either, a part of
either ("Kozyrev" beside "Andrei Kozyrev"), or the same date written another way.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from functools import lru_cache

from quizapp.core.decks.model import Kind, QuestionType
from quizapp.core.grading.dates import PartialDate, parse_date, parse_iso_date
from quizapp.core.grading.text import compact, normalize, spelling_distance
from quizapp.core.questions.selection import Entry

WRONG_OPTIONS = 3
_DECADE = re.compile(r"(\d{3})0s")
# Cards whose `answer` is a phrase that can stand as another card's wrong option.
_ANSWERING = frozenset({QuestionType.TYPED, QuestionType.CHOICE, QuestionType.FLIP})
# Month offsets tried, nearest first, for a date nothing else offers a neighbour to.
_NEAR_MONTHS = (1, -1, 12, -12, 2, -2, 24, -24, 3, -3, 36, -36, 60, -60)
_NEAR_DAYS = (1, -1, 7, -7, 2, -2, 14, -14, 3, -3)


@lru_cache(maxsize=1 << 16)
def clash(a: str, b: str) -> bool:
    """Whether two options could be taken for one another, so both cannot be offered.

    Remembered: a cram of a large collection compares the same answers many times over.
    """
    na, nb = normalize(a), normalize(b)
    if not na or not nb or na == nb or compact(a) == compact(b):
        return True
    if spelling_distance(na, nb) is not None:
        return True
    # Every word of the shorter one is in the longer, maybe misspelt: "Yelstin", "Boris Yeltsin".
    short, long = sorted((na.split(), nb.split()), key=len)
    if all(any(spelling_distance(w, v) is not None for v in long) for w in short):
        return True
    da, db = parse_date(a), parse_date(b)
    return da is not None and da == db


def era(entry: Entry) -> set[str]:
    """The decades a card belongs to, from its decade tags and its date."""
    decades = {m.group(1) for t in entry.card.tags if (m := _DECADE.fullmatch(t))}
    if entry.card.date:
        decades.add(entry.card.date[:3])
    return decades


def choice_options(
    entry: Entry, pool: Sequence[Entry], rng: random.Random, count: int = WRONG_OPTIONS
) -> tuple[str, list[str]] | None:
    """The right option's text and up to `count` wrong ones for a card.

    Args:
        entry: The card asked.
        pool: The cards to borrow wrong options from (same kind and era preferred).
        rng: The random source, for reproducible draws.
        count: How many wrong options are wanted.

    Returns:
        The right option and the wrong ones, or None when fewer than two can be found. A
        dated card whose own list falls short is offered dates near its own, every option
        (the right one included) written the same way.
    """
    card = entry.card
    accepted = [card.answer, *card.alternatives]
    wrong = _fresh(list(card.wrong), accepted, [])
    rng.shuffle(wrong)
    right = card.answer
    if len(wrong) < count and card.date:
        right, wrong = _date_options(entry, pool, rng, count)
    elif len(wrong) < count:
        wrong += _borrowed(entry, pool, rng, count - len(wrong), accepted, wrong)
    wrong = wrong[:count]
    return (right, wrong) if len(wrong) >= 2 else None


def _fresh(candidates: Sequence[str], accepted: Sequence[str], taken: Sequence[str]) -> list[str]:
    """The candidates that clash with no accepted answer, no option taken and each other."""
    kept: list[str] = []
    for option in candidates:
        if not any(clash(option, other) for other in (*accepted, *taken, *kept)):
            kept.append(option)
    return kept


def _borrowed(
    entry: Entry,
    pool: Sequence[Entry],
    rng: random.Random,
    count: int,
    accepted: Sequence[str],
    taken: Sequence[str],
) -> list[str]:
    """Answers of other cards of the same kind, the same era first, then the same deck.

    Causes and concepts lend nothing: another card's reason for the same turn of events is
    often a fair answer too, so those cards use only their own `wrong` list.
    """
    card, decades = entry.card, era(entry)
    if card.kind in (Kind.CAUSE, Kind.CONCEPT):
        return []
    others = [
        e
        for e in pool
        if e.card.kind is card.kind and e.card.type in _ANSWERING and e.key != entry.key
    ]
    rng.shuffle(others)
    # Similar length too, so the right answer does not stand out as the long one.
    others.sort(
        key=lambda e: (
            not (era(e) & decades),
            abs(len(e.card.answer) - len(card.answer)) > max(15, len(card.answer) // 2),
            e.deck.id != entry.deck.id,
        )
    )
    chosen: list[str] = []
    for other in others:
        # A card with the same answer (Kozyrev asked twice) lends nothing: its alternatives
        # are right here too.
        if any(
            clash(a, b) for a in (other.card.answer, *other.card.alternatives) for b in accepted
        ):
            continue
        chosen += _fresh([other.card.answer], [*accepted, *taken], chosen)
        if len(chosen) == count:
            break
    return chosen


def _date_options(
    entry: Entry, pool: Sequence[Entry], rng: random.Random, count: int
) -> tuple[str, list[str]]:
    """Dates near the card's: its own wrong dates, other cards' dates, then neighbours."""
    assert entry.card.date is not None
    date = parse_iso_date(entry.card.date)
    own = [d for w in entry.card.wrong if (d := parse_date(w)) is not None]
    others = [parse_iso_date(e.card.date) for e in pool if e.card.date and e.key != entry.key]
    nearby = sorted({_at_precision(d, date) for d in others}, key=lambda d: _distance(d, date))
    candidates = [str(d) for d in own if _at_precision(d, date) != date]
    rng.shuffle(candidates)
    close = [d for d in nearby if d != date and _distance(d, date) <= 36 * 31]
    candidates += [str(d) for d in close[: count * 2]]
    candidates += [str(d) for d in _neighbours(date)]
    wrong = _fresh(candidates, [str(date)], [])[: count + 2]
    rng.shuffle(wrong)
    return str(date), wrong[:count]


def _at_precision(other: PartialDate, date: PartialDate) -> PartialDate:
    """`other` cut or padded to `date`'s precision, so options read alike."""
    month = None if date.month is None else other.month or date.month
    day = None if date.day is None or month is None else other.day or date.day
    try:
        return PartialDate(other.year, month, day)
    except ValueError:  # 31 April: fall back to the first of the month
        return PartialDate(other.year, month, 1 if day else None)


def _distance(a: PartialDate, b: PartialDate) -> int:
    """Rough distance in days, enough to sort dates by nearness."""
    return abs(
        (a.year - b.year) * 372
        + ((a.month or 1) - (b.month or 1)) * 31
        + (a.day or 1)
        - (b.day or 1)
    )


def _neighbours(date: PartialDate) -> list[PartialDate]:
    """Dates one step, then a few steps, away at the date's own precision."""
    # Years outside 1-9999 are no dates: near the ends of the calendar they are skipped.
    if date.month is None:
        years = (date.year + d for d in (1, -1, 2, -2, 3, -3, 5, -5))
        return [PartialDate(year) for year in years if 1 <= year <= 9999]
    found = []
    if date.day is not None:
        for d in _NEAR_DAYS:
            try:
                found.append(PartialDate(date.year, date.month, date.day + d))
            except ValueError:
                continue
    for offset in _NEAR_MONTHS:
        index = date.year * 12 + date.month - 1 + offset
        if 1 <= index // 12 <= 9999:
            found.append(_at_precision(PartialDate(index // 12, index % 12 + 1), date))
    return found
