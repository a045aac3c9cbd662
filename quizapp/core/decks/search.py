"""Finding cards by text, tag, kind, type and deck: the browse screen's filter.

A query is words separated by spaces. `tag:NAME`, `kind:KIND`, `type:TYPE` and `deck:ID` must
all hold; every other word must appear somewhere in the card's text (question, answer,
alternatives, explanation, source, cloze text, events or id), in any case and order.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizapp.core.decks.model import Card, Deck
from quizapp.core.decks.validation import fold

FILTERS = ("tag", "kind", "type", "deck")


@dataclass(frozen=True)
class Query:
    """A parsed query: words to find, and field filters (each a set of accepted values)."""

    words: tuple[str, ...] = ()
    tags: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    decks: frozenset[str] = frozenset()


def parse_query(text: str) -> Query:
    """Parse what was typed in the search box; `kind:date kind:event` accepts either kind."""
    words: list[str] = []
    found: dict[str, set[str]] = {name: set() for name in FILTERS}
    for token in text.split():
        name, colon, value = token.partition(":")
        if colon and name.lower() in found and value:
            found[name.lower()].add(fold(value))
        else:
            words.append(fold(token))
    return Query(
        words=tuple(words),
        tags=frozenset(found["tag"]),
        kinds=frozenset(found["kind"]),
        types=frozenset(found["type"]),
        decks=frozenset(found["deck"]),
    )


def haystack(card: Card) -> str:
    """All of a card's text, folded, for word search."""
    parts = [card.id, card.question, card.answer, card.text, card.explanation, card.source]
    parts += [*card.alternatives, *card.wrong, *card.tags]
    parts += [part for event in card.events for part in (event.text, event.date, event.source)]
    return fold(" ".join(parts))


def matches(deck: Deck, card: Card, query: Query, text: str | None = None) -> bool:
    """Whether the card answers the query; `text` is its `haystack` when already made."""
    if query.kinds and fold(card.kind) not in query.kinds:
        return False
    if query.types and fold(card.type) not in query.types:
        return False
    if query.decks and fold(deck.id) not in query.decks:
        return False
    if query.tags and not query.tags & {fold(t) for t in (*card.tags, *deck.tags)}:
        return False
    text = haystack(card) if text is None else text
    return all(word in text for word in query.words)
