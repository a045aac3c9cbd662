"""Fill the gaps: one input box a gap; enter moves on, and on the last gap checks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label

from quizapp.tui.widgets.answer_base import AnswerWidget


class ClozeAnswer(AnswerWidget):
    """A labelled input for each numbered gap of the passage, and a Check button."""

    def compose(self) -> ComposeResult:
        for number in range(1, len(self.question.blanks) + 1):
            with Horizontal(classes="gap-row"):
                yield Label(f"[{number}]", classes="gap-label")
                yield Input(placeholder=f"gap {number}", id=f"gap-{number}", compact=True)
        yield Button("Check", id="check", compact=True)
        yield from self.compose_problem()

    def gaps(self) -> list[Input]:
        return list(self.query(Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        gaps = self.gaps()
        position = gaps.index(event.input)
        if position + 1 < len(gaps):
            gaps[position + 1].focus()
        else:
            self.check()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.check()

    def check(self) -> None:
        self.submit(tuple(gap.value.strip() for gap in self.gaps()))
