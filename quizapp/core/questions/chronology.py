"""Chronology questions: order 4 to 6 dated events, from a chronology card or from dated cards."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from quizapp.core.decks.model import QuestionType
from quizapp.core.grading.dates import PartialDate, parse_iso_date
from quizapp.core.grading.responses import LETTERS
from quizapp.core.questions.question import Format, Question
from quizapp.core.questions.selection import Entry

MIN_EVENTS, MAX_EVENTS = 4, 6
GENERATED_PROMPT = (
    "Put these in order, earliest first: each is a question from your cards, ordered by "
    "the date that answers it."
)
# A question that names a year would mislead (or give the order away) among events.
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
_ASKING = frozenset({QuestionType.TYPED, QuestionType.CHOICE, QuestionType.FLIP})


def card_chronology(entry: Entry, rng: random.Random) -> Question:
    """The events of a chronology card, shuffled, to put back in order."""
    card = entry.card
    events = list(card.events)
    return _ordering(
        (entry,),
        [e.text for e in events],
        [parse_iso_date(e.date) for e in events],
        card.question,
        rng,
        explanation=card.explanation,
        sources=tuple(dict.fromkeys(s for s in (card.source, *(e.source for e in events)) if s)),
    )


def dated_entries(pool: Sequence[Entry]) -> list[Entry]:
    """The cards that can stand as events: asked for a date, without a year in the question."""
    return [
        e
        for e in pool
        if e.card.date and e.card.type in _ASKING and not _YEAR.search(e.card.question)
    ]


def in_clear_order(a: PartialDate, b: PartialDate) -> bool:
    """Whether two dates can be told apart: "1965" and "April 1965" cannot."""
    if a.year != b.year:
        return True
    if a.month is None or b.month is None:
        return False
    if a.month != b.month:
        return True
    return a.day is not None and b.day is not None and a.day != b.day


def generated_chronology(
    pool: Sequence[Entry], rng: random.Random, size: int | None = None
) -> Question | None:
    """Order questions of dated cards by their answers; one card per event.

    Args:
        pool: The cards to draw from (only dated ones are used).
        rng: The random source.
        size: How many events (4 to 6); drawn at random when None.

    Returns:
        The question, or None when the pool has too few dates that can be told apart.
    """
    size = size or rng.choice((4, 5))
    candidates = dated_entries(pool)
    rng.shuffle(candidates)
    chosen: list[tuple[Entry, PartialDate]] = []
    for entry in candidates:
        assert entry.card.date is not None
        date = parse_iso_date(entry.card.date)
        if all(in_clear_order(date, other) for _, other in chosen):
            chosen.append((entry, date))
        if len(chosen) == size:
            break
    if len(chosen) < MIN_EVENTS:
        return None
    return _ordering(
        tuple(e for e, _ in chosen),
        [e.card.question for e, _ in chosen],
        [d for _, d in chosen],
        GENERATED_PROMPT,
        rng,
        sources=tuple(dict.fromkeys(e.card.source for e, _ in chosen if e.card.source)),
    )


def _ordering(
    entries: tuple[Entry, ...],
    texts: list[str],
    dates: list[PartialDate],
    prompt: str,
    rng: random.Random,
    explanation: str = "",
    sources: tuple[str, ...] = (),
) -> Question:
    shown = list(range(len(texts)))
    for _ in range(10):  # never show the events already in order
        rng.shuffle(shown)
        if sorted(shown, key=lambda i: dates[i]) != shown:
            break
    ordered = sorted(range(len(shown)), key=lambda position: dates[shown[position]])
    answer = "\n".join(f"{LETTERS[p]}) {texts[shown[p]]} ({dates[shown[p]]})" for p in ordered)
    # One card per event: the entries follow the events in the order shown.
    per_event = entries if len(entries) == 1 else tuple(entries[i] for i in shown)
    return Question(
        format=Format.CHRONOLOGY,
        prompt=prompt,
        answer=answer,
        entries=per_event,
        options=tuple(texts[i] for i in shown),
        key=tuple(ordered),
        explanation=explanation,
        sources=sources,
    )
