"""Moving a card's progress to a new card id (a renamed card), and what is left behind.

A rename moves the card's row: its reviews, state and marks (which point at the row) follow
it, and the move is logged in `card_renames`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from quizapp.core.progress.rows import from_ms, to_ms
from quizapp.core.progress.store_base import StoreBase


class RenameReason(StrEnum):
    EDIT = "edit"  # the student chose to carry the progress over after editing the card
    WAS = "was"  # the deck file says `was: OLD-ID` on the card


class RenameError(Exception):
    """The progress cannot be moved: the new id has progress of its own."""


@dataclass(frozen=True)
class CardRename:
    """One rename, as the log keeps it."""

    deck_id: str
    old_id: str
    new_id: str
    at: datetime
    reason: RenameReason


# A card has progress when it was ever answered or marked (suspended, flagged, ...).
_HAS_PROGRESS = (
    "(EXISTS (SELECT 1 FROM reviews WHERE card_key = c.key)"
    " OR EXISTS (SELECT 1 FROM card_events WHERE card_key = c.key))"
)


class CardRenames(StoreBase):
    """The store's card renames."""

    def rename_card(
        self, deck_id: str, old_id: str, new_id: str, at: datetime, reason: RenameReason
    ) -> bool:
        """Move a card's progress to a new id, logged, in one transaction.

        Returns:
            Whether anything moved (False when the old id has no progress).

        Raises:
            RenameError: the new id has progress of its own (nothing is merged).
        """
        with self._writing():
            deck_key = self._deck_key(deck_id, create=False)
            old = None if deck_key is None else self._row(deck_key, old_id)
            if deck_key is None or old is None or not old[1]:
                return False
            new = self._row(deck_key, new_id)
            if new is not None and new[1]:
                raise RenameError(
                    f"card '{new_id}' of deck '{deck_id}' has progress of its own; "
                    f"the progress of '{old_id}' was not moved onto it"
                )
            if new is not None:  # a row without progress: make way
                self.conn.execute("DELETE FROM cards WHERE key = ?", (new[0],))
            self.conn.execute(
                "UPDATE cards SET card_id = ?, retired = 0 WHERE key = ?", (new_id, old[0])
            )
            # The deck's counts are checked against its file again (`check_deck`).
            self.conn.execute("UPDATE decks SET fingerprint = NULL WHERE key = ?", (deck_key,))
            self.conn.execute(
                "INSERT INTO card_renames (at, deck_id, old_id, new_id, reason)"
                " VALUES (?, ?, ?, ?, ?)",
                (to_ms(at), deck_id, old_id, new_id, str(reason)),
            )
        self._card_keys.pop((deck_id, old_id), None)
        self._card_keys.pop((deck_id, new_id), None)
        return True

    def card_renames(self, deck_id: str, card_id: str | None = None) -> list[CardRename]:
        """The renames of a deck's cards (to or from `card_id`, if given), in time order."""
        where, args = "deck_id = ?", [deck_id]
        if card_id is not None:
            where += " AND (old_id = ? OR new_id = ?)"
            args += [card_id, card_id]
        rows = self.conn.execute(
            "SELECT deck_id, old_id, new_id, at, reason FROM card_renames"
            f" WHERE {where} ORDER BY at, id",
            args,
        )
        return [
            CardRename(d, o, n, from_ms(at) or datetime.min, RenameReason(r))
            for d, o, n, at, r in rows
        ]

    def answered_ids(self, deck_id: str) -> dict[str, int]:
        """The card ids of a deck that have answers in the log, with how many (undone ones
        left out)."""
        rows = self.conn.execute(
            "SELECT c.card_id, count(*) FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
            " JOIN reviews AS r ON r.card_key = c.key WHERE d.deck_id = ?"
            " AND r.id NOT IN (SELECT review_id FROM undos) GROUP BY c.key",
            (deck_id,),
        )
        return {str(card): int(count) for card, count in rows}

    def _row(self, deck_key: int, card_id: str) -> tuple[int, bool] | None:
        """The card's row key and whether it has progress; None when it has no row."""
        row = self.conn.execute(
            f"SELECT c.key, {_HAS_PROGRESS} FROM cards AS c WHERE c.deck_key = ? AND c.card_id = ?",
            (deck_key, card_id),
        ).fetchone()
        return None if row is None else (int(row[0]), bool(row[1]))
