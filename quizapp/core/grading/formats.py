"""Marking the formats other than typed text: a choice, true or false, cloze gaps (each blank
marked as a typed answer) and a chronology (the share of pairs in order)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from quizapp.core.grading.comparison import same_text
from quizapp.core.grading.dates import parse_date
from quizapp.core.grading.marking import (
    Outcome,
    Verdict,
    grade_typed,
    make_verdict,
    right_verdict,
    sentence_end,
    wrong_verdict,
)
from quizapp.core.grading.text import normalize

# 2/3 rather than 0.67, so that 4 of 6 pairs in order (one event misplaced) is a near miss.
CHRONOLOGY_ALMOST = 2 / 3


def grade_choice(chosen: str, answer: str) -> Verdict:
    """Grade a multiple-choice pick: `chosen` is the picked option's text ("" for none)."""
    if not normalize(chosen):
        return make_verdict(Outcome.WRONG, f"No answer: it is {sentence_end(answer)}")
    return right_verdict() if same_text(chosen, answer) else wrong_verdict(answer)


def grade_true_false(given: bool, answer: bool) -> Verdict:
    """Grade a true/false statement: `answer` says whether the statement is true."""
    if given == answer:
        return right_verdict()
    return make_verdict(Outcome.WRONG, f"Wrong: the statement is {str(answer).lower()}.")


def grade_cloze(
    given: Sequence[str], blanks: Sequence[Sequence[str]], context: str = ""
) -> Verdict:
    """Grade a cloze passage blank by blank.

    Each blank is graded like a typed answer, with the same tolerance; blanks whose answer
    is a month or a day ("April 1965") are compared as dates.

    Args:
        given: The student's text for each blank, in order; missing ones count as empty.
        blanks: For each blank, its answer followed by its alternatives.
        context: The passage with its gaps, whose words may surround a blank's answer.

    Returns:
        The verdict: correct when every blank is right, almost when the score is at least
        one half, else wrong.

    Raises:
        ValueError: If there are no blanks, a blank has no answer or too many answers come.
    """
    if not blanks or not all(blanks) or len(given) > len(blanks):
        raise ValueError("cloze needs at least one blank, each with an answer")
    verdicts = []
    for i, (answer, *alternatives) in enumerate(blanks):
        text = given[i] if i < len(given) else ""
        as_date = parse_date(answer)
        date = as_date.iso() if as_date and as_date.precision != "year" else None
        verdicts.append(grade_typed(text, answer, alternatives, date, question=context))
    score = sum(v.score for v in verdicts) / len(verdicts)
    right = sum(v.correct for v in verdicts)
    if right == len(verdicts):
        return right_verdict()
    missed = "; ".join(
        f"blank {i}: {blank[0]}"
        for i, (verdict, blank) in enumerate(zip(verdicts, blanks, strict=False), start=1)
        if not verdict.correct
    )
    outcome = Outcome.ALMOST if score >= 0.5 else Outcome.WRONG
    label = "Almost" if outcome is Outcome.ALMOST else "Wrong"
    reason = f"{label}: {right} of {len(verdicts)} blanks right ({missed})."
    return make_verdict(outcome, reason, score)


def grade_chronology(given_order: Sequence[int], right_order: Sequence[int]) -> Verdict:
    """Grade an ordering by the share of event pairs in the right order (Kendall-style).

    Args:
        given_order: The events (ids or indexes) in the student's order.
        right_order: The same events in chronological order.

    Returns:
        The verdict: correct when every pair is in order, almost from two thirds of the
        pairs, else wrong; the score is the share of pairs in order.

    Raises:
        ValueError: If the two orders do not hold the same distinct events.
    """
    if len(set(right_order)) != len(right_order) or sorted(given_order) != sorted(right_order):
        raise ValueError("the orders must be permutations of the same distinct events")
    position = {event: i for i, event in enumerate(given_order)}
    pairs = list(combinations(right_order, 2))
    in_order = sum(position[a] < position[b] for a, b in pairs)
    score = in_order / len(pairs) if pairs else 1.0
    if score == 1.0:
        return right_verdict()
    counted = f"{in_order} of {len(pairs)} pairs in order"
    if score >= CHRONOLOGY_ALMOST - 1e-9:
        return make_verdict(Outcome.ALMOST, f"Almost: {counted}.", score)
    return make_verdict(Outcome.WRONG, f"Wrong: only {counted}.", score)
