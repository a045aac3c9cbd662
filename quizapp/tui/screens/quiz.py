"""Quiz and cram: one question at a time, graded at once, with the answer and its source.

Every answer is logged and reschedules its cards (mode 'quiz' or 'cram'). The student may
grade a one-card answer themselves with 1-4, as in study, when the marker got it wrong.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.markup import escape
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.widgets import Header, Static

from quizapp.core.collection import Collection
from quizapp.core.questions.question import FORMAT_NAMES, Question, Response
from quizapp.core.scheduling.intervals import format_interval
from quizapp.core.scheduling.rating import Rating
from quizapp.core.sessions.quiz import QuizSession
from quizapp.tui import styles
from quizapp.tui.screens.summary import SummaryScreen
from quizapp.tui.store_errors import saves
from quizapp.tui.widgets.answer_base import AnswerWidget
from quizapp.tui.widgets.answer_form import HINTS, answer_widget
from quizapp.tui.widgets.feedback_panel import FeedbackPanel
from quizapp.tui.widgets.footer import Footer
from quizapp.tui.widgets.grade_bar import GradeBar, grade_bindings
from quizapp.tui.widgets.words import Words

TITLES = {"quiz": "Quiz", "cram": "Cram"}


class QuizScreen(Screen[None]):
    """Question, response, verdict; enter for the next one."""

    status = reactive("")  # the mode, which question of how many, how many right
    advice = reactive("")  # what to do now
    answered = var(False, bindings=True)  # the keys on offer change with it

    CSS_PATH = styles.SCREENS

    HELP_TITLE = "Quiz and cram"
    HELP_NOTES = (
        "Type the answer, or pick an option, and press `enter` to check it. Chronology and"
        " matching: type the letters in order (`cabd`) or the pairs (`1c 2a 3b 4d`)."
    )
    BINDINGS = [
        Binding(
            "enter",
            "next",
            "Next question",
            id="quiz.next",
            tooltip="Go on to the next question (once this one is marked).",
        ),
        Binding(
            "ctrl+n",
            "dont_know",
            "Don't know",
            id="quiz.dont-know",
            tooltip="Don't know: show the answer (counts as a miss).",
        ),
        *grade_bindings("quiz", "Once marked, your own grade: "),
        Binding("escape", "leave", "Stop", id="quiz.leave", tooltip="Stop, and see how it went."),
    ]

    def __init__(self, collection: Collection, session: QuizSession, note: str = "") -> None:
        super().__init__()
        self.collection = collection
        self.session = session
        self.note = note
        self.number = 1

    def compose(self) -> ComposeResult:
        yield Header()
        yield Words(id="quiz-status", classes="session-status").data_bind(text=QuizScreen.status)
        with VerticalScroll(id="quiz-body", classes="session-body"):
            yield Static(id="quiz-question", classes="question-text")
            yield Vertical(id="answer-area")
            yield Words(id="quiz-hint", classes="session-hint").data_bind(text=QuizScreen.advice)
            yield FeedbackPanel(id="feedback")
        yield GradeBar(id="quiz-grades")
        yield Footer()

    async def on_mount(self) -> None:
        await self.show_question()

    @property
    def title_word(self) -> str:
        return TITLES.get(self.session.mode, "Quiz")

    async def show_question(self) -> None:
        question = self.session.current
        if question is None:
            self.finish()
            return
        self.answered = False
        self.number = self.session.position
        self.update_status()
        text = self.query_one("#quiz-question", Static)
        text.update(escape(question.prompt))
        text.border_title = FORMAT_NAMES[question.format].capitalize()
        area = self.query_one("#answer-area", Vertical)
        await area.remove_children()
        widget = answer_widget(question)
        await area.mount(widget)
        self.advice = HINTS[question.format] + " Don't know? ctrl+n shows the answer."
        self.query_one(FeedbackPanel).hide()
        self.query_one(GradeBar).display = False
        self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)
        self.session.show()
        widget.focus_answer()
        self.call_after_refresh(self.show_focused)

    def show_focused(self) -> None:
        """Scroll the box being typed in (or the options) into view, under a long question."""
        if self.focused is not None:
            self.query_one("#quiz-body", VerticalScroll).scroll_to_widget(
                self.focused, animate=False
            )

    def update_status(self) -> None:
        session = self.session
        right = sum(a.verdict.correct for a in session.attempts)
        done = len(session.attempts)
        parts = [self.title_word, f"question {self.number} of {len(session.questions)}"]
        if done:
            parts.append(f"{right} of {done} right")
        if self.note:
            parts.append(self.note)
        self.status = " · ".join(parts)

    def on_answer_widget_answered(self, event: AnswerWidget.Answered) -> None:
        event.stop()
        self.grade(event.response)

    @saves("Answer again once it is fixed.")
    def grade(self, response: Response) -> None:
        question = self.session.current
        if question is None or self.answered:
            return
        verdict = self.session.answer(response)
        self.answered = True
        widget = self.query_one(AnswerWidget)
        widget.freeze()
        widget.reveal(response)
        self.query_one(FeedbackPanel).show(question, verdict, _author(question))
        last = self.session.current is None
        then = "to see how you did" if last else "for the next question"
        hint = f"Press enter {then}."
        if self.session.can_regrade:
            hint = f"Press enter {then}, or 1-4 to grade your answer yourself."
            waits = {r: format_interval(d) for r, d in self.session.preview().items()}
            bar = self.query_one(GradeBar)
            bar.show(waits, Rating(verdict.proposed_rating))
            bar.display = True
        self.advice = hint
        self.update_status()
        body = self.query_one("#quiz-body", VerticalScroll)
        body.focus()
        # The verdict matters most: bring it into view (the marked options are just above).
        panel = self.query_one(FeedbackPanel)
        self.call_after_refresh(body.scroll_to_widget, panel, animate=False, top=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the keys that apply now (the footer follows)."""
        if action == "next":
            return self.answered
        if action == "dont_know":
            return not self.answered
        if action == "grade":
            return self.answered and self.session.can_regrade
        return True

    async def action_next(self) -> None:
        if self.answered:
            await self.show_question()

    async def on_grade_bar_graded(self, event: GradeBar.Graded) -> None:
        event.stop()
        await self.action_grade(int(event.rating))

    @saves("The marker's grade stands: press enter to go on, or grade again once it is fixed.")
    async def action_grade(self, rating: int) -> None:
        """The student's own grade for the answer just marked, then the next question."""
        if not (self.answered and self.session.can_regrade):
            return
        self.session.regrade(Rating(rating))
        self.update_status()
        await self.show_question()

    def action_dont_know(self) -> None:
        self.grade("")

    def action_leave(self) -> None:
        if self.session.attempts:
            self.finish()
        else:
            self.app.pop_screen()

    def finish(self) -> None:
        summary = self.session.summary()
        self.app.switch_screen(SummaryScreen(summary, self.collection.clock()))


def _author(question: Question) -> str:
    return question.entries[0].deck.reference.author if question.entries else ""
