"""Properties of the marker over generated answers (hypothesis): a negated answer is never
right; every accepted answer and alternative is right; marking never fails on any string.
The vocabulary holds the words each rule acts on, so that generated answers reach them."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from quizapp.core.grading.marking import Outcome, grade_cloze, grade_typed
from quizapp.core.grading.responses import parse_order, parse_pairs
from quizapp.core.grading.text import normalize, plain_words
from quizapp.core.grading.wording import NEGATIONS

EXAMPLES = settings(max_examples=300, deadline=None)
# Words the rules act on, so generated answers reach them: titles, numbers, months, units,
# hedges, negations, initials, prepositions, names.
VOCABULARY = [
    "the", "a", "in", "of", "against", "as", "President", "Adm.", "Sr.", "Prime", "Minister",
    "twenty", "five", "fve", "one", "hundred", "and", "forty", "thousand", "seventh", "7th",
    "1954", "'92", "16,500", "16 500", "$", "US$30", "million", "billion", "%", "per", "cent",
    "April", "Agust", "Sept", "late", "early", "mid-", "December", "13/4/1948", "4/10/1965",
    "years", "yrs", "months", "later", "areas", "tons", "or", "either", "not", "never", "no",
    "maybe", "probably", "about", "I", "think", "A.", "N.", "Kozyrev", "Andrei", "Khan",
    "Bush", "George", "H.", "W.", "Yeltsin", "Yelstin", "Karachi", "Dhaka", "steel", "mill",
    "Gorshkov", "India", "-", ",", "?", "’", "ʼ", "İ", "ß", "١٩٥٤", "\u0301",
    # Initialisms, the kind a question asks, and true words around an answer.
    "NY", "New", "York", "CARs", "FM", "US", "kind", "alliance", "Eurasian", "then", "capital",
    "old", "anti-US", "deputy", "UN's", "with",
]  # fmt: skip
phrases = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=6).map(" ".join)
texts = st.text(max_size=60) | phrases
iso_dates = st.sampled_from(["1954", "1949-12", "1948-04-13", "1992-04", "2000-09-30"])
NEGATING = ["not {}", "never {}", "no, {}", "it isn't {}", "{}? not", "not in {}", "no {}"]


def _negation_free(*answers: str) -> bool:
    return not any(w in NEGATIONS for a in answers for w in plain_words(a))


@EXAMPLES
@given(phrases | texts, st.lists(phrases | texts, max_size=3), st.sampled_from(NEGATING),
       st.none() | iso_dates, st.lists(phrases, max_size=3), texts, st.data())  # fmt: skip
def test_a_negated_answer_is_never_right(
    answer: str,
    alternatives: list[str],
    negating: str,
    date: str | None,
    wrong: list[str],
    question: str,
    data: st.DataObject,
) -> None:
    assume(_negation_free(answer, *alternatives))
    said = data.draw(st.sampled_from([answer, *alternatives]))
    verdict = grade_typed(
        negating.format(said), answer, alternatives, date, wrong=wrong, question=question
    )
    assert verdict.outcome is not Outcome.CORRECT, verdict


@EXAMPLES
@given(phrases | texts, st.lists(phrases | texts, max_size=3), st.none() | iso_dates,
       st.lists(phrases, max_size=3), texts, st.data())  # fmt: skip
def test_every_accepted_answer_and_alternative_is_right(
    answer: str,
    alternatives: list[str],
    date: str | None,
    wrong: list[str],
    question: str,
    data: st.DataObject,
) -> None:
    said = data.draw(st.sampled_from([answer, *alternatives]))
    assume(normalize(said))  # nothing but marks is no answer
    verdict = grade_typed(said, answer, alternatives, date, wrong=wrong, question=question)
    assert verdict.outcome is Outcome.CORRECT, verdict


@EXAMPLES
@given(texts, texts, st.lists(texts, max_size=3), st.none() | iso_dates,
       st.lists(texts | phrases, max_size=3), texts)  # fmt: skip
def test_marking_never_fails_on_any_string(
    said: str, answer: str, alternatives: list[str], date: str | None, wrong: list[str], q: str
) -> None:
    verdict = grade_typed(said, answer, alternatives, date, wrong=wrong, question=q)
    assert 0.0 <= verdict.score <= 1.0 and verdict.reason
    assert grade_cloze([said], [[answer, *alternatives]], context=q).reason
    parse_order(said, 4)
    parse_pairs(said, 4, 4, [answer, *alternatives, "April 1965", "Kosygin"][:4])


JOINED = ["{} and {}", "{}, {}", "{} or {}", "{} with {}", "{}, then {}", "{} plus {}", "{} {}"]
# Answers and wrong options as cards give them: places, people, things, kinds.
ITEMS = [
    "Karachi", "Dhaka", "Lahore", "Rawalpindi", "New York", "Moscow", "Kozyrev",
    "Andrei Gromyko", "gas companies", "oil companies", "a food crisis", "a flood",
    "a nuclear arsenal", "a large standing army", "a Eurasian alliance", "an Atlantic alliance",
    "a frontline state", "a buffer state", "foreign exchange", "prestige", "the Soviet Union",
    "Islamabad", "the Central Asian States", "the Gulf States",
]  # fmt: skip


@EXAMPLES
@given(st.sampled_from(ITEMS), st.lists(st.sampled_from(ITEMS), min_size=1, max_size=3),
       st.sampled_from(JOINED), texts | phrases, st.data())  # fmt: skip
def test_an_answer_with_a_wrong_option_added_is_never_right(
    answer: str, wrong: list[str], joined: str, question: str, data: st.DataObject
) -> None:
    option = data.draw(st.sampled_from(wrong))
    assume(option != answer)
    given_text = data.draw(
        st.sampled_from([joined.format(answer, option), joined.format(option, answer)])
    )
    verdict = grade_typed(given_text, answer, wrong=wrong, question=question)
    assert verdict.outcome is not Outcome.CORRECT, verdict
