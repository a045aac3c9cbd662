"""Table-driven tests of the grading core, with cases drawn from the Pakistan-Russia decks."""

from __future__ import annotations

import pytest

from quizapp.core.grading.amounts import Amount, parse_amount
from quizapp.core.grading.marking import (
    Outcome,
    Verdict,
    grade_choice,
    grade_chronology,
    grade_cloze,
    grade_true_false,
    grade_typed,
)
from quizapp.core.grading.text import normalize

C, A, W = Outcome.CORRECT, Outcome.ALMOST, Outcome.WRONG
YELTSIN = ("Yeltsin", "Yelstin")
YASTR = ("Yastrzhembsky", "Yastrzembsky", "Yasterzhembsky")
SCO = "Shanghai Cooperation Organisation"

# (id, given, answer, alternatives, date, outcome, key words expected in the reason)
TYPED: list[tuple[str, str, str, tuple[str, ...], str | None, Outcome, str]] = [
    # Dates in many forms: month precision.
    ("month-name", "April 1965", "April 1965", (), "1965-04", C, "Right"),
    ("month-abbrev", "Apr 1965", "April 1965", (), "1965-04", C, ""),
    ("month-abbrev-dot", "apr. 1965", "April 1965", (), "1965-04", C, ""),
    ("month-iso", "1965-04", "April 1965", (), "1965-04", C, ""),
    ("month-slash", "4/1965", "April 1965", (), "1965-04", C, ""),
    ("month-slash-zero", "04/1965", "April 1965", (), "1965-04", C, ""),
    ("month-in", "in April 1965", "April 1965", (), "1965-04", C, ""),
    ("month-given-day", "10 April 1965", "April 1965", (), "1965-04", C, ""),
    ("month-year-only", "1965", "April 1965", (), "1965-04", A, "right year"),
    ("month-one-off", "March 1965", "April 1965", (), "1965-04", A, "one month off"),
    ("month-across-year", "December 1965", "January 1966", (), "1966-01", A, "one month"),
    ("month-far", "September 1965", "April 1965", (), "1965-04", W, "right year, but"),
    ("month-year-off", "April 1966", "April 1965", (), "1965-04", A, "one year off"),
    ("month-year-off-bare", "1964", "April 1965", (), "1965-04", A, "one year off"),
    ("month-year-and-month-off", "June 1966", "April 1965", (), "1965-04", W, "April 1965"),
    ("month-digits-swapped", "April 1956", "April 1965", (), "1965-04", W, "the answer is"),
    # Day precision.
    ("day-name", "10 April 1965", "10 April 1965", (), "1965-04-10", C, ""),
    ("day-us-order", "April 10, 1965", "10 April 1965", (), "1965-04-10", C, ""),
    ("day-ordinal", "the 10th of April, 1965", "10 April 1965", (), "1965-04-10", C, ""),
    ("day-dotted", "10.4.1965", "10 April 1965", (), "1965-04-10", C, ""),
    ("day-iso", "1965-04-10", "10 April 1965", (), "1965-04-10", C, ""),
    ("day-wrong-day", "12 April 1965", "10 April 1965", (), "1965-04-10", A, "wrong day"),
    ("day-month-only", "April 1965", "10 April 1965", (), "1965-04-10", A, "day missing"),
    ("day-year-only", "1965", "10 April 1965", (), "1965-04-10", A, "right year"),
    ("day-year-off", "10 April 1964", "10 April 1965", (), "1965-04-10", A, "one year off"),
    ("day-impossible", "31.4.1965", "10 April 1965", (), "1965-04-10", W, ""),
    # Year precision.
    ("year", "1954", "1954", (), "1954", C, "Right"),
    ("year-in", "in 1954", "1954", (), "1954", C, ""),
    ("year-extra-month", "September 1954", "1954", (), "1954", C, ""),
    ("year-one-off", "1955", "1954", (), "1954", A, "one year off (1954)"),
    ("year-one-off-under", "1953", "1954", (), "1954", A, "one year off"),
    ("year-two-off", "1956", "1954", (), "1954", W, "the answer is 1954"),
    ("year-swapped-digits", "1956", "1965", (), "1965", W, ""),
    ("year-range", "1965-66", "1965", (), "1965", W, ""),
    ("year-words", "nineteen sixty-five", "1965", (), "1965", W, ""),
    # Years on cards without `date` are plain numbers: never fuzzy, never near.
    ("nodate-year-exact", "1954", "1954", (), None, C, ""),
    ("nodate-year-off", "1955", "1954", (), None, W, ""),
    ("nodate-digits", "1956", "1965", (), None, W, ""),
    # Names with typos and the article's misspellings.
    ("yelstin-listed", "Yelstin", "Boris Yeltsin", YELTSIN, None, C, ""),
    ("yeltsin-listed", "yeltsin", "Boris Yeltsin", YELTSIN, None, C, ""),
    ("yelstin-unlisted", "Yelstin", "Yeltsin", (), None, A, "check the spelling (Yeltsin)"),
    ("yeltsin-full-typo", "Boris Yelsin", "Boris Yeltsin", YELTSIN, None, A, "spelling"),
    ("yastr-1", "Yastrzhembsky", "Sergei Yastrzhembsky", YASTR, None, C, ""),
    ("yastr-2", "Yastrzembsky", "Sergei Yastrzhembsky", YASTR, None, C, ""),
    ("yastr-3", "Sergei Yasterzhembsky", "Sergei Yastrzhembsky", YASTR, None, A, "spelling"),
    ("yastr-typo", "Yastrzhemsky", "Sergei Yastrzhembsky", YASTR, None, A, "spelling"),
    ("yastr-spaced", "Yastr zhembsky", "Yastrzhembsky", (), None, C, ""),
    ("tailban", "Tailban", "the Taliban", (), None, A, "check the spelling"),
    ("shahghai", "Shahghai-5", "Shanghai-5", (), None, A, "spelling (Shanghai-5)"),
    ("shanghai-wrong-number", "Shanghai-6", "Shanghai-5", (), None, W, ""),
    ("shanghai-spacing", "shanghai 5", "Shanghai-5", (), None, C, ""),
    ("sukoi", "Sukoi", "Sukhoi", (), None, A, "spelling"),
    ("gorchkov", "Admiral Gorchkov", "Admiral Gorshkov", (), None, A, "spelling"),
    ("kosygin-typo", "Kosigin", "Alexei Kosygin", ("Kosygin",), None, A, "(Kosygin)"),
    ("khrushchev-typo", "Kruschev", "Nikita Khrushchev", ("Khrushchev",), None, A, ""),
    ("bhutto-typo", "Benazir Butto", "Benazir Bhutto", ("Bhutto",), None, A, "spelling"),
    # Answers that look close but are wrong.
    ("kozyrev-not-kosygin", "Kozyrev", "Alexei Kosygin", ("Kosygin",), None, W, "Kosygin"),
    ("cento-not-seato", "CENTO", "SEATO", (), None, W, "the answer is SEATO"),
    ("iran-not-india", "Iran", "India", (), None, W, ""),
    ("iraq-not-iran", "Iraq", "Iran", (), None, W, ""),
    ("butt-not-bhutto", "Butt", "Bhutto", (), None, W, ""),
    ("subset-surname", "Ali", "Sardar Assef Ali", (), None, W, "Sardar Assef Ali"),
    ("surname-unlisted", "Kosygin", "Alexei Kosygin", (), None, W, ""),
    ("superset", "Alexei Nikolayevich Kosygin", "Alexei Kosygin", ("Kosygin",), None, W, ""),
    ("short-in-long", "Tashkent", "Tashkent Declaration", (), None, W, ""),
    ("short-word-typo", "Zai", "Zia", (), None, W, ""),
    # Sums of money.
    ("usd-plain", "US$30 million", "US$30 million", (), None, C, "Right"),
    ("usd-m", "$30m", "US$30 million", (), None, C, ""),
    ("usd-digits", "30,000,000 dollars", "US$30 million", (), None, C, ""),
    ("usd-code", "USD 30 million", "US$30 million", (), None, C, ""),
    ("usd-words", "30 million dollars", "US$30 million", (), None, C, ""),
    ("usd-no-currency", "30 million", "US$30 million", (), None, C, ""),
    ("usd-wrong-sum", "$80 million", "US$30 million", (), None, W, "US$30 million"),
    ("usd-wrong-scale", "$30 billion", "US$30 million", (), None, W, ""),
    ("billion-decimal", "$1.2bn", "$1.2 billion", (), None, C, ""),
    ("billion-not-12", "$12 billion", "$1.2 billion", (), None, W, ""),
    ("rupees-vs-dollars", "$600 million", "Rs.600 million", (), None, W, "different currency"),
    ("dollars-vs-rupees", "Rs 600 million", "$600 million", (), None, W, "currency"),
    ("rupees-forms", "600 million rupees", "Rs.600 million", (), None, C, ""),
    ("range-equal", "$600 to 700 million", "$600-700 million", (), None, C, ""),
    ("range-inside", "$650 million", "$600-700 million", (), None, A, "inside the range"),
    ("sum-as-text", "thirty million", "US$30 million", (), None, W, ""),
    # Case, accents, punctuation, spacing, articles, alternatives.
    ("case", "tashkent declaration", "The Tashkent Declaration", (), None, C, ""),
    ("article-given", "the Taliban", "Taliban", (), None, C, ""),
    ("article-a", "a strategic partnership", "strategic partnership", (), None, C, ""),
    ("accents", "Pákistán", "Pakistan", (), None, C, ""),
    ("punctuation", "U.S.S.R.", "USSR", (), None, C, ""),
    ("initials-spacing", "G.W. Bush", "G. W. Bush", (), None, C, ""),
    ("apostrophe", "Pakistans", "Pakistan's", (), None, C, ""),
    ("extra-spaces", "  Sardar   Assef  Ali ", "Sardar Assef Ali", (), None, C, ""),
    ("alternative", "SCO", "Shanghai Cooperation Organisation", ("SCO",), None, C, ""),
    ("alt-typo", "Shanghai Cooperation Organization", "SCO", (SCO,), None, A, f"spelling ({SCO})"),
    # Empty input.
    ("empty", "", "Boris Yeltsin", YELTSIN, None, W, "No answer"),
    ("blank", "   ", "1954", (), "1954", W, "No answer"),
    ("only-punctuation", "?!", "SEATO", (), None, W, "No answer"),
]

RATING = {C: 3, A: 2, W: 1}


@pytest.mark.parametrize(
    ("given", "answer", "alternatives", "date", "outcome", "words"),
    [case[1:] for case in TYPED],
    ids=[case[0] for case in TYPED],
)
def test_grade_typed(
    given: str,
    answer: str,
    alternatives: tuple[str, ...],
    date: str | None,
    outcome: Outcome,
    words: str,
) -> None:
    verdict = grade_typed(given, answer, alternatives, date)
    assert (verdict.outcome, verdict.proposed_rating) == (outcome, RATING[outcome]), verdict
    assert words in verdict.reason
    assert verdict.correct is (outcome is C)
    assert verdict.score == {C: 1.0, A: 0.5, W: 0.0}[outcome]


def test_typed_ids_unique_and_enough_cases() -> None:
    assert len({case[0] for case in TYPED}) == len(TYPED) >= 70


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
        ("30%", None),
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
