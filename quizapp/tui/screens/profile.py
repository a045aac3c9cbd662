"""The profile screen, first in a browser: whoever opened the page says who is studying.

A profile is a name; its progress, settings and exams are kept under that name on the machine
that serves quizapp. A name not seen before is created once the student confirms it (enter a
second time), so a typo does not quietly start an empty profile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.markup import escape
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static

from quizapp.core.collection import Collection
from quizapp.core.paths import (
    DEFAULT_PROFILE,
    MAX_PROFILE_NAME,
    ProfileNameError,
    profile_name,
    profile_names,
)
from quizapp.tui import styles


@dataclass(frozen=True)
class Profiles:
    """Where a session finds the profiles (`base`, the data folder) and how it opens one's
    collection (`open`; raises OSError, StoreUnavailableError or ValueError, in words)."""

    base: Path
    open: Callable[[str], Collection]


class ProfileScreen(Screen[None]):
    """Type a name (new or not), or choose one of the profiles kept here."""

    CSS_PATH = styles.SCREENS
    HELP_TITLE = "Profile"
    HELP_NOTES = (
        "Type your name and press `enter`, or `tab` to the list and choose it there. A new "
        "name asks for `enter` a second time before it is created. A profile is not a "
        "password: whoever opens this page can choose any name."
    )
    BINDINGS = [
        Binding(
            "down",
            "to_list",
            "Profiles",
            show=False,
            id="profile.list",
            tooltip="From the name to the list of profiles.",
        ),
    ]

    @dataclass
    class Chosen(Message):
        """The student chose a profile: the app opens it."""

        name: str

    def __init__(self, base: Path) -> None:
        super().__init__()
        self.base = base
        self.confirming: str | None = None  # a new name typed once, to be confirmed

    def compose(self) -> ComposeResult:
        yield Static("quizapp: who is studying?", id="home-title")
        yield Static(
            "Type your name and press enter: your progress, settings and exams are kept "
            "under it on this machine. Come back with the same name.",
            id="profile-hint",
        )
        yield Input(
            placeholder="Your name (letters, digits, spaces, - and _)",
            max_length=MAX_PROFILE_NAME,
            id="profile-name",
        )
        yield Static(id="profile-said")
        names = profile_names(self.base)
        yield Static(
            "Or choose your name:" if names else "No profile here yet.", id="profile-list-title"
        )
        yield OptionList(*names, id="profiles")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#profile-name", Input).focus()

    def action_to_list(self) -> None:
        listed = self.query_one("#profiles", OptionList)
        if listed.option_count:
            listed.focus()
            listed.highlighted = listed.highlighted or 0

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.confirming is not None:
            self.confirming = None
            self.say("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.choose(event.value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.choose(str(event.option.prompt))

    def choose(self, typed: str) -> None:
        """Open the profile named, once the name is valid (and confirmed, if new)."""
        try:
            name = profile_name(typed)
        except ProfileNameError as exc:
            self.say(str(exc), problem=True)
            return
        if name.casefold() == DEFAULT_PROFILE:
            self.say(
                f"'{name}' is the profile of whoever uses quizapp in this machine's terminal:"
                " choose another name.",
                problem=True,
            )
            return
        kept = [n for n in profile_names(self.base) if n.casefold() == name.casefold()]
        if not kept and self.confirming != name:
            self.confirming = name
            self.say(
                f"No profile named '{name}' yet. Press enter again to create it; check the"
                " spelling first: it is the name to come back with."
            )
            return
        chosen = kept[0] if kept else name
        self.say(f"Opening {chosen}'s progress...")
        self.query_one("#profile-name", Input).disabled = True
        self.query_one("#profiles", OptionList).disabled = True
        self.post_message(self.Chosen(chosen))

    def failed(self, why: str) -> None:
        """The profile could not be opened: say why, and let the student try again."""
        self.confirming = None
        self.query_one("#profiles", OptionList).disabled = False
        field = self.query_one("#profile-name", Input)
        field.disabled = False
        field.focus()
        self.say(why, problem=True)

    def say(self, words: str, problem: bool = False) -> None:
        said = self.query_one("#profile-said", Static)
        said.set_class(problem, "problem")
        said.update(escape(words))
