"""The student's settings, for every deck or for one: a log of changes, and what they come to.

Values are kept as the text the student gave; the `settings` package reads and checks them.
Each change is a `SettingEvent`; `preferences` holds the latest value of each (deck, key).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from quizapp.core.progress.rows import from_ms, to_ms
from quizapp.core.progress.store_base import StoreBase

ALL_DECKS = ""  # the deck id of a setting for every deck


@dataclass(frozen=True)
class SettingEvent:
    """One change of a setting: a value, or None for back to the default."""

    at: datetime
    deck_id: str
    key: str
    value: str | None


class Preferences(StoreBase):
    """The store's settings and their log."""

    def preference(self, key: str, deck_id: str = ALL_DECKS) -> str | None:
        """The value set for a key, for one deck (or every deck), or None if none is set."""
        row = self.conn.execute(
            "SELECT value FROM preferences WHERE deck_id = ? AND key = ?", (deck_id, key)
        ).fetchone()
        return None if row is None else str(row[0])

    def preferences(self) -> dict[tuple[str, str], str]:
        """Every value set: (deck id or '', key) -> value."""
        rows = self.conn.execute("SELECT deck_id, key, value FROM preferences")
        return {(str(deck), str(key)): str(value) for deck, key, value in rows}

    def set_preference(
        self, key: str, value: str | None, at: datetime, deck_id: str = ALL_DECKS
    ) -> bool:
        """Set a value (None: back to the default), logged as an event. Returns whether it
        changed anything."""
        with self._writing():
            if self.preference(key, deck_id) == value:
                return False
            self._log_setting(SettingEvent(at, deck_id, key, value))
            self._apply_setting(deck_id, key, value)
        return True

    def setting_events(self) -> list[SettingEvent]:
        """Every change of a setting, in time order."""
        rows = self.conn.execute(
            "SELECT at, deck_id, key, value FROM setting_events ORDER BY at, id"
        )
        return [
            SettingEvent(from_ms(at) or datetime.min, str(deck), str(key), value)
            for at, deck, key, value in rows
        ]

    def add_setting_events(self, events: Iterable[SettingEvent]) -> int:
        """Add changes from elsewhere (an export); one already here (same time, deck, key and
        value) is not added again. Each setting is then what its latest change says.

        Returns:
            The events added.
        """
        added = 0
        with self._writing():
            for event in events:
                known = self.conn.execute(
                    "SELECT 1 FROM setting_events WHERE at = ? AND deck_id = ? AND key = ?"
                    " AND value IS ?",
                    (to_ms(event.at), event.deck_id, event.key, event.value),
                ).fetchone()
                if known is None:
                    self._log_setting(event)
                    added += 1
            if added:
                self.conn.execute("DELETE FROM preferences")
                for event in self.setting_events():
                    self._apply_setting(event.deck_id, event.key, event.value)
        return added

    def _log_setting(self, event: SettingEvent) -> None:
        self.conn.execute(
            "INSERT INTO setting_events (at, deck_id, key, value) VALUES (?, ?, ?, ?)",
            (to_ms(event.at), event.deck_id, event.key, event.value),
        )

    def _apply_setting(self, deck_id: str, key: str, value: str | None) -> None:
        if value is None:
            self.conn.execute(
                "DELETE FROM preferences WHERE deck_id = ? AND key = ?", (deck_id, key)
            )
        else:
            self.conn.execute(
                "INSERT OR REPLACE INTO preferences (deck_id, key, value) VALUES (?, ?, ?)",
                (deck_id, key, value),
            )
