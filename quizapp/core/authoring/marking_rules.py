"""Lint rules that ask the marker itself: a card must not contradict how its answers are marked.

Q111: an answer (or alternative) that its own card's `date` contradicts, both read by the
marker's date reader ("March 1965" with `date: 1965-04`). Q112: a wrong option the marker
would accept as the answer ("The Schlieffen Plan." beside "Schlieffen Plan"), which a student
would be marked right for typing, and which multiple choice would offer as a second right
answer. Both are errors: a student would be marked against the card's own words. Q116: a
`date` less precise than the answer names inside it ("December 5, 1971" with `date: 1971-12`);
the marker asks for the answer's precision, but the card's date places it in the timeline and
in chronology questions: a warning.
"""

from __future__ import annotations

from quizapp.core.authoring.lint_rules import Finding
from quizapp.core.decks.model import Card, QuestionType
from quizapp.core.decks.problems import Severity
from quizapp.core.decks.validation import fold
from quizapp.core.grading.dates import parse_iso_date, refined_by
from quizapp.core.grading.marking import grade_typed
from quizapp.core.grading.periods import overlaps, read_date

_ANSWERED = frozenset({QuestionType.TYPED, QuestionType.CHOICE, QuestionType.FLIP})


def marking_findings(card: Card) -> list[Finding]:
    """Q111 and Q112 for one card (cards the loader rejects never reach here)."""
    if card.type not in _ANSWERED:
        return []
    return [*_date_contradictions(card), *_accepted_wrong_options(card)]


def _date_contradictions(card: Card) -> list[Finding]:
    if card.date is None:
        return []
    try:
        card_date = parse_iso_date(card.date)
    except ValueError:
        return []  # the loader reports a malformed date
    found = []
    named = refined_by(card_date, card.answer)
    if named != card_date:
        found.append(
            Finding(
                card,
                "date",
                "Q116",
                f"card '{card.id}': the date {card.date} is less precise than the answer "
                f"'{card.answer}'; write date: \"{named.iso()}\"",
            )
        )
    fields = [("answer", card.answer)]
    fields += [(f"alternatives.{i}", text) for i, text in enumerate(card.alternatives)]
    for field, text in fields:
        reading = read_date(text, pivot=card_date.year)
        if reading is not None and not overlaps(reading, card_date):
            what = "answer" if field == "answer" else "alternative"
            found.append(
                Finding(
                    card,
                    field,
                    "Q111",
                    f"card '{card.id}': the {what} '{text}' contradicts the card's date "
                    f"{card.date} ({card_date}); correct whichever is wrong",
                    Severity.ERROR,
                )
            )
    return found


def _accepted_wrong_options(card: Card) -> list[Finding]:
    accepted = {fold(card.answer), *(fold(a) for a in card.alternatives)}
    found = []
    for index, option in enumerate(card.wrong):
        if fold(option) in accepted:
            continue  # the loader's Q103 already says so
        try:
            # Marked as a student's typed answer is, with the card's wrong options: a card
            # that sets two words of a synonym group against each other keeps them apart.
            verdict = grade_typed(
                option,
                card.answer,
                card.alternatives,
                card.date,
                wrong=card.wrong,
                question=card.question,
                context=card.says,
            )
        except ValueError:
            continue  # a malformed date, reported by the loader
        if verdict.correct:
            found.append(
                Finding(
                    card,
                    f"wrong.{index}",
                    "Q112",
                    f"card '{card.id}': the marker accepts the wrong option '{option}' as the "
                    f"answer '{card.answer}'; replace it with an option that is really wrong, "
                    "or make it an alternative",
                    Severity.ERROR,
                )
            )
    return found
