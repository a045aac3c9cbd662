"""What the marker knows of a card: its accepted answers, wrong options, question, date and the
words of its source and explanation, with what it reads from them once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from quizapp.core.grading.answer_dates import judge_answer_date, read_answer_date
from quizapp.core.grading.comparison import best, compare_text
from quizapp.core.grading.dates import Match, PartialDate, month_number, parse_date
from quizapp.core.grading.numbers import number_word
from quizapp.core.grading.periods import judge_date, read_date
from quizapp.core.grading.text import normalize, plain_words
from quizapp.core.grading.wording import asked_kind, echo_words


@dataclass(frozen=True)
class MarkedCard:
    """What the marker knows of the card: its accepted answers, wrong options, question and
    date."""

    accepted: tuple[str, ...]
    wrong: tuple[str, ...]
    question: str
    date: PartialDate | None
    context: str = ""
    work: str = ""  # what the work the card teaches says (`grade_typed`)

    @cached_property
    def answer_date(self) -> PartialDate | None:
        """The card's date when its answer is a date ("1949", "April 1965", "the last days of
        1949"); None when the answer is an office, a name or a count on a card dated by its
        event: "1949" is no answer to what office Liaquat held in 1949, nor "July 1994" to how
        many agreements were signed then."""
        if self.date is None:
            return None
        year = str(self.date.year)
        dated = any(
            parse_date(answer) is not None
            or month_number(normalize(answer)) is not None  # "December" alone
            or re.search(rf"(?<!\d){year}(?!\d)", answer) is not None  # "the last days of 1949"
            for answer in self.accepted
        )
        return self.date if dated else None

    @cached_property
    def dated(self) -> bool:
        """Whether the card is dated or its answer is a number or holds one."""
        answer = self.accepted[0]
        return (
            self.date is not None
            or any(c.isdigit() for c in answer)
            or any(number_word(w) is not None for w in plain_words(answer))
        )

    @cached_property
    def echo(self) -> frozenset[str]:
        return echo_words(self.question, self.accepted, self.wrong)

    def judge(self, text: str) -> tuple[Match, str, str]:
        """The best of the student's text against the card's date and each accepted answer:
        the match, its note and the answer it was matched with."""
        results: list[tuple[Match, str, str]] = []
        reading = None
        card_date = self.answer_date
        if card_date is not None:
            reading = read_answer_date(text, card_date, self.question, self.echo)
            if reading is not None:
                results.append((*judge_answer_date(reading, card_date), self.accepted[0]))
        kind = asked_kind(self.question)
        for target in self.accepted:
            match, note = compare_text(text, target, self.echo, question=self.question)
            if match != "right" and kind:
                # The kind alone answers "What kind of alliance?" when it is right with the
                # noun the question names: "Eurasian" as "Eurasian alliance".
                qualified = compare_text(f"{text} {kind}", target, self.echo)
                if qualified[0] == "right":
                    match, note = qualified
            if card_date is not None and reading is None and match == "near":
                match, note = "wrong", ""  # a date that cannot be read is no misspelt date
            results.append((match, note, target))
        return best(results)

    def is_option(self, text: str) -> bool:
        """Whether the text is one of the card's wrong options, by the rules that make
        answers right."""
        return any(_is_option(text, option, self.date, self.echo) for option in self.wrong)


def _is_option(text: str, option: str, card_date: PartialDate | None, echo: frozenset[str]) -> bool:
    """Whether the student's text is this wrong option, by the rules that make answers right."""
    pivot = card_date.year if card_date is not None else None
    option_date = parse_date(option, pivot)
    reading = read_date(text, pivot)
    if option_date is not None and reading is not None:
        return judge_date(reading, option_date)[0] == "right"
    return compare_text(text, option, echo)[0] == "right"
