"""A student's progress: the append-only review log and the card states it implies."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from quizapp.core.progress.bulk_writes import BulkWrites
from quizapp.core.progress.database import (
    BUSY_TIMEOUT_MS,
    UpgradeProgress,
    connect,
    mark_checked,
)
from quizapp.core.progress.deck_checks import DeckChecks
from quizapp.core.progress.lock import hold_shared
from quizapp.core.progress.log_reads import LogReads
from quizapp.core.progress.marks import CardMarks
from quizapp.core.progress.preferences import Preferences
from quizapp.core.progress.renames import CardRenames
from quizapp.core.progress.rows import (
    STATE_COLUMNS,
    Review,
    from_ms,
    same_state,
    state_from_row,
    to_ms,
)
from quizapp.core.progress.store_base import AnsweredElsewhereError
from quizapp.core.scheduling.scheduler import CardState

# What callers take from here (the store's records and helpers live in their own modules).
__all__ = ["AnsweredElsewhereError", "Review", "Store", "from_ms", "same_state", "to_ms"]

# How often (in SQLite's virtual machine steps) a reading's query asks whether to stop:
# well under a millisecond apart, at a cost too small to measure.
STOP_CHECK_STEPS = 10_000


class Store(LogReads, BulkWrites, DeckChecks, CardMarks, Preferences, CardRenames):
    """The progress database. Every answered card is one transaction: log row and state.

    Decks, cards and labels (question types, modes) are stored by integer key to keep the log
    small; the keys are looked up once and remembered, as they never change.
    """

    @classmethod
    def open(cls, path: Path, upgrading: UpgradeProgress | None = None) -> Store:
        """Open the store at `path`; raises DamagedStoreError when it cannot be used.

        `upgrading` hears how a long upgrade of an older progress file goes (`connect`).

        Until it is closed, the store holds the progress file's lock (`progress_lock`), so
        that a restore refuses to replace the file under it.
        """
        hold = hold_shared(path, BUSY_TIMEOUT_MS / 1000)
        try:
            store = cls(connect(path, upgrading), path)
        except BaseException:
            hold.release()
            raise
        store._hold = hold
        return store

    @classmethod
    def open_reader(cls, path: Path) -> Store:
        """A read-only connection to an open store, for long reads in another thread.

        SQLite connections belong to the thread that made them; the app's own connection
        stays on its event loop. No checks or migrations: the first connection made them.
        """
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro",
            uri=True,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return cls(conn, path)

    @classmethod
    @contextmanager
    def reading(cls, path: Path, stop: Callable[[], bool] | None = None) -> Iterator[Store]:
        """A reader (`open_reader`) whose queries all see one moment of the log; closed after.

        Args:
            path: The progress file.
            stop: Asked while a query runs (see STOP_CHECK_STEPS); once it says True, every
                query raises sqlite3.OperationalError("interrupted"). A worker thread passes
                "was I cancelled?", so a closed screen or app never waits for a long count.
        """
        reader = cls.open_reader(path)
        try:
            reader.conn.execute("BEGIN")
            if stop is not None:
                reader.conn.set_progress_handler(stop, STOP_CHECK_STEPS)
            yield reader
        finally:
            reader.conn.close()  # ends the read transaction too

    def close(self) -> None:
        self.conn.close()
        if self._hold is not None:
            mark_checked(self.path)  # the file as this store leaves it: sound (`connect`)
            self._hold.release()

    def record(self, review: Review, state: CardState, expected: CardState | None = None) -> int:
        """Append a review and save the card's new state, atomically. Returns the review id.

        Raises:
            AnsweredElsewhereError: `expected` was given and the saved state is another
                (checked in the write transaction, so two instances never both record it).
        """
        with self._writing():
            card_key, deck_key = self._card_key(review.deck_id, review.card_id)
            if expected is not None:
                self._expect(card_key, expected)
            review_id = self._insert_review(card_key, review, self._facts(card_key, review))
            self._write_state(card_key, deck_key, state)
        return review_id

    def record_all(self, answered: Sequence[tuple[Review, CardState]]) -> list[int]:
        """Append reviews and save their cards' new states, all in one transaction (one
        question that tested several cards). Returns the review ids."""
        ids = []
        with self._writing():
            for review, state in answered:
                card_key, deck_key = self._card_key(review.deck_id, review.card_id)
                known = self._facts(card_key, review)
                ids.append(self._insert_review(card_key, review, known))
                self._write_state(card_key, deck_key, state)
        return ids

    def undo(
        self,
        review_id: int,
        restored: CardState,
        at: datetime,
        expected: CardState | None = None,
    ) -> None:
        """Mark a review undone (the log keeps both) and restore the card's earlier state.

        Raises:
            AnsweredElsewhereError: `expected` (the state the review left) was given and the
                card has been answered since, elsewhere: its answer is not overwritten.
        """
        with self._writing():
            row = self.conn.execute(
                "SELECT c.key, c.deck_key FROM reviews AS r JOIN cards AS c ON c.key = r.card_key"
                " WHERE r.id = ?",
                (review_id,),
            ).fetchone()
            if row is None:
                raise KeyError(review_id)
            if expected is not None:
                self._expect(row[0], expected)
            self._uncount(review_id)
            self.conn.execute(
                "INSERT INTO undos (review_id, undone_at) VALUES (?, ?)", (review_id, to_ms(at))
            )
            self._write_state(row[0], row[1], restored)

    def regrade(self, review_id: int, review: Review, state: CardState, at: datetime) -> int:
        """Replace a review with the same answer under another grade, atomically: the first is
        marked undone (the log keeps both), the second logged and the card's state saved.
        Returns the new review's id."""
        with self._writing():
            card_key, deck_key = self._card_key(review.deck_id, review.card_id)
            self._uncount(review_id)
            self.conn.execute(
                "INSERT INTO undos (review_id, undone_at) VALUES (?, ?)", (review_id, to_ms(at))
            )
            # The same answer to the same card as before: the same facts (`review_facts`).
            known = self.conn.execute(
                "SELECT elapsed_days, phase_before FROM reviews WHERE id = ?", (review_id,)
            ).fetchone()
            new_id = self._insert_review(card_key, review, known)
            self._write_state(card_key, deck_key, state)
        return new_id

    def states(self, deck_id: str) -> dict[str, CardState]:
        """The saved state of every card of a deck that has been studied."""
        rows = self.conn.execute(
            "SELECT c.card_id, c.phase, c.step, c.stability, c.difficulty, c.due, c.last_review,"
            " c.reps, c.lapses FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
            " WHERE d.deck_id = ? AND c.phase IS NOT NULL",
            (deck_id,),
        )
        return {row[0]: state_from_row(row[1:]) for row in rows}

    def state_rows(self, deck_id: str) -> list[tuple[Any, ...]]:
        """(card id, then STATE_COLUMNS) of every card of a deck with a saved state, as the
        row holds them: for counting many cards without building their states."""
        rows = self.conn.execute(
            f"SELECT c.card_id, {', '.join('c.' + n for n in STATE_COLUMNS.split(', '))}"
            " FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
            " WHERE d.deck_id = ? AND c.phase IS NOT NULL",
            (deck_id,),
        )
        return rows.fetchall()

    def studied_ids(self, deck_id: str) -> set[str]:
        """The ids of a deck's cards past new: the others are new (a study queue's new cards
        found from the deck's card index, no state built)."""
        rows = self.conn.execute(
            "SELECT c.card_id FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
            " WHERE d.deck_id = ? AND c.phase IS NOT NULL AND c.phase != 'new'",
            (deck_id,),
        )
        return {row[0] for row in rows}

    def all_studied(self, deck_id: str, fingerprint: str, cards: int) -> bool:
        """Whether every one of a deck's `cards` is past new, by the deck's count, when the
        store was last checked against the file's card ids (`fingerprint`)."""
        row = self.conn.execute(
            "SELECT studied >= ? AND fingerprint = ? FROM decks WHERE deck_id = ?",
            (cards, fingerprint, deck_id),
        ).fetchone()
        return bool(row and row[0])

    def queue_rows(
        self, deck_id: str, due_by: datetime, after: datetime | None = None
    ) -> list[tuple[Any, ...]]:
        """(card id, then STATE_COLUMNS) of a deck's cards past new due by `due_by` (and
        after `after`, if given): what a study queue builds states for (a range of the
        index by due)."""
        low = -(2**62) if after is None else to_ms(after)
        rows = self.conn.execute(
            f"SELECT c.card_id, {', '.join('c.' + n for n in STATE_COLUMNS.split(', '))}"
            " FROM decks AS d JOIN cards AS c ON c.deck_key = d.key WHERE d.deck_id = ?"
            " AND c.retired IN (0, 1) AND c.due > ? AND c.due <= ?"
            " AND c.phase IS NOT NULL AND c.phase != 'new'",
            (deck_id, low, to_ms(due_by)),
        )
        return rows.fetchall()

    def new_rows(self, deck_id: str) -> list[tuple[Any, ...]]:
        """(card id, then STATE_COLUMNS) of a deck's cards saved as new."""
        rows = self.conn.execute(
            f"SELECT c.card_id, {', '.join('c.' + n for n in STATE_COLUMNS.split(', '))}"
            " FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
            " WHERE d.deck_id = ? AND c.phase = 'new'",
            (deck_id,),
        )
        return rows.fetchall()

    def weakness_rows(self, deck_id: str) -> list[tuple[str, float | None, int | None, int]]:
        """(card id, stability, last review in ms, lapses) of every card of a deck with a
        saved state: what ordering cards weakest first needs."""
        rows = self.conn.execute(
            "SELECT c.card_id, c.stability, c.last_review, ifnull(c.lapses, 0) FROM decks AS d"
            " JOIN cards AS c ON c.deck_key = d.key WHERE d.deck_id = ? AND c.phase IS NOT NULL",
            (deck_id,),
        )
        return rows.fetchall()

    def memories(self, deck_id: str) -> list[tuple[str, float, int]]:
        """(card id, stability, last review in ms) of every card of a deck with a memory:
        what its recall now depends on, without building whole states."""
        rows = self.conn.execute(
            "SELECT c.card_id, c.stability, c.last_review FROM decks AS d"
            " JOIN cards AS c ON c.deck_key = d.key"
            " WHERE d.deck_id = ? AND c.stability IS NOT NULL AND c.last_review IS NOT NULL",
            (deck_id,),
        )
        return rows.fetchall()

    def state(self, deck_id: str, card_id: str) -> CardState:
        row = self.conn.execute(
            "SELECT c.phase, c.step, c.stability, c.difficulty, c.due, c.last_review, c.reps,"
            " c.lapses FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
            " WHERE d.deck_id = ? AND c.card_id = ? AND c.phase IS NOT NULL",
            (deck_id, card_id),
        ).fetchone()
        return CardState() if row is None else state_from_row(row)
