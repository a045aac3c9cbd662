"""A yes/no question in a small box."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from quizapp.tui import styles


class ConfirmScreen(ModalScreen[bool]):
    """Asks a question; y or the Yes button says yes, n, escape or No says no."""

    CSS_PATH = styles.SCREENS

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Yes."),
        Binding("n", "answer(False)", "No", id="confirm.no", tooltip="No."),
        Binding("escape", "answer(False)", "No", show=False, id="confirm.back", tooltip="No."),
    ]

    def __init__(self, message: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.message, self.yes, self.no = message, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="modal-box"):
            yield Static(self.message, id="confirm-text")
            with Horizontal(classes="modal-buttons"):
                yield Button(f"{self.yes} (y)", id="confirm-yes", variant="primary", compact=True)
                yield Button(f"{self.no} (n)", id="confirm-no", compact=True)

    def on_mount(self) -> None:
        # A stray enter keeps things as they are: the safe answer has the focus.
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
