"""Progress of a long import or export: a live line on a terminal, a count otherwise."""

from __future__ import annotations

import sys
from typing import TextIO

BAR_WIDTH = 30


class ProgressLine:
    """Called with (done, total); redraws one stderr line on a TTY, says nothing otherwise.

    A pipe or a log gets only the count that the command prints when it is done.
    """

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty()
        self.shown = -1
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.live or total <= 0:
            return
        percent = done * 100 // total
        if percent == self.shown:
            return  # redraw only when the figure changes
        self.shown = percent
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """End the live line so the next message starts on its own line."""
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False
