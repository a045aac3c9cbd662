"""Home: the decks with their card, new and due counts; pick one to study."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from quizapp.core.collection import Collection
from quizapp.core.queue import DeckCounts

ALL_DECKS = "__all__"
COUNT_WIDTH = 5


class HomeScreen(Screen[None]):
    """The deck list."""

    BINDINGS = [
        Binding("enter", "study_selected", "Study", id="home.study"),
        Binding("a", "study_all", "Study all", id="home.study-all"),
    ]

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        self.collection = collection

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Choose a deck and press enter to study.", id="home-hint")
        yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
        yield Static(id="deck-problems")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#decks", DataTable)
        # Counts stay visible on a narrow terminal: long titles are cut, not the numbers.
        title_width = max(20, self.app.size.width - 4 - 3 * (COUNT_WIDTH + 2))
        table.add_column("Deck", key="deck", width=title_width)
        for label in ("Cards", "New", "Due"):
            table.add_column(label, key=label.lower(), width=COUNT_WIDTH)
        self.refresh_counts()
        self.show_problems()

    def on_screen_resume(self) -> None:
        self.refresh_counts()

    def refresh_counts(self) -> None:
        """Re-read the counts: studying changes them."""
        table = self.query_one("#decks", DataTable)
        row = table.cursor_row
        table.clear()
        now = self.collection.clock()
        counts = [(deck, self.collection.counts(deck, now)) for deck in self.collection.decks]
        total = DeckCounts(
            cards=sum(c.cards for _, c in counts),
            new=sum(c.new for _, c in counts),
            due=sum(c.due for _, c in counts),
        )
        table.add_row(f"All decks ({len(counts)})", *_cells(total), key=ALL_DECKS)
        for deck, deck_counts in counts:
            table.add_row(deck.title, *_cells(deck_counts), key=deck.id)
        table.move_cursor(row=min(row, table.row_count - 1))

    def show_problems(self) -> None:
        failed = self.collection.failed
        panel = self.query_one("#deck-problems", Static)
        panel.display = bool(failed)
        lines = [f"{len(failed)} deck file(s) could not be loaded:"]
        for result in failed:
            more = len(result.errors) - 1
            if result.errors:
                first = result.errors[0]
                where = f"{result.path.name}:{first.line}:{first.column}: {first.message}"
            else:
                where = str(result.path)
            lines.append(f"  {where}" + (f" (+{more} more)" if more > 0 else ""))
        lines.append("Run `quizapp check PATH` for every problem.")
        panel.update("\n".join(lines))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.study_key(str(event.row_key.value))

    def action_study_selected(self) -> None:
        table = self.query_one("#decks", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            self.study_key(str(key.value))

    def action_study_all(self) -> None:
        self.study_key(ALL_DECKS)

    def study_key(self, key: str) -> None:
        decks = self.collection.decks
        chosen = decks if key == ALL_DECKS else [d for d in decks if d.id == key]
        self.app.start_study(chosen)  # type: ignore[attr-defined]


def _cells(counts: DeckCounts) -> tuple[str, str, str]:
    return str(counts.cards), str(counts.new), str(counts.due)
