"""Properties of the marker over generated answers (hypothesis): a negated answer is never
right; every accepted answer and alternative is right; marking never fails on any string.
The vocabulary holds the words each rule acts on, so that generated answers reach them."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from quizapp.core.grading.formats import grade_cloze
from quizapp.core.grading.marking import Outcome, grade_typed
from quizapp.core.grading.responses import parse_order, parse_pairs
from quizapp.core.grading.synonyms import GROUPS
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
    # Other words for the same thing.
    "vice", "atomic", "nuclear", "nukes", "arms", "weapons", "famine", "food", "shortage",
    "prisoners", "POWs", "rebels", "fighters", "helping", "support", "several", "thousands",
    "Home", "Interior", "trip", "visit", "troops", "forces", "pull-out", "talks",
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


# Other words for the same thing (quizapp/core/grading/synonyms.py): phrases built around the
# lexicon's members, so that answers, wrong options and questions use its groups.
MEMBER_FORMS = [
    [form for member in group.members for form in member.split("|")] for group in GROUPS
]
AROUND = ["{}", "the {}", "{} of Pakistan", "Russian {}", "{} to India", "a {} in 1956"]
lexicon_phrases = st.builds(
    lambda forms, i, around: around.format(forms[i % len(forms)]),
    st.sampled_from(MEMBER_FORMS),
    st.integers(0, 20),
    st.sampled_from(AROUND),
)


@st.composite
def other_words(draw: st.DrawFn) -> tuple[str, str]:
    """A phrase using one member of a group, and the same phrase with another member."""
    group = draw(st.sampled_from(GROUPS))
    first, second = draw(st.lists(st.sampled_from(group.members), min_size=2, max_size=2))
    assume(first != second)
    around = draw(st.sampled_from(AROUND))
    one = draw(st.sampled_from(first.split("|")))
    other = draw(st.sampled_from(second.split("|")))
    return around.format(one), around.format(other)


@EXAMPLES
@given(other_words(), st.lists(lexicon_phrases | phrases, max_size=2),
       st.sampled_from(NEGATING), st.lists(lexicon_phrases, max_size=3),
       lexicon_phrases | texts)  # fmt: skip
def test_other_words_never_make_a_negated_answer_right(
    pair: tuple[str, str],
    alternatives: list[str],
    negating: str,
    wrong: list[str],
    question: str,
) -> None:
    answer, reworded = pair
    assume(_negation_free(answer, *alternatives))
    verdict = grade_typed(
        negating.format(reworded), answer, alternatives, wrong=wrong, question=question
    )
    assert verdict.outcome is not Outcome.CORRECT, verdict


@EXAMPLES
@given(lexicon_phrases, st.lists(lexicon_phrases | phrases, max_size=3),
       st.lists(lexicon_phrases | phrases, max_size=3), lexicon_phrases | texts,
       st.data())  # fmt: skip
def test_every_accepted_answer_is_right_whatever_groups_the_card_uses(
    answer: str, alternatives: list[str], wrong: list[str], question: str, data: st.DataObject
) -> None:
    said = data.draw(st.sampled_from([answer, *alternatives]))
    assume(normalize(said))
    verdict = grade_typed(said, answer, alternatives, wrong=wrong, question=question)
    assert verdict.outcome is Outcome.CORRECT, verdict


@st.composite
def answer_option_reworded(draw: st.DrawFn) -> tuple[str, str, str]:
    """An answer using one member of a group, a wrong option using another, and the wrong
    option reworded with any member but the answer's."""
    group = draw(st.sampled_from(GROUPS))
    members = draw(st.permutations(group.members))
    assume(len(members) >= 2)
    around = draw(st.sampled_from(AROUND))
    forms = [around.format(draw(st.sampled_from(m.split("|")))) for m in members[:2]]
    other = draw(st.sampled_from(members[1:]))
    return forms[0], forms[1], around.format(draw(st.sampled_from(other.split("|"))))


@EXAMPLES
@given(answer_option_reworded(), st.lists(st.sampled_from(ITEMS), max_size=2),
       lexicon_phrases | texts)  # fmt: skip
def test_other_words_for_a_wrong_option_are_never_right(
    card: tuple[str, str, str], more_wrong: list[str], question: str
) -> None:
    answer, option, reworded = card
    assume(answer not in more_wrong)
    # Not the answer's own words with words added ("prisoners of war" holds "prisoners"),
    # which the rule for true words around an answer judges, not the lexicon.
    assume(f" {normalize(answer)} " not in f" {normalize(reworded)} ")
    verdict = grade_typed(reworded, answer, wrong=[option, *more_wrong], question=question)
    assert verdict.outcome is not Outcome.CORRECT, verdict


@EXAMPLES
@given(other_words(), lexicon_phrases | texts)
def test_a_card_that_sets_two_members_against_each_other_keeps_them_apart(
    pair: tuple[str, str], question: str
) -> None:
    answer, option = pair
    verdict = grade_typed(option, answer, wrong=[option], question=question)
    assert verdict.outcome is Outcome.WRONG, verdict
    assert grade_typed(option, answer, question=answer).outcome is Outcome.CORRECT
