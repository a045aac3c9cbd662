"""The deck model: what a loaded deck and its cards hold."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

FORMAT_VERSION = 1


class Kind(StrEnum):
    """What a card teaches."""

    DATE = "date"
    ACTOR = "actor"
    CAUSE = "cause"
    EVENT = "event"
    NUMBER = "number"
    CONCEPT = "concept"


class QuestionType(StrEnum):
    """How a card is asked."""

    FLIP = "flip"
    TYPED = "typed"
    CHOICE = "choice"
    TRUE_FALSE = "truefalse"
    CLOZE = "cloze"
    CHRONOLOGY = "chronology"


@dataclass(frozen=True)
class Reference:
    """The work a deck teaches."""

    title: str = ""
    author: str = ""
    year: str = ""
    url: str = ""


@dataclass(frozen=True)
class ChronologyEvent:
    """One event of a chronology card."""

    text: str
    date: str
    source: str = ""


@dataclass(frozen=True)
class Card:
    """One card of a deck, as the deck file defines it."""

    id: str
    kind: Kind
    type: QuestionType
    question: str = ""
    answer: str = ""
    alternatives: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    date: str | None = None
    explanation: str = ""
    source: str = ""
    tags: tuple[str, ...] = ()
    text: str = ""
    events: tuple[ChronologyEvent, ...] = ()
    # Shown after a wrong pick of a choice option: (option, feedback) pairs.
    feedback: tuple[tuple[str, str], ...] = ()
    # A typed number card: answers within this much of the answer are right (as written).
    tolerance: str = ""
    line: int = 0

    def feedback_for(self, option: str) -> str:
        """What to tell a student who picked this option ('' when the deck says nothing)."""
        folded = " ".join(option.casefold().split())
        for key, text in self.feedback:
            if " ".join(key.casefold().split()) == folded:
                return text
        return ""

    @property
    def prompt(self) -> str:
        """The text shown as the question, whatever the type."""
        return self.question or self.text


@dataclass(frozen=True)
class Deck:
    """A loaded deck: its header and its cards, in file order."""

    id: str
    title: str
    path: Path
    cards: tuple[Card, ...]
    description: str = ""
    reference: Reference = field(default_factory=Reference)
    tags: tuple[str, ...] = ()
    format: int = FORMAT_VERSION
    # "none": the cards are written from the author's own knowledge and quote no source.
    sources: str = ""
    # Warning codes `quizapp check` does not report for this deck (`lint: {ignore: [...]}`).
    lint_ignore: tuple[str, ...] = ()

    def card(self, card_id: str) -> Card | None:
        """The card with this id, or None."""
        for card in self.cards:
            if card.id == card_id:
                return card
        return None
