"""The deck model: what a loaded deck and its cards hold."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path

FORMAT_VERSION = 1
# A reversed card's sibling is the card with this after its id: ids as written cannot hold
# '~', so no written card can take a sibling's id.
REVERSE_SUFFIX = "~reverse"


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
    reverse: bool = False  # `reverse: true`: the deck also asks it the other way round
    reverse_of: str = ""  # on the sibling the loader adds: the id of the card it reverses
    was: tuple[str, ...] = ()  # ids the card had before, whose progress it takes over

    @property
    def sibling_id(self) -> str | None:
        """The id of the card asking the same thing the other way round, if there is one."""
        if self.reverse_of:
            return self.reverse_of
        return self.id + REVERSE_SUFFIX if self.reverse else None

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

    @property
    def says(self) -> str:
        """What the card itself says beside its answer (its source and explanation): words a
        student may add to an answer given in their own words."""
        return f"{self.source}\n{self.explanation}"


class WorkPassages:
    """The passages that the decks loaded together quote from one work (their shared
    `reference`): the words the work itself says, which a student may use around an answer
    given in their own words as well as the card's own. Read on first use, so that decks whose
    cards are loaded lazily stay so until a question is marked."""

    # The bundled decks quote about 78,000 characters of their article. A work quoted at far
    # greater length (a generated collection of thousands of decks) is not read: the marker
    # would read it all at the first answer marked, in the screen's handler.
    MOST_CHARACTERS = 400_000

    def __init__(self, decks: Sequence[Deck]) -> None:
        self._decks = tuple(decks)

    @cached_property
    def text(self) -> str:
        """The passages, each once; empty when they run past `MOST_CHARACTERS`."""
        passages: dict[str, None] = {}
        length = 0
        for deck in self._decks:
            for card in deck.cards:
                if card.source and card.source not in passages:
                    passages[card.source] = None
                    length += len(card.source) + 1
                    if length > self.MOST_CHARACTERS:
                        return ""
        return "\n".join(passages)


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
    # (old id, card id) for every `was:` of its cards: found without reading the cards.
    renamed: tuple[tuple[str, str], ...] = ()
    # "none": the cards are written from the author's own knowledge and quote no source.
    sources: str = ""
    # Warning codes `quizapp check` does not report for this deck (`lint: {ignore: [...]}`).
    lint_ignore: tuple[str, ...] = ()
    # The work's passages as the decks loaded with this one quote them (`share_works`); not
    # stored with the deck, as it depends on which decks are loaded together.
    work: WorkPassages | None = field(default=None, compare=False, repr=False)

    @cached_property
    def work_says(self) -> str:
        """What the work this deck teaches says, as far as the loaded decks quote it (this
        deck's own passages when it was loaded alone)."""
        return (self.work or WorkPassages([self])).text

    def card(self, card_id: str) -> Card | None:
        """The card with this id, or None."""
        for card in self.cards:
            if card.id == card_id:
                return card
        return None
