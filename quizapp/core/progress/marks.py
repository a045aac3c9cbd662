"""Cards set aside, flagged or marked as leeches: a log of events, and what they come to.

Each change is a `CardEvent` in the `card_events` table; the card's row keeps the result
(`suspended`, `buried_until`, `flag`, `leech`), as its state keeps the result of its reviews.
`apply_event` is the one rule for both: writing an event and replaying a log (an import).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from quizapp.core.decks.search import CardFacts
from quizapp.core.progress.rows import from_ms, to_ms
from quizapp.core.progress.store_base import StoreBase


class MarkKind(StrEnum):
    """What a card event does."""

    SUSPEND = "suspend"  # out of every session until unsuspended
    UNSUSPEND = "unsuspend"
    BURY = "bury"  # out of every session until a moment (the next study day); value: it, ms
    UNBURY = "unbury"
    FLAG = "flag"  # value: the colour, 1-4, or 0 to clear
    LEECH = "leech"  # lapsed too often; kept until the student clears it
    UNLEECH = "unleech"


# A flag's colour by number, as Anki numbers them; 0 is no flag.
FLAG_COLOURS = {1: "red", 2: "orange", 3: "green", 4: "blue"}


@dataclass(frozen=True)
class Marks:
    """What a card's events come to."""

    suspended: bool = False
    buried_until: datetime | None = None
    flag: int = 0
    leech: bool = False

    def set_aside(self, now: datetime) -> bool:
        """Whether the card is out of every session at `now` (suspended or buried)."""
        return self.suspended or (self.buried_until is not None and self.buried_until > now)

    def buried(self, now: datetime) -> bool:
        return self.buried_until is not None and self.buried_until > now


@dataclass(frozen=True)
class CardEvent:
    """One change to a card's marks, as the log keeps it."""

    deck_id: str
    card_id: str
    at: datetime
    kind: MarkKind
    value: int | None = None  # BURY: until, in ms since the epoch; FLAG: the colour


@dataclass(frozen=True)
class MarkCounts:
    """A deck's marked cards, for `quizapp list` and home."""

    suspended: int = 0
    buried: int = 0  # buried now
    flagged: int = 0
    leeches: int = 0
    new_set_aside: int = 0  # never studied, and suspended or buried now: not on offer


def apply_event(marks: Marks, kind: MarkKind, value: int | None) -> Marks:
    """The marks after one event."""
    if kind is MarkKind.SUSPEND:
        return replace(marks, suspended=True)
    if kind is MarkKind.UNSUSPEND:
        return replace(marks, suspended=False)
    if kind is MarkKind.BURY:
        return replace(marks, buried_until=from_ms(value))
    if kind is MarkKind.UNBURY:
        return replace(marks, buried_until=None)
    if kind is MarkKind.FLAG:
        return replace(marks, flag=value or 0)
    return replace(marks, leech=kind is MarkKind.LEECH)


def events_between(marks: Marks, wanted: Marks) -> list[tuple[MarkKind, int | None]]:
    """The events that take a card's marks from `marks` to `wanted`."""
    events: list[tuple[MarkKind, int | None]] = []
    if marks.suspended != wanted.suspended:
        events.append((MarkKind.SUSPEND if wanted.suspended else MarkKind.UNSUSPEND, None))
    if marks.buried_until != wanted.buried_until:
        until = wanted.buried_until
        events.append((MarkKind.UNBURY, None) if until is None else (MarkKind.BURY, to_ms(until)))
    if marks.flag != wanted.flag:
        events.append((MarkKind.FLAG, wanted.flag))
    if marks.leech != wanted.leech:
        events.append((MarkKind.LEECH if wanted.leech else MarkKind.UNLEECH, None))
    return events


def check_event(kind: MarkKind, value: int | None) -> None:
    """Raise ValueError for an event whose value does not fit its kind."""
    if kind is MarkKind.FLAG and (value is None or not 0 <= value <= 4):
        raise ValueError(f"a flag's colour is 1 to 4, or 0 to clear it, not {value!r}")
    if kind is MarkKind.BURY and value is None:
        raise ValueError("a bury needs the moment the card comes back")


_MARK_COLUMNS = "c.suspended, c.buried_until, c.flag, c.leech"


def _marks(row: Sequence[Any]) -> Marks:
    suspended, buried_until, flag, leech = row
    return Marks(bool(suspended), from_ms(buried_until), int(flag or 0), bool(leech))


class CardMarks(StoreBase):
    """The store's card events and marks."""

    def mark(
        self,
        cards: Iterable[tuple[str, str]],
        kind: MarkKind,
        at: datetime,
        value: int | None = None,
    ) -> int:
        """Log one event for each card and update its marks, all in one transaction.

        A card whose marks the event would not change gets no event. Returns how many cards
        changed.
        """
        kind = MarkKind(kind)
        check_event(kind, value)
        changed = 0
        with self._writing():
            for deck_id, card_id in cards:
                card_key, _ = self._card_key(deck_id, card_id)
                before = self._card_marks(card_key)
                after = apply_event(before, kind, value)
                if after == before:
                    continue
                self._insert_card_event(card_key, at, kind, value)
                self._write_marks(card_key, after)
                changed += 1
        return changed

    def restore_marks(self, before: dict[tuple[str, str], Marks], at: datetime) -> int:
        """Bring cards back to the marks they had (an undo), logging the events that do it, all
        in one transaction. Returns how many cards changed."""
        changed = 0
        with self._writing():
            for (deck_id, card_id), wanted in before.items():
                card_key, _ = self._card_key(deck_id, card_id)
                now = self._card_marks(card_key)
                for kind, value in events_between(now, wanted):
                    self._insert_card_event(card_key, at, kind, value)
                if now != wanted:
                    self._write_marks(card_key, wanted)
                    changed += 1
        return changed

    def marks(self, deck_id: str) -> dict[str, Marks]:
        """The marks of every card of a deck that has any (through a partial index)."""
        rows = self.conn.execute(
            f"SELECT c.card_id, {_MARK_COLUMNS} FROM decks AS d"
            " JOIN cards AS c ON c.deck_key = d.key WHERE d.deck_id = ? AND ("
            "c.suspended != 0 OR c.buried_until IS NOT NULL OR c.flag != 0 OR c.leech != 0)",
            (deck_id,),
        )
        return {str(row[0]): _marks(row[1:]) for row in rows}

    def facts(self, deck_id: str) -> dict[str, CardFacts]:
        """What the browser shows and searches of every card of a deck the store knows: its
        phase, due date, interval, lapses and marks (a card not listed is new, unmarked)."""
        rows = self.conn.execute(
            "SELECT c.card_id, c.phase, c.due, c.last_review, c.lapses, c.reps,"
            f" {_MARK_COLUMNS} FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
            " WHERE d.deck_id = ?",
            (deck_id,),
        )
        return {
            str(card_id): CardFacts(
                phase or "new",
                due,
                last,
                lapses or 0,
                reps or 0,
                bool(suspended),
                buried,
                flag or 0,
                bool(leech),
            )
            for card_id, phase, due, last, lapses, reps, suspended, buried, flag, leech in rows
        }

    def card_marks(self, deck_id: str, card_id: str) -> Marks:
        row = self.conn.execute(
            f"SELECT {_MARK_COLUMNS} FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
            " WHERE d.deck_id = ? AND c.card_id = ?",
            (deck_id, card_id),
        ).fetchone()
        return Marks() if row is None else _marks(row)

    def next_due_ms(self, deck_id: str, now: datetime) -> int | None:
        """When the next card of a deck still in its file falls due, in ms: a buried card
        once it is back, a suspended card never (one pass in SQL, no state built)."""
        row = self.conn.execute(
            "SELECT min(CASE WHEN c.buried_until > ? THEN max(c.due, c.buried_until)"
            " ELSE c.due END) FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
            " WHERE d.deck_id = ? AND c.retired = 0 AND c.phase IS NOT NULL"
            " AND c.due IS NOT NULL AND c.suspended = 0",
            (to_ms(now), deck_id),
        ).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def set_aside_now(self, deck_id: str, now: datetime) -> set[str]:
        """The cards of a deck out of every session at `now`: suspended or buried."""
        return {card for card, marks in self.marks(deck_id).items() if marks.set_aside(now)}

    def mark_counts(self, deck_id: str, now: datetime) -> MarkCounts:
        """A deck's suspended, buried, flagged and leech cards (cards still in its file)."""
        row = self.conn.execute(
            "SELECT count(*) FILTER (WHERE c.suspended != 0),"
            " count(*) FILTER (WHERE c.buried_until > ?),"
            " count(*) FILTER (WHERE c.flag != 0),"
            " count(*) FILTER (WHERE c.leech != 0),"
            " count(*) FILTER (WHERE (c.phase IS NULL OR c.phase = 'new')"
            "   AND (c.suspended != 0 OR c.buried_until > ?))"
            " FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
            # +retired: a test no index serves; the partial index of marked cards does the rest.
            " WHERE d.deck_id = ? AND +c.retired = 0 AND ("
            "c.suspended != 0 OR c.buried_until IS NOT NULL OR c.flag != 0 OR c.leech != 0)",
            (to_ms(now), to_ms(now), deck_id),
        ).fetchone()
        return MarkCounts(*(int(value or 0) for value in row))

    def card_events(
        self, deck_id: str | None = None, card_id: str | None = None
    ) -> list[CardEvent]:
        """The card events, of one deck or card if named, in time order."""
        where, args = ["1 = 1"], []
        if deck_id is not None:
            where.append("d.deck_id = ?")
            args.append(deck_id)
        if card_id is not None:
            where.append("c.card_id = ?")
            args.append(card_id)
        rows = self.conn.execute(
            "SELECT d.deck_id, c.card_id, e.at, k.text, e.value FROM card_events AS e"
            " JOIN cards AS c ON c.key = e.card_key JOIN decks AS d ON d.key = c.deck_key"
            f" JOIN labels AS k ON k.key = e.kind WHERE {' AND '.join(where)}"
            " ORDER BY e.at, e.id",
            args,
        )
        return [
            CardEvent(str(d), str(c), from_ms(at) or datetime.min, MarkKind(kind), value)
            for d, c, at, kind, value in rows
        ]

    def add_card_events(self, events: Iterable[CardEvent]) -> tuple[int, set[tuple[str, str]]]:
        """Add events from elsewhere (an export); one already here (same card, time, kind and
        value) is not added again. The cards whose log changed get their marks replayed.

        Returns:
            The events added and the (deck id, card id) of the cards they changed.
        """
        added = 0
        changed: set[tuple[str, str]] = set()
        with self._writing():
            for event in events:
                card_key, _ = self._card_key(event.deck_id, event.card_id)
                known = self.conn.execute(
                    "SELECT 1 FROM card_events WHERE card_key = ? AND at = ? AND kind = ?"
                    " AND value IS ?",
                    (card_key, to_ms(event.at), self._label(event.kind), event.value),
                ).fetchone()
                if known is None:
                    self._insert_card_event(card_key, event.at, event.kind, event.value)
                    added += 1
                    changed.add((event.deck_id, event.card_id))
            for deck_id, card_id in changed:
                marks = Marks()
                for event in self.card_events(deck_id, card_id):
                    marks = apply_event(marks, event.kind, event.value)
                card_key, _ = self._card_key(deck_id, card_id)
                self._write_marks(card_key, marks)
        return added, changed

    def _card_marks(self, card_key: int) -> Marks:
        row = self.conn.execute(
            f"SELECT {_MARK_COLUMNS} FROM cards AS c WHERE c.key = ?", (card_key,)
        ).fetchone()
        return _marks(row)

    def _insert_card_event(
        self, card_key: int, at: datetime, kind: MarkKind, value: int | None
    ) -> None:
        self.conn.execute(
            "INSERT INTO card_events (card_key, at, kind, value) VALUES (?, ?, ?, ?)",
            (card_key, to_ms(at), self._label(kind), value),
        )

    def _write_marks(self, card_key: int, marks: Marks) -> None:
        until = None if marks.buried_until is None else to_ms(marks.buried_until)
        self.conn.execute(
            "UPDATE cards SET suspended = ?, buried_until = ?, flag = ?, leech = ? WHERE key = ?",
            (int(marks.suspended), until, marks.flag, int(marks.leech), card_key),
        )
