"""A held-out check of the marker: answers to randomly drawn typed cards, each with the verdict
a teacher gave it before the marker ran (tests/data/marking_holdout.yaml). No answer the teacher
marks wrong may be accepted; at most 2 the teacher marks right may be refused."""

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

DATA = yaml.safe_load((Path(__file__).parent / "data" / "marking_holdout.yaml").read_text("utf-8"))
TABLE = yaml.safe_load((Path(__file__).parent / "data" / "marking_table.yaml").read_text("utf-8"))
DECKS = Path(__file__).parent.parent / "decks"
MAX_REFUSED = 2


@pytest.fixture(scope="module")
def marked() -> list[tuple[dict[str, Any], Outcome]]:
    decks = [r.deck for r in load_decks([DECKS]) if r.deck is not None]
    results = []
    for row in DATA["answers"]:
        entry = find_card(decks, row["card"])
        [verdict] = mark_answers(entry, [str(row["answer"])])
        results.append((row, verdict.outcome))
    return results


def test_the_cards_are_drawn_by_the_stated_seed_from_cards_the_rules_never_saw() -> None:
    drawn = random.Random(DATA["seed"]).sample(DATA["population"], DATA["sample_size"])
    assert drawn == DATA["cards"]
    developed_on = {row["card"] for row in TABLE["rows"] if "card" in row}
    assert not developed_on & set(DATA["population"])
    assert Counter(row["card"] for row in DATA["answers"]) == {card: 4 for card in DATA["cards"]}


def test_no_wrong_answer_is_accepted(marked: list[tuple[dict[str, Any], Outcome]]) -> None:
    accepted = [
        row["answer"]
        for row, outcome in marked
        if row["teacher"] == "wrong" and outcome is Outcome.CORRECT
    ]
    assert accepted == []


def test_at_most_two_right_answers_are_refused(
    marked: list[tuple[dict[str, Any], Outcome]],
) -> None:
    refused = [
        row["answer"]
        for row, outcome in marked
        if row["teacher"] == "right" and outcome is Outcome.WRONG
    ]
    assert len(refused) <= MAX_REFUSED, refused
