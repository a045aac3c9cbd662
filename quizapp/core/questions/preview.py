"""A card as its author needs to see it: every field, and each format quizzes ask it in.

Quizzes and exams ask a card in formats beyond its own type (a typed card as multiple choice
with options borrowed from other cards, as a true/false statement with a proposed answer);
the author sees here exactly what a student may be shown.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from quizapp.core.decks.model import Card, Deck
from quizapp.core.questions.card_questions import card_formats, card_question
from quizapp.core.questions.question import FORMAT_NAMES, Format
from quizapp.core.questions.selection import Entry, select_entries

LETTERS = "abcdefgh"


@dataclass(frozen=True)
class AskedAs:
    """One format a card is asked in, as a student sees it, and the right answer."""

    format: Format
    title: str
    shown: str
    answer: str


def card_fields_lines(card: Card) -> list[str]:
    """The fields beyond the question and answer, one line each (none when empty)."""
    lines = [f"id: {card.id}   kind: {card.kind}   type: {card.type}"]
    if card.alternatives:
        lines.append("also accepted: " + "; ".join(card.alternatives))
    if card.wrong:
        lines.append("wrong options: " + "; ".join(card.wrong))
    if card.date:
        lines.append(f"date: {card.date}")
    if card.tolerance:
        lines.append(f"tolerance: ± {card.tolerance}")
    for option, text in card.feedback:
        lines.append(f"feedback on '{option}': {text}")
    if card.tags:
        lines.append("tags: " + ", ".join(card.tags))
    return lines


def asked_as(deck: Deck, card: Card, seed: int = 0) -> list[AskedAs]:
    """Each format quizzes and exams ask the card in, drawn from its own deck (seeded)."""
    pool = select_entries([deck])
    entry = Entry(deck, card)
    found = []
    for fmt in card_formats(entry, pool):
        question = card_question(entry, fmt, pool, random.Random(f"{seed}/{card.id}/{fmt}"))
        if question is None:
            continue
        shown = question.prompt
        if question.options and fmt is not Format.CHRONOLOGY:
            own = set(card.wrong) | {card.answer}
            shown += "\n" + "\n".join(
                f"{LETTERS[i]}) {option}" + ("" if option in own else "   (from another card)")
                for i, option in enumerate(question.options)
            )
        elif question.options:
            shown += "\n" + "\n".join(f"{LETTERS[i]}) {o}" for i, o in enumerate(question.options))
        found.append(AskedAs(fmt, FORMAT_NAMES[fmt], shown, question.answer))
    return found
