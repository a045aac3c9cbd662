"""Choosing a flag's colour: one key, in a small box."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Static

from quizapp.core.progress.marks import FLAG_COLOURS
from quizapp.tui import styles


class FlagPicker(ModalScreen[int | None]):
    """1-4 picks a colour, 0 clears the flag, escape leaves it as it is."""

    HELP_TITLE = "Flag"

    CSS_PATH = styles.SCREENS

    BINDINGS = [
        *[
            Binding(str(n), f"pick({n})", name.title(), id=f"flag.{name}")
            for n, name in FLAG_COLOURS.items()
        ],
        Binding("0", "pick(0)", "No flag", id="flag.clear"),
        Binding("escape", "cancel", "Cancel", id="flag.cancel"),
    ]

    def __init__(self, what: str, current: int = 0) -> None:
        super().__init__()
        self.what, self.current = what, current

    def compose(self) -> ComposeResult:
        colours = "   ".join(f"[b]{n}[/b] {name}" for n, name in FLAG_COLOURS.items())
        now = f"Now: {FLAG_COLOURS[self.current]}." if self.current else "No flag now."
        with Vertical(id="flag-box", classes="modal-box"):
            yield Static(f"[b]Flag {escape(self.what)}[/b]  {now}", id="flag-title")
            yield Static(f"{colours}   [b]0[/b] no flag   [b]esc[/b] cancel", id="flag-keys")

    def action_pick(self, colour: int) -> None:
        self.dismiss(colour)

    def action_cancel(self) -> None:
        self.dismiss(None)
