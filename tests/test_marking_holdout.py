"""Held-out checks of the marker: answers to randomly drawn typed cards, each with the verdict a
teacher gave it before the marker ran. No answer the teacher marks wrong may be accepted; at most
2 the teacher marks right may be refused.

The check is the fresh draw (tests/data/marking_holdout_fresh.yaml): 20 of 47 typed cards
written for it, on facts no card asked before, after the three earlier draws had used up the
bundled cards. It failed (12 right answers refused) and the rules were not changed after it, so
its criterion is a strict expected failure and its refusals may only fall. The earlier draws are
kept as records (marking_holdout_SEED.yaml, and marking_holdout.yaml for the third, seed 31415,
which refused 12 right answers before the fixes it led to and 3 after)."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from quizapp.core.decks.library import load_decks
from quizapp.core.grading.marking import Outcome
from quizapp.core.questions.card_marking import find_card, mark_answers

HERE = Path(__file__).parent


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((HERE / "data" / name).read_text("utf-8"))
    return data


FRESH = load("marking_holdout_fresh.yaml")
THIRD = load("marking_holdout.yaml")
FIRST, SECOND = (load(f"marking_holdout_{seed}.yaml") for seed in (1414, 2718))
DRAWS = [FIRST, SECOND, THIRD, FRESH]
DRAW_IDS = ["first", "second", "third", "fresh"]
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


@pytest.fixture(scope="module")
def marked() -> Marked:
    return mark(FRESH)


@pytest.mark.parametrize("check", DRAWS, ids=DRAW_IDS)
def test_the_cards_are_drawn_by_the_stated_seed_from_cards_the_rules_never_saw(
    check: dict[str, Any],
) -> None:
    drawn = random.Random(check["seed"]).sample(check["population"], check["sample_size"])
    assert drawn == check["cards"]
    developed_on = {row["card"] for row in TABLE["rows"] if "card" in row}
    assert not developed_on & set(check["population"])
    assert Counter(row["card"] for row in check["answers"]) == {card: 4 for card in check["cards"]}


def test_each_draw_leaves_out_the_cards_of_the_draws_before() -> None:
    assert not set(FIRST["cards"]) & set(SECOND["population"])
    assert not (set(FIRST["cards"]) | set(SECOND["cards"])) & set(THIRD["population"])


def test_the_fresh_population_is_typed_cards_no_earlier_draw_could_draw() -> None:
    cards = bundled_cards()
    population = FRESH["population"]
    assert population == sorted(population)
    assert all(cards[key].get("type", "typed") == "typed" for key in population)
    earlier = set().union(*(draw["population"] for draw in (FIRST, SECOND, THIRD)))
    assert not earlier & set(population)


def test_no_wrong_answer_is_accepted(marked: Marked) -> None:
    assert accepted_wrong(marked) == []


@pytest.mark.xfail(
    strict=True,
    reason="the fresh draw refuses 12 right answers (synonyms, initials, harmless words, a "
    "number word's slip, short ranges); the rules were not changed after it "
    "(see tests/data/marking_holdout_fresh.yaml)",
)
def test_at_most_two_right_answers_are_refused(marked: Marked) -> None:
    refused = refused_right(marked)
    assert len(refused) <= MAX_REFUSED, refused


def test_no_more_right_answers_are_refused_than_recorded(marked: Marked) -> None:
    # The record of the failed check: a change to the marker may lower it, never raise it.
    assert set(refused_right(marked)) <= set(FRESH["refused"])


def test_the_third_draw_refuses_no_more_than_recorded() -> None:
    assert set(refused_right(mark(THIRD))) <= set(THIRD["refused_after_fixes"])


@pytest.mark.parametrize("check", [FIRST, SECOND, THIRD], ids=DRAW_IDS[:3])
def test_the_earlier_draws_still_accept_no_wrong_answer(check: dict[str, Any]) -> None:
    assert accepted_wrong(mark(check)) == []
