"""Home: the decks with their card, new and due counts; pick one to study."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.worker import get_current_worker

from quizapp.core.collection import Collection
from quizapp.core.planning.exam_load import current_load
from quizapp.tui.screens.recount import RecountOnReturn
from quizapp.tui.widgets.deck_list import DeckList, DeckRow, heading

ALL_DECKS = "__all__"


class HomeScreen(RecountOnReturn, Screen[None]):
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
        Binding("f", "session('study')", "Filtered study", show=False, id="home.filtered"),
    ]

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        self.collection = collection

    def compose(self) -> ComposeResult:
        # A title line, not Textual's Header: home draws the first frame, and the Header's
        # icon, title and clock widgets cost it time (bench/run.py).
        yield Static(self.app.title, id="home-title")
        yield Static(
            "Choose a deck: enter to study it, q for a quiz, x for an exam, c to cram.\n"
            "s shows your statistics, p plans for an exam date, b browses the cards.",
            id="home-hint",
        )
        yield Static(id="exam-mode")
        yield Static(heading(), id="deck-columns")
        yield DeckList(widget_id="decks")
        yield Static(id="deck-problems")
        yield Static(id="deck-notices")

    def on_mount(self) -> None:
        # The footer fills in its keys a frame after it mounts in any case; mounting it after
        # the first frame lets that frame (the deck list) skip its styles and layout.
        self.call_after_refresh(self.mount_footer)
        self.refresh_counts()
        self.show_problems()
        self.counted_on_mount()
        pending = len(self.collection.pending)
        if pending:
            # Mounted only when needed: most starts find every deck cached.
            from textual.widgets import ProgressBar

            columns = self.query_one("#deck-columns")
            self.mount(Static(id="loading-label"), before=columns)
            self.mount(ProgressBar(id="loading-bar", show_eta=False), before=columns)
            self.show_loading(0, pending)
            self.run_worker(self.load_pending, thread=True, group="decks")

    async def mount_footer(self) -> None:
        from textual.widgets import Footer  # imported after the first frame too

        await self.mount(Footer())
        self.refresh_bindings()  # the footer lists the keys when the bindings are announced

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
        from textual.widgets import ProgressBar

        self.query_one("#loading-label", Static).update(
            f"Reading deck files: {done} of {total} (the first time only; then they load at once)"
        )
        self.query_one("#loading-bar", ProgressBar).update(total=total, progress=done)

    def finish_loading(self) -> None:
        self.query_one("#loading-label").remove()
        self.query_one("#loading-bar").remove()
        self.refresh_counts()
        self.show_problems()

    def recount(self) -> None:
        self.refresh_counts()
        self.show_problems()  # browsing may have reloaded a deck file

    def refresh_counts(self) -> None:
        """Re-read the counts: studying changes them."""
        now = self.collection.clock()
        rows = [
            DeckRow(deck.id, deck.title, counts.cards, counts.new, counts.due)
            for deck, counts in (
                (deck, self.collection.counts(deck, now)) for deck in self.collection.decks
            )
        ]
        total = DeckRow(
            ALL_DECKS,
            f"All decks ({len(rows)})",
            cards=sum(r.cards for r in rows),
            new=sum(r.new for r in rows),
            due=sum(r.due for r in rows),
        )
        self.query_one("#decks", DeckList).show([total, *rows])
        self.show_exam_load(now)

    def show_exam_load(self, now: datetime) -> None:
        """Say that exam mode is on and what today asks (hidden without an exam ahead)."""
        c = self.collection
        load = current_load(c.decks, c.store, c.scheduler, now)
        line = self.query_one("#exam-mode", Static)
        line.display = load is not None
        line.update("" if load is None else load.words())

    def show_problems(self) -> None:
        notices = self.query_one("#deck-notices", Static)
        replaced = self.collection.deck_notices(names_only=True)
        if not self.collection.results and not self.collection.pending:
            folder = self.collection.data_dir / "decks"
            replaced = [
                f"No decks here yet: put deck files (.yaml) in {folder}, or start quizapp with "
                '--decks FOLDER. `quizapp new "My deck"` writes one to start from.'
            ]
        notices.display = bool(replaced)
        notices.update(escape("\n".join(replaced)))
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

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.study_key(event.option.id)

    def action_study_selected(self) -> None:
        key = self.query_one("#decks", DeckList).highlighted_key
        if key is not None:
            self.study_key(key)

    def action_browse(self) -> None:
        self.app.open_browse()  # type: ignore[attr-defined]

    def action_stats(self) -> None:
        self.app.open_stats()  # type: ignore[attr-defined]

    def action_plan(self) -> None:
        self.app.open_plan()  # type: ignore[attr-defined]

    def action_study_all(self) -> None:
        self.study_key(ALL_DECKS)

    def action_session(self, mode: str) -> None:
        """Quiz, exam, cram or filtered study on the chosen deck (or all decks), after a box of
        options."""
        key = self.query_one("#decks", DeckList).highlighted_key or ALL_DECKS
        decks = self.collection.decks
        chosen = decks if key == ALL_DECKS else [d for d in decks if d.id == key]
        from quizapp.tui.launch import ask_session  # late: home opens without quiz code

        ask_session(self.app, self.collection, mode, chosen)  # type: ignore[arg-type]

    def study_key(self, key: str) -> None:
        decks = self.collection.decks
        chosen = decks if key == ALL_DECKS else [d for d in decks if d.id == key]
        self.app.start_study(chosen)  # type: ignore[attr-defined]


class _Stopped(Exception):
    """The deck-reading worker was cancelled."""
