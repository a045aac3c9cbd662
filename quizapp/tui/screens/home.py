"""Home: the decks with their cards and what today offers (new, learning, reviews due); pick
one to study."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.markup import escape
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.worker import get_current_worker

from quizapp.core.collection import Collection
from quizapp.core.decks.model import Deck
from quizapp.core.planning.exam_load import current_load
from quizapp.tui.screens.recount import RecountOnReturn
from quizapp.tui.store_errors import saves
from quizapp.tui.widgets.deck_list import DeckList, DeckRow, heading
from quizapp.tui.widgets.words import Words

ALL_DECKS = "__all__"


class HomeScreen(RecountOnReturn, Screen[None]):
    """The deck list."""

    HELP_TITLE = "Home"
    HELP_NOTES = "`up` and `down` choose a deck."
    BINDINGS = [
        Binding(
            "enter",
            "study_selected",
            "Study",
            id="home.study",
            tooltip="Study the chosen deck (or all decks).",
        ),
        Binding("a", "app.study_all", "Study all", id="home.study-all", tooltip="Study all decks."),
        Binding(
            "q",
            "session('quiz')",
            "Quiz",
            id="home.quiz",
            tooltip="A quiz on the chosen deck (a box asks for the options first).",
        ),
        Binding(
            "x",
            "session('exam')",
            "Exam",
            id="home.exam",
            tooltip="A timed exam on the chosen deck, marked at the end.",
        ),
        Binding(
            "c",
            "session('cram')",
            "Cram",
            id="home.cram",
            tooltip="Cram the chosen deck: every card once, due or not.",
        ),
        Binding(
            "b",
            "app.browse",
            "Browse",
            id="home.browse",
            tooltip="Browse the cards: search, preview, history.",
        ),
        # Not in the footer, which is full at 80 columns: in help (?) and the palette.
        Binding(
            "s",
            "app.stats",
            "Stats",
            show=False,
            id="home.stats",
            tooltip="Statistics: reviews, due forecast, retention, mastery, streak.",
        ),
        Binding(
            "p",
            "app.plan",
            "Plan",
            show=False,
            id="home.plan",
            tooltip="Plan for an exam: date, readiness forecast, answers a day.",
        ),
        Binding(
            "n",
            "app.add_card",
            "New card",
            show=False,
            id="home.add-card",
            tooltip="Add a card: a form that writes it into one of your own decks.",
        ),
        Binding(
            "f",
            "session('study')",
            "Filtered study",
            show=False,
            id="home.filtered",
            tooltip="Study only the cards of a tag, kind or flag, or due within days.",
        ),
        Binding(
            "o",
            "settings",
            "Settings",
            show=False,
            id="home.settings",
            tooltip="Settings of the chosen deck (or every deck): new cards a day, retention.",
        ),
        Binding(
            "j",
            "app.join_round",
            "Join a class round",
            show=False,
            id="home.join-round",
            tooltip="Join the revision round a teacher is hosting, with its room code.",
        ),
    ]

    exam_mode = reactive("")  # exam mode is on: what today asks; else nothing

    @dataclass
    class Study(Message):
        """The student chose decks to study; the app opens the session."""

        decks: list[Deck]

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        self.collection = collection

    def compose(self) -> ComposeResult:
        # A title line, not Textual's Header: home draws the first frame, and the Header's
        # icon, title and clock widgets cost it time (bench/run.py).
        yield Static(self.app.title, id="home-title")
        yield Static(
            "Choose a deck: enter to study it, q for a quiz, x for an exam, c to cram.\n"
            "s statistics, p exam plan, b browse, n add a card, o settings.",
            id="home-hint",
        )
        yield Words(id="exam-mode").data_bind(text=HomeScreen.exam_mode)
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
        from quizapp.tui.widgets.footer import Footer  # imported after the first frame too

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

    def working(self, text: str) -> None:
        """Say what a session being prepared in a thread is doing ('' when it is done):
        a line above the decks, mounted only when needed."""
        found = self.query("#home-working")
        if not text:
            found.remove()
        elif found:
            found.first(Static).update(text)
        else:
            self.mount(Static(text, id="home-working"), before=self.query_one("#deck-columns"))

    def finish_loading(self) -> None:
        self.query_one("#loading-label").remove()
        self.query_one("#loading-bar").remove()
        for carried in self.collection.carry_renames():  # the decks just read may say `was:`
            self.notify(carried, title="Progress carried over", timeout=10)
        self.refresh_counts()
        self.show_problems()

    def recount(self) -> None:
        self.refresh_counts()
        self.show_problems()  # browsing may have reloaded a deck file

    # Counting keeps the store's deck checks up to date, a write.
    @saves("The deck counts may be out of date until it is fixed.")
    def refresh_counts(self) -> None:
        """Re-read the counts: studying changes them."""
        now = self.collection.clock()
        decks = self.collection.decks
        rows = [
            DeckRow(deck.id, deck.title, c.cards, c.new_today, c.learning, c.review_due)
            for deck, c in zip(decks, self.collection.all_counts(decks, now), strict=True)
        ]
        total = DeckRow(
            ALL_DECKS,
            f"All decks ({len(rows)})",
            cards=sum(r.cards for r in rows),
            new_today=sum(r.new_today for r in rows),
            learning=sum(r.learning for r in rows),
            review_due=sum(r.review_due for r in rows),
        )
        self.query_one("#decks", DeckList).show([total, *rows])
        c = self.collection
        load = current_load(c.decks, c.store, c.scheduler, now)
        self.exam_mode = "" if load is None else load.words()

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

    def action_settings(self) -> None:
        """Settings of the highlighted deck (every deck's on the all-decks row)."""
        key = self.query_one("#decks", DeckList).highlighted_key
        self.app.open_settings(None if key in (None, ALL_DECKS) else key)  # type: ignore[attr-defined]

    def action_session(self, mode: str) -> None:
        """Quiz, exam, cram or filtered study on the chosen deck (or all decks), after a box of
        options."""
        key = self.query_one("#decks", DeckList).highlighted_key or ALL_DECKS
        decks = self.collection.decks
        chosen = decks if key == ALL_DECKS else [d for d in decks if d.id == key]
        from quizapp.tui.launch import ask_session  # late: home opens without quiz code

        ask_session(self.app, self.collection, mode, chosen)

    def study_key(self, key: str) -> None:
        decks = self.collection.decks
        self.post_message(
            self.Study(decks if key == ALL_DECKS else [d for d in decks if d.id == key])
        )


class _Stopped(Exception):
    """The deck-reading worker was cancelled."""
