"""A student's progress: the append-only review log and the card states it implies."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from quizapp.core.database import connect, transaction
from quizapp.core.scheduler import CardState, Phase


def to_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def from_ms(value: int | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value / 1000, UTC)


@dataclass(frozen=True)
class Review:
    """One answered card, as the log keeps it."""

    deck_id: str
    card_id: str
    reviewed_at: datetime
    rating: int
    duration_ms: int = 0
    question_type: str = "flip"
    given_answer: str | None = None
    mode: str = "study"
    id: int | None = None


class Store:
    """The progress database. Every answered card is one transaction: log row and state."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open the store at `path`; raises DamagedStoreError when it cannot be used."""
        return cls(connect(path), path)

    def close(self) -> None:
        self.conn.close()

    def record(self, review: Review, state: CardState) -> int:
        """Append a review and save the card's new state, atomically. Returns the review id."""
        with transaction(self.conn):
            cursor = self.conn.execute(
                "INSERT INTO reviews (deck_id, card_id, reviewed_at, rating, duration_ms,"
                " question_type, given_answer, mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    review.deck_id,
                    review.card_id,
                    to_ms(review.reviewed_at),
                    review.rating,
                    review.duration_ms,
                    review.question_type,
                    review.given_answer,
                    review.mode,
                ),
            )
            self._save_state(review.deck_id, review.card_id, state)
        return int(cursor.lastrowid or 0)

    def undo(self, review_id: int, restored: CardState, at: datetime) -> None:
        """Mark a review undone (the log keeps both) and restore the card's earlier state."""
        with transaction(self.conn):
            row = self.conn.execute(
                "SELECT deck_id, card_id FROM reviews WHERE id = ?", (review_id,)
            ).fetchone()
            if row is None:
                raise KeyError(review_id)
            self.conn.execute(
                "INSERT INTO undos (review_id, undone_at) VALUES (?, ?)", (review_id, to_ms(at))
            )
            self._save_state(row[0], row[1], restored)

    def _save_state(self, deck_id: str, card_id: str, state: CardState) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO card_states (deck_id, card_id, phase, step, stability,"
            " difficulty, due, last_review, reps, lapses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                deck_id,
                card_id,
                str(state.phase),
                state.step,
                state.stability,
                state.difficulty,
                None if state.due is None else to_ms(state.due),
                None if state.last_review is None else to_ms(state.last_review),
                state.reps,
                state.lapses,
            ),
        )

    def states(self, deck_id: str) -> dict[str, CardState]:
        """The saved state of every card of a deck that has been studied."""
        rows = self.conn.execute(
            "SELECT card_id, phase, step, stability, difficulty, due, last_review, reps, lapses"
            " FROM card_states WHERE deck_id = ?",
            (deck_id,),
        )
        return {row[0]: _state(row[1:]) for row in rows}

    def state(self, deck_id: str, card_id: str) -> CardState:
        row = self.conn.execute(
            "SELECT phase, step, stability, difficulty, due, last_review, reps, lapses"
            " FROM card_states WHERE deck_id = ? AND card_id = ?",
            (deck_id, card_id),
        ).fetchone()
        return CardState() if row is None else _state(row)

    def reviews(
        self, deck_id: str | None = None, card_id: str | None = None, *, undone: bool = False
    ) -> list[Review]:
        """The log in time order, without undone reviews unless asked."""
        where, args = ["1 = 1"], []
        if deck_id is not None:
            where.append("deck_id = ?")
            args.append(deck_id)
        if card_id is not None:
            where.append("card_id = ?")
            args.append(card_id)
        if not undone:
            where.append("id NOT IN (SELECT review_id FROM undos)")
        rows = self.conn.execute(
            "SELECT id, deck_id, card_id, reviewed_at, rating, duration_ms, question_type,"
            f" given_answer, mode FROM reviews WHERE {' AND '.join(where)}"
            " ORDER BY reviewed_at, id",
            args,
        )
        return [
            Review(
                id=r[0],
                deck_id=r[1],
                card_id=r[2],
                reviewed_at=from_ms(r[3]) or datetime.now(UTC),
                rating=r[4],
                duration_ms=r[5],
                question_type=r[6],
                given_answer=r[7],
                mode=r[8],
            )
            for r in rows
        ]

    def review_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM reviews").fetchone()[0])

    def introduced_since(self, deck_id: str, since: datetime) -> set[str]:
        """Cards of a deck whose first (not undone) review is at or after `since`."""
        rows = self.conn.execute(
            "SELECT card_id FROM reviews WHERE deck_id = ?"
            " AND id NOT IN (SELECT review_id FROM undos)"
            " GROUP BY card_id HAVING min(reviewed_at) >= ?",
            (deck_id, to_ms(since)),
        )
        return {row[0] for row in rows}

    def replace_states(self, states: Iterable[tuple[str, str, CardState]]) -> None:
        """Rewrite card states (after a replay), in one transaction."""
        with transaction(self.conn):
            self.conn.execute("DELETE FROM card_states")
            for deck_id, card_id, state in states:
                self._save_state(deck_id, card_id, state)

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        with transaction(self.conn):
            self.conn.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value)
            )


def _state(row: tuple) -> CardState:
    phase, step, stability, difficulty, due, last_review, reps, lapses = row
    return CardState(
        phase=Phase(phase),
        step=step,
        stability=stability,
        difficulty=difficulty,
        due=from_ms(due),
        last_review=from_ms(last_review),
        reps=reps,
        lapses=lapses,
    )
