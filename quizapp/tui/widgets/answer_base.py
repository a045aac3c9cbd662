"""What every answer widget shares, and the typed answer: an input box and enter."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from quizapp.core.questions.question import Question, Response


class AnswerWidget(Vertical):
    """Takes the response to one question; posts `Answered` once it can be graded."""

    DEFAULT_CLASSES = "answer-widget"

    @dataclass
    class Answered(Message):
        """The student gave a response that can be graded."""

        response: Response

    def __init__(self, question: Question, *, widget_id: str | None = None) -> None:
        super().__init__(id=widget_id)
        self.question = question
        self.frozen = False

    def compose_problem(self) -> ComposeResult:
        yield Static("", classes="answer-problem")

    def submit(self, response: Response) -> None:
        """Post the response, or say in words why it cannot be graded yet."""
        if self.frozen:
            return
        problem = self.question.problem(response)
        if problem is None and _blank(response):
            problem = "Type an answer first."
        note = self.query_one(".answer-problem", Static)
        note.update(problem or "")
        note.display = bool(problem)
        if problem is None:
            self.post_message(self.Answered(response))

    def focus_answer(self) -> None:
        """Put the keyboard focus where the answer is given."""
        focusable = self.query("Input, OptionList")
        if focusable:
            focusable.first().focus()

    def freeze(self) -> None:
        """Take no more input: the question is answered."""
        self.frozen = True
        for widget in self.query("Input, OptionList, Button"):
            widget.disabled = True

    def reveal(self, response: Response) -> None:
        """Mark the right answer in the widget itself, where the format allows (quiz mode)."""


def _blank(response: Response) -> bool:
    parts = [response] if isinstance(response, str) else list(response)
    return not any(part.strip() for part in parts)


class TypedAnswer(AnswerWidget):
    """One input box; enter checks."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Type your answer, then press enter", compact=True)
        yield from self.compose_problem()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit(event.value.strip())
