"""How a card is put to the student in a study session, whatever its type.

The study screen knows three ways of asking: flip (reveal, then self-grade), typed and
multiple choice. Cards of the other types are mapped onto these: a true/false statement is a
two-option choice, a cloze passage or a chronology set is shown and revealed like a flip card.
Quiz and exam modes ask those types interactively.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from quizapp.core.decks.cloze import cloze_filled, cloze_masked
from quizapp.core.decks.model import Card, QuestionType
from quizapp.core.grading.dates import parse_iso_date

LETTERS = "abcdefgh"
MAX_WRONG_OPTIONS = 3


class AskMode(StrEnum):
    FLIP = "flip"
    TYPED = "typed"
    CHOICE = "choice"


@dataclass(frozen=True)
class Prompt:
    """What the study screen shows for a card and what counts as its answer."""

    mode: AskMode
    text: str
    answer: str
    options: tuple[str, ...] = ()

    def letter_of(self, option: str) -> str:
        return LETTERS[self.options.index(option)]


def study_prompt(card: Card, seed: str) -> Prompt:
    """The prompt for `card`; option order is fixed by `seed` so a redraw shows the same."""
    rng = random.Random(seed)
    if card.type is QuestionType.TYPED:
        return Prompt(AskMode.TYPED, card.question, card.answer)
    if card.type is QuestionType.CHOICE:
        wrong = list(dict.fromkeys(card.wrong))
        rng.shuffle(wrong)
        options = [card.answer, *wrong[:MAX_WRONG_OPTIONS]]
        rng.shuffle(options)
        return Prompt(AskMode.CHOICE, card.question, card.answer, tuple(options))
    if card.type is QuestionType.TRUE_FALSE:
        answer = "True" if card.answer.strip().lower() == "true" else "False"
        return Prompt(AskMode.CHOICE, f"True or false? {card.question}", answer, ("True", "False"))
    if card.type is QuestionType.CLOZE:
        text = f"Fill the gaps:\n\n{cloze_masked(card.text)}"
        return Prompt(AskMode.FLIP, text, cloze_filled(card.text))
    if card.type is QuestionType.CHRONOLOGY:
        shuffled = list(card.events)
        rng.shuffle(shuffled)
        listed = "\n".join(f"{LETTERS[i]}) {e.text}" for i, e in enumerate(shuffled))
        ordered = sorted(card.events, key=lambda e: e.date)
        answer = "\n".join(
            f"{LETTERS[shuffled.index(e)]}) {e.text} ({parse_iso_date(e.date)})" for e in ordered
        )
        return Prompt(AskMode.FLIP, f"{card.question}\n\n{listed}", answer)
    return Prompt(AskMode.FLIP, card.question, card.answer)
