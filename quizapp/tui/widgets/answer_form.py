"""The answer widget for each question format."""

from __future__ import annotations

from quizapp.core.questions.question import Format, Question
from quizapp.tui.widgets.answer_base import AnswerWidget, TypedAnswer
from quizapp.tui.widgets.choice_answer import ChoiceAnswer, TrueFalseAnswer
from quizapp.tui.widgets.cloze_answer import ClozeAnswer
from quizapp.tui.widgets.order_answer import ChronologyAnswer, MatchingAnswer

WIDGETS: dict[Format, type[AnswerWidget]] = {
    Format.TYPED: TypedAnswer,
    Format.CHOICE: ChoiceAnswer,
    Format.TRUE_FALSE: TrueFalseAnswer,
    Format.CLOZE: ClozeAnswer,
    Format.CHRONOLOGY: ChronologyAnswer,
    Format.MATCHING: MatchingAnswer,
}
HINTS = {
    Format.TYPED: "Type the answer and press enter.",
    Format.CHOICE: "Press a letter (or click an option) to answer.",
    Format.TRUE_FALSE: "Press t for true or f for false (or click).",
    Format.CLOZE: "Fill each gap; enter moves to the next gap, and checks on the last.",
    Format.CHRONOLOGY: "Type the letters in order, earliest first, then enter "
    "(or click the events in order, then Check).",
    Format.MATCHING: "Type each number with its letter, like 1c 2a, then enter "
    "(or click a question, then its answer; then Check).",
}


def answer_widget(question: Question) -> AnswerWidget:
    """A fresh widget to answer this question."""
    return WIDGETS[question.format](question, widget_id="answer-widget")
