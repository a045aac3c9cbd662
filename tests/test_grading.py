"""Table-driven tests of the grading core, with cases drawn from the Pakistan-Russia decks."""

from __future__ import annotations

import pytest

from quizapp.core.grading.amounts import Amount, parse_amount
from quizapp.core.grading.formats import (
    grade_choice,
    grade_chronology,
    grade_cloze,
    grade_true_false,
)
from quizapp.core.grading.marking import Outcome, Verdict, grade_typed
from quizapp.core.grading.text import normalize

C, A, W = Outcome.CORRECT, Outcome.ALMOST, Outcome.WRONG
RATING = {C: 3, A: 2, W: 1}
# Typed answers are marked in the marking table: tests/test_marking_table.py.


def test_wrong_option_is_never_a_misspelling() -> None:
    # One edit apart reads as a typo, unless the card lists the typed text as a wrong option.
    assert grade_typed("Gromyka", "Gromyko").outcome is A
    assert grade_typed("Gromyka", "Gromyko", wrong=["Gromyka", "Molotov"]).outcome is W


def test_malformed_card_date_raises() -> None:
    with pytest.raises(ValueError):
        grade_typed("1965", "1965", date="65")


def test_verdict_validates() -> None:
    with pytest.raises(ValueError):
        Verdict(C, 1.5, 3, "Right.")
    with pytest.raises(ValueError):
        Verdict(C, 1.0, 5, "Right.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Tashkent Declaration", "tashkent declaration"),
        ("A. Q. Khan", "a q khan"),
        ("Shanghai-5", "shanghai 5"),
        ("Pakistan’s  rôle", "pakistans role"),
        ("$1.2 billion", "1.2 billion"),
        ("the", "the"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US$30 million", Amount(30e6, "USD")),
        ("Rs.600 million", Amount(600e6, "PKR")),
        ("600 million Indian rupees", Amount(600e6, "INR")),
        ("$ 5-10 million", Amount(5e6, "USD", 10e6)),
        ("30 million", Amount(30e6, None)),
        ("10 T-90 tanks", None),
        ("30%", Amount(30, "%")),
        ("60 to 70 per cent", Amount(60, "%", 70)),
        ("16 500", Amount(16500, None)),
        ("sixteen thousand five hundred", Amount(16500, None)),
        ("US rupees 5", None),
    ],
)
def test_parse_amount(text: str, expected: Amount | None) -> None:
    assert parse_amount(text) == expected


# (id, given, blanks, outcome, score)
CLOZE = [
    ("all-right", ["SEATO", "1954"], [["SEATO", "South East Asia Treaty Organisation"], ["1954"]],
     C, 1.0),
    ("alternative", ["south east asia treaty organisation", "1954"],
     [["SEATO", "South East Asia Treaty Organisation"], ["1954"]], C, 1.0),
    ("one-of-two", ["SEATO", "1955"], [["SEATO"], ["1954"]], A, 0.5),
    ("typo-counts-half", ["Yelstin", "Moscow"], [["Yeltsin"], ["Moscow"]], A, 0.75),
    ("one-of-three", ["CENTO", "1955", "Moscow"], [["SEATO"], ["1954"], ["Moscow"]], W, 1 / 3),
    ("missing-blank", ["SEATO"], [["SEATO"], ["1954"]], A, 0.5),
    ("date-blank", ["Jan 1966"], [["January 1966"]], C, 1.0),
    ("none-right", ["", ""], [["SEATO"], ["1954"]], W, 0.0),
]  # fmt: skip


@pytest.mark.parametrize(
    ("given", "blanks", "outcome", "score"),
    [case[1:] for case in CLOZE],
    ids=[case[0] for case in CLOZE],
)
def test_grade_cloze(
    given: list[str], blanks: list[list[str]], outcome: Outcome, score: float
) -> None:
    verdict = grade_cloze(given, blanks)
    assert (verdict.outcome, verdict.proposed_rating) == (outcome, RATING[outcome])
    assert verdict.score == pytest.approx(score)


def test_cloze_reason_names_missed_blanks() -> None:
    reason = grade_cloze(["SEATO", "1955"], [["SEATO"], ["1954"]]).reason
    assert "1 of 2" in reason and "blank 2: 1954" in reason


# (id, given order, outcome, score): right order is 0..3 (6 pairs) or 0..4 (10 pairs).
CHRONOLOGY = [
    ("perfect", [0, 1, 2, 3], C, 1.0),
    ("one-swap", [0, 2, 1, 3], A, 5 / 6),
    ("one-misplaced", [1, 2, 0, 3], A, 4 / 6),
    ("two-swaps", [1, 0, 3, 2], A, 4 / 6),
    ("reversed", [3, 2, 1, 0], W, 0.0),
    ("mostly-wrong", [2, 3, 0, 1], W, 2 / 6),
    ("five-one-swap", [0, 1, 2, 4, 3], A, 9 / 10),
]


@pytest.mark.parametrize(
    ("given", "outcome", "score"),
    [case[1:] for case in CHRONOLOGY],
    ids=[case[0] for case in CHRONOLOGY],
)
def test_grade_chronology(given: list[int], outcome: Outcome, score: float) -> None:
    verdict = grade_chronology(given, sorted(given))
    assert (verdict.outcome, verdict.proposed_rating) == (outcome, RATING[outcome])
    assert verdict.score == pytest.approx(score)


def test_chronology_uses_ids_and_rejects_mismatch() -> None:
    assert grade_chronology([42, 7, 9], [7, 9, 42]).reason == "Wrong: only 1 of 3 pairs in order."
    with pytest.raises(ValueError):
        grade_chronology([1, 2], [1, 3])


@pytest.mark.parametrize(
    ("given", "answer", "outcome"),
    [(True, True, C), (False, False, C), (True, False, W), (False, True, W)],
)
def test_grade_true_false(given: bool, answer: bool, outcome: Outcome) -> None:
    verdict = grade_true_false(given, answer)
    assert (verdict.outcome, verdict.proposed_rating) == (outcome, RATING[outcome])
    if outcome is W:
        assert f"is {str(answer).lower()}" in verdict.reason


@pytest.mark.parametrize(
    ("chosen", "answer", "outcome"),
    [
        ("Alexei Kosygin", "Alexei Kosygin", C),
        ("alexei kosygin", "Alexei Kosygin", C),
        ("Leonid Brezhnev", "Alexei Kosygin", W),
        ("Alexei Kosigin", "Alexei Kosygin", W),  # a pick is never a misspelling
        ("", "Alexei Kosygin", W),
    ],
)
def test_grade_choice(chosen: str, answer: str, outcome: Outcome) -> None:
    verdict = grade_choice(chosen, answer)
    assert (verdict.outcome, verdict.proposed_rating) == (outcome, RATING[outcome])
    if outcome is W:
        assert "Alexei Kosygin" in verdict.reason
