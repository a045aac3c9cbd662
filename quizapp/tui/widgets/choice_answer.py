"""Multiple choice and true/false: lettered options, picked by letter key, enter or click."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from quizapp.core.grading.responses import LETTERS, parse_bool, parse_letter
from quizapp.core.questions.distractors import WRONG_OPTIONS
from quizapp.core.questions.question import Question, Response
from quizapp.tui.widgets.answer_base import AnswerWidget


class OptionsAnswer(AnswerWidget):
    """Lettered options, picked by click or enter; the keys that pick are the subclasses'."""

    def __init__(self, question: Question, **kwargs: str) -> None:
        super().__init__(question, **kwargs)
        self.letters = LETTERS[: len(question.options)]
        self.values = list(question.options)

    def compose(self) -> ComposeResult:
        yield OptionList(
            *[Option(self.label(i), id=f"option-{i}") for i in range(len(self.values))],
            markup=False,
            compact=True,
        )
        yield from self.compose_problem()

    def on_mount(self) -> None:
        # Nothing highlighted, so an enter meant for the previous screen picks nothing.
        self.query_one(OptionList).highlighted = None

    def label(self, index: int, mark: str = "") -> str:
        return f"{self.letters[index]}) {self.values[index]}{mark}"

    def action_pick(self, index: int) -> None:
        if index < len(self.values):
            self.query_one(OptionList).highlighted = index
            self.submit(self.response_of(index))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.submit(self.response_of(event.option_index))

    def response_of(self, index: int) -> str:
        return self.values[index]

    def chosen_index(self, response: Response) -> int | None:
        text = response if isinstance(response, str) else ""
        if text in self.values:
            return self.values.index(text)
        return parse_letter(text, len(self.values))

    def right_index(self) -> int:
        return self.values.index(self.question.answer)

    def reveal(self, response: Response) -> None:
        """Mark the right option and a wrong pick in words, not only colour."""
        chosen, right = self.chosen_index(response), self.right_index()
        options = self.query_one(OptionList)
        for i in range(len(self.values)):
            mark = "   ✓ right answer" if i == right else ""
            if i == chosen and i != right:
                mark = "   ✗ your answer"
            options.replace_option_prompt_at_index(i, self.label(i, mark))


class ChoiceAnswer(OptionsAnswer):
    """The options, lettered a, b, c, d; the response is the option's text."""

    BINDINGS = [
        Binding(
            letter,
            f"pick({i})",
            f"Choose {letter}",
            show=False,
            id=f"choice.{letter}",
            tooltip="Pick an option.",
        )
        for i, letter in enumerate(LETTERS[: WRONG_OPTIONS + 1])
    ]


class TrueFalseAnswer(OptionsAnswer):
    """Two options, t) True and f) False; the response is "true" or "false"."""

    BINDINGS = [
        Binding("t", "pick(0)", "True", show=False, id="truefalse.t", tooltip="Answer true."),
        Binding("f", "pick(1)", "False", show=False, id="truefalse.f", tooltip="Answer false."),
    ]

    def __init__(self, question: Question, **kwargs: str) -> None:
        super().__init__(question, **kwargs)
        self.letters = "tf"
        self.values = ["True", "False"]

    def response_of(self, index: int) -> str:
        return self.values[index].lower()

    def chosen_index(self, response: Response) -> int | None:
        given = parse_bool(response if isinstance(response, str) else "")
        return None if given is None else (0 if given else 1)

    def right_index(self) -> int:
        return 0 if self.question.truth else 1
