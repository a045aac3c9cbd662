"""Drawing a paper of questions from a selection of cards, reproducibly under a seed."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence

from quizapp.core.decks.model import QuestionType
from quizapp.core.questions.card_questions import card_formats, card_question
from quizapp.core.questions.chronology import generated_chronology
from quizapp.core.questions.matching import actors_matching, dates_matching
from quizapp.core.questions.question import Format, Question
from quizapp.core.questions.selection import Entry

# In a mixed paper, one question in five asks about several cards at once.
MULTI_SHARE = 5
STOP_CHECK_EVERY = 200  # cards between two questions to `stop` while drawing a cram


def build_paper(
    entries: Sequence[Entry],
    count: int,
    rng: random.Random,
    fmt: Format | None = None,
    pool: Sequence[Entry] | None = None,
) -> list[Question]:
    """Draw up to `count` questions, each card asked at most once.

    A mixed paper (no `fmt`) holds chronology and matching questions (one in five, at least
    one from five questions up, when the cards allow) and asks the other cards in the format
    used least so far among those each supports.

    Args:
        entries: The cards to ask about.
        count: How many questions are wanted.
        rng: The random source; the same seed gives the same paper.
        fmt: Ask every question in this format.
        pool: Cards to borrow wrong options from (default: `entries`).

    Returns:
        The questions, fewer than `count` when the cards run out.
    """
    order = list(entries)
    rng.shuffle(order)
    pool = list(pool) if pool is not None else list(entries)
    used: set[tuple[str, str]] = set()
    multi: list[Question] = []
    if fmt is None:
        slots = count // MULTI_SHARE if count >= MULTI_SHARE else 0
        makers = [_chronology, _matching]
        rng.shuffle(makers)
        for i in range(slots):
            if question := _first_of(makers[i % 2 :] + makers[: i % 2], order, used, rng):
                multi.append(_take(question, used))
    elif fmt in (Format.CHRONOLOGY, Format.MATCHING):
        maker = _chronology if fmt is Format.CHRONOLOGY else _matching
        while len(multi) < count and (question := maker(order, used, rng)) is not None:
            multi.append(_take(question, used))
        return multi
    singles = _singles(order, used, count - len(multi), rng, fmt, pool)
    for question in multi:
        singles.insert(rng.randrange(len(singles) + 1), question)
    return singles


Maker = Callable[[list[Entry], set[tuple[str, str]], random.Random], Question | None]


def _first_of(
    makers: Sequence[Maker], order: list[Entry], used: set[tuple[str, str]], rng: random.Random
) -> Question | None:
    for maker in makers:
        if (question := maker(order, used, rng)) is not None:
            return question
    return None


def _take(question: Question, used: set[tuple[str, str]]) -> Question:
    used.update(e.key for e in question.entries)
    return question


def _chronology(
    order: list[Entry], used: set[tuple[str, str]], rng: random.Random
) -> Question | None:
    """A chronology card's events if one is left, else an ordering of dated cards."""
    free = [e for e in order if e.key not in used]
    for entry in free:
        if entry.card.type is QuestionType.CHRONOLOGY:
            return card_question(entry, Format.CHRONOLOGY, free, rng)
    return generated_chronology(free, rng)


def _matching(
    order: list[Entry], used: set[tuple[str, str]], rng: random.Random
) -> Question | None:
    """Actors to what they did, or events to their dates, whichever the cards allow."""
    free = [e for e in order if e.key not in used]
    makers = [actors_matching, dates_matching]
    rng.shuffle(makers)
    for maker in makers:
        if (question := maker(free, rng)) is not None:
            return question
    return None


def _singles(
    order: list[Entry],
    used: set[tuple[str, str]],
    count: int,
    rng: random.Random,
    fmt: Format | None,
    pool: list[Entry],
) -> list[Question]:
    asked: Counter[Format] = Counter()
    questions: list[Question] = []
    for entry in order:
        if len(questions) >= count:
            break
        if entry.key in used:
            continue
        formats = [f for f in card_formats(entry, pool) if fmt is None or f is fmt]
        if not formats:
            continue
        fewest = min(asked[f] for f in formats)
        choice = rng.choice([f for f in formats if asked[f] == fewest])
        question = card_question(entry, choice, pool, rng)
        if question is not None:
            asked[choice] += 1
            questions.append(_take(question, used))
    return questions


class DrawStopped(Exception):
    """Drawing the questions was given up (`stop` said so): nobody waits for them any more."""


def cram_questions(
    entries: Sequence[Entry],
    rng: random.Random,
    pool: Sequence[Entry] | None = None,
    stop: Callable[[], bool] | None = None,
) -> list[Question]:
    """One question per card, in the order given, each in its own type's format if it can be.

    Args:
        entries: The cards, in the order to ask them (weakest first, or shuffled).
        rng: The random source.
        pool: Cards to borrow wrong options from (default: `entries`).
        stop: Asked every few hundred cards (a whole large collection takes seconds);
            when it answers True, DrawStopped is raised.

    Returns:
        The questions; a card no format fits (a long flip answer with nothing to compare
        it with) is left out.
    """
    pool = list(pool) if pool is not None else list(entries)
    questions = []
    for number, entry in enumerate(entries):
        if stop is not None and number % STOP_CHECK_EVERY == 0 and stop():
            raise DrawStopped
        formats = card_formats(entry, pool)
        if formats and (question := card_question(entry, formats[0], pool, rng)):
            questions.append(question)
    return questions
