"""What a study session holds of a card: the card, its deck, its state when it was queued."""

from __future__ import annotations

from dataclasses import dataclass

from quizapp.core.decks.model import Card, Deck
from quizapp.core.scheduling.scheduler import CardState


@dataclass(frozen=True)
class StudyItem:
    """A card with the deck it belongs to and its state when it was queued."""

    deck: Deck
    card: Card
    state: CardState
