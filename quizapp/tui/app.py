"""The quizapp App: screens, key map and commands; the work happens in quizapp.core."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from quizapp.core.collection import Collection
from quizapp.core.decks.lazy_cards import deck_index
from quizapp.core.decks.model import Deck
from quizapp.core.grading.thesaurus import thesaurus
from quizapp.core.progress.database import StoreUnavailableError
from quizapp.core.progress.sync import SYNC_FOLDER
from quizapp.core.sessions.queue import StudyFilter
from quizapp.tui import browser, styles
from quizapp.tui.commands import palette_commands
from quizapp.tui.preferences import FILE_NAME, Preferences
from quizapp.tui.render_caches import bound_render_caches
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.profile import Profiles, ProfileScreen
from quizapp.tui.threads import deliver, reading

# The other screens are imported when first opened: home's first frame waits for no more
# code than it needs (bench/run.py measures it).

# Study sessions over more cards than this build their queue in a thread (at 100,000 cards
# it takes about a second); smaller ones open at once.
STUDY_IN_THREAD_ABOVE = 5_000
# Builds the screen the app opens on, over home (quiz, exam and cram from the CLI).
ScreenFactory = Callable[["QuizApp"], Screen[Any]]


class QuizApp(App[int]):
    """Home screen first; study sessions are pushed on top of it. A browser's session without
    a profile yet shows the profile screen first, and home once a profile is open."""

    TITLE = "quizapp"
    CSS_PATH = styles.HOME
    BINDINGS = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            id="quit",
            priority=True,
            tooltip="Quit (every answer is already saved).",
        ),
        Binding(
            "question_mark",
            "help",
            "Help",
            id="help",
            key_display="?",
            tooltip="This help: the keys of the screen you are on.",
        ),
        # Textual's own palette key, named here so the help lists it and a keymap can move it.
        Binding(
            "ctrl+p",
            "command_palette",
            "palette",
            id="palette",
            show=False,
            priority=True,
            tooltip="The command palette: every action by name, and the themes.",
        ),
    ]

    def __init__(
        self,
        collection: Collection | None,
        study: Sequence[Deck] | None = None,
        start: ScreenFactory | None = None,
        only: StudyFilter | None = None,
        *,
        profiles: Profiles | None = None,
        profile: str | None = None,
    ) -> None:
        super().__init__()
        bound_render_caches()
        if collection is None and profiles is None:
            raise ValueError("the app needs a collection, or profiles to open one from")
        self._collection, self.profiles = collection, profiles
        self.profile = profile  # the open profile's name; None for the default profile
        if profile is not None:
            self.title = f"quizapp · {profile}"
        self.study_on_start = study
        self.study_filter = only
        self.start_screen = start
        # Where files are saved outside a browser (None: the Downloads folder).
        self.downloads: Path | None = None
        # The theme and keys chosen in earlier runs, in place before the first frame.
        if collection is not None:
            self.show_preferences(Preferences.load(collection.data_dir))
        else:  # a profile's own come once it is chosen
            self.preferences = Preferences(Path(FILE_NAME))
            self.keys_in_use: dict[str, str] = {}
        self._clashes_said: set[frozenset[str]] = set()

    @property
    def collection(self) -> Collection:
        """The open profile's decks and progress."""
        if self._collection is None:
            raise LookupError("no profile is open yet")
        return self._collection

    @property
    def opened(self) -> Collection | None:
        """The collection the app works on, if one is open (for whoever closes it)."""
        return self._collection

    def show_preferences(self, preferences: Preferences) -> None:
        """Take a profile's theme and keys (in a browser, without the keys it keeps)."""
        self.preferences = preferences
        if preferences.theme in self.available_themes:
            self.theme = preferences.theme
        keys = preferences.keys
        self.keys_in_use = browser.web_keymap(keys) if self.is_web else dict(keys)
        self.set_keymap(self.keys_in_use)

    def get_default_screen(self) -> Screen[None]:
        # Home is the bottom screen itself: pushing it over Textual's blank default screen
        # cost a frame at start-up.
        if self._collection is None:
            assert self.profiles is not None
            return ProfileScreen(self.profiles.base)
        return HomeScreen(self._collection)

    def on_mount(self) -> None:
        self.call_after_refresh(settle_memory)
        if self.is_web:  # known once the driver runs: the keys the browser keeps move
            self.show_preferences(self.preferences)
        if self._collection is not None:
            self.opening_done()

    def on_profile_screen_chosen(self, message: ProfileScreen.Chosen) -> None:
        # After a frame, so that the screen says it is opening first. On the event loop: the
        # store's connection belongs to the thread that opens it; deck files not cached yet
        # are read later, behind home's progress bar, which keeps it short.
        self.call_after_refresh(self.open_profile, message.name)

    def open_profile(self, name: str) -> None:
        """Open the profile's collection, then show its home."""
        assert self.profiles is not None
        try:
            collection = self.profiles.open(name)
        except (OSError, StoreUnavailableError, ValueError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            if isinstance(self.screen, ProfileScreen):
                self.screen.failed(f"{name}'s progress could not be opened: {why}")
            return
        self.use_profile(name, collection)

    def use_profile(self, name: str, collection: Collection) -> None:
        """Work on this profile from now on: its preferences, then its home."""
        self._collection, self.profile = collection, name
        self.title = f"quizapp · {name}"  # home's title line, and the header's
        self.show_preferences(Preferences.load(collection.data_dir))
        # Over the profile screen: Textual's bottom screen cannot be switched for another.
        self.push_screen(HomeScreen(collection))
        self.opening_done()

    def opening_done(self) -> None:
        """The collection is open: the session asked for, and what it had to say."""
        collection = self.collection
        # The marker's thesaurus takes about 0.3 s to read: read before the first typed answer.
        self.call_after_refresh(self.run_worker, thesaurus, thread=True, group="read-ahead")
        if sum(len(deck.cards) for deck in collection.decks) > STUDY_IN_THREAD_ABOVE:
            ahead = partial(read_ahead, list(collection.decks))
            self.call_after_refresh(self.run_worker, ahead, thread=True, group="read-ahead")
        if self.study_on_start is not None:
            self.start_study(self.study_on_start, self.study_filter)
        if self.start_screen is not None:
            self.push_screen(self.start_screen(self))
        for notice in collection.notices:
            self.notify(notice, title="Progress file", severity="warning", timeout=20)
        for carried in collection.carried:
            self.notify(carried, title="Progress carried over", timeout=10)
        if self.preferences.problem:
            self.notify(self.preferences.problem, title="Preferences", severity="warning")
        self.call_after_refresh(self.action_sync, asked=False)  # with the sync-folder, if set

    def watch_theme(self, theme: str) -> None:
        """Remember the theme chosen (the palette's "Theme" command) for the next run."""
        if self._collection is None:
            return  # no profile yet to keep it in
        try:
            self.preferences.save_theme(theme)
        except OSError as exc:
            self.notify(
                f"The theme could not be kept for next time: {exc}.",
                title="Preferences",
                severity="warning",
            )

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        """Say once that keys remapped in the preferences clash (Textual keeps one of them)."""
        ids = frozenset(b.id or b.action for b in clashed_bindings)
        if ids not in self._clashes_said:
            self._clashes_said.add(ids)
            self.notify(
                f"In {self.preferences.path}, these share a key: {', '.join(sorted(ids))}.",
                title="Preferences",
                severity="warning",
            )

    def on_home_screen_study(self, message: HomeScreen.Study) -> None:
        self.start_study(message.decks)

    def start_study(self, decks: Sequence[Deck], only: StudyFilter | None = None) -> None:
        """Open a study session on these decks, filtered by `only` if given (its queue built
        in a thread if they are big)."""
        from quizapp.tui.screens.study import StudyScreen

        cards = sum(len(deck.cards) for deck in decks)
        if cards <= STUDY_IN_THREAD_ABOVE:
            self.push_screen(StudyScreen(self.collection, decks, only=only))
        else:
            self.say_working(
                f"Preparing the study session: finding what is due among {cards:,} cards…"
            )
            work = partial(self.prepare_study, list(decks), only)
            # Exclusive: a second key press replaces the first request (see `deliver`).
            self.run_worker(work, thread=True, exclusive=True, group="session")

    def prepare_study(self, decks: list[Deck], only: StudyFilter | None = None) -> None:
        """In a worker thread: build the queue on a connection of the thread's own, then open
        the session on the event loop, saving answers through the app's connection."""
        from quizapp.core.sessions.study import StudySession
        from quizapp.tui.screens.study import StudyScreen

        c = self.collection
        with reading(c.store.path) as reader:
            session = StudySession(
                decks, reader, c.scheduler, c.clock, only=only, every_deck=c.decks
            )
        session.store = c.store
        deliver(self, lambda: self.open_prepared(StudyScreen(c, decks, session)))

    def say_working(self, text: str) -> None:
        """Say what a session being prepared in a thread is doing: on home, a line above the
        decks ('' takes it away); over another screen, a notification."""
        home = self.screen_stack[0] if self.screen_stack else None
        if isinstance(home, HomeScreen):
            home.working(text if self.screen is home else "")
        if text and self.screen is not home:
            self.notify(text)

    def open_prepared(self, screen: Screen[Any]) -> None:
        """Open a session prepared in a thread, home no longer saying it is preparing it."""
        self.say_working("")
        self.push_screen(screen)

    def action_study_all(self) -> None:
        """Study every deck: due cards first, then new ones."""
        self.start_study(self.collection.decks)

    def action_browse(self) -> None:
        """Browse and preview the cards; deck files edited meanwhile are reloaded."""
        from quizapp.tui.screens.browse import BrowseScreen

        if not isinstance(self.screen, BrowseScreen):
            self.push_screen(BrowseScreen(self.collection))

    def action_add_card(self) -> None:
        """The form that writes a new card into one of the student's own decks."""
        from quizapp.tui.screens.add_card import AddCardScreen

        if not isinstance(self.screen, AddCardScreen):
            self.push_screen(AddCardScreen(self.collection))

    def action_stats(self, optimize: bool = False) -> None:
        """Show the statistics of all decks; `optimize` also fits the schedule to the log."""
        from quizapp.tui.screens.stats import StatsScreen

        screen = self.screen if isinstance(self.screen, StatsScreen) else None
        if screen is None:
            screen = StatsScreen(self.collection)
            self.push_screen(screen)
        if optimize:
            self.call_after_refresh(screen.action_optimize)

    def action_plan(self) -> None:
        """Set or change the exam date and see the readiness forecast."""
        from quizapp.tui.screens.plan import PlanScreen

        if not isinstance(self.screen, PlanScreen):
            self.push_screen(PlanScreen(self.collection))

    def open_settings(self, deck_id: str | None = None) -> None:
        """Every setting, for every deck or for one, with the cost of each retention."""
        from quizapp.tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen(self.collection, deck_id))

    def action_help(self) -> None:
        """The keys of the screen the student is on, from its bindings."""
        from quizapp.tui.screens.help import HelpScreen, help_text

        if not isinstance(self.screen, HelpScreen):
            keys, path = self.keys_in_use, self.preferences.path
            note = browser.WEB_KEYS_NOTE if self.is_web else None
            text = help_text(self.screen, self, keys, path, note)
            self.push_screen(HelpScreen(text))

    def action_join_round(self) -> None:
        """Join a teacher's class round on this machine (the room code is asked for)."""
        from quizapp.tui.commands import join_round

        join_round(self)

    def action_sync(self, asked: bool = True) -> None:
        """Trade progress with the student's other machines through the sync folder."""
        if not asked and not self.collection.store.preference(SYNC_FOLDER):
            return  # the sync's code need not even load
        from quizapp.tui.sync import start_sync

        start_sync(self, self.collection, asked=asked)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from palette_commands(self, screen)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        self.notify(f"The file was not delivered: {event.exception}", severity="error")

    def action_download_progress(self) -> None:
        browser.download_progress(self, self.collection, self.profile)

    def action_download_exams(self, exam_id: int | None = None) -> None:
        browser.download_exams(self, self.collection, self.profile, exam_id)

    def ask_session(self, mode: str) -> None:
        """Start a quiz, exam or cram on all decks, after a box of options."""
        from quizapp.tui.launch import ask_session

        ask_session(self, self.collection, mode, self.collection.decks)


SWITCH_INTERVAL = 0.0002  # seconds


def read_ahead(decks: Sequence[Deck]) -> None:
    """After the first frame, for a large collection: read the decks' card indexes and load
    numpy, which every screen that counts the whole collection needs (study all, cram,
    browse, the plan), so the first of them does not wait for them (a tenth of a second or
    more at 100,000 cards)."""
    import numpy  # noqa: F401

    for deck in decks:
        deck_index(deck)


def settle_memory() -> None:
    """After the first frame: set aside what start-up made, and let the collector run again.

    Start-up objects live as long as the app: frozen, they stay out of the collector's full
    passes, whose 40-50 ms pauses were the slowest key presses. The CLI paused the collector
    for start-up (quizapp.cli.common.pause_collector_for_start_up).
    """
    gc.freeze()
    gc.enable()
    # Hand the interpreter between threads every 0.2 ms, not 5: a worker counting over
    # arrays lets go of it at every operation, and each time waited up to 5 ms for the event
    # loop's thread to give it back (the exam forecast of 100,000 cards took 4 s, not 1.3).
    sys.setswitchinterval(SWITCH_INTERVAL)


def make_app(
    collection: Collection | None,
    study: Sequence[Deck] | None = None,
    start: ScreenFactory | None = None,
    only: StudyFilter | None = None,
    *,
    profiles: Profiles | None = None,
    profile: str | None = None,
) -> QuizApp:
    """Build the app; the CLI, the tests and the snapshot apps all come through here.

    Args:
        collection: The decks and progress; None to ask for a profile first (`profiles`).
        study: Open a study session on these decks.
        start: Open the screen this builds (a quiz, exam or cram), over home.
        only: Filter the study session opened on `study` to these cards.
        profiles: Where the profile screen finds profiles and how it opens one.
        profile: The name of the profile `collection` belongs to (None: the default one).
    """
    return QuizApp(
        collection, study=study, start=start, only=only, profiles=profiles, profile=profile
    )
