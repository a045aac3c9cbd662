"""A deck's counts from the store, and keeping them true to the deck file's cards."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from quizapp.core.progress.rows import to_ms
from quizapp.core.progress.store_base import StoreBase
from quizapp.core.scheduling.scheduler import Phase


class DeckChecks(StoreBase):
    """The store's per-deck counters and the retiring of cards a deck file no longer holds."""

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

    def checked(self, fingerprints: dict[str, str]) -> set[str]:
        """Which of these decks (deck id: fingerprint of its file's card ids) the store was
        last checked against: their cards' `retired` marks are true to the files."""
        rows = self.conn.execute("SELECT deck_id, fingerprint FROM decks")
        return {deck for deck, known in rows if known and fingerprints.get(deck) == known}

    def forget_checks(self) -> None:
        """Make every deck be checked again (after cards were added by other means)."""
        with self._writing():
            self.conn.execute("UPDATE decks SET fingerprint = NULL")
