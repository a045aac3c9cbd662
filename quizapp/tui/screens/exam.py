"""The exam: a timed paper with the time left always in view and no feedback until the end.

Time is counted by the collection's clock, checked once a second (`tick`); when it runs out
the exam ends and unanswered questions count as wrong.
"""

from __future__ import annotations

from datetime import timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Static

from quizapp.core.collection import Collection
from quizapp.core.questions.question import FORMAT_NAMES
from quizapp.core.sessions.exam import Exam, close_exam
from quizapp.core.sessions.report import ExamReport
from quizapp.tui import styles
from quizapp.tui.screens.confirm import ConfirmScreen
from quizapp.tui.screens.exam_report import ExamReportScreen
from quizapp.tui.store_errors import saving
from quizapp.tui.widgets.answer_base import AnswerWidget
from quizapp.tui.widgets.answer_form import HINTS, answer_widget
from quizapp.tui.widgets.footer import Footer
from quizapp.tui.widgets.words import Words

LOW_TIME = timedelta(minutes=1)
INTRO = (
    "Exam: your answers are kept, not marked, until the end. "
    "ctrl+n skips a question (it comes back later); escape ends the exam."
)


def format_clock(left: timedelta) -> str:
    """'4:05' for four minutes five seconds; '1:02:00' past an hour."""
    seconds = int(left.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class ExamScreen(Screen[None]):
    """One question at a time against the clock."""

    progress = reactive("")  # which question of how many, how many answered
    advice = reactive("")  # how to answer this question

    CSS_PATH = styles.SCREENS

    HELP_TITLE = "Exam"
    HELP_NOTES = "Answer and press `enter` to go on: the answers are marked at the end."
    BINDINGS = [
        Binding(
            "ctrl+n",
            "skip",
            "Skip for now",
            id="exam.skip",
            tooltip="Skip for now: the question comes back after the others.",
        ),
        Binding(
            "escape",
            "end",
            "End exam",
            id="exam.end",
            tooltip="End the exam early (it asks first).",
        ),
    ]

    def __init__(self, collection: Collection, exam: Exam, reschedule: bool = True) -> None:
        super().__init__()
        self.collection = collection
        self.exam = exam
        self.reschedule = reschedule
        self.timer: Timer | None = None
        self.closed = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="exam-status", classes="session-status"):
            yield Words(id="exam-progress").data_bind(text=ExamScreen.progress)
            yield Static(id="exam-clock")
        with VerticalScroll(id="exam-body", classes="session-body"):
            yield Static(INTRO, id="exam-intro", classes="session-hint")
            yield Static(id="exam-question", classes="question-text")
            yield Vertical(id="answer-area")
            yield Words(id="exam-hint", classes="session-hint").data_bind(text=ExamScreen.advice)
        yield Footer()

    async def on_mount(self) -> None:
        self.exam.begin()
        self.timer = self.set_interval(1.0, self.tick)
        await self.show_question()

    def tick(self) -> None:
        """Update the countdown; end the exam when time is up."""
        if self.closed:
            return
        if self.exam.check_time():
            self.finish()
            return
        left = self.exam.remaining()
        clock = self.query_one("#exam-clock", Static)
        warning = " (under a minute!)" if left < LOW_TIME else ""
        clock.update(f"Time left {format_clock(left)}{warning}")
        clock.set_class(left < LOW_TIME, "-low")

    async def show_question(self) -> None:
        exam = self.exam
        question = exam.current
        total = len(exam.questions)
        self.progress = f"Exam · question {exam.position + 1} of {total} · {exam.answered} answered"
        self.tick()
        text = self.query_one("#exam-question", Static)
        text.update(escape(question.prompt))
        text.border_title = FORMAT_NAMES[question.format].capitalize()
        area = self.query_one("#answer-area", Vertical)
        await area.remove_children()
        widget = answer_widget(question)
        await area.mount(widget)
        self.advice = HINTS[question.format]
        self.query_one("#exam-body", VerticalScroll).scroll_home(animate=False)
        widget.focus_answer()
        self.call_after_refresh(self.show_focused)

    def show_focused(self) -> None:
        """Scroll the box being typed in (or the options) into view, under a long question."""
        if self.focused is not None:
            self.query_one("#exam-body", VerticalScroll).scroll_to_widget(
                self.focused, animate=False
            )

    async def on_answer_widget_answered(self, event: AnswerWidget.Answered) -> None:
        event.stop()
        if self.closed:
            return
        self.exam.answer(event.response)
        self.query_one("#exam-intro").display = False  # the footer keeps the keys in view
        await self.after_move()

    async def action_skip(self) -> None:
        if not self.closed:
            self.exam.skip()
            self.query_one("#exam-intro").display = False
            await self.after_move()

    async def after_move(self) -> None:
        if self.exam.over:
            self.finish()
        else:
            await self.show_question()

    def action_end(self) -> None:
        left = len(self.exam.questions) - self.exam.answered
        message = (
            f"End the exam now? {left} unanswered question(s) will count as wrong."
            if left
            else "End the exam now?"
        )

        def answer(yes: bool | None) -> None:
            if yes and not self.closed:
                self.exam.end()
                self.finish()

        self.app.push_screen(ConfirmScreen(message, yes="End exam", no="Keep going"), answer)

    def finish(self) -> None:
        """Close the exam once: keep the result, reschedule, show the report."""
        if self.closed:
            return
        self.closed = True
        if self.timer is not None:
            self.timer.stop()
        kept: tuple[ExamReport, int | None] | None = None
        with saving(self, "The exam is marked below, but was not kept."):
            kept = close_exam(
                self.exam, self.collection.store, self.collection.scheduler, self.reschedule
            )
        # Marked all the same if it could not be kept: the student sees how it went.
        report, exam_id = kept or (self.exam.report(), None)
        while self.app.screen is not self and isinstance(self.app.screen, ConfirmScreen):
            self.app.pop_screen()
        self.app.switch_screen(ExamReportScreen(report, exam_id))
