"""Finding cards by text, tag, kind, type and deck, and by progress: the browse screen's filter.

A query is words separated by spaces, every one of which must hold:

- `tag:NAME`, `kind:KIND`, `type:TYPE` and `deck:ID` filter on the deck file (the same filter
  twice accepts either value: `kind:date kind:event`);
- `is:due` (due now), `is:new`, `is:learning` (or relearning), `is:review`, `is:suspended`,
  `is:buried`, `is:leech` and `is:flagged` filter on the card's progress and marks;
- `flag:N` (1 red, 2 orange, 3 green, 4 blue, 0 none; or the colour's name);
- `lapses>3`, `due<7d` (due within 7 days, overdue included), `interval>=30d` compare a
  number with `<`, `<=`, `>`, `>=` or `=` (days for due and interval; the `d` is optional);
- any other word must appear somewhere in the card's text (question, answer, alternatives,
  explanation, source, cloze text, events or id), in any case and order.

A filter the search cannot read (`is:nothing`, `lapses>many`) is listed in `Query.problems`.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from quizapp.core.decks.model import Card, Deck
from quizapp.core.decks.validation import fold

FILTERS = ("tag", "kind", "type", "deck")
STATES = ("due", "new", "learning", "review", "suspended", "buried", "leech", "flagged")
COLOURS = {"red": 1, "orange": 2, "green": 3, "blue": 4, "none": 0}
COMPARED = {"lapses": "lapses", "due": "due", "interval": "interval", "ivl": "interval"}
_COMPARISON = re.compile(r"^([a-z]+)(<=|>=|<|>|=)(.*)$")
_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "=": operator.eq,
}


@dataclass(frozen=True)
class Query:
    """A parsed query: words to find, and field filters (each a set of accepted values)."""

    words: tuple[str, ...] = ()
    tags: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    decks: frozenset[str] = frozenset()
    states: frozenset[str] = frozenset()  # is:...: every one must hold
    flags: frozenset[int] = frozenset()  # flag:...: any of them
    compare: tuple[tuple[str, str, float], ...] = ()  # (lapses|due|interval, op, number)
    problems: tuple[str, ...] = ()  # filters not understood, in words

    @property
    def needs_progress(self) -> bool:
        """Whether the query asks about progress (the cards' `CardFacts` are needed)."""
        return bool(self.states or self.flags or self.compare)


class CardFacts(NamedTuple):
    """What the progress store knows of a card, as the search and the browser read it.

    Times are kept as the store keeps them, milliseconds since the epoch: a search of 100,000
    cards turns none of them into a datetime. A NamedTuple, as it is made by the thousand.
    """

    phase: str = "new"  # new, learning, review or relearning
    due_ms: int | None = None
    last_ms: int | None = None
    lapses: int = 0
    reps: int = 0
    suspended: bool = False
    buried_ms: int | None = None  # buried until then (it may have passed)
    flag: int = 0
    leech: bool = False

    @property
    def due(self) -> datetime | None:
        return None if self.due_ms is None else datetime.fromtimestamp(self.due_ms / 1000, UTC)

    def buried(self, now: datetime) -> bool:
        return self.buried_ms is not None and self.buried_ms > _ms(now)

    @property
    def interval_ms(self) -> int | None:
        """The wait the last review gave, in ms (None for a new card)."""
        if self.phase == "new" or self.due_ms is None or self.last_ms is None:
            return None
        return self.due_ms - self.last_ms

    @property
    def interval(self) -> timedelta | None:
        wait = self.interval_ms
        return None if wait is None else timedelta(milliseconds=wait)


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


NEW_CARD = CardFacts()


def parse_query(text: str) -> Query:
    """Parse what was typed in the search box; `kind:date kind:event` accepts either kind."""
    words: list[str] = []
    found: dict[str, set[str]] = {name: set() for name in FILTERS}
    states: set[str] = set()
    flags: set[int] = set()
    compare: list[tuple[str, str, float]] = []
    problems: list[str] = []
    for token in text.split():
        name, colon, value = token.partition(":")
        name = name.lower()
        comparison = _COMPARISON.match(token.lower())
        if colon and name in found and value:
            found[name].add(fold(value))
        elif colon and name == "is":
            if value.lower() in STATES:
                states.add(value.lower())
            else:
                problems.append(f"{token}: is: takes {', '.join(STATES)}")
        elif colon and name == "flag":
            digit = value in ("0", "1", "2", "3", "4")
            flag = COLOURS.get(value.lower(), int(value) if digit else None)
            if flag is None:
                problems.append(f"{token}: flag: takes 0-4 or red, orange, green, blue, none")
            else:
                flags.add(flag)
        elif comparison and comparison.group(1) in COMPARED:
            field, op, number = comparison.groups()
            try:
                compare.append((COMPARED[field], op, float(number.removesuffix("d"))))
            except ValueError:
                problems.append(f"{token}: {field} is compared with a number, as in {field}>3")
        else:
            words.append(fold(token))
    return Query(
        words=tuple(words),
        tags=frozenset(found["tag"]),
        kinds=frozenset(found["kind"]),
        types=frozenset(found["type"]),
        decks=frozenset(found["deck"]),
        states=frozenset(states),
        flags=frozenset(flags),
        compare=tuple(compare),
        problems=tuple(problems),
    )


def haystack(card: Card) -> str:
    """All of a card's text, folded, for word search."""
    parts = [card.id, card.question, card.answer, card.text, card.explanation, card.source]
    parts += [*card.alternatives, *card.wrong, *card.tags]
    parts += [part for event in card.events for part in (event.text, event.date, event.source)]
    return fold(" ".join(parts))


def matches(deck: Deck, card: Card, query: Query, text: str | None = None) -> bool:
    """Whether the card answers the query's deck-file filters and words; `text` is its
    `haystack` when already made. (Progress filters: `progress_matches`.)"""
    if not fields_match(deck, str(card.kind), str(card.type), card.tags, query):
        return False
    text = haystack(card) if text is None else text
    return all(word in text for word in query.words)


def fields_match(deck: Deck, kind: str, type_: str, tags: tuple[str, ...], query: Query) -> bool:
    """Whether a card of this kind, type and tags in this deck answers the query's field
    filters (what a deck's card index holds: no card need be read)."""
    if query.kinds and fold(kind) not in query.kinds:
        return False
    if query.types and fold(type_) not in query.types:
        return False
    if query.decks and fold(deck.id) not in query.decks:
        return False
    return not query.tags or bool(query.tags & {fold(t) for t in (*tags, *deck.tags)})


def progress_matches(query: Query, facts: CardFacts, now: datetime) -> bool:
    """Whether a card's progress answers the query's is:, flag: and comparisons."""
    now_ms = _ms(now)
    for state in query.states:
        if not _is(state, facts, now_ms):
            return False
    if query.flags and facts.flag not in query.flags:
        return False
    for field, op, number in query.compare:
        value = _value(field, facts, now_ms)
        if value is None or not _OPERATORS[op](value, number):
            return False
    return True


def _is(state: str, facts: CardFacts, now_ms: int) -> bool:
    if state == "due":
        return facts.phase != "new" and facts.due_ms is not None and facts.due_ms <= now_ms
    if state == "learning":
        return facts.phase in ("learning", "relearning")
    if state in ("new", "review"):
        return facts.phase == state
    if state == "buried":
        return facts.buried_ms is not None and facts.buried_ms > now_ms
    if state == "flagged":
        return facts.flag != 0
    return bool(getattr(facts, state))  # suspended, leech


DAY_MS = 86_400_000


def _value(field: str, facts: CardFacts, now_ms: int) -> float | None:
    """A card's lapses, or its due date or interval in days (None for a new card)."""
    if field == "lapses":
        return facts.lapses
    if field == "due":
        return None if facts.due_ms is None else (facts.due_ms - now_ms) / DAY_MS
    interval = facts.interval_ms
    return None if interval is None else interval / DAY_MS
