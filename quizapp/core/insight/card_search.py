"""The card browser's list: the cards a query finds, with their progress, in the order asked.

The progress store is read only when the query or the order needs it, and then deck by deck:
a search by words lists its first page without reading any card's state but the listed ones,
and a search by fields alone (or of every card) reads no card but the listed ones.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from quizapp.core.decks.lazy_cards import deck_index
from quizapp.core.decks.model import Card, Deck
from quizapp.core.decks.search import (
    NEW_CARD,
    CardFacts,
    Query,
    fields_match,
    haystack,
    progress_matches,
)
from quizapp.core.progress.store import Store

STATE_ORDER = ("new", "learning", "relearning", "review", "buried", "suspended")


def state_label(facts: CardFacts, now: datetime) -> str:
    """The card's state in a word: suspended or buried over its phase."""
    if facts.suspended:
        return "suspended"
    if facts.buried(now):
        return "buried"
    return facts.phase


# Order name -> (a card's value, whether the largest come first by default). Cards without a
# value (a new card has no due date or interval, most cards no flag) go last either way.
def _orders(now: datetime) -> dict[str, tuple[Callable[[CardFacts], object], bool]]:
    return {
        "state": (lambda f: STATE_ORDER.index(state_label(f, now)), False),
        "due": (lambda f: f.due_ms, False),
        "interval": (lambda f: f.interval_ms, False),
        "lapses": (lambda f: f.lapses, True),
        "flag": (lambda f: f.flag or None, False),
    }


ORDERS = ("deck", "state", "due", "interval", "lapses", "flag")


@dataclass(frozen=True)
class Found:
    """What a search found: every match, in order, as runs of one deck's cards, each card by
    its place in its deck (a search of 100,000 cards makes no object for each, and a search
    of every card reads the cards of the decks it lists alone)."""

    listed: list[tuple[Deck, Card, CardFacts]]  # the first `limit`, in order
    runs: list[tuple[Deck, Sequence[int]]]
    count: int  # cards found
    total: int  # cards searched

    def keys(self) -> list[tuple[str, str]]:
        """(deck id, card id) of every card found, in order."""
        keys = []
        for deck, places in self.runs:
            ids = deck_index(deck).ids
            keys += [(deck.id, ids[place]) for place in places]
        return keys


def find_cards(
    decks: Sequence[Deck],
    store: Store,
    query: Query,
    now: datetime,
    *,
    order: str = "deck",
    reverse: bool = False,
    limit: int = 500,
    texts: dict[tuple[str, str], str] | None = None,
) -> Found:
    """The cards of these decks the query finds, sorted (`ORDERS`; deck order by default).

    Field filters are answered from the decks' card indexes; a deck's cards are read only
    for a search by words, or to list them.

    Args:
        decks: The decks to search.
        store: Progress (read for the listed cards, or all of them when the query or the
            order needs it).
        query: The parsed search.
        now: The moment "due" and "buried" are judged at.
        order: One of ORDERS.
        reverse: The other way round from the order's own (its largest first for lapses).
        limit: How many to list with their facts.
        texts: Each card's `haystack`, kept between searches (filled as needed).
    """
    texts = {} if texts is None else texts
    by_progress = query.needs_progress
    facts: dict[str, dict[str, CardFacts]] = {}
    runs: list[tuple[Deck, Sequence[int]]] = []
    total = 0
    for deck in decks:
        total += len(deck.cards)
        if by_progress or order != "deck":
            facts[deck.id] = store.facts(deck.id)
        places = _places(deck, query, texts)
        if by_progress:
            known, ids = facts[deck.id], deck_index(deck).ids
            places = [
                place
                for place in places
                if progress_matches(query, known.get(ids[place], NEW_CARD), now)
            ]
        if places:
            runs.append((deck, places))
    if order != "deck":
        runs = _sorted(runs, facts, _orders(now)[order], reverse)
    elif reverse:
        runs = [(deck, places[::-1]) for deck, places in reversed(runs)]
    listed: list[tuple[Deck, Card, CardFacts]] = []
    for deck, places in runs:
        if len(listed) >= limit:
            break
        if deck.id not in facts:
            facts[deck.id] = store.facts(deck.id)
        known, cards = facts[deck.id], deck.cards
        for place in places[: limit - len(listed)]:
            card = cards[place]
            listed.append((deck, card, known.get(card.id, NEW_CARD)))
    return Found(listed, runs, sum(len(places) for _, places in runs), total)


def _places(deck: Deck, query: Query, texts: dict[tuple[str, str], str]) -> Sequence[int]:
    """The places of a deck's cards that answer the query's fields and words (every card's
    without reading a thing, when it asks for none)."""
    every: Sequence[int] = range(len(deck.cards))
    if query.kinds or query.types or query.decks or query.tags:
        index = deck_index(deck)
        columns = zip(index.kinds, index.types, index.tags, strict=True)
        fits = [fields_match(deck, k, t, tags, query) for k, t, tags in columns]
        every = [place for place in every if fits[place]]
    if not query.words:
        return every
    cards = deck.cards
    found = []
    for place in every:
        card = cards[place]
        key = (deck.id, card.id)
        text = texts.get(key)
        if text is None:
            text = texts[key] = haystack(card)
        if all(word in text for word in query.words):
            found.append(place)
    return found


def _sorted(
    runs: list[tuple[Deck, Sequence[int]]],
    facts: dict[str, dict[str, CardFacts]],
    order: tuple[Callable[[CardFacts], object], bool],
    reverse: bool,
) -> list[tuple[Deck, Sequence[int]]]:
    """The cards found in an order by their progress, cards without a value last (each its
    own run)."""
    value_of, largest_first = order
    valued: list[tuple[Any, Deck, int]] = []
    missing: list[tuple[Deck, Sequence[int]]] = []
    for deck, places in runs:
        known, ids = facts[deck.id], deck_index(deck).ids
        for place in places:
            value = value_of(known.get(ids[place], NEW_CARD))
            if value is None:
                missing.append((deck, [place]))
            else:
                valued.append((value, deck, place))
    valued.sort(key=lambda item: item[0], reverse=largest_first != reverse)
    return [(deck, [place]) for _, deck, place in valued] + missing
