"""A question put to the student in every mode, and how its response is graded.

Questions are made from cards by `card_questions` (one card each), `chronology` and
`matching` (several cards each), and drawn into a paper by `paper`, all in this package.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import combinations

from quizapp.core.decks.model import Card
from quizapp.core.grading.formats import (
    CHRONOLOGY_ALMOST,
    grade_choice,
    grade_chronology,
    grade_cloze,
    grade_true_false,
)
from quizapp.core.grading.marking import Outcome, Verdict, grade_typed
from quizapp.core.grading.responses import (
    BLANK_SEPARATOR,
    LETTERS,
    grade_matching,
    parse_bool,
    parse_letter,
    parse_order,
    parse_pairs,
    split_blanks,
)
from quizapp.core.grading.tolerance import grade_within
from quizapp.core.questions.selection import Entry
from quizapp.core.scheduling.rating import Rating


class Format(StrEnum):
    """How a question is asked; logged as the review's question type."""

    TYPED = "typed"
    CHOICE = "choice"
    TRUE_FALSE = "truefalse"
    CLOZE = "cloze"
    CHRONOLOGY = "chronology"
    MATCHING = "matching"
    FLIP = "flip"  # study only: the answer is shown and the student grades their recall


FORMAT_NAMES = {
    Format.TYPED: "typed answer",
    Format.CHOICE: "multiple choice",
    Format.TRUE_FALSE: "true or false",
    Format.CLOZE: "fill the gaps",
    Format.CHRONOLOGY: "put in order",
    Format.MATCHING: "matching",
    Format.FLIP: "flip card",
}
# The formats a quiz, exam or cram session may be asked to use throughout.
QUIZ_FORMATS = tuple(f for f in Format if f is not Format.FLIP)
Response = str | Sequence[str]


@dataclass(frozen=True)
class Question:
    """One question and everything needed to grade it.

    Attributes:
        format: How it is asked.
        prompt: The question text (for cloze, the passage with numbered gaps).
        answer: The right answer in words, shown after answering.
        entries: The cards it tests: one, or one per event (chronology) or item (matching).
        options: Choice options; chronology events in the order shown (lettered); the
            matching options (lettered).
        items: The matching items (numbered).
        accepted: Typed and flip: other answers accepted as right.
        wrong: Typed and flip: the card's wrong options (never taken for misspellings).
        date: Typed and flip: the card's structured date.
        blanks: Cloze: each blank's answer followed by its alternatives.
        key: Chronology: the option indexes in the right order. Matching: for each item,
            the index of its option.
        truth: True/false: whether the statement is true.
        explanation: Context shown after answering.
        sources: The passages the question rests on.
    """

    format: Format
    prompt: str
    answer: str
    entries: tuple[Entry, ...]
    options: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    date: str | None = None
    blanks: tuple[tuple[str, ...], ...] = ()
    key: tuple[int, ...] = ()
    truth: bool | None = None
    explanation: str = ""
    sources: tuple[str, ...] = ()

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of the cards tested, without repeats."""
        return tuple(dict.fromkeys(str(e.card.kind) for e in self.entries))

    @property
    def tags(self) -> tuple[str, ...]:
        """The cards' own tags, without repeats."""
        return tuple(dict.fromkeys(t for e in self.entries for t in e.card.tags))

    def problem(self, response: Response) -> str | None:
        """Why a response cannot be graded as it stands (to ask again), or None if it can."""
        text = response if isinstance(response, str) else BLANK_SEPARATOR.join(response)
        if self.format is Format.CHOICE and not text.strip():
            return f"Choose one of the letters {_letters(len(self.options))}."
        if self.format is Format.TRUE_FALSE and parse_bool(text) is None:
            return "Answer t (true) or f (false)."
        if self.format is Format.CHRONOLOGY and parse_order(text, len(self.options)) is None:
            example = LETTERS[: len(self.options)][::-1]
            return f"Type each letter {_letters(len(self.options))} once, e.g. '{example}'."
        if self.format is Format.MATCHING:
            pairs = self._pairs(text)
            if pairs is None or len(pairs) < len(self.items):
                return "Pair every number with a letter, e.g. '1c 2a 3b'."
        return None

    def grade(self, response: Response) -> Verdict:
        """Grade a response; an empty or unreadable one is wrong, with the right answer.

        Args:
            response: The typed text; an option's text or letter; "true"/"false"; the
                blanks (a list, or joined by " | "); letters in order ("cabd"); pairs
                ("1c 2a 3b").

        Returns:
            The verdict, with the FSRS grade it proposes and the reason for the student.
        """
        if isinstance(response, str):
            text = response
        elif self.format is Format.CLOZE:
            return grade_cloze(
                split_blanks(response)[: len(self.blanks)], self.blanks, context=self.prompt
            )
        else:
            text = BLANK_SEPARATOR.join(response)
        card = self.entries[0].card if len(self.entries) == 1 else None
        if self.format in (Format.TYPED, Format.FLIP):
            within = grade_within(text, self.answer, card.tolerance) if card else None
            return within or grade_typed(
                text,
                self.answer,
                self.accepted,
                self.date,
                wrong=self.wrong,
                question=self.prompt,
                context=card.says if card else "",
                work=self.entries[0].deck.work_says if card else "",
            )
        if self.format is Format.CHOICE:
            index = parse_letter(text, len(self.options))
            picked = text if index is None else self.options[index]
            return with_feedback(grade_choice(picked, self.answer), card, picked)
        if self.format is Format.TRUE_FALSE:
            given = parse_bool(text)
            if given is None or self.truth is None:
                return _no_answer(f"the statement is {str(self.truth).lower()}")
            return grade_true_false(given, self.truth)
        if self.format is Format.CLOZE:
            return grade_cloze(
                split_blanks(text)[: len(self.blanks)], self.blanks, context=self.prompt
            )
        if self.format is Format.CHRONOLOGY:
            order = parse_order(text, len(self.options))
            if order is None:
                return _no_answer("the order is " + " ".join(LETTERS[i] for i in self.key))
            return grade_chronology(order, self.key)
        return grade_matching(self._pairs(text) or {}, self.key)

    def ratings(self, response: Response, verdict: Verdict) -> list[tuple[Entry, Rating]]:
        """The FSRS grade each tested card gets from this response.

        A one-card question passes on the verdict's proposed grade. A matching grades each
        card by its own pair (Good or Again); a chronology of several cards grades each by
        the share of its pairs in order (all: Good, two thirds: Hard, else Again).
        """
        if len(self.entries) == 1:
            return [(self.entries[0], verdict.proposed_rating)]
        text = response if isinstance(response, str) else " ".join(response)
        if self.format is Format.MATCHING:
            pairs = self._pairs(text) or {}
            return [
                (entry, Rating.GOOD if pairs.get(i) == self.key[i] else Rating.AGAIN)
                for i, entry in enumerate(self.entries)
            ]
        order = parse_order(text, len(self.options))
        if order is None:
            return [(entry, Rating.AGAIN) for entry in self.entries]
        place = {option: i for i, option in enumerate(order)}
        rated: list[tuple[Entry, Rating]] = []
        for i, entry in enumerate(self.entries):
            around = [(a, b) for a, b in combinations(self.key, 2) if i in (a, b)]
            share = sum(place[a] < place[b] for a, b in around) / len(around)
            rating = (
                Rating.GOOD
                if share == 1
                else Rating.HARD
                if share >= CHRONOLOGY_ALMOST - 1e-9
                else Rating.AGAIN
            )
            rated.append((entry, rating))
        return rated

    def _pairs(self, text: str) -> dict[int, int] | None:
        """A matching's pairs, letters or the options written out."""
        return parse_pairs(text, len(self.items), len(self.options), self.options)


def with_feedback(verdict: Verdict, card: Card | None, picked: str) -> Verdict:
    """The verdict on a wrong pick, with what the deck tells a student who picks that option."""
    note = card.feedback_for(picked) if card is not None and not verdict.correct else ""
    if not note:
        return verdict
    return replace(verdict, reason=f"{verdict.reason} {note}")


def _letters(count: int) -> str:
    letters = LETTERS[:count]
    return f"{letters[0]}-{letters[-1]}" if count > 2 else " or ".join(letters)


def _no_answer(answer: str) -> Verdict:
    return Verdict(Outcome.WRONG, 0.0, Rating.AGAIN, f"No answer: {answer}.")
