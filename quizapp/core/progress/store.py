"""A student's progress: the append-only review log and the card states it implies."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from quizapp.core.progress.database import BUSY_TIMEOUT_MS, connect, transaction
from quizapp.core.progress.lock import Hold, hold_shared
from quizapp.core.scheduling.scheduler import CardState, Phase

IMPORT_BATCH = 2000  # reviews a transaction when importing
# How often (in SQLite's virtual machine steps) a reading's query asks whether to stop:
# well under a millisecond apart, at a cost too small to measure.
STOP_CHECK_STEPS = 10_000


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


class AnsweredElsewhereError(Exception):
    """A card's saved state is no longer the one an answer or undo was given on: another
    instance on the same progress file answered (or undid) it meanwhile. Nothing was saved."""


class Store:
    """The progress database. Every answered card is one transaction: log row and state.

    Decks, cards and labels (question types, modes) are stored by integer key to keep the log
    small; the keys are looked up once and remembered, as they never change.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self._deck_keys: dict[str, int] = {}
        self._card_keys: dict[tuple[str, str], tuple[int, int]] = {}
        self._labels: dict[str, int] = {}
        self._hold: Hold | None = None

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open the store at `path`; raises DamagedStoreError when it cannot be used.

        Until it is closed, the store holds the progress file's lock (`progress_lock`), so
        that a restore refuses to replace the file under it.
        """
        hold = hold_shared(path, BUSY_TIMEOUT_MS / 1000)
        try:
            store = cls(connect(path), path)
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
            self._hold.release()

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
            review_id = self._insert_review(card_key, review)
            self._write_state(card_key, deck_key, state)
        return review_id

    def record_all(self, answered: Sequence[tuple[Review, CardState]]) -> list[int]:
        """Append reviews and save their cards' new states, all in one transaction (one
        question that tested several cards). Returns the review ids."""
        ids = []
        with self._writing():
            for review, state in answered:
                card_key, deck_key = self._card_key(review.deck_id, review.card_id)
                ids.append(self._insert_review(card_key, review))
                self._write_state(card_key, deck_key, state)
        return ids

    def _insert_review(self, card_key: int, review: Review) -> int:
        cursor = self.conn.execute(
            "INSERT INTO reviews (card_key, reviewed_at, rating, duration_ms,"
            " question_type, given_answer, mode) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                card_key,
                to_ms(review.reviewed_at),
                review.rating,
                review.duration_ms,
                self._label(review.question_type),
                review.given_answer,
                self._label(review.mode),
            ),
        )
        return int(cursor.lastrowid or 0)

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
            self.conn.execute(
                "INSERT INTO undos (review_id, undone_at) VALUES (?, ?)", (review_id, to_ms(at))
            )
            new_id = self._insert_review(card_key, review)
            self._write_state(card_key, deck_key, state)
        return new_id

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
            (*_columns(state), card_key),
        )
        change = _studied(str(state.phase), retired) - _studied(old_phase, retired)
        if change:
            self.conn.execute(
                "UPDATE decks SET studied = studied + ? WHERE key = ?", (change, deck_key)
            )

    def _expect(self, card_key: int, expected: CardState) -> None:
        """Raise AnsweredElsewhereError unless the card's saved state is `expected`."""
        row = self.conn.execute(f"SELECT {_STATE_COLUMNS} FROM cards WHERE key = ?", (card_key,))
        saved = row.fetchone()
        if (saved if saved[0] is not None else _columns(CardState())) != _columns(expected):
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

    def states(self, deck_id: str) -> dict[str, CardState]:
        """The saved state of every card of a deck that has been studied."""
        rows = self.conn.execute(
            "SELECT c.card_id, c.phase, c.step, c.stability, c.difficulty, c.due, c.last_review,"
            " c.reps, c.lapses FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
            " WHERE d.deck_id = ? AND c.phase IS NOT NULL",
            (deck_id,),
        )
        return {row[0]: _state(row[1:]) for row in rows}

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
        return CardState() if row is None else _state(row)

    def reviews(
        self, deck_id: str | None = None, card_id: str | None = None, *, undone: bool = False
    ) -> list[Review]:
        """The log in time order, without undone reviews unless asked."""
        where, args = ["1 = 1"], []
        if deck_id is not None:
            where.append("d.deck_id = ?")
            args.append(deck_id)
        if card_id is not None:
            where.append("c.card_id = ?")
            args.append(card_id)
        if not undone:
            where.append("r.id NOT IN (SELECT review_id FROM undos)")
        rows = self.conn.execute(
            "SELECT r.id, d.deck_id, c.card_id, r.reviewed_at, r.rating, r.duration_ms, q.text,"
            " r.given_answer, m.text FROM reviews AS r"
            " JOIN cards AS c ON c.key = r.card_key JOIN decks AS d ON d.key = c.deck_key"
            " JOIN labels AS q ON q.key = r.question_type JOIN labels AS m ON m.key = r.mode"
            f" WHERE {' AND '.join(where)} ORDER BY r.reviewed_at, r.id",
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

    def log(self) -> Iterator[tuple[Review, datetime | None]]:
        """Every review with the time it was undone (None if it stands), in time order.

        Streams the rows, for logs too large to hold as a list.
        """
        rows = self.conn.execute(
            "SELECT r.id, d.deck_id, c.card_id, r.reviewed_at, r.rating, r.duration_ms, q.text,"
            " r.given_answer, m.text, u.undone_at FROM reviews AS r"
            " JOIN cards AS c ON c.key = r.card_key JOIN decks AS d ON d.key = c.deck_key"
            " JOIN labels AS q ON q.key = r.question_type JOIN labels AS m ON m.key = r.mode"
            " LEFT JOIN undos AS u ON u.review_id = r.id ORDER BY r.reviewed_at, r.id"
        )
        for r in rows:
            at = from_ms(r[3]) or datetime.now(UTC)
            yield Review(r[1], r[2], at, r[4], r[5], r[6], r[7], r[8], r[0]), from_ms(r[9])

    def add_reviews(
        self, entries: Iterable[tuple[Review, datetime | None]]
    ) -> tuple[int, int, set[tuple[str, str]]]:
        """Add reviews from elsewhere (an export), each with its undo time or None.

        A review already in the log (same deck, card, rating and time to the millisecond) is
        not added again; its undo is. Card states are left as they were: replay the cards
        whose log changed and `save_states`. Written in short transactions, so a running app
        never waits long; a run cut short is finished by running it again.

        Returns:
            The reviews added, the undos added, and the (deck id, card id) of changed cards.
        """
        added = undone = 0
        changed: set[tuple[str, str]] = set()
        entries = iter(entries)
        while batch := list(islice(entries, IMPORT_BATCH)):
            with self._writing():
                for review, undone_at in batch:
                    was_added, was_undone = self._add_review(review, undone_at)
                    added, undone = added + was_added, undone + was_undone
                    if was_added or was_undone:
                        changed.add((review.deck_id, review.card_id))
        return added, undone, changed

    def _add_review(self, review: Review, undone_at: datetime | None) -> tuple[bool, bool]:
        card_key, _ = self._card_key(review.deck_id, review.card_id)
        row = self.conn.execute(
            "SELECT id FROM reviews WHERE card_key = ? AND reviewed_at = ? AND rating = ?",
            (card_key, to_ms(review.reviewed_at), review.rating),
        ).fetchone()
        added = row is None
        review_id = self._insert_review(card_key, review) if added else row[0]
        if undone_at is None:
            return added, False
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO undos (review_id, undone_at) VALUES (?, ?)",
            (review_id, to_ms(undone_at)),
        )
        return added, bool(cursor.rowcount)

    def save_states(self, states: Iterable[tuple[str, str, CardState]]) -> None:
        """Save the states of some cards, in one transaction."""
        with self._writing():
            for deck_id, card_id, state in states:
                self._save_state(deck_id, card_id, state)

    def review_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM reviews").fetchone()[0])

    def introduced_since(self, deck_id: str, since: datetime) -> set[str]:
        """Cards of a deck whose first (not undone) review is at or after `since`."""
        # Only a card last reviewed since then can qualify (its state is the replay of its log
        # without undone answers): the log is read for those few cards, not the whole deck's.
        rows = self.conn.execute(
            "SELECT c.card_id FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
            " JOIN reviews AS r ON r.card_key = c.key"
            " WHERE d.deck_id = ? AND c.last_review >= ?"
            " AND r.id NOT IN (SELECT review_id FROM undos)"
            " GROUP BY c.key HAVING min(r.reviewed_at) >= ?",
            (deck_id, to_ms(since), to_ms(since)),
        )
        return {row[0] for row in rows}

    def replace_states(self, states: Iterable[tuple[str, str, CardState]]) -> None:
        """Rewrite card states (after a replay), in one transaction."""
        self.replace_states_from(lambda: states)

    def replace_states_from(self, make: Callable[[], Iterable[tuple[str, str, CardState]]]) -> None:
        """Rewrite card states that `make` works out from the current ones, reading them in the
        same write transaction: an answer saved meanwhile (here or by another instance) is
        never overwritten with a state from before it."""
        with self._writing():
            states = list(make())
            self.conn.execute(
                "UPDATE cards SET phase = NULL, step = NULL, stability = NULL, difficulty = NULL,"
                " due = NULL, last_review = NULL, reps = NULL, lapses = NULL"
            )
            self.conn.execute("UPDATE decks SET studied = 0")
            for deck_id, card_id, state in states:
                self._save_state(deck_id, card_id, state)

    def deck_counts(self, deck_id: str, now: datetime) -> tuple[int, int]:
        """How many cards of a deck are past new, and how many are due at `now`.

        Cards marked retired by `check_deck` are left out. Two index lookups, no scan: fast
        at any collection size.
        """
        row = self.conn.execute(
            "SELECT key, studied FROM decks WHERE deck_id = ?", (deck_id,)
        ).fetchone()
        if row is None:
            return 0, 0
        due = self.conn.execute(
            "SELECT count(*) FROM cards WHERE deck_key = ? AND retired = 0 AND due <= ?",
            (row[0], to_ms(now)),
        ).fetchone()[0]
        return int(row[1]), int(due)

    def check_deck(
        self, deck_id: str, fingerprint: str, card_ids: Callable[[], Iterable[str]]
    ) -> None:
        """Mark the cards the deck file no longer holds as retired, unless already done.

        Args:
            deck_id: The deck.
            fingerprint: A digest of the deck file's card ids; nothing is done when the store
                was last checked against the same ids and has no card rows added since.
            card_ids: Gives the deck file's card ids, called only when a check is needed.
        """
        row = self.conn.execute(
            "SELECT fingerprint FROM decks WHERE deck_id = ?", (deck_id,)
        ).fetchone()
        if row is None or row[0] == fingerprint:
            return
        present = set(card_ids())
        with self._writing():
            deck_key = self._deck_key(deck_id)
            rows = self.conn.execute(
                "SELECT key, card_id, retired FROM cards WHERE deck_key = ?", (deck_key,)
            ).fetchall()
            for card_key, card_id, retired in rows:
                if retired != (card_id not in present):
                    self.conn.execute(
                        "UPDATE cards SET retired = ? WHERE key = ?",
                        (int(card_id not in present), card_key),
                    )
            self.conn.execute(
                "UPDATE decks SET fingerprint = ?, studied = (SELECT count(*) FROM cards"
                " WHERE deck_key = ? AND retired = 0 AND phase IS NOT NULL AND phase != ?)"
                " WHERE key = ?",
                (fingerprint, deck_key, str(Phase.NEW), deck_key),
            )

    def forget_checks(self) -> None:
        """Make every deck be checked again (after cards were added by other means)."""
        with self._writing():
            self.conn.execute("UPDATE decks SET fingerprint = NULL")

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        with transaction(self.conn):
            self.conn.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value)
            )


def _studied(phase: str | None, retired: int) -> int:
    """1 when a card with this phase counts as studied in its deck's `studied` figure."""
    return int(phase is not None and phase != Phase.NEW and not retired)


_STATE_COLUMNS = "phase, step, stability, difficulty, due, last_review, reps, lapses"


def same_state(a: CardState, b: CardState) -> bool:
    """Whether two states are saved alike (a state just worked out holds microseconds)."""
    return _columns(a) == _columns(b)


def _columns(state: CardState) -> tuple[object, ...]:
    """A state as its row holds it (times in whole milliseconds), in _STATE_COLUMNS order."""
    return (
        str(state.phase),
        state.step,
        state.stability,
        state.difficulty,
        None if state.due is None else to_ms(state.due),
        None if state.last_review is None else to_ms(state.last_review),
        state.reps,
        state.lapses,
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
