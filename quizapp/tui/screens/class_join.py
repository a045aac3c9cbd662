"""A student's screen in a class round (a terminal or a served browser tab): the room code and
a name, then each question once the teacher opens it; an answer may change until it closes;
right or wrong at the reveal; their own summary at the end.

One worker reads the round file several times a second; answers are written by workers too.
"""

from __future__ import annotations

import threading
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from quizapp.core.classroom.rooms import RoomCodeError
from quizapp.core.classroom.round_host import CLOSED, ENDED, LOBBY, OPEN, REVEALED
from quizapp.core.classroom.round_questions import LETTERS
from quizapp.core.classroom.round_seat import RoundSeat, SeatError, SeatSummary, SeatView
from quizapp.core.clock import Clock, system_clock
from quizapp.core.collection import Collection
from quizapp.core.progress.round_file import RoundFileError
from quizapp.tui import styles
from quizapp.tui.threads import deliver

# How often a student's screen reads the round: the delay from the teacher's "next" to the
# question on every screen is at most this, plus a frame (bench/class_round.py measures it).
SEAT_POLL_SECONDS = 0.15


class ClassJoinScreen(Screen[None]):
    """Join a round, then follow it."""

    CSS_PATH = styles.SCREENS
    HELP_TITLE = "Class round"
    HELP_NOTES = (
        "Type the room code the teacher's screen shows and your name. Each question appears "
        "when the teacher opens it: press its letter (or click it) to answer. You may change "
        "your answer until the question closes. A right answer scores a point; speed does not."
    )
    BINDINGS = [
        Binding("escape", "leave", "Leave", id="join.leave", tooltip="Leave the round."),
        *(
            Binding(
                letter.lower(),
                f"pick({i})",
                f"Answer {letter}",
                show=False,
                id=f"join.pick.{letter.lower()}",
                tooltip=f"Answer {letter}.",
            )
            for i, letter in enumerate(LETTERS[:6])
        ),
    ]

    def __init__(
        self,
        folder: Path,
        code: str | None = None,
        name: str | None = None,
        clock: Clock = system_clock,
        *,
        leave_quits: bool = False,
        collection: Collection | None = None,
    ) -> None:
        super().__init__()
        # The student's own progress: a round that says so logs its answers there at the end.
        self.collection = collection
        self.leave_quits = leave_quits  # `quizapp class join`: leaving the round ends the app
        self.folder = folder
        self.room_code = code
        self.student_name = name
        self.clock = clock
        self.seat: RoundSeat | None = None
        self.view: SeatView | None = None
        self.shown_step: tuple[int, int | None] | None = None
        self.summary: SeatSummary | None = None
        self.wake = threading.Event()
        # What the screen last showed (step, choice, whole seconds left); set by `show`, on
        # the event loop, as a cancelled worker's reading never arrives.
        self.last_look: tuple[int, int | None, int | None] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="round-status")
        with VerticalScroll(id="round-body"):
            with Vertical(id="round-join"):
                yield Static("Join a class round: the code on the teacher's screen, your name.")
                yield Input(value=self.room_code or "", placeholder="Room code", id="join-code")
                yield Input(value=self.student_name or "", placeholder="Your name", id="join-name")
            yield Static(id="round-problem")
            yield Static(id="round-prompt")
            yield OptionList(id="round-choices", markup=False, compact=True)
            yield Static(id="round-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "quizapp · class round"
        for hidden in ("#round-prompt", "#round-choices"):
            self.query_one(hidden).display = False
        self.query_one("#round-status", Static).update("Not joined yet")
        if self.room_code and self.student_name:
            self.join(self.room_code, self.student_name)
        else:
            self.query_one("#join-name" if self.room_code else "#join-code", Input).focus()

    # Joining.

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        code = self.query_one("#join-code", Input).value
        name = self.query_one("#join-name", Input).value
        if event.input.id == "join-code" and not name.strip():
            self.query_one("#join-name", Input).focus()
            return
        self.join(code, name)

    def join(self, code: str, name: str) -> None:
        self.say("Joining...")
        self.run_worker(lambda: self.take_seat(code, name), thread=True, group="round-join")

    def take_seat(self, code: str, name: str) -> None:
        try:
            seat = RoundSeat.join(self.folder, code, name, self.clock)
        except (RoomCodeError, SeatError, RoundFileError) as exc:
            deliver(self.app, self.say, str(exc))
            return
        deliver(self.app, self.seated, seat)

    def say(self, problem: str) -> None:
        self.query_one("#round-problem", Static).update(problem)

    def seated(self, seat: RoundSeat) -> None:
        self.seat = seat
        self.say("")
        self.query_one("#round-join").display = False
        self.run_worker(self.follow, thread=True, exclusive=True, group="round-read")

    def on_unmount(self) -> None:
        if self.seat is not None:
            self.seat.close()

    # Following the round.

    def follow(self) -> None:
        """The worker that reads the round as long as the screen is open: one thread, not one
        per reading, so that thirty screens on a machine cost next to nothing between
        questions. An answer sent wakes it at once."""
        worker = get_current_worker()
        while not worker.is_cancelled:
            self.look()
            self.wake.wait(SEAT_POLL_SECONDS)
            self.wake.clear()

    def look(self) -> None:
        assert self.seat is not None
        try:
            view = self.seat.look()
            left = None if view.seconds_left is None else int(view.seconds_left)
            if (view.state.step, view.choice, left) == self.last_look:
                return  # nothing new to draw: 30 screens polling cost next to nothing
            summary = self.seat.summary() if view.state.phase == ENDED else None
            if summary is not None and self.collection and self.seat.reschedule:
                if self.seat.file.take_logging(self.seat.student):  # once, whoever asks
                    deliver(self.app, self.log_reviews, summary)
        except RoundFileError as exc:
            deliver(self.app, self.say, str(exc))
            return
        deliver(self.app, self.show, view, summary)

    def show(self, view: SeatView, summary: SeatSummary | None) -> None:
        self.view, self.summary = view, summary
        whole = None if view.seconds_left is None else int(view.seconds_left)
        self.last_look = (view.state.step, view.choice, whole)
        seat = self.seat
        assert seat is not None
        state = view.state
        left = "" if whole is None else f" · {whole} s left"
        where = f"Question {state.number} of {view.total}" if view.question else ""
        status = {
            LOBBY: "waiting for the teacher to open the first question",
            OPEN: f"{where}{left} · press a letter to answer",
            CLOSED: f"{where} · closed · wait for the answer",
            REVEALED: f"{where} · the answer",
            ENDED: "the round is over",
        }[state.phase]
        self.query_one("#round-status", Static).update(f"{seat.name} in {seat.code} · {status}")
        key = (state.step, view.choice)
        if key == self.shown_step:
            return  # nothing new: the options keep their highlight and scroll
        changed_question = self.shown_step is None or self.shown_step[0] != state.step
        self.shown_step = key
        if changed_question:
            self.say("")  # "too late" was about the question before
        prompt = self.query_one("#round-prompt", Static)
        choices = self.query_one("#round-choices", OptionList)
        prompt.display = choices.display = view.question is not None
        if view.question is not None:
            question = view.question
            prompt.border_title = f"Question {state.number} of {view.total}"
            prompt.update(Text(question.prompt))
            if changed_question or choices.option_count != len(question.options):
                choices.clear_options()
                choices.add_options(
                    Option(f"{LETTERS[i]}) {o}", id=f"choice-{i}")
                    for i, o in enumerate(question.options)
                )
                choices.disabled = not view.can_answer
                if view.can_answer:
                    choices.focus()
            choices.highlighted = view.choice
        self.query_one("#round-detail", Static).update(self.detail_text(view, summary))

    def detail_text(self, view: SeatView, summary: SeatSummary | None) -> Text:
        phase, question, choice = view.state.phase, view.question, view.choice
        text = Text()
        if phase == LOBBY:
            text.append("You are in. The question appears here when the teacher opens it.")
        elif phase == ENDED and summary is not None:
            return summary_text(summary)
        elif question is not None:
            mine = f"Your answer: {LETTERS[choice]}" if choice is not None else "No answer yet"
            if phase == OPEN:
                text.append(
                    mine + (" (you may change it until it closes)" if choice is not None else "")
                )
            elif phase == CLOSED:
                text.append(f"{mine}. Closed: the teacher reveals the answer next.")
            elif view.right:
                text.append("Right!", style="bold green")
            else:
                text.append(f"{mine}. " if choice is not None else "Not answered. ")
                text.append(f"The answer: {question.answer}", style="bold")
        return text

    def log_reviews(self, summary: SeatSummary) -> None:
        """On the event loop, where the progress store's connection lives: a few reviews in
        one transaction."""
        from quizapp.core.classroom.round_reviews import log_round

        collection = self.collection
        assert collection is not None
        logged = log_round(
            summary, collection.decks, collection.store, collection.scheduler, collection.clock()
        )
        self.notify(f"The teacher's round counts: {logged} answer(s) logged as reviews.")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick(event.option_index)

    def action_pick(self, index: int) -> None:
        view, seat = self.view, self.seat
        if view is None or seat is None or view.question is None or not view.can_answer:
            return
        if index >= len(view.question.options):
            return
        number = view.question.number
        self.query_one("#round-choices", OptionList).highlighted = index
        self.run_worker(lambda: self.send(seat, number, index), thread=True, group="round-send")

    def send(self, seat: RoundSeat, number: int, index: int) -> None:
        try:
            taken = seat.answer(number, index)
        except RoundFileError as exc:
            deliver(self.app, self.say, str(exc))
            return
        if not taken:
            deliver(self.app, self.say, "Too late: the question closed before your answer.")
        self.wake.set()  # shown as taken (or not) without waiting for the next reading

    def action_leave(self) -> None:
        if self.leave_quits:
            self.app.exit()
        else:
            self.dismiss()


def summary_text(summary: SeatSummary) -> Text:
    """A student's own round: the score, then each question with their answer."""
    asked = len(summary.asked)
    text = Text()
    text.append(f"{summary.name}: {summary.right} of {asked} right", style="bold")
    text.append(f" ({summary.answered} answered)\n")
    for question, choice in summary.asked:
        right = choice == question.right
        mark, style = ("✓", "green") if right else ("✗", "red")
        text.append(f"\n{mark} Q{question.number} ", style=style)
        text.append(question.prompt)
        if not right:
            text.append(f"\n    the answer: {question.answer}", style="dim")
    return text
