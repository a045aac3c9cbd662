"""The end of a study session: what was done and when to come back."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from quizapp.core.insight.timefmt import format_duration, format_until
from quizapp.core.sessions.study import Summary
from quizapp.tui import styles


class SummaryScreen(Screen[None]):
    """Cards studied, share correct, time spent, next due."""

    CSS_PATH = styles.SCREENS

    BINDINGS = [
        Binding("enter", "home", "Home", id="summary.home"),
        Binding("escape", "home", "Home", show=False, id="summary.back"),
    ]

    def __init__(self, summary: Summary, now: datetime) -> None:
        super().__init__()
        self.summary = summary
        self.now = now

    def compose(self) -> ComposeResult:
        s = self.summary
        if s.studied:
            lines = [
                "[b]Session complete[/b]",
                "",
                f"Cards studied: {s.studied}",
                f"Correct: {s.correct} of {s.studied} ({s.share_correct:.0%})",
                f"Time spent: {format_duration(s.seconds)}",
            ]
        else:
            lines = [
                "[b]Nothing to study right now[/b]",
                "",
                "No card is due and no new card is left today.",
            ]
        if s.next_due is not None:
            lines.append(f"Next card due: {format_until(s.next_due, self.now)}")
        yield Header()
        with Vertical(id="summary-box"):
            yield Static("\n".join(lines), id="summary-text")
            with Center():
                yield Button("Back to decks", id="summary-home", variant="primary")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_home()

    def action_home(self) -> None:
        self.app.pop_screen()
