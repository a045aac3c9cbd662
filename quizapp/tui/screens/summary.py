"""The end of a study session: what was done and when to come back."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from quizapp.core.insight.timefmt import format_duration, format_until
from quizapp.core.sessions.summary import Summary
from quizapp.tui import styles
from quizapp.tui.widgets.footer import Footer


def summary_lines(s: Summary, now: datetime) -> list[str]:
    """Whether the session ran to its end; answers and cards (questions) counted apart; time
    spent; when to come back."""
    unit = s.unit
    if not s.answers and s.selection:
        lines = [
            "[b]Nothing to study in this selection right now[/b]",
            "",
            f"Filtered: {escape(s.selection)}.",
            "No card of it is due and no new card of it is left today. To review cards"
            " before they are due, choose how many days ahead (Due within).",
        ]
    elif not s.answers:
        lines = ["[b]Nothing to study right now[/b]", ""]
        if s.exam:  # home counts each deck's new cards within its own limit: say why none come
            lines += [
                f"{escape(s.exam)}.",
                "No card is due, and the exam plan asks no more of today: it spreads the new"
                " cards over the days to the exam (p on home shows the plan).",
            ]
        else:
            lines.append("No card is due and no new card is left today.")
        if s.elsewhere:
            lines.append(f"{counted(s.elsewhere, unit)} answered in another window meanwhile.")
    else:
        head = f"[b]Session ended early[/b] · {counted(s.left, unit)} left"
        lines = [
            head if s.ended_early else "[b]Session complete[/b]",
            "",
            f"{counted(s.answers, 'answer')} to {counted(s.items, unit)}"
            f" · {counted(s.answers_right, 'answer')} right ({s.share_right:.0%})",
        ]
        if s.answers > s.items:  # some were answered more than once: how each ended
            lines.append(
                f"{unit.capitalize()}s: {s.items_right_always} right every time"
                f" · {s.items_right_at_last} right after a miss"
                f" · {s.items_wrong} still wrong"
            )
        if s.selection:
            lines.append(f"Filtered: {escape(s.selection)}")
        if s.elsewhere:
            lines.append(f"{counted(s.elsewhere, unit)} answered in another window, skipped here")
        lines.append(f"Time spent: {format_duration(s.seconds)}")
    if s.next_due is not None:
        lines.append(f"Next card due: {format_until(s.next_due, now)}")
    return lines


def counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class SummaryScreen(Screen[None]):
    """Answers and cards, how they went, time spent, next due; or that nothing was due."""

    CSS_PATH = styles.SCREENS

    BINDINGS = [
        Binding("enter", "home", "Home", id="summary.home", tooltip="Back home."),
        Binding("escape", "home", "Home", show=False, id="summary.back", tooltip="Back home."),
    ]

    def __init__(self, summary: Summary, now: datetime) -> None:
        super().__init__()
        self.summary = summary
        self.now = now

    def compose(self) -> ComposeResult:
        lines = summary_lines(self.summary, self.now)
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
