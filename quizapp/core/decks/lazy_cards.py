"""A deck's cards read from the parsed-deck cache only when used (`LazyCards`), and its card
index: ids, kinds, types and tags, what counting and listing cards needs (`deck_index`)."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple, overload

from quizapp.core.decks.model import Card, Deck


def ids_fingerprint(card_ids: Iterator[str] | Sequence[str]) -> str:
    """A digest of a deck's card ids, to tell when a deck's set of cards has changed."""
    ids = sorted(card_ids)
    return f"{len(ids)}-{zlib.crc32(chr(10).join(ids).encode()):08x}"


def deck_fingerprint(deck: Deck) -> str:
    """The fingerprint of a deck's card ids, without loading its cards when they are cached."""
    cards = deck.cards
    if isinstance(cards, LazyCards):
        return cards.fingerprint
    return ids_fingerprint(card.id for card in cards)


def deck_card_ids(deck: Deck) -> list[str]:
    """A deck's card ids, without keeping its cards in memory when they are cached."""
    return list(deck_index(deck).ids)


class CardIndex(NamedTuple):
    """A deck's cards in brief, in file order: what counting and listing them needs."""

    ids: tuple[str, ...]
    kinds: tuple[str, ...]
    types: tuple[str, ...]
    tags: tuple[tuple[str, ...], ...]
    siblings: tuple[str, ...]  # the card asked the other way round ('' for none)


def deck_index(deck: Deck) -> CardIndex:
    """A deck's card index: from the cache's index section when its cards are not loaded
    (a hundredth of the time building its cards takes), else from the cards."""
    cards = deck.cards
    if isinstance(cards, LazyCards):
        return cards.card_index()
    return index_of(cards)


def index_of(cards: Sequence[Card]) -> CardIndex:
    return CardIndex(
        tuple(card.id for card in cards),
        tuple(str(card.kind) for card in cards),
        tuple(str(card.type) for card in cards),
        tuple(card.tags for card in cards),
        tuple(card.sibling_id or "" for card in cards),
    )


class LazyCards(Sequence[Card]):
    """A deck's cards, read from the cache the first time they are used.

    Behaves as the tuple it stands for: same length, items, iteration, equality and hash.
    """

    __slots__ = ("_count", "_load", "_load_index", "_index", "_cards", "fingerprint")

    def __init__(
        self,
        count: int,
        fingerprint: str,
        load: Callable[[], tuple[Card, ...]],
        load_index: Callable[[], CardIndex | None],
    ) -> None:
        self._count = count
        self._load: Callable[[], tuple[Card, ...]] | None = load
        self._load_index = load_index
        self._index: CardIndex | None = None
        self._cards: tuple[Card, ...] | None = None
        self.fingerprint = fingerprint

    @property
    def loaded(self) -> bool:
        return self._cards is not None

    def cards(self) -> tuple[Card, ...]:
        if self._cards is None:
            assert self._load is not None
            self._cards, self._load = self._load(), None
        return self._cards

    def ids(self) -> list[str]:
        """The card ids; when the cards are not loaded yet, they stay unloaded."""
        return list(self.card_index().ids)

    def card_index(self) -> CardIndex:
        """The cards' index (`CardIndex`), kept once read; the cards stay unloaded."""
        if self._index is None:
            found = self._load_index() if self._cards is None else None
            self._index = found if found is not None else index_of(self.cards())
        return self._index

    def __len__(self) -> int:
        return self._count if self._cards is None else len(self._cards)

    @overload
    def __getitem__(self, index: int) -> Card: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Card, ...]: ...
    def __getitem__(self, index: int | slice) -> Card | tuple[Card, ...]:
        return self.cards()[index]

    def __iter__(self) -> Iterator[Card]:
        return iter(self.cards())

    def __contains__(self, item: object) -> bool:
        return item in self.cards()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyCards):
            return self is other or self.cards() == other.cards()
        if isinstance(other, tuple):
            return self.cards() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.cards())

    def __repr__(self) -> str:
        state = "loaded" if self.loaded else "not loaded"
        return f"<LazyCards {len(self)} cards, {state}>"
