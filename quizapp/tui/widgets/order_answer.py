"""Chronology and matching: lettered lists, and the order or pairs typed as letters.

Keyboard: type the letters ("cabd") or pairs ("1c 2a 3b 4d") and press enter. Mouse (or
enter on a list): click the events in order, or an item then its match, and press Check.
"""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from quizapp.core.grading.responses import LETTERS, format_pairs, parse_pairs
from quizapp.core.questions.question import Question
from quizapp.tui.widgets.answer_base import AnswerWidget


class ChronologyAnswer(AnswerWidget):
    """The events lettered; the order is typed as letters, earliest first."""

    def compose(self) -> ComposeResult:
        yield OptionList(
            *[Option(f"{LETTERS[i]}) {text}") for i, text in enumerate(self.question.options)],
            markup=False,
            compact=True,
            classes="order-list",
        )
        example = LETTERS[: len(self.question.options)][::-1]
        yield Input(placeholder=f"Letters, earliest first, e.g. {example}", compact=True)
        yield Button("Check", id="check", compact=True)
        yield from self.compose_problem()

    def focus_answer(self) -> None:
        self.query_one(Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        box = self.query_one(Input)
        letter = LETTERS[event.option_index]
        if letter not in box.value:
            box.value = (box.value.strip() + letter).strip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit(event.value.strip())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit(self.query_one(Input).value.strip())


class MatchingAnswer(AnswerWidget):
    """Numbered items and lettered answers; pairs are typed as "1c 2a 3b"."""

    def __init__(self, question: Question, **kwargs: str) -> None:
        super().__init__(question, **kwargs)
        self.pending: int | None = None

    def compose(self) -> ComposeResult:
        question = self.question
        yield OptionList(
            *[Option(f"{i + 1}) {text}") for i, text in enumerate(question.items)],
            markup=False,
            compact=True,
            id="match-items",
            classes="order-list",
        )
        yield OptionList(
            *[Option(f"{LETTERS[i]}) {text}") for i, text in enumerate(question.options)],
            markup=False,
            compact=True,
            id="match-options",
            classes="order-list",
        )
        yield Static("", id="match-pending", classes="answer-note")
        example = " ".join(f"{i + 1}{LETTERS[i]}" for i in range(len(question.items)))
        yield Input(placeholder=f"Pairs, e.g. {example}", compact=True)
        yield Button("Check", id="check", compact=True)
        yield from self.compose_problem()

    def focus_answer(self) -> None:
        self.query_one(Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        note = self.query_one("#match-pending", Static)
        if event.option_list.id == "match-items":
            self.pending = event.option_index
            note.update(f"Now pick the answer for {event.option_index + 1}.")
            return
        if self.pending is None:
            note.update("Pick a numbered question first, then its answer.")
            return
        box = self.query_one(Input)
        question = self.question
        pairs = parse_pairs(box.value, len(question.items), len(question.options)) or {}
        pairs[self.pending] = event.option_index
        box.value = format_pairs(pairs)
        note.update(f"Paired {self.pending + 1} with {LETTERS[event.option_index]}.")
        self.pending = None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit(re.sub(r"\s+", " ", event.value).strip())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit(self.query_one(Input).value.strip())
