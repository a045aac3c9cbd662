"""Card info: where a card is written, its state and memory, every review, and its events."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from quizapp.core.collection import Collection
from quizapp.core.decks.model import Card, Deck
from quizapp.core.insight.card_history import (
    card_history,
    event_lines,
    review_rows,
    summary_lines,
)
from quizapp.core.paths import bundled_decks_dir, user_decks_dir
from quizapp.tui import styles
from quizapp.tui.widgets.footer import Footer

# The answer given comes last: a long one would push the columns after it off the screen.
COLUMNS = (("When", 16), ("Mode", 5), ("Rating", 6), ("Next wait", 9), ("Answer given", None))


class CardInfoScreen(Screen[None]):
    """One card's file and line, state, memory, reviews and events (read when it opens)."""

    CSS_PATH = styles.SCREENS
    SUB_TITLE = "Card info"

    DEFAULT_CSS = """
    #info-body { padding: 0 1; }
    #info-title { text-style: bold; }
    #info-reviews { height: auto; max-height: 12; margin: 1 0 0 0; }
    #info-events { margin: 1 0 0 0; color: $text-muted; }
    """
    HELP_TITLE = "Card info"
    HELP_NOTES = (
        "The card's reviews are listed latest first, each with the wait it gave the card; `up`"
        " and `down` scroll them."
    )
    BINDINGS = [Binding("escape", "leave", "Back", id="info.leave", tooltip="Back.")]

    def __init__(self, collection: Collection, deck: Deck, card: Card) -> None:
        super().__init__()
        self.collection = collection
        self.deck = deck
        self.card = card

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="info-body"):
            yield Static(id="info-title")
            yield Static(id="info-summary")
            yield DataTable(id="info-reviews", cursor_type="row", zebra_stripes=True)
            yield Static(id="info-events")
        yield Footer()

    def on_mount(self) -> None:
        c, deck, card = self.collection, self.deck, self.card
        now = c.clock()
        history = card_history(c.store, c.scheduler, deck.id, card.id, now)
        title = f"{deck.id} / {card.id} · {card.type} card · {card.kind} · {history.status(now)}"
        self.query_one("#info-title", Static).update(escape(title))
        lines = [
            f"File: {where(deck.path, c.data_dir)}, line {card.line}",
            f"Q: {' '.join(card.prompt.split())}",
        ]
        if card.answer:
            lines.append(f"A: {card.answer}")
        if card.reverse_of:
            lines.append(f"The reverse of '{card.reverse_of}': edit that card to change it.")
        lines += summary_lines(history, now)
        self.query_one("#info-summary", Static).update(escape("\n".join(lines)))
        table = self.query_one("#info-reviews", DataTable)
        rows = review_rows(history)
        table.display = bool(rows)
        for label, width in COLUMNS:
            table.add_column(label, width=width)
        for when, mode, rating, given, wait in reversed(rows):  # the latest first
            table.add_row(*(Text(value) for value in (when, mode, rating, wait, given)))
        events = event_lines(history)
        panel = self.query_one("#info-events", Static)
        panel.display = bool(events)
        panel.update(escape("\n".join(["Events:", *events])))
        table.focus()

    def action_leave(self) -> None:
        self.app.pop_screen()


def where(path: Path, data_dir: Path) -> str:
    """A deck file in words: one of the student's own, one installed with quizapp, or its path."""
    if path.is_relative_to(user_decks_dir(data_dir)):
        return f"{path.relative_to(user_decks_dir(data_dir))} in your decks folder"
    if path.resolve().is_relative_to(bundled_decks_dir().resolve()):
        return f"{path.name}, installed with quizapp"
    return str(path)
