"""Question generation: the formats each card supports, wrong options, seeds, grading."""

from __future__ import annotations

import random
from itertools import pairwise
from pathlib import Path

import pytest

from quizapp.core.decks.library import load_decks
from quizapp.core.decks.loader import load_deck
from quizapp.core.grading.dates import parse_date, parse_iso_date
from quizapp.core.grading.marking import Outcome
from quizapp.core.grading.text import normalize
from quizapp.core.paths import bundled_decks_dir
from quizapp.core.questions.card_questions import card_formats, card_question
from quizapp.core.questions.chronology import generated_chronology, in_clear_order
from quizapp.core.questions.distractors import clash
from quizapp.core.questions.matching import actors_matching, dates_matching
from quizapp.core.questions.paper import build_paper
from quizapp.core.questions.prompts import AskMode, ask_mode, study_question
from quizapp.core.questions.question import QUIZ_FORMATS, Format, Question
from quizapp.core.questions.selection import Entry, select_entries

C, A, W = Outcome.CORRECT, Outcome.ALMOST, Outcome.WRONG

MINI = """\
format: 1
id: mini
title: Mini deck
tags: [cold-war]
cards:
  - id: seato
    kind: date
    type: typed
    question: In which year did Pakistan join SEATO?
    answer: "1954"
    date: "1954"
    source: SEATO in 1954.
    tags: [1950s]
  - id: cento
    kind: date
    type: typed
    question: In which year did Pakistan join CENTO?
    answer: "1955"
    date: "1955"
    source: CENTO in 1955.
    tags: [1950s]
  - id: ayub
    kind: date
    type: typed
    question: When did President Ayub Khan visit Moscow?
    answer: April 1965
    date: "1965-04"
    source: Ayub visited Moscow in April 1965.
    tags: [1960s]
  - id: kosygin-visit
    kind: date
    type: typed
    question: When did Premier Kosygin visit Pakistan?
    answer: April 1968
    date: "1968-04"
    source: Kosygin came in April 1968.
    tags: [1960s]
  - id: tashkent
    kind: date
    type: typed
    question: When was the Tashkent Declaration signed?
    answer: 10 January 1966
    date: "1966-01-10"
    source: Tashkent, January 1966.
    tags: [1960s]
  - id: mediator
    kind: actor
    type: typed
    question: Who mediated between India and Pakistan at Tashkent?
    answer: Alexei Kosygin
    alternatives: [Kosygin]
    source: Kosygin mediated.
    tags: [1960s]
  - id: ayub-actor
    kind: actor
    type: typed
    question: Which Pakistani President visited Moscow in the spring of the war year?
    answer: Ayub Khan
    alternatives: [Ayub]
    source: Ayub visited.
    tags: [1960s]
  - id: bulganin
    kind: actor
    type: typed
    question: Which Soviet Premier offered atomic know-how to Pakistan?
    answer: Nikolai Bulganin
    alternatives: [Bulganin]
    source: Bulganin offered.
    tags: [1950s]
  - id: molotov
    kind: actor
    type: typed
    question: Which Soviet Foreign Minister attended Pakistan's Republic day in Moscow?
    answer: Vyacheslav Molotov
    alternatives: [Molotov]
    source: Molotov attended.
    tags: [1950s]
  - id: yeltsin
    kind: actor
    type: typed
    question: Which Russian President invited Benazir Bhutto to Russia?
    answer: Boris Yeltsin
    alternatives: [Yeltsin, Yelstin]
    source: Yelstin invited her.
    tags: [1990s]
  - id: kozyrev
    kind: actor
    type: typed
    question: Who led the Atlanticists in Russian foreign policy?
    answer: Andrei Kozyrev
    alternatives: [Kozyrev]
    source: Kozyrev led them.
    tags: [1990s]
"""


@pytest.fixture(scope="module")
def bundled() -> list[Entry]:
    decks = [r.deck for r in load_decks([bundled_decks_dir()]) if r.deck is not None]
    return select_entries(decks)


@pytest.fixture
def mini(tmp_path: Path) -> list[Entry]:
    path = tmp_path / "mini.yaml"
    path.write_text(MINI, encoding="utf-8")
    result = load_deck(path)
    assert result.deck is not None and not result.errors, result.problems
    return select_entries([result.deck])


def by_id(entries: list[Entry], card_id: str) -> Entry:
    return next(e for e in entries if e.card.id == card_id)


def fingerprint(paper: list[Question]) -> list[tuple[object, ...]]:
    return [(q.format, q.prompt, q.options, q.items, q.key, q.truth) for q in paper]


# Generation on the bundled decks ------------------------------------------------------


@pytest.mark.parametrize("fmt", QUIZ_FORMATS)
def test_every_format_can_be_asked_on_the_bundled_decks(bundled: list[Entry], fmt: Format) -> None:
    paper = build_paper(bundled, 6, random.Random(1), fmt)
    assert len(paper) == 6
    assert {q.format for q in paper} == {fmt}
    asked = [e.key for q in paper for e in q.entries]
    assert len(asked) == len(set(asked)), "a card is asked twice in one paper"


@pytest.mark.parametrize("seed", range(8))
def test_mixed_papers_hold_chronology_and_matching(bundled: list[Entry], seed: int) -> None:
    formats = [q.format for q in build_paper(bundled, 10, random.Random(seed))]
    assert len(formats) == 10
    assert Format.CHRONOLOGY in formats and Format.MATCHING in formats
    assert len(set(formats)) >= 4, formats


def test_same_seed_same_paper_other_seed_other_paper(bundled: list[Entry]) -> None:
    first = fingerprint(build_paper(bundled, 10, random.Random(42)))
    again = fingerprint(build_paper(bundled, 10, random.Random(42)))
    other = fingerprint(build_paper(bundled, 10, random.Random(43)))
    assert first == again
    assert first != other


def test_chronology_and_matching_sizes(bundled: list[Entry]) -> None:
    for question in build_paper(bundled, 12, random.Random(3), Format.CHRONOLOGY):
        assert 4 <= len(question.options) <= 6
        assert sorted(question.key) == list(range(len(question.options)))
    for question in build_paper(bundled, 8, random.Random(3), Format.MATCHING):
        assert 4 <= len(question.items) == len(question.options) <= 5
        assert sorted(question.key) == list(range(len(question.options)))
        assert len(question.entries) == len(question.items)


# Wrong options -------------------------------------------------------------------------


def test_choice_options_never_repeat_the_answer_or_an_alternative(bundled: list[Entry]) -> None:
    checked = 0
    for entry in bundled:
        if Format.CHOICE not in card_formats(entry, bundled):
            continue
        question = card_question(entry, Format.CHOICE, bundled, random.Random(entry.card.id))
        assert question is not None
        options = list(question.options)
        assert 3 <= len(options) <= 4
        assert options.count(question.answer) == 1
        accepted = {normalize(a) for a in (entry.card.answer, *entry.card.alternatives)}
        wrong = [o for o in options if o != question.answer]
        for option in wrong:
            assert normalize(option) not in accepted, (entry.card.id, option)
            assert not clash(option, question.answer), (entry.card.id, option)
        for a, b in pairwise(sorted(options)):
            assert not clash(a, b), (entry.card.id, a, b)
        checked += 1
    assert checked > 200


def test_card_own_wrong_options_come_first(bundled: list[Entry]) -> None:
    entry = next(e for e in bundled if e.card.id == "seato-year")
    question = card_question(entry, Format.CHOICE, bundled, random.Random(0))
    assert question is not None
    assert set(question.options) == {"1954", *entry.card.wrong}


def test_dated_card_without_wrong_options_gets_dates_near_its_own(mini: list[Entry]) -> None:
    ayub = by_id(mini, "ayub")
    question = card_question(ayub, Format.CHOICE, mini, random.Random(5))
    assert question is not None and question.answer == "April 1965"
    for option in question.options:
        date = parse_date(option)
        assert date is not None and date.precision == "month", option
        assert abs(date.year - 1965) <= 3, option
    assert len(set(question.options)) == 4


@pytest.mark.parametrize("date", ["0002", "0001-02", "0001-01-01", "9998", "9999-12"])
def test_dates_at_the_ends_of_the_calendar_get_options(tmp_path: Path, date: str) -> None:
    """Neighbours before year 1 or after 9999 do not exist: they are skipped, not a crash."""
    path = tmp_path / "edge.yaml"
    path.write_text(
        "format: 1\nid: edge\ntitle: Edge\ncards:\n  - id: a\n    kind: date\n"
        f"    type: typed\n    question: When?\n    answer: Then\n    date: '{date}'\n"
        "    source: S\n",
        encoding="utf-8",
    )
    result = load_deck(path)
    assert result.deck is not None and not result.errors, result.problems
    [entry] = select_entries([result.deck])
    question = card_question(entry, Format.CHOICE, [entry], random.Random(1))
    assert question is not None and len(set(question.options)) == 4
    assert str(parse_iso_date(date)) in question.options


def test_borrowed_names_are_actors_of_the_same_era(mini: list[Entry]) -> None:
    bulganin = by_id(mini, "bulganin")  # 1950s: Molotov first, then the 1960s and 1990s
    for seed in range(5):
        question = card_question(bulganin, Format.CHOICE, mini, random.Random(seed))
        assert question is not None
        wrong = [o for o in question.options if o != question.answer]
        assert "Vyacheslav Molotov" in wrong
        assert not {"1954", "April 1965"} & set(wrong), "a date offered for an actor"


def test_a_name_and_its_surname_are_never_both_offered(mini: list[Entry]) -> None:
    assert clash("Kosygin", "Alexei Kosygin")
    assert clash("Yelstin", "Boris Yeltsin")
    assert clash("April 1965", "1965-04")
    assert not clash("Alexei Kosygin", "Andrei Kozyrev")
    mediator = by_id(mini, "mediator")
    question = card_question(mediator, Format.CHOICE, mini, random.Random(0))
    assert question is not None
    assert not any(o == "Kosygin" for o in question.options)


# Formats a card supports ----------------------------------------------------------------


def test_card_formats_follow_the_card(bundled: list[Entry]) -> None:
    formats = {e.card.id: card_formats(e, bundled) for e in bundled}
    assert formats["seato-year"][0] is Format.TYPED
    assert Format.CHOICE in formats["seato-year"]
    cloze = next(e for e in bundled if e.card.type == "cloze")
    assert formats[cloze.card.id] == [Format.CLOZE]
    chronology = next(e for e in bundled if e.card.type == "chronology")
    assert formats[chronology.card.id] == [Format.CHRONOLOGY]
    long_flips = [e for e in bundled if e.card.type == "flip" and len(e.card.answer) > 80]
    assert all(Format.TYPED not in formats[e.card.id] for e in long_flips)
    # A cause borrows no other card's cause as a wrong option: another reason may be right too.
    causes = [e for e in bundled if e.card.kind == "cause" and e.card.type != "choice"]
    assert causes
    for entry in causes:
        assert (Format.CHOICE in formats[entry.card.id]) == (len(entry.card.wrong) >= 2)


# Chronology and matching made from several cards ---------------------------------------


def test_generated_chronology_orders_dated_cards(mini: list[Entry]) -> None:
    question = generated_chronology(mini, random.Random(2), size=5)
    assert question is not None and len(question.options) == 5
    dates = [parse_iso_date(e.card.date or "") for e in question.entries]
    assert all(in_clear_order(a, b) for i, a in enumerate(dates) for b in dates[i + 1 :])
    in_order = [dates[i] for i in question.key]
    assert in_order == sorted(in_order)
    letters = "".join("abcdef"[i] for i in question.key)
    assert question.grade(letters).outcome is C
    assert question.grade(letters[::-1]).outcome is W
    assert question.grade(letters[:-1]).reason.startswith("No answer")


def test_chronology_rates_each_card_by_its_pairs(mini: list[Entry]) -> None:
    question = generated_chronology(mini, random.Random(2), size=4)
    assert question is not None
    letters = ["abcd"[i] for i in question.key]
    letters[2], letters[3] = letters[3], letters[2]  # the last two swapped
    response = "".join(letters)
    verdict = question.grade(response)
    assert verdict.outcome is A
    rated = {e.card.id: r for e, r in question.ratings(response, verdict)}
    first, second = (question.entries[i].card.id for i in question.key[:2])
    third, fourth = (question.entries[i].card.id for i in question.key[2:])
    assert rated[first] == rated[second] == 3
    assert rated[third] == rated[fourth] == 2  # 2 of 3 pairs in order


def test_dates_never_told_apart_are_not_ordered() -> None:
    assert not in_clear_order(parse_iso_date("1965"), parse_iso_date("1965-04"))
    assert not in_clear_order(parse_iso_date("1965-04"), parse_iso_date("1965-04-10"))
    assert in_clear_order(parse_iso_date("1965-04-10"), parse_iso_date("1965-04-12"))
    assert in_clear_order(parse_iso_date("1965"), parse_iso_date("1966-04"))


def test_actors_matching_pairs_each_question_with_its_answer(mini: list[Entry]) -> None:
    question = actors_matching(mini, random.Random(4), size=5)
    assert question is not None
    assert len(question.items) == len(question.options) == 5
    for item, entry, option in zip(question.items, question.entries, question.key, strict=True):
        assert item == entry.card.question
        assert question.options[option] == entry.card.answer
    right = " ".join(f"{i + 1}{'abcde'[k]}" for i, k in enumerate(question.key))
    assert question.grade(right).outcome is C
    assert question.problem("1a 2b") is not None
    assert question.problem("1a 1b 2c 3d 4e") is not None


def test_matching_rates_each_pair(mini: list[Entry]) -> None:
    question = dates_matching(mini, random.Random(1), size=4)
    assert question is not None
    key = list(question.key)
    key[0], key[1] = key[1], key[0]  # two pairs crossed
    response = " ".join(f"{i + 1}{'abcd'[k]}" for i, k in enumerate(key))
    verdict = question.grade(response)
    assert (verdict.outcome, verdict.score) == (A, 0.5)
    assert [r for _, r in question.ratings(response, verdict)] == [1, 1, 3, 3]
    assert all(parse_date(option) is not None for option in question.options)


# Grading through Question ----------------------------------------------------------------


def test_typed_question_grades_tolerantly(mini: list[Entry]) -> None:
    question = card_question(by_id(mini, "ayub"), Format.TYPED, mini, random.Random(0))
    assert question is not None
    assert question.grade("4/1965").outcome is C
    assert question.grade("Apr 1965").outcome is C
    assert question.grade("1966").outcome is A
    assert question.grade("1956").outcome is W
    yeltsin = card_question(by_id(mini, "yeltsin"), Format.TYPED, mini, random.Random(0))
    assert yeltsin is not None and yeltsin.grade("Boris Yelsin").outcome is A


def test_choice_accepts_letter_or_text(mini: list[Entry]) -> None:
    question = card_question(by_id(mini, "kozyrev"), Format.CHOICE, mini, random.Random(0))
    assert question is not None
    letter = "abcd"[question.options.index(question.answer)]
    assert question.grade(letter).outcome is C
    assert question.grade(question.answer).outcome is C
    wrong = next(o for o in question.options if o != question.answer)
    assert question.grade(wrong).outcome is W
    assert question.problem("") is not None


def test_generated_true_false_states_a_proposed_answer(mini: list[Entry]) -> None:
    seen = set()
    for seed in range(12):
        question = card_question(
            by_id(mini, "molotov"), Format.TRUE_FALSE, mini, random.Random(seed)
        )
        assert question is not None and question.truth is not None
        seen.add(question.truth)
        shown = question.prompt.split("Proposed answer: ")[1].split("\n")[0]
        assert (shown == "Vyacheslav Molotov") is question.truth
        assert question.grade("t" if question.truth else "f").outcome is C
        assert question.grade("f" if question.truth else "t").outcome is W
        assert question.problem("maybe") is not None
    assert seen == {True, False}


def test_cloze_and_chronology_cards(bundled: list[Entry]) -> None:
    cloze_entry = next(e for e in bundled if e.card.type == "cloze")
    cloze = card_question(cloze_entry, Format.CLOZE, bundled, random.Random(0))
    assert cloze is not None and "[1] _____" in cloze.prompt
    answers = [blank[0] for blank in cloze.blanks]
    assert cloze.grade(answers).outcome is C
    assert cloze.grade(" | ".join(answers)).outcome is C
    assert cloze.grade([""] * len(answers)).outcome is W
    chrono_entry = next(e for e in bundled if e.card.type == "chronology")
    chrono = card_question(chrono_entry, Format.CHRONOLOGY, bundled, random.Random(0))
    assert chrono is not None and chrono.entries == (chrono_entry,)
    letters = "".join("abcdef"[i] for i in chrono.key)
    assert chrono.grade(letters).outcome is C
    assert chrono.key != tuple(range(len(chrono.key))), "shown already in order"
    assert chrono.problem(letters + "z") is not None


def test_study_asks_each_card_in_its_own_types_format_and_marks_it_as_a_quiz_does(
    bundled: list[Entry],
) -> None:
    for entry in bundled:
        card = entry.card
        question = study_question(entry, "seed")
        assert question == study_question(entry, "seed")  # the same seed, the same showing
        assert str(question.format) == str(card.type)  # the names agree
        assert ask_mode(question) is {
            Format.TYPED: AskMode.TYPED,
            Format.CHOICE: AskMode.CHOICE,
            Format.TRUE_FALSE: AskMode.CHOICE,
        }.get(question.format, AskMode.FLIP)
        if question.format is Format.CHOICE:
            assert card.answer in question.options
            assert set(question.options) - {card.answer} <= set(card.wrong)
            assert question.grade(card.answer).correct
            wrong = next(o for o in question.options if o != card.answer)
            assert question.grade(wrong).outcome is W
        elif question.format is Format.TRUE_FALSE:
            assert question.options == ("True", "False")
            assert question.grade(question.answer).correct
        elif question.format is Format.TYPED:
            assert question.wrong == card.wrong
            assert question.grade(card.answer).correct
        elif question.format is Format.CHRONOLOGY:
            for i, option in enumerate(question.options):
                assert f"{'abcdefgh'[i]}) {option}" in question.prompt
