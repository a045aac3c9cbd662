"""Writing many reviews or states at once: an imported log, states worked out by a replay."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from itertools import islice

from quizapp.core.progress.review_days import RULE_SETTING
from quizapp.core.progress.review_facts import refill
from quizapp.core.progress.rows import Review, to_ms
from quizapp.core.progress.store_base import StoreBase
from quizapp.core.scheduling.scheduler import CardState, Scheduler

IMPORT_BATCH = 2000  # reviews a transaction when importing


class BulkWrites(StoreBase):
    """The store's writes of many reviews or states."""

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
        # The day's counts are counted again once the import is done (`refill_facts`).
        self.conn.execute("DELETE FROM settings WHERE key = ?", (RULE_SETTING,))
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO undos (review_id, undone_at) VALUES (?, ?)",
            (review_id, to_ms(undone_at)),
        )
        return added, bool(cursor.rowcount)

    def refill_facts(
        self,
        scheduler: Scheduler | Callable[[str, datetime], Scheduler],
        cards: Iterable[tuple[str, str]],
    ) -> None:
        """Work out again what the reviews of these cards keep (`review_facts`), by replaying
        their logs, each answer under the scheduler its deck had then: added reviews (an
        import, a sync) change what their later ones followed."""
        with self._writing():
            keys = [self._card_key(deck, card)[0] for deck, card in cards]
            refill(self.conn, scheduler, keys, self.study_days())

    def save_states(self, states: Iterable[tuple[str, str, CardState]]) -> None:
        """Save the states of some cards, in one transaction."""
        with self._writing():
            for deck_id, card_id, state in states:
                self._save_state(deck_id, card_id, state)

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
