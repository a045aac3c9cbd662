"""A line of words a screen keeps as a reactive attribute and binds here with `data_bind`."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static


class Words(Static):
    """Shows `text` (markup); takes no room while it is empty."""

    text: reactive[str] = reactive("")

    def watch_text(self, text: str) -> None:
        self.update(text)
        self.display = bool(text)
