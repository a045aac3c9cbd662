"""Held-out checks of the marker: answers to randomly drawn typed cards, each with the verdict a
teacher gave it before the marker ran. No answer the teacher marks wrong may be accepted; at most
2 the teacher marks right may be refused.

The last check is the ninth draw (tests/data/marking_holdout_9241.yaml, cards chosen by
tests/holdout_draw_9.py from 24 typed cards written blind to the marker after the rules the
eighth draw led to). It failed: 11 of its 43 right answers refused, no wrong one accepted, and
no rule changed after it. Its criterion is a strict expected failure, and its refusals
(refused_after_fixes) may only fall.

The eighth draw (tests/data/marking_holdout_8128.yaml, cards chosen by
tests/holdout_draw_8.py from 24 typed cards written blind to the marker after the rules the
seventh draw led to). It failed: 7 of its 41 right answers refused, no wrong one accepted. Its
criterion is a strict expected failure, and its refusals (refused_after_fixes) may only fall.

The seventh draw (tests/data/marking_holdout_7919.yaml, cards chosen by
tests/holdout_draw_7.py from 32 typed cards written blind to the marker after the rules the
sixth draw led to). It failed: 12 of its 40 right answers refused, no wrong one accepted. Its
criterion is a strict expected failure, and its refusals (refused_after_fixes) may only fall.

The sixth draw (tests/data/marking_holdout_6174.yaml, cards chosen by tests/holdout_draw_6.py
from 32 typed cards written after the rules, blind to the marker) failed: 10 of its 39 right
answers refused, no wrong one accepted. Its cards have since served to develop the rules (other
words read through WordNet, a denied other thing, details the card gives), which refuse 4 of
them. Its criterion is a strict expected failure, and its refusals (refused_after_fixes) may
only fall.

The check before it was the fifth draw (tests/data/marking_holdout_1729.yaml, cards chosen by
tests/holdout_draw.py). It failed (27 of 44 right answers refused, no wrong one accepted); its
cards have since been used to develop the rules, which refused 15 of its right answers, and 5
since the lexicon of other words for the same thing (quizapp/core/grading/synonyms.py). Its
criterion stays a strict expected failure, and its refusals (refused_after_fixes) may only fall.
Four earlier draws failed and the rules were fixed after each; they are kept as records
(marking_holdout_SEED.yaml, and marking_holdout.yaml for the third, seed 31415), each holding
the refusals left after its fixes, which may only fall."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from typing import Any

import holdout_draw
import holdout_draw_6
import holdout_draw_7
import holdout_draw_8
import holdout_draw_9
import pytest
import yaml
from blind_draw import draw, population

from quizapp.core.decks.library import load_decks
from quizapp.core.grading.marking import Outcome
from quizapp.core.questions.card_marking import find_card, mark_answers

HERE = Path(__file__).parent


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((HERE / "data" / name).read_text("utf-8"))
    return data


THIRD = load("marking_holdout.yaml")
FIRST, SECOND, FOURTH = (load(f"marking_holdout_{seed}.yaml") for seed in (1414, 2718, 1618))
FIFTH = load("marking_holdout_1729.yaml")
SIXTH = load("marking_holdout_6174.yaml")
SEVENTH = load("marking_holdout_7919.yaml")
EIGHTH = load("marking_holdout_8128.yaml")
NINTH = load("marking_holdout_9241.yaml")
DRAWS = [FIRST, SECOND, THIRD, FOURTH, FIFTH, SIXTH, SEVENTH, EIGHTH, NINTH]
DRAW_IDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
# The draws whose cards have since served to develop the rules (the first eight): the marking
# table may copy their cards, never a card of a later draw's population.
DEVELOPED_ON = DRAWS[:8]
TABLE = load("marking_table.yaml")
MAX_REFUSED = 2

Marked = list[tuple[dict[str, Any], Outcome]]


def bundled_cards() -> dict[str, dict[str, Any]]:
    cards = {}
    for path in sorted((HERE.parent / "decks").glob("*.yaml")):
        deck = yaml.safe_load(path.read_text("utf-8"))
        cards.update({f"{deck['id']}/{card['id']}": card for card in deck["cards"]})
    return cards


def mark(check: dict[str, Any]) -> Marked:
    decks = [r.deck for r in load_decks([HERE.parent / "decks"]) if r.deck is not None]
    results = []
    for row in check["answers"]:
        [verdict] = mark_answers(find_card(decks, row["card"]), [str(row["answer"])])
        results.append((row, verdict.outcome))
    return results


def accepted_wrong(marked: Marked) -> list[str]:
    return [r["answer"] for r, o in marked if r["teacher"] == "wrong" and o is Outcome.CORRECT]


def refused_right(marked: Marked) -> list[str]:
    return [r["answer"] for r, o in marked if r["teacher"] == "right" and o is Outcome.WRONG]


@pytest.mark.parametrize("number", range(len(DRAWS)), ids=DRAW_IDS)
def test_the_cards_are_drawn_by_the_stated_seed_from_cards_the_rules_never_saw(
    number: int,
) -> None:
    check = DRAWS[number]
    drawn = random.Random(check["seed"]).sample(check["population"], check["sample_size"])
    assert drawn == check["cards"]
    # The table may copy a draw's cards once its outcome is recorded and its cards have served to
    # develop the rules, never before.
    used_since = set().union(*(draw["cards"] for draw in DEVELOPED_ON[: number + 1]))
    developed_on = {row["card"] for row in TABLE["rows"] if "card" in row} - used_since
    assert not developed_on & set(check["population"])
    assert Counter(row["card"] for row in check["answers"]) == {card: 4 for card in check["cards"]}


def test_each_draw_leaves_out_the_cards_of_the_draws_before() -> None:
    assert not set(FIRST["cards"]) & set(SECOND["population"])
    assert not (set(FIRST["cards"]) | set(SECOND["cards"])) & set(THIRD["population"])


def test_the_fourth_population_is_typed_cards_no_earlier_draw_could_draw() -> None:
    cards = bundled_cards()
    population = FOURTH["population"]
    assert population == sorted(population)
    assert all(cards[key].get("type", "typed") == "typed" for key in population)
    earlier = set().union(*(draw["population"] for draw in (FIRST, SECOND, THIRD)))
    assert not earlier & set(population)


def test_the_fifth_population_is_typed_cards_earlier_draws_offered_but_never_drew() -> None:
    cards = bundled_cards()
    population = FIFTH["population"]
    assert population == sorted(population)
    assert all(cards[key].get("type", "typed") == "typed" for key in population)
    earlier = DRAWS[:4]
    assert set(population) <= set().union(*(draw["population"] for draw in earlier))
    assert not set(population) & set().union(*(draw["cards"] for draw in earlier))
    # The committed selection code drew these cards.
    assert (holdout_draw.SEED, holdout_draw.draw(population)) == (FIFTH["seed"], FIFTH["cards"])


def test_the_sixth_population_is_the_typed_cards_written_blind_to_the_marker() -> None:
    cards = bundled_cards()
    population = SIXTH["population"]
    assert population == holdout_draw_6.population()
    assert all(cards[key].get("type", "typed") == "typed" for key in population)
    # Written after the rules: no earlier draw could offer them, and no table row names them.
    assert not set(population) & set().union(*(draw["population"] for draw in DRAWS[:5]))
    assert not set(population) & {row["card"] for row in TABLE["rows"] if "card" in row}
    # The committed selection code draws these cards.
    assert (holdout_draw_6.SEED, holdout_draw_6.SAMPLE_SIZE) == (
        SIXTH["seed"],
        SIXTH["sample_size"],
    )
    assert holdout_draw_6.draw(population) == SIXTH["cards"]


def test_the_seventh_population_is_the_typed_cards_written_blind_to_the_marker() -> None:
    cards = bundled_cards()
    population = SEVENTH["population"]
    assert population == holdout_draw_7.population()
    assert all(cards[key].get("type", "typed") == "typed" for key in population)
    assert not set(population) & set().union(*(draw["population"] for draw in DRAWS[:6]))
    assert (holdout_draw_7.SEED, holdout_draw_7.SAMPLE_SIZE) == (
        SEVENTH["seed"],
        SEVENTH["sample_size"],
    )
    assert holdout_draw_7.draw(population) == SEVENTH["cards"]


def test_the_eighth_population_is_the_typed_cards_written_blind_to_the_marker() -> None:
    cards = bundled_cards()
    population = EIGHTH["population"]
    assert population == holdout_draw_8.population()
    assert all(cards[key].get("type", "typed") == "typed" for key in population)
    assert not set(population) & set().union(*(draw["population"] for draw in DRAWS[:7]))
    assert (holdout_draw_8.SEED, holdout_draw_8.SAMPLE_SIZE) == (
        EIGHTH["seed"],
        EIGHTH["sample_size"],
    )
    assert holdout_draw_8.draw(population) == EIGHTH["cards"]


def test_the_ninth_population_is_the_typed_cards_written_blind_to_the_marker() -> None:
    cards = bundled_cards()
    drawn_from = population(holdout_draw_9.POPULATION_FILE)
    assert NINTH["population"] == drawn_from
    assert all(cards[key].get("type", "typed") == "typed" for key in drawn_from)
    assert not set(drawn_from) & set().union(*(d["population"] for d in DRAWS[:8]))
    assert (holdout_draw_9.SEED, NINTH["sample_size"]) == (NINTH["seed"], 20)
    assert draw(holdout_draw_9.SEED, drawn_from) == NINTH["cards"]


@pytest.fixture(scope="module")
def marked() -> Marked:
    return mark(FIFTH)


@pytest.fixture(scope="module")
def marked_sixth() -> Marked:
    return mark(SIXTH)


@pytest.fixture(scope="module")
def marked_seventh() -> Marked:
    return mark(SEVENTH)


@pytest.fixture(scope="module")
def marked_eighth() -> Marked:
    return mark(EIGHTH)


@pytest.fixture(scope="module")
def marked_ninth() -> Marked:
    return mark(NINTH)


def test_no_wrong_answer_is_accepted(marked: Marked) -> None:
    assert accepted_wrong(marked) == []


def test_at_most_two_right_answers_are_refused(marked: Marked) -> None:
    # The fifth draw failed as a held-out check (27 of 44 refused); since its cards and later
    # draws' served to develop the rules it refuses 1 ("Soviet soldiers held captive in
    # Afghanistan": Soviet is never Russian). A record of development, not a held-out result.
    refused = refused_right(marked)
    assert len(refused) <= MAX_REFUSED, refused


def test_no_more_right_answers_are_refused_than_recorded(marked: Marked) -> None:
    # The record of the failed check, lowered by the rules developed on its cards (27, then
    # 15, then 5 with the lexicon, then 1 with the rules the later draws led to): a change to
    # the marker may lower it, never raise it.
    refused = refused_right(marked)
    assert set(refused) <= set(FIFTH["refused_after_fixes"]) <= set(FIFTH["refused"])
    assert len(refused) <= 1


@pytest.mark.parametrize("check", DRAWS[:4], ids=DRAW_IDS[:4])
def test_the_earlier_draws_still_accept_no_wrong_answer(check: dict[str, Any]) -> None:
    assert accepted_wrong(mark(check)) == []


@pytest.mark.parametrize("check", [THIRD, FOURTH], ids=["third", "fourth"])
def test_the_earlier_draws_refuse_no_more_than_after_their_fixes(check: dict[str, Any]) -> None:
    assert set(refused_right(mark(check))) <= set(check["refused_after_fixes"])


def test_the_sixth_draw_accepts_no_wrong_answer(marked_sixth: Marked) -> None:
    assert accepted_wrong(marked_sixth) == []


def test_the_sixth_draw_refuses_at_most_two_right_answers(marked_sixth: Marked) -> None:
    # It failed as a held-out check (10 of 39 refused); since its cards served to develop the
    # rules it refuses 1 ("its own earlier declarations"). A record of development, not a
    # held-out result.
    refused = refused_right(marked_sixth)
    assert len(refused) <= MAX_REFUSED, refused


def test_the_sixth_draw_refuses_no_more_than_recorded(marked_sixth: Marked) -> None:
    # The record of the failed check (10), lowered by the rules developed on its cards and the
    # seventh draw's (1): a change to the marker may lower it, never raise it.
    refused = refused_right(marked_sixth)
    assert set(refused) <= set(SIXTH["refused_after_fixes"]) <= set(SIXTH["refused"])
    assert len(refused) <= 1


def test_the_seventh_draw_accepts_no_wrong_answer(marked_seventh: Marked) -> None:
    assert accepted_wrong(marked_seventh) == []


@pytest.mark.xfail(
    strict=True,
    reason="the seventh draw refused 12 of 40 right answers; after the rules developed on its "
    "cards, 4 (paraphrases the thesaurus does not read, an apposition read as a choice); see "
    "tests/data/marking_holdout_7919.yaml",
)
def test_the_seventh_draw_refuses_at_most_two_right_answers(marked_seventh: Marked) -> None:
    refused = refused_right(marked_seventh)
    assert len(refused) <= MAX_REFUSED, refused


def test_the_seventh_draw_refuses_no_more_than_recorded(marked_seventh: Marked) -> None:
    # The record of the failed check (12), lowered by the rules developed on its cards (4): a
    # change to the marker may lower it, never raise it.
    refused = refused_right(marked_seventh)
    assert set(refused) <= set(SEVENTH["refused_after_fixes"]) <= set(SEVENTH["refused"])
    assert len(refused) <= 4


def test_the_eighth_draw_accepts_no_wrong_answer(marked_eighth: Marked) -> None:
    assert accepted_wrong(marked_eighth) == []


@pytest.mark.xfail(
    strict=True,
    reason="the eighth draw refused 7 of 41 right answers; after the rules developed on its "
    "cards, 4 (2 paraphrases, an appositive with names, figures in words after a date); see "
    "tests/data/marking_holdout_8128.yaml",
)
def test_the_eighth_draw_refuses_at_most_two_right_answers(marked_eighth: Marked) -> None:
    refused = refused_right(marked_eighth)
    assert len(refused) <= MAX_REFUSED, refused


def test_the_eighth_draw_refuses_no_more_than_recorded(marked_eighth: Marked) -> None:
    # The record of the failed check (7), lowered by the rules developed on its cards (4): a
    # change to the marker may lower it, never raise it.
    refused = refused_right(marked_eighth)
    assert set(refused) <= set(EIGHTH["refused_after_fixes"]) <= set(EIGHTH["refused"])
    assert len(refused) <= 4


def test_the_ninth_draw_accepts_no_wrong_answer(marked_ninth: Marked) -> None:
    assert accepted_wrong(marked_ninth) == []


@pytest.mark.xfail(
    strict=True,
    reason="the ninth draw refused 11 of 43 right answers, no rule changed since: paraphrases "
    "the rules do not read (10) and a year in a sentence; see tests/data/marking_holdout_9241.yaml",
)
def test_the_ninth_draw_refuses_at_most_two_right_answers(marked_ninth: Marked) -> None:
    refused = refused_right(marked_ninth)
    assert len(refused) <= MAX_REFUSED, refused


def test_the_ninth_draw_refuses_no_more_than_recorded(marked_ninth: Marked) -> None:
    # The record of the failed check (11): a change to the marker may lower it, never raise it.
    refused = refused_right(marked_ninth)
    assert set(refused) <= set(NINTH["refused_after_fixes"]) <= set(NINTH["refused"])
    assert len(refused) <= 11
