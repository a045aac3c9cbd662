"""Which cards a quiz, exam or cram session draws from: decks narrowed by kind and tag."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quizapp.core.decks.model import Card, Deck, Kind


@dataclass(frozen=True)
class Entry:
    """A card with the deck it belongs to."""

    deck: Deck
    card: Card

    @property
    def key(self) -> tuple[str, str]:
        """(deck id, card id): how the progress store names the card."""
        return self.deck.id, self.card.id

    @property
    def tags(self) -> tuple[str, ...]:
        """The card's own tags, then the deck's (which apply to every card)."""
        return tuple(dict.fromkeys((*self.card.tags, *self.deck.tags)))


def select_entries(
    decks: Sequence[Deck], kinds: Sequence[str] = (), tags: Sequence[str] = ()
) -> list[Entry]:
    """The cards of these decks, in deck order, of any of `kinds` and carrying any of `tags`.

    Args:
        decks: The decks to draw from.
        kinds: Card kinds to keep (all when empty).
        tags: Tags to keep, matched against the card's and its deck's tags (all when empty).

    Returns:
        The matching cards.

    Raises:
        ValueError: A kind is not one of the card kinds.
    """
    wanted_kinds = {Kind(kind) for kind in kinds} if kinds else None
    wanted_tags = {tag.casefold() for tag in tags}
    chosen = []
    for deck in decks:
        for card in deck.cards:
            entry = Entry(deck, card)
            if wanted_kinds is not None and card.kind not in wanted_kinds:
                continue
            if wanted_tags and not wanted_tags & {t.casefold() for t in entry.tags}:
                continue
            chosen.append(entry)
    return chosen
