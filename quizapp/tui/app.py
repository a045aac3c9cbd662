"""The quizapp App: screens, key map and commands; the work happens in quizapp.core."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from quizapp.core.collection import Collection
from quizapp.core.model import Deck
from quizapp.tui.screens.help import HelpScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.study import StudyScreen


class QuizApp(App[int]):
    """Home screen first; study sessions are pushed on top of it."""

    TITLE = "quizapp"
    CSS_PATH = "quizapp.tcss"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("question_mark", "help", "Help", id="help", key_display="?"),
    ]

    def __init__(self, collection: Collection, study: Sequence[Deck] | None = None) -> None:
        super().__init__()
        self.collection = collection
        self.study_on_start = study

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.collection))
        if self.study_on_start is not None:
            self.start_study(self.study_on_start)
        for notice in self.collection.notices:
            self.notify(notice, title="Progress file", severity="warning", timeout=20)

    def start_study(self, decks: Sequence[Deck]) -> None:
        """Open a study session on these decks."""
        self.push_screen(StudyScreen(self.collection, decks))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Study all decks",
            "Due cards first, then new ones",
            lambda: self.start_study(self.collection.decks),
        )
        yield SystemCommand("Help", "Keys and what they do", self.action_help)


def make_app(collection: Collection, study: Sequence[Deck] | None = None) -> QuizApp:
    """Build the app; the CLI, the tests and the snapshot apps all come through here."""
    return QuizApp(collection, study=study)
