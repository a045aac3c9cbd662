"""Matching questions: actors to what they did, events to their dates; one card per pair."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from quizapp.core.decks.model import Kind, QuestionType
from quizapp.core.grading.dates import parse_iso_date
from quizapp.core.grading.responses import LETTERS
from quizapp.core.grading.text import normalize
from quizapp.core.questions.chronology import dated_entries
from quizapp.core.questions.distractors import clash
from quizapp.core.questions.question import Format, Question
from quizapp.core.questions.selection import Entry

MIN_PAIRS, MAX_PAIRS = 4, 5
ACTORS_PROMPT = "Who is who? Match each question (numbers) to its answer (letters)."
DATES_PROMPT = "When was it? Match each question (numbers) to its date (letters)."
_ASKING = frozenset({QuestionType.TYPED, QuestionType.CHOICE, QuestionType.FLIP})
_SHORT_ANSWER_WORDS = 6
_ITEM_WIDTH = 70


def actor_entries(pool: Sequence[Entry]) -> list[Entry]:
    """Actor cards with a short answer: a name, an office or a body."""
    return [
        e
        for e in pool
        if e.card.kind is Kind.ACTOR
        and e.card.type in _ASKING
        and len(e.card.answer.split()) <= _SHORT_ANSWER_WORDS
    ]


def actors_matching(
    pool: Sequence[Entry], rng: random.Random, size: int = MIN_PAIRS
) -> Question | None:
    """Match actor cards' questions to their answers; None when too few fit together."""
    return _matching(actor_entries(pool), lambda e: e.card.answer, ACTORS_PROMPT, rng, size)


def dates_matching(
    pool: Sequence[Entry], rng: random.Random, size: int = MIN_PAIRS
) -> Question | None:
    """Match dated cards' questions to their dates; None when too few distinct dates."""
    return _matching(
        dated_entries(pool),
        lambda e: str(parse_iso_date(e.card.date or "")),
        DATES_PROMPT,
        rng,
        size,
    )


def _matching(
    candidates: list[Entry],
    option_of: Callable[[Entry], str],
    prompt: str,
    rng: random.Random,
    size: int,
) -> Question | None:
    rng.shuffle(candidates)
    chosen: list[tuple[Entry, str]] = []
    for entry in candidates:
        option = option_of(entry)
        if _fits(entry, option, chosen):
            chosen.append((entry, option))
        if len(chosen) == size:
            break
    if len(chosen) < MIN_PAIRS:
        return None
    options = [option for _, option in chosen]
    rng.shuffle(options)
    key = tuple(options.index(option) for _, option in chosen)
    lines = [
        f"{i + 1}{LETTERS[key[i]]}: {_short(e.card.question)} → {option}"
        for i, (e, option) in enumerate(chosen)
    ]
    return Question(
        format=Format.MATCHING,
        prompt=prompt,
        answer="\n".join(lines),
        entries=tuple(e for e, _ in chosen),
        options=tuple(options),
        items=tuple(e.card.question for e, _ in chosen),
        key=key,
        sources=tuple(dict.fromkeys(e.card.source for e, _ in chosen if e.card.source)),
    )


def _fits(entry: Entry, option: str, chosen: list[tuple[Entry, str]]) -> bool:
    """A pair fits when its answer cannot be mistaken for another's and no question names
    another pair's answer (which would give it away or make two answers fit)."""
    accepted = (entry.card.answer, *entry.card.alternatives)
    question = f" {normalize(entry.card.question)} "
    for other, other_option in chosen:
        other_accepted = (other.card.answer, *other.card.alternatives)
        if any(clash(a, b) for a in accepted for b in other_accepted) or clash(
            option, other_option
        ):
            return False
        other_question = f" {normalize(other.card.question)} "
        if any(f" {normalize(a)} " in question for a in other_accepted):
            return False
        if any(f" {normalize(a)} " in other_question for a in accepted):
            return False
        if normalize(entry.card.question) == normalize(other.card.question):
            return False
    return True


def _short(text: str) -> str:
    return text if len(text) <= _ITEM_WIDTH else text[: _ITEM_WIDTH - 1].rstrip() + "…"
