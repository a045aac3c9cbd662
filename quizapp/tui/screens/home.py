"""Home: the decks with their card, new and due counts; pick one to study."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, ProgressBar, Static
from textual.worker import get_current_worker

from quizapp.core.collection import Collection
from quizapp.core.queue import DeckCounts

ALL_DECKS = "__all__"
COUNT_WIDTH = 5


class HomeScreen(Screen[None]):
    """The deck list."""

    BINDINGS = [
        Binding("enter", "study_selected", "Study", id="home.study"),
        Binding("a", "study_all", "Study all", id="home.study-all"),
        Binding("q", "session('quiz')", "Quiz", id="home.quiz"),
        Binding("x", "session('exam')", "Exam", id="home.exam"),
        Binding("c", "session('cram')", "Cram", id="home.cram"),
        Binding("b", "browse", "Browse", id="home.browse"),
        # Not in the footer, which is full at 80 columns: in help (?) and the palette.
        Binding("s", "stats", "Stats", show=False, id="home.stats"),
        Binding("p", "plan", "Plan", show=False, id="home.plan"),
    ]

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        self.collection = collection

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "Choose a deck: enter to study it, q for a quiz, x for an exam, c to cram.\n"
            "s shows your statistics, p plans for an exam date, b browses the cards.",
            id="home-hint",
        )
        yield Static(id="loading-label")
        yield ProgressBar(id="loading-bar", show_eta=False)
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
        pending = len(self.collection.pending)
        self.query_one("#loading-label").display = bool(pending)
        self.query_one("#loading-bar").display = bool(pending)
        if pending:
            self.show_loading(0, pending)
            self.run_worker(self.load_pending, thread=True, group="decks")

    def load_pending(self) -> None:
        """Read the decks that are not cached, in a thread: the screen keeps responding."""
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:  # quitting: stop between two files
                raise _Stopped
            self.app.call_from_thread(self.show_loading, done, total)

        try:
            self.collection.load_pending(progress)
            self.app.call_from_thread(self.finish_loading)
        except (_Stopped, RuntimeError):  # RuntimeError: the app closed meanwhile
            return

    def show_loading(self, done: int, total: int) -> None:
        self.query_one("#loading-label", Static).update(
            f"Reading deck files: {done} of {total} (the first time only; then they load at once)"
        )
        self.query_one("#loading-bar", ProgressBar).update(total=total, progress=done)

    def finish_loading(self) -> None:
        self.query_one("#loading-label").display = False
        self.query_one("#loading-bar").display = False
        self.refresh_counts()
        self.show_problems()

    def on_screen_resume(self) -> None:
        self.refresh_counts()
        self.show_problems()  # browsing may have reloaded a deck file

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
            table.add_row(Text(deck.title), *_cells(deck_counts), key=deck.id)
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
            lines.append(f"  {escape(where)}" + (f" (+{more} more)" if more > 0 else ""))
        lines.append("Run `quizapp check PATH` for every problem.")
        panel.update("\n".join(lines))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.study_key(str(event.row_key.value))

    def action_study_selected(self) -> None:
        table = self.query_one("#decks", DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            self.study_key(str(key.value))

    def action_browse(self) -> None:
        self.app.open_browse()  # type: ignore[attr-defined]

    def action_stats(self) -> None:
        self.app.open_stats()  # type: ignore[attr-defined]

    def action_plan(self) -> None:
        self.app.open_plan()  # type: ignore[attr-defined]

    def action_study_all(self) -> None:
        self.study_key(ALL_DECKS)

    def action_session(self, mode: str) -> None:
        """Quiz, exam or cram on the chosen deck (or all decks), after a box of options."""
        table = self.query_one("#decks", DataTable)
        key = ALL_DECKS
        if table.row_count:
            key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        decks = self.collection.decks
        chosen = decks if key == ALL_DECKS else [d for d in decks if d.id == key]
        from quizapp.tui.launch import ask_session  # late: home opens without quiz code

        ask_session(self.app, self.collection, mode, chosen)  # type: ignore[arg-type]

    def study_key(self, key: str) -> None:
        decks = self.collection.decks
        chosen = decks if key == ALL_DECKS else [d for d in decks if d.id == key]
        self.app.start_study(chosen)  # type: ignore[attr-defined]


def _cells(counts: DeckCounts) -> tuple[str, str, str]:
    return str(counts.cards), str(counts.new), str(counts.due)


class _Stopped(Exception):
    """The deck-reading worker was cancelled."""
