"""The card browser's list: the cards a query finds, with their progress, in the order asked.

The progress store is read only when the query or the order needs it, and then deck by deck:
a search by words lists its first page without reading any card's state but the listed ones.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from quizapp.core.decks.model import Card, Deck
from quizapp.core.decks.search import (
    NEW_CARD,
    CardFacts,
    Query,
    haystack,
    matches,
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
    """What a search found: every match, in order, as runs of one deck's cards (the cards
    themselves: a search of 100,000 cards makes no object for each)."""

    listed: list[tuple[Deck, Card, CardFacts]]  # the first `limit`, in order
    runs: list[tuple[Deck, list[Card]]]
    count: int  # cards found
    total: int  # cards searched

    def keys(self) -> list[tuple[str, str]]:
        """(deck id, card id) of every card found, in order."""
        return [(deck.id, card.id) for deck, cards in self.runs for card in cards]


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
    runs: list[tuple[Deck, list[Card]]] = []
    total = 0
    for deck in decks:
        if by_progress or order != "deck":
            facts[deck.id] = store.facts(deck.id)
        known = facts.get(deck.id, {})
        total += len(deck.cards)
        cards = []
        for card in deck.cards:
            key = (deck.id, card.id)
            text = texts.get(key)
            if text is None:
                text = texts[key] = haystack(card)
            if not matches(deck, card, query, text):
                continue
            if by_progress and not progress_matches(query, known.get(card.id, NEW_CARD), now):
                continue
            cards.append(card)
        if cards:
            runs.append((deck, cards))
    if order != "deck":
        runs = _sorted(runs, facts, _orders(now)[order], reverse)
    elif reverse:
        runs = [(deck, cards[::-1]) for deck, cards in reversed(runs)]
    listed: list[tuple[Deck, Card, CardFacts]] = []
    for deck, cards in runs:
        if len(listed) >= limit:
            break
        if deck.id not in facts:
            facts[deck.id] = store.facts(deck.id)
        known = facts[deck.id]
        listed += [
            (deck, card, known.get(card.id, NEW_CARD)) for card in cards[: limit - len(listed)]
        ]
    return Found(listed, runs, sum(len(cards) for _, cards in runs), total)


def _sorted(
    runs: list[tuple[Deck, list[Card]]],
    facts: dict[str, dict[str, CardFacts]],
    order: tuple[Callable[[CardFacts], object], bool],
    reverse: bool,
) -> list[tuple[Deck, list[Card]]]:
    """The cards found in an order by their progress, cards without a value last (each its
    own run)."""
    value_of, largest_first = order
    valued: list[tuple[Any, Deck, Card]] = []
    missing: list[tuple[Deck, list[Card]]] = []
    for deck, cards in runs:
        known = facts[deck.id]
        for card in cards:
            value = value_of(known.get(card.id, NEW_CARD))
            if value is None:
                missing.append((deck, [card]))
            else:
                valued.append((value, deck, card))
    valued.sort(key=lambda item: item[0], reverse=largest_first != reverse)
    return [(deck, [card]) for _, deck, card in valued] + missing
