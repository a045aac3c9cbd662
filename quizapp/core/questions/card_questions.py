"""Questions about one card, in each format the card supports."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypedDict

from quizapp.core.decks.cloze import cloze_blanks, cloze_filled, cloze_masked
from quizapp.core.decks.model import QuestionType
from quizapp.core.questions.chronology import card_chronology
from quizapp.core.questions.distractors import choice_options
from quizapp.core.questions.question import Format, Question
from quizapp.core.questions.selection import Entry

# Typing is fair for names, dates, numbers and short phrases, not for a sentence of causes.
SHORT_WORDS, SHORT_CHARS = 5, 40
_ASKING = frozenset({QuestionType.TYPED, QuestionType.CHOICE, QuestionType.FLIP})
CLOZE_PROMPT = "Fill the gaps:"


def card_formats(entry: Entry, pool: Sequence[Entry]) -> list[Format]:
    """The formats a card can be asked in, its own type's first.

    Args:
        entry: The card.
        pool: The cards wrong options may be borrowed from.

    Returns:
        Typed (short answers), multiple choice and true/false (when wrong options can be
        found), cloze and chronology (cards of those types); possibly none.
    """
    card = entry.card
    if card.type is QuestionType.CLOZE:
        return [Format.CLOZE]
    if card.type is QuestionType.CHRONOLOGY:
        return [Format.CHRONOLOGY]
    if card.type is QuestionType.TRUE_FALSE:
        return [Format.TRUE_FALSE]
    formats = []
    if card.type is QuestionType.TYPED or _short(card.answer):
        formats.append(Format.TYPED)
    if choice_options(entry, pool, random.Random(0)) is not None:
        formats += [Format.CHOICE, Format.TRUE_FALSE]
    if card.type is QuestionType.CHOICE and Format.CHOICE in formats:
        formats.remove(Format.CHOICE)
        formats.insert(0, Format.CHOICE)
    return formats


class _Common(TypedDict):
    """What every question made from one card carries."""

    entries: tuple[Entry, ...]
    explanation: str
    sources: tuple[str, ...]


def card_question(
    entry: Entry, fmt: Format, pool: Sequence[Entry], rng: random.Random
) -> Question | None:
    """Ask a card in a format; None when the card does not support it.

    Args:
        entry: The card.
        fmt: The format wanted.
        pool: The cards wrong options may be borrowed from.
        rng: The random source (option order, which option a true/false statement shows).

    Returns:
        The question.
    """
    card = entry.card
    common: _Common = {
        "entries": (entry,),
        "explanation": card.explanation,
        "sources": (card.source,) if card.source else (),
    }
    if fmt is Format.CLOZE and card.type is QuestionType.CLOZE:
        blanks = tuple(tuple(b) for b in cloze_blanks(card.text))
        prompt = f"{CLOZE_PROMPT}\n\n{cloze_masked(card.text)}"
        return Question(fmt, prompt, cloze_filled(card.text), blanks=blanks, **common)
    if fmt is Format.CHRONOLOGY and card.type is QuestionType.CHRONOLOGY:
        return card_chronology(entry, rng)
    if fmt is Format.TRUE_FALSE and card.type is QuestionType.TRUE_FALSE:
        truth = card.answer.strip().lower() == "true"
        return Question(fmt, card.question, str(truth), truth=truth, **common)
    if card.type not in _ASKING:
        return None
    if fmt is Format.TYPED and (card.type is QuestionType.TYPED or _short(card.answer)):
        return Question(
            fmt,
            card.question,
            card.answer,
            accepted=card.alternatives,
            wrong=card.wrong,
            date=card.date,
            **common,
        )
    options = choice_options(entry, pool, rng)
    if options is None or fmt not in (Format.CHOICE, Format.TRUE_FALSE):
        return None
    right, wrong = options
    if fmt is Format.CHOICE:
        shown = [right, *wrong]
        rng.shuffle(shown)
        return Question(fmt, card.question, right, options=tuple(shown), **common)
    truth = rng.random() < 0.5
    proposed = right if truth else rng.choice(wrong)
    prompt = f"{card.question}\n\nProposed answer: {proposed}\nIs the proposed answer right?"
    answer = "True" if truth else f"False: the answer is {right}"
    return Question(fmt, prompt, answer, truth=truth, **common)


def _short(answer: str) -> bool:
    return len(answer.split()) <= SHORT_WORDS and len(answer) <= SHORT_CHARS
