"""How a study session asks a card: the `Question` quiz, exam and cram ask, shown one of
three ways.

A study question is marked by `Question.grade`, as in every other mode, so the card's
alternatives, its wrong list and every marker rule count. What study does its own way is
taking the answer: typed cards are typed; choice and true/false cards are picked by letter
among the card's own options; flip cards, cloze passages and chronology sets are shown, then
revealed, and the student grades their own recall. Quiz and exam ask those last two
interactively, and may ask any card in other formats.
"""

from __future__ import annotations

import random
from dataclasses import replace
from enum import StrEnum

from quizapp.core.decks.model import QuestionType
from quizapp.core.grading.responses import LETTERS
from quizapp.core.questions.card_questions import card_question
from quizapp.core.questions.distractors import WRONG_OPTIONS
from quizapp.core.questions.question import Format, Question
from quizapp.core.questions.selection import Entry


class AskMode(StrEnum):
    """How the study screen takes the answer to a question."""

    FLIP = "flip"  # shown, then revealed: the student grades themselves
    TYPED = "typed"
    CHOICE = "choice"


ASK_MODES = {
    Format.FLIP: AskMode.FLIP,
    Format.CLOZE: AskMode.FLIP,
    Format.CHRONOLOGY: AskMode.FLIP,
    Format.TYPED: AskMode.TYPED,
    Format.CHOICE: AskMode.CHOICE,
    Format.TRUE_FALSE: AskMode.CHOICE,
}
# A card's own type decides how study asks it.
_FORMATS = {
    QuestionType.FLIP: Format.FLIP,
    QuestionType.TYPED: Format.TYPED,
    QuestionType.CHOICE: Format.CHOICE,
    QuestionType.TRUE_FALSE: Format.TRUE_FALSE,
    QuestionType.CLOZE: Format.CLOZE,
    QuestionType.CHRONOLOGY: Format.CHRONOLOGY,
}


def ask_mode(question: Question) -> AskMode:
    """How study takes the answer to `question`."""
    return ASK_MODES[question.format]


def study_question(entry: Entry, seed: str) -> Question:
    """The question study asks about a card, in its own type's format.

    Args:
        entry: The card and its deck.
        seed: Fixes the order of options and events, so a redraw shows the same.

    Returns:
        The question. A choice offers the card's own wrong options (up to three); a
        true/false card states its statement; a chronology lists its events, lettered, in
        the question's text.
    """
    card, rng = entry.card, random.Random(seed)
    fmt = _FORMATS[card.type]
    sources = (card.source,) if card.source else ()
    plain = Question(
        fmt, card.question, card.answer, (entry,), explanation=card.explanation, sources=sources
    )
    if fmt is Format.FLIP:
        return replace(plain, accepted=card.alternatives, wrong=card.wrong, date=card.date)
    if fmt is Format.CHOICE:
        wrong = list(dict.fromkeys(card.wrong))
        rng.shuffle(wrong)
        options = [card.answer, *wrong[:WRONG_OPTIONS]]
        rng.shuffle(options)
        return replace(plain, options=tuple(options))
    if fmt is Format.TRUE_FALSE:
        truth = card.answer.strip().lower() == "true"
        prompt = f"True or false? {card.question}"
        return replace(
            plain, prompt=prompt, answer=str(truth), options=("True", "False"), truth=truth
        )
    question = card_question(entry, fmt, (), rng)
    assert question is not None  # a card is always asked in its own type's format
    if fmt is Format.CHRONOLOGY:
        listed = "\n".join(f"{LETTERS[i]}) {text}" for i, text in enumerate(question.options))
        question = replace(question, prompt=f"{question.prompt}\n\n{listed}")
    return question
