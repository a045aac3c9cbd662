"""A student's typed answer read as a date, in the light of the card and its question.

Beyond the date reader (`periods.read_date`): a stretch of days inside one month ("3-5
July 1994" for July 1994; a card dated to the day asks which day); a date among the
question's own words ("Ayub visited Moscow in April 1965"); "since 1947" when the question
asks since when; and a day or month without the year, which the question may give ("On what
date in 1971 ...?" "December 13th") or leave to the student (a near miss).
"""

from __future__ import annotations

import re
from dataclasses import replace

from quizapp.core.grading.dates import Match, PartialDate, month_number
from quizapp.core.grading.periods import DateReading, days_of_one_month, judge_date, read_date
from quizapp.core.grading.text import plain_words
from quizapp.core.grading.wording import core, expand


def read_answer_date(
    text: str, card: PartialDate, question: str, echo: frozenset[str]
) -> DateReading | None:
    """The student's date, or None when the answer is no date.

    Args:
        text: The student's answer (hedges already removed).
        card: The card's date; two-digit years fall nearest to its year.
        question: The question, which may say "since" or give the year.
        echo: The question's words (`wording.echo_words`).

    Returns:
        The reading; `year_missing` is set when the student gave no year and the question
        gives none either.
    """
    pivot = card.year
    reading = read_date(text, pivot)
    if reading is not None:
        return reading
    month = days_of_one_month(text, pivot) if card.day is None else None
    if month is not None:
        return DateReading((month,))  # "3-5 July 1994" for July 1994 or 1994, not for a day
    asked = set(plain_words(question))
    words = core(expand(plain_words(text)), echo)
    if words[:1] == ["since"] and "since" in asked:
        words = words[1:]  # "since 1947" for "... persistent since ... which year?"
    if not words:
        return None
    reading = read_date(" ".join(words), pivot)
    if reading is not None or re.search(r"\d{4}", text):
        return reading
    if not any(month_number(w) is not None and len(w) >= 3 for w in words):
        return None  # a year is only supplied to a date that names its month
    reading = read_date(" ".join([*words, str(card.year)]), pivot)
    if reading is None:
        return None
    return replace(reading, year_missing=str(card.year) not in asked)


def judge_answer_date(reading: DateReading, card: PartialDate) -> tuple[Match, str]:
    """`periods.judge_date`, where a right day or month without its year is a near miss."""
    match, note = judge_date(reading, card)
    if reading.year_missing:
        return ("near", "the year is missing") if match == "right" else ("wrong", "")
    return match, note
