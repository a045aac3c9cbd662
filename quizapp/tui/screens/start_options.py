"""Before a quiz, exam or cram: how many questions, how long, in which format; before a
filtered study session, which cards."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from quizapp.core.decks.model import Kind
from quizapp.core.progress.marks import FLAG_COLOURS
from quizapp.core.questions.question import FORMAT_NAMES, QUIZ_FORMATS, Format
from quizapp.core.sessions.queue import StudyFilter
from quizapp.tui import styles

MODES = {
    "study": "Filtered study: only the cards you choose, scheduled as usual.",
    "quiz": "Quiz: questions in mixed formats, each marked as you answer.",
    "exam": "Exam: a timed paper, marked at the end.",
    "cram": "Cram: every card of the selection once, due or not.",
}


@dataclass(frozen=True)
class StartChoice:
    """What the student chose in the start box."""

    mode: str
    count: int = 10
    minutes: float = 10.0
    fmt: Format | None = None
    weakest: bool = True
    reschedule: bool = True
    only: StudyFilter | None = None  # filtered study's choices


class StartOptionsScreen(ModalScreen[StartChoice | None]):
    """A small box of options; enter starts, escape cancels."""

    CSS_PATH = styles.SCREENS

    HELP_TITLE = "Session options"
    HELP_NOTES = "`tab` moves between the options; `enter` starts."
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="start.cancel", tooltip="Cancel.")]

    def __init__(self, mode: str, what: str) -> None:
        super().__init__()
        self.mode = mode
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(id="start-box", classes="modal-box"):
            yield Static(f"[b]{MODES[self.mode]}[/b]\nOn: {escape(self.what)}", id="start-title")
            if self.mode in ("quiz", "exam"):
                yield from _field(
                    "Questions", Input("10", type="integer", id="start-count", compact=True)
                )
            if self.mode == "exam":
                yield from _field(
                    "Minutes", Input("10", type="number", id="start-minutes", compact=True)
                )
                yield Checkbox("Reschedule the cards you answer", True, id="start-reschedule")
            if self.mode == "quiz":
                formats = [("Mixed formats", None)] + [(FORMAT_NAMES[f], f) for f in QUIZ_FORMATS]
                yield from _field(
                    "Format",
                    Select(formats, value=None, allow_blank=False, id="start-format", compact=True),
                )
            if self.mode == "cram":
                yield Checkbox("Weakest cards first", True, id="start-weakest")
            if self.mode == "study":
                yield from _filter_fields()
            yield Static("", id="start-problem", classes="answer-problem")
            with Horizontal(classes="modal-buttons"):
                yield Button("Start (enter)", id="start-go", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="start-cancel", compact=True)

    def on_mount(self) -> None:
        # Enter starts: from a number box it submits; a checkbox would take it as a toggle.
        inputs = self.query(Input)
        (inputs.first() if inputs else self.query_one("#start-go", Button)).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "start-go":
            self.start()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def start(self) -> None:
        count, minutes = self._number("#start-count", 10), self._number("#start-minutes", 10)
        ahead = self._number("#start-ahead", 0) if self._text("#start-ahead") else None
        problem = ""
        if count is None or count < 1 or count != int(count):
            problem = "Questions: give a whole number of at least 1."
        elif minutes is None or minutes <= 0:
            problem = "Minutes: give a number above 0."
        elif self._text("#start-ahead") and (ahead is None or ahead < 0 or ahead != int(ahead)):
            problem = "Due within: give a whole number of days (0 for today), or leave it empty."
        note = self.query_one("#start-problem", Static)
        note.update(problem)
        note.display = bool(problem)
        if problem or count is None or minutes is None:
            return
        fmt = self.query("#start-format").first(Select).value if self.mode == "quiz" else None
        self.dismiss(
            StartChoice(
                mode=self.mode,
                count=int(count),
                minutes=minutes,
                fmt=fmt if isinstance(fmt, Format) else None,
                weakest=self._checked("#start-weakest"),
                reschedule=self._checked("#start-reschedule"),
                only=self._filter(None if ahead is None else int(ahead)),
            )
        )

    def _filter(self, ahead: int | None) -> StudyFilter | None:
        """Filtered study's choices (None outside filtered study)."""
        if self.mode != "study":
            return None
        kind = self.query_one("#start-kind", Select).value
        flag = self.query_one("#start-flag", Select).value
        return StudyFilter(
            tags=tuple(self._text("#start-tag").replace(",", " ").split()),
            kinds=(kind,) if isinstance(kind, str) and kind else (),
            flag=flag if isinstance(flag, int) and flag >= 0 else None,
            due_within=ahead,
        )

    def _text(self, selector: str) -> str:
        found = self.query(selector)
        return found.first(Input).value.strip() if found else ""

    def _number(self, selector: str, default: float) -> float | None:
        found = self.query(selector)
        if not found:
            return default
        try:
            return float(found.first(Input).value)
        except ValueError:
            return None

    def _checked(self, selector: str) -> bool:
        found = self.query(selector)
        return bool(found.first(Checkbox).value) if found else True


def _field(label: str, widget: Input | Select[object]) -> ComposeResult:
    with Horizontal(classes="start-field"):
        yield Label(label, classes="start-label")
        yield widget


def _filter_fields() -> ComposeResult:
    """Filtered study's choices: tag, kind, flag and how many days ahead."""
    tag = Input(placeholder="any (several: a space between)", id="start-tag", compact=True)
    yield from _field("Tag", tag)
    kinds: list[tuple[str, object]] = [("Any kind", "")]
    kinds += [(str(kind), str(kind)) for kind in Kind]
    kind = Select(kinds, value="", allow_blank=False, id="start-kind", compact=True)
    yield from _field("Kind", kind)
    flags: list[tuple[str, object]] = [("Any card", -1), ("Flagged, any colour", 0)]
    flags += [(f"Flagged {name}", n) for n, name in FLAG_COLOURS.items()]
    yield from _field(
        "Flag", Select(flags, value=-1, allow_blank=False, id="start-flag", compact=True)
    )
    ahead = Input(placeholder="due now only", type="integer", id="start-ahead", compact=True)
    yield from _field("Due within", ahead)
    yield Static("Days ahead: cards due by then are reviewed now (new cards left out).")
