"""What a study session holds of a card: the card, its deck, its state when it was queued."""

from __future__ import annotations

from typing import Any

from quizapp.core.decks.model import Card, Deck
from quizapp.core.progress.rows import state_from_row, to_ms
from quizapp.core.scheduling.scheduler import CardState, Phase

_PHASES = {str(phase): phase for phase in Phase}


class StudyItem:
    """A card with the deck it belongs to and its state when it was queued.

    A queue of every due card of a large collection builds no card: an item made `at` a place
    in its deck reads its card from the deck only when the card is asked for (the session
    shows it), and its state is built from the store's row when first asked for.
    """

    __slots__ = ("deck", "card_id", "phase", "_state", "_row", "_card", "_place")

    def __init__(self, deck: Deck, card: Card, state: CardState) -> None:
        self.deck = deck
        self.card_id = card.id
        self.phase = state.phase  # the state's, kept at hand: counting a queue reads it
        self._state: CardState | None = state
        self._row: tuple[Any, ...] | None = None
        self._card: Card | None = card
        self._place = -1

    @classmethod
    def at(
        cls,
        deck: Deck,
        place: int,
        card_id: str,
        row: tuple[Any, ...] | None,
        state: CardState | None = None,
    ) -> StudyItem:
        """The card at `place` in its deck's file order, read when first asked for, with its
        state, or its state's row (STATE_COLUMNS) to build it from when asked for (neither:
        never studied)."""
        item = cls.__new__(cls)
        item.deck, item.card_id, item._place, item._card = deck, card_id, place, None
        if row is None:
            item._state, item._row = state or CardState(), None
            item.phase = item._state.phase
        else:
            item._state, item._row, item.phase = None, row, _PHASES[row[0]]
        return item

    @property
    def state(self) -> CardState:
        if self._state is None:
            assert self._row is not None
            self._state = state_from_row(self._row)
        return self._state

    def due_ms(self, otherwise: int) -> int:
        """The state's due time in milliseconds (`otherwise` if none), without building it."""
        due = self._row[4] if self._row is not None else None
        if due is None and self._row is None and self.state.due is not None:
            due = to_ms(self.state.due)
        return otherwise if due is None else int(due)

    @property
    def card(self) -> Card:
        if self._card is None:
            self._card = self.deck.cards[self._place]
        return self._card

    def _key(self) -> tuple[str, str, CardState]:
        return self.deck.id, self.card_id, self.state

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StudyItem):
            return NotImplemented
        same_deck = self.deck is other.deck or self.deck == other.deck
        return self is other or (self._key() == other._key() and same_deck)

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"StudyItem({self.deck.id!r}, {self.card_id!r}, {self.state!r})"
