"""The questions of a class round: multiple choice, drawn from decks, kept as JSON in the
round file so that every student's process reads the same paper."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from quizapp.core.decks.model import Deck
from quizapp.core.questions.paper import build_paper
from quizapp.core.questions.question import Format, Question
from quizapp.core.questions.selection import select_entries

# Option letters, as the exam CSV and the item analysis read them.
LETTERS = "ABCDEFGHIJ"


class NoQuestionsError(ValueError):
    """The decks chosen give no multiple-choice question."""


@dataclass(frozen=True)
class RoundQuestion:
    """One question as a round asks it: its options, which is right, and what the class
    report needs (cards, kinds, tags, sources)."""

    number: int
    prompt: str
    options: tuple[str, ...]
    right: int  # the index of the right option
    cards: tuple[str, ...]  # "deck/card"
    kinds: tuple[str, ...]
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    explanation: str = ""

    @property
    def answer(self) -> str:
        return self.options[self.right]

    def letter(self, index: int) -> str:
        return LETTERS[index]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> RoundQuestion:
        data = json.loads(text)
        for key in ("options", "cards", "kinds", "tags", "sources"):
            data[key] = tuple(data[key])
        return cls(**data)


def round_question(number: int, question: Question) -> RoundQuestion:
    """A drawn multiple-choice question as the round keeps it."""
    return RoundQuestion(
        number=number,
        prompt=question.prompt,
        options=question.options,
        right=question.options.index(question.answer),
        cards=tuple(f"{d}/{c}" for d, c in (e.key for e in question.entries)),
        kinds=question.kinds,
        tags=question.tags,
        sources=question.sources,
        explanation=question.explanation,
    )


def draw_round(decks: Sequence[Deck], count: int, seed: int | None) -> list[RoundQuestion]:
    """Up to `count` multiple-choice questions from the decks, each card asked once; the same
    seed draws the same round.

    Raises:
        NoQuestionsError: no card of these decks can be asked as multiple choice.
    """
    entries = select_entries(decks)
    drawn = build_paper(entries, count, random.Random(seed), Format.CHOICE)
    questions = [q for q in drawn if q.format is Format.CHOICE and q.answer in q.options]
    if not questions:
        names = ", ".join(d.id for d in decks) or "no deck"
        raise NoQuestionsError(f"no multiple-choice question can be drawn from {names}")
    return [round_question(n, q) for n, q in enumerate(questions, start=1)]
