"""What every part of the progress store shares: its connection, write transactions, the
integer keys of decks, cards and labels, and saving a card's state."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import tzinfo
from pathlib import Path

from quizapp.core.progress import review_days
from quizapp.core.progress.database import transaction
from quizapp.core.progress.lock import Hold
from quizapp.core.progress.review_facts import Facts, facts, state_before
from quizapp.core.progress.rows import (
    STATE_COLUMNS,
    Review,
    counts_as_studied,
    state_columns,
    to_ms,
)
from quizapp.core.scheduling.local_zone import local_timezone
from quizapp.core.scheduling.scheduler import CardState
from quizapp.core.scheduling.study_day import DEFAULT_ROLLOVER_HOUR


class AnsweredElsewhereError(Exception):
    """A card's saved state is no longer the one an answer or undo was given on: another
    instance on the same progress file answered (or undid) it meanwhile. Nothing was saved."""


class StoreBase:
    """The connection and its keys. Decks, cards and labels (question types, modes) are stored
    by integer key to keep the log small; the keys are looked up once and remembered, as they
    never change."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._deck_keys: dict[str, int] = {}
        self._card_keys: dict[tuple[str, str], tuple[int, int]] = {}
        self._labels: dict[str, int] = {}
        self._hold: Hold | None = None
        # The study days a review's facts are counted in: the scheduler's (Collection.open).
        self.day_rule: tuple[tzinfo, int] | None = None

    def study_days(self) -> tuple[tzinfo, int]:
        """The timezone and rollover hour of study days (the machine's until told)."""
        if self.day_rule is None:
            self.day_rule = (local_timezone(), DEFAULT_ROLLOVER_HOUR)
        return self.day_rule

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several writes as one transaction: all of them are kept, or none.

        Every write method of the store (and `ExamStore`) joins it.
        """
        with self._writing():
            yield

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A write transaction; keys it created are forgotten if it rolls back."""
        try:
            with transaction(self.conn):
                yield
        except BaseException:
            self._deck_keys.clear()
            self._card_keys.clear()
            self._labels.clear()
            raise

    def _insert_review(self, card_key: int, review: Review, known: Facts | None = None) -> int:
        """Append a review with its facts (`review_facts`), NULL when not known (an import:
        `review_facts.refill` works them out)."""
        elapsed, phase = known if known is not None else (None, None)
        # The day's counts made to follow the rule before this answer is in the log: a count
        # of the log afresh would count it, and then it would be counted again below.
        tz, roll = self._days_rule() if known is not None else self.study_days()
        cursor = self.conn.execute(
            "INSERT INTO reviews (card_key, reviewed_at, rating, duration_ms,"
            " question_type, given_answer, mode, elapsed_days, phase_before)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                card_key,
                to_ms(review.reviewed_at),
                review.rating,
                review.duration_ms,
                self._label(review.question_type),
                review.given_answer,
                self._label(review.mode),
                elapsed,
                phase,
            ),
        )
        review_id = int(cursor.lastrowid or 0)
        if known is None:  # the day's counts wait for the facts: counted again after
            self.conn.execute("DELETE FROM settings WHERE key = ?", (review_days.RULE_SETTING,))
        else:
            day = review_days.day_of(review.reviewed_at, tz, roll)
            review_days.count_answer(self.conn, day, elapsed, review.rating)
        return review_id

    def _days_rule(self) -> tuple[tzinfo, int]:
        """The study-day rule, with review_days made to follow it (in a write transaction:
        one lookup, or a count of the log after a change of timezone or an import)."""
        tz, roll = self.study_days()
        review_days.ensure_rule(self.conn, tz, roll)
        return tz, roll

    def _uncount(self, review_id: int) -> None:
        """Take a review about to be marked undone out of its day's counts."""
        tz, roll = self._days_rule()
        review_days.undo_answer(self.conn, review_id, tz, roll)

    def _facts(self, card_key: int, review: Review) -> Facts:
        """The facts of an answer to a card, from its saved state (before the answer)."""
        row = self.conn.execute(f"SELECT {STATE_COLUMNS} FROM cards WHERE key = ?", (card_key,))
        tz, roll = self.study_days()
        return facts(state_before(row.fetchone()), review.reviewed_at, tz, roll)

    def _save_state(self, deck_id: str, card_id: str, state: CardState) -> None:
        card_key, deck_key = self._card_key(deck_id, card_id)
        self._write_state(card_key, deck_key, state)

    def _write_state(self, card_key: int, deck_key: int, state: CardState) -> None:
        """Save a state (inside a transaction), keeping the deck's count of studied cards."""
        old_phase, retired = self.conn.execute(
            "SELECT phase, retired FROM cards WHERE key = ?", (card_key,)
        ).fetchone()
        self.conn.execute(
            "UPDATE cards SET phase = ?, step = ?, stability = ?, difficulty = ?, due = ?,"
            " last_review = ?, reps = ?, lapses = ? WHERE key = ?",
            (*state_columns(state), card_key),
        )
        change = counts_as_studied(str(state.phase), retired) - counts_as_studied(
            old_phase, retired
        )
        if change:
            self.conn.execute(
                "UPDATE decks SET studied = studied + ? WHERE key = ?", (change, deck_key)
            )

    def _expect(self, card_key: int, expected: CardState) -> None:
        """Raise AnsweredElsewhereError unless the card's saved state is `expected`."""
        row = self.conn.execute(f"SELECT {STATE_COLUMNS} FROM cards WHERE key = ?", (card_key,))
        saved = row.fetchone()
        if (saved if saved[0] is not None else state_columns(CardState())) != state_columns(
            expected
        ):
            raise AnsweredElsewhereError("the card was answered elsewhere meanwhile")

    def _deck_key(self, deck_id: str, *, create: bool = True) -> int | None:
        key = self._deck_keys.get(deck_id)
        if key is None:
            row = self.conn.execute(
                "SELECT key FROM decks WHERE deck_id = ?", (deck_id,)
            ).fetchone()
            if row is None and not create:
                return None
            if row is None:
                cursor = self.conn.execute("INSERT INTO decks (deck_id) VALUES (?)", (deck_id,))
                row = (cursor.lastrowid,)
            key = self._deck_keys[deck_id] = int(row[0])
        return key

    def _card_key(self, deck_id: str, card_id: str) -> tuple[int, int]:
        """The card's key and its deck's, creating rows as needed (inside a transaction)."""
        keys = self._card_keys.get((deck_id, card_id))
        if keys is None:
            deck_key = self._deck_key(deck_id)
            assert deck_key is not None
            row = self.conn.execute(
                "SELECT key FROM cards WHERE deck_key = ? AND card_id = ?", (deck_key, card_id)
            ).fetchone()
            if row is None:
                cursor = self.conn.execute(
                    "INSERT INTO cards (deck_key, card_id) VALUES (?, ?)", (deck_key, card_id)
                )
                row = (cursor.lastrowid,)
                # A card the last check of the deck file did not see: check again.
                self.conn.execute("UPDATE decks SET fingerprint = NULL WHERE key = ?", (deck_key,))
            keys = self._card_keys[(deck_id, card_id)] = (int(row[0]), deck_key)
        return keys

    def _label(self, text: str) -> int:
        key = self._labels.get(text)
        if key is None:
            self.conn.execute("INSERT OR IGNORE INTO labels (text) VALUES (?)", (text,))
            row = self.conn.execute("SELECT key FROM labels WHERE text = ?", (text,)).fetchone()
            key = self._labels[text] = int(row[0])
        return key

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        with transaction(self.conn):
            self.conn.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value)
            )
