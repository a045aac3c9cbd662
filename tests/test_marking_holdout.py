"""Held-out checks of the marker: answers to randomly drawn typed cards, each with the verdict a
teacher gave it before the marker ran. No answer the teacher marks wrong may be accepted; at most
2 the teacher marks right may be refused.

The last check is the twenty-fourth draw (tests/data/marking_holdout_77972.yaml, cards chosen
by tests/holdout_draw_24.py from 24 typed cards written blind to the marker after the rules the
twenty-third draw led to, the rules frozen at 51a2213 before the cards were merged). It passed:
1 of its 40 right answers refused ("since it was founded" for from its very inception), none
of its 21 wrong answers accepted, none of its 19 half-right answers taken for right.

The twenty-third draw (tests/data/marking_holdout_54866.yaml, cards chosen
by tests/holdout_draw_23.py from 24 typed cards written blind to the marker after the rules the
twenty-second draw led to, the rules frozen at a6079f1 before the cards were merged). It
failed: 3 of its 40 right answers refused, and one wrong answer accepted ("Russian Vice
President" for the Russian President). The rules developed on its cards since (another office;
a slip in a short part of a name; "A" as an initial) leave 2 refused and none accepted: it
passes the criterion now only as a record of development, and its refusals
(refused_after_fixes) may only fall.

The twenty-second draw (tests/data/marking_holdout_26293.yaml, cards chosen
by tests/holdout_draw_22.py from 24 typed cards written blind to the marker after the rules the
twenty-first draw led to, the rules frozen at 621461f before the cards were merged). It failed:
7 of its 40 right answers refused, no wrong answer accepted (two half-right answers were taken
for right); the rules developed on its cards leave 3. Its criterion is a strict expected
failure, and its refusals (refused_after_fixes) may only fall.

The twenty-first draw (tests/data/marking_holdout_21391.yaml, cards chosen
by tests/holdout_draw_21.py from 24 typed cards written blind to the marker after the rules the
twentieth draw led to, the rules frozen at 1c02233 before the cards were merged). It failed: 9
of its 40 right answers refused, and one wrong answer accepted ("domestic problems in Russia"
where the card accepts "domestic problems" and "domestic problems in Pakistan": the question's
nation stood where an answer names its own; `nations.another_nation` now refuses it). Its
criterion is a strict expected failure, and its refusals (refused_after_fixes) may only fall.

The twentieth draw (tests/data/marking_holdout_20873.yaml, cards chosen by
tests/holdout_draw_20.py from 24 typed cards written blind to the marker after the rules the
nineteenth draw led to, the rules frozen at 1cfe0b0 before the cards were merged). It failed:
6 of its 40 right answers refused, and one wrong answer accepted ("December 6, 1971" on a card
dated to the month whose answer names the day; since then the answer's date sets the precision:
`dates.refined_by`); a relation the card states with a verb ("followed") leaves 5 refused.
The rules developed on its cards since (after a date, a rank the card states and "with" an
event; a final "both"; improve for upgrade; a pronoun pointing back to the nation the sentence
names) leave 1. It passes the criterion now only as a record of development, and its refusals
(refused_after_fixes) may only fall.

The nineteenth draw (tests/data/marking_holdout_19423.yaml, cards chosen by
tests/holdout_draw_19.py from 24 typed cards written blind to the marker after the rules the
eighteenth draw led to, the rules frozen at 8575220 before the cards were merged). It failed:
8 of its 40 right answers refused, no wrong one accepted (one half-right answer was taken for
right: the card listed it among its alternatives, and no longer does); the verbs the work says
in a sentence head (`Deck.work_says`) leave 7. Its criterion is a strict expected failure, and
its refusals (refused_after_fixes) may only fall.

The eighteenth draw (tests/data/marking_holdout_18617.yaml, cards chosen by
tests/holdout_draw_18.py from 24 typed cards written blind to the marker after the rules the
seventeenth draw led to, the rules frozen at 1aae6a5 before the cards were merged). It failed:
8 of its 40 right answers refused, no wrong one accepted (one half-right answer was taken for
right: the card lists it among its alternatives); the rules developed on its cards since leave
5. Its criterion is a strict expected failure, and its refusals (refused_after_fixes) may only
fall.

The seventeenth draw (tests/data/marking_holdout_17293.yaml, cards chosen by
tests/holdout_draw_17.py from 24 typed cards written blind to the marker after the rules the
sixteenth draw and the development set led to, the rules frozen at 71f0d39 before the cards were
merged). It failed: 6 of its 40 right answers refused, no wrong one accepted (nor any half-right
one); the rules developed on its cards since leave 1. It passes the criterion now only as a
record of development, and its refusals (refused_after_fixes) may only fall.

The sixteenth draw (tests/data/marking_holdout_16317.yaml, cards chosen by
tests/holdout_draw_16.py from 24 typed cards written blind to the marker after the rules the
fifteenth draw, the development set and an estimate (tests/data/marking_estimate.yaml) led to,
the rules frozen before the cards were merged). It failed: 7 of its 40 right answers refused,
all restatements in other words, no wrong one accepted; the rules developed on its cards since
leave 1. It passes the criterion now only as a record of development, and its refusals
(refused_after_fixes) may only fall.

The fifteenth draw (tests/data/marking_holdout_15217.yaml, cards chosen by
tests/holdout_draw_15.py from 24 typed cards written blind to the marker after the rules the
fourteenth draw and the development set (tests/data/marking_dev_set.yaml) led to). It failed:
5 of its 40 right answers refused, all restatements, no wrong one accepted; the rules developed
on its cards since leave 2. Its refusals (refused_after_fixes) may only fall.

The fourteenth draw (tests/data/marking_holdout_14143.yaml, cards chosen by
tests/holdout_draw_14.py from 24 typed cards written blind to the marker after the rules the
thirteenth draw led to) failed by one: 3 of its 40 right answers refused, no wrong one
accepted; the rule developed on its cards since leaves 2. Its refusals (refused_after_fixes)
may only fall.

The thirteenth draw (tests/data/marking_holdout_13109.yaml, cards chosen by
tests/holdout_draw_13.py from 24 typed cards written blind to the marker after the rules the
twelfth draw led to). It failed by one: 3 of its 40 right answers refused, no wrong one
accepted; the rules developed on its cards since leave none. Its refusals (refused_after_fixes)
may only fall.

The twelfth draw (tests/data/marking_holdout_12107.yaml, cards chosen by
tests/holdout_draw_12.py from 24 typed cards written blind to the marker after the rules the
eleventh draw led to). It failed: 4 of its 40 right answers refused, no wrong one accepted;
the rules developed on its cards since leave 2. Its refusals (refused_after_fixes) may only
fall.

The eleventh draw (tests/data/marking_holdout_11213.yaml, cards chosen by
tests/holdout_draw_11.py from 24 typed cards written blind to the marker after the rules the
tenth draw led to). It failed by one: 3 of its 40 right answers refused, no wrong one accepted;
the rules developed on its cards since leave 1. Its refusals (refused_after_fixes) may only
fall.

The tenth draw (tests/data/marking_holdout_10313.yaml, cards chosen by
tests/holdout_draw_10.py from 24 typed cards written blind to the marker after the rules the
ninth draw led to). It failed by one: 3 of its 40 right answers refused, no wrong one accepted;
the rules developed on its cards since leave 1. Its refusals (refused_after_fixes) may only
fall.

The ninth draw (tests/data/marking_holdout_9241.yaml, cards chosen by
tests/holdout_draw_9.py from 24 typed cards written blind to the marker after the rules the
eighth draw led to). It failed: 11 of its 43 right answers refused, no wrong one accepted. The
rules for answers in the student's own sentence were developed on its cards since (3 refused).
Its criterion is a strict expected failure, and its refusals (refused_after_fixes) may only fall.

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
import holdout_draw_10
import holdout_draw_11
import holdout_draw_12
import holdout_draw_13
import holdout_draw_14
import holdout_draw_15
import holdout_draw_16
import holdout_draw_17
import holdout_draw_18
import holdout_draw_19
import holdout_draw_20
import holdout_draw_21
import holdout_draw_22
import holdout_draw_23
import holdout_draw_24
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
TENTH = load("marking_holdout_10313.yaml")
ELEVENTH = load("marking_holdout_11213.yaml")
TWELFTH = load("marking_holdout_12107.yaml")
THIRTEENTH = load("marking_holdout_13109.yaml")
FOURTEENTH = load("marking_holdout_14143.yaml")
FIFTEENTH = load("marking_holdout_15217.yaml")
SIXTEENTH = load("marking_holdout_16317.yaml")
SEVENTEENTH = load("marking_holdout_17293.yaml")
EIGHTEENTH = load("marking_holdout_18617.yaml")
NINETEENTH = load("marking_holdout_19423.yaml")
TWENTIETH = load("marking_holdout_20873.yaml")
TWENTY_FIRST = load("marking_holdout_21391.yaml")
TWENTY_SECOND = load("marking_holdout_26293.yaml")
TWENTY_THIRD = load("marking_holdout_54866.yaml")
TWENTY_FOURTH = load("marking_holdout_77972.yaml")
DRAWS = [FIRST, SECOND, THIRD, FOURTH, FIFTH, SIXTH, SEVENTH, EIGHTH, NINTH, TENTH, ELEVENTH]
DRAWS += [TWELFTH, THIRTEENTH, FOURTEENTH, FIFTEENTH, SIXTEENTH, SEVENTEENTH, EIGHTEENTH]
DRAWS += [NINETEENTH, TWENTIETH, TWENTY_FIRST, TWENTY_SECOND, TWENTY_THIRD, TWENTY_FOURTH]
DRAW_IDS = [
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
    *("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth"),
    *("seventeenth", "eighteenth", "nineteenth", "twentieth", "twenty-first"),
    "twenty-second",
    "twenty-third",
    "twenty-fourth",
]
# The draws whose cards have since served to develop the rules (the first fourteen): the
# marking table may copy their cards, never a card of a later draw's population.
DEVELOPED_ON = DRAWS[:14]
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


# The ninth to twenty-fourth draws: each draw's module (its seed and keys file, committed before
# its cards) and the draw's place in DRAWS.
BLIND_DRAWS = [
    (holdout_draw_9, 8),
    (holdout_draw_10, 9),
    (holdout_draw_11, 10),
    (holdout_draw_12, 11),
    (holdout_draw_13, 12),
    (holdout_draw_14, 13),
    (holdout_draw_15, 14),
    (holdout_draw_16, 15),
    (holdout_draw_17, 16),
    (holdout_draw_18, 17),
    (holdout_draw_19, 18),
    (holdout_draw_20, 19),
    (holdout_draw_21, 20),
    (holdout_draw_22, 21),
    (holdout_draw_23, 22),
    (holdout_draw_24, 23),
]


@pytest.mark.parametrize(
    ("module", "number"), BLIND_DRAWS, ids=[DRAW_IDS[number] for _, number in BLIND_DRAWS]
)
def test_each_later_population_is_the_typed_cards_written_blind_to_the_marker(
    module: Any, number: int
) -> None:
    check = DRAWS[number]
    cards = bundled_cards()
    drawn_from = population(module.POPULATION_FILE)
    assert check["population"] == drawn_from
    assert all(cards[key].get("type", "typed") == "typed" for key in drawn_from)
    assert not set(drawn_from) & set().union(*(d["population"] for d in DRAWS[:number]))
    assert (module.SEED, check["sample_size"]) == (check["seed"], 20)
    assert draw(module.SEED, drawn_from) == check["cards"]


@pytest.fixture(scope="module", params=range(len(DRAWS)), ids=DRAW_IDS)
def marked(request: pytest.FixtureRequest) -> tuple[dict[str, Any], Marked]:
    check = DRAWS[request.param]
    return check, mark(check)


def test_no_draw_has_a_wrong_answer_accepted(marked: tuple[dict[str, Any], Marked]) -> None:
    assert accepted_wrong(marked[1]) == []


def test_no_draw_refuses_more_than_after_its_fixes(marked: tuple[dict[str, Any], Marked]) -> None:
    # Each failed check's record, lowered by the rules developed on its cards and later ones: a
    # change to the marker may lower it, never raise it (the first two refuse none).
    check, results = marked
    after_fixes = set(check.get("refused_after_fixes", ()))
    assert set(refused_right(results)) <= after_fixes
    assert after_fixes <= set(check.get("refused", after_fixes))  # the third kept no run list


def held_out(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


# The criterion, on each draw made from cards the rules were not written for. The fifth, sixth,
# seventh, ninth and tenth failed as held-out checks and hold it now only as records of
# development; the eighth fails it still; each of the tenth to fourteenth failed by one or
# two answers as a held-out check and passes it now only as a record of development; so does
# the fifteenth, which failed by three, and the sixteenth and seventeenth, which failed by five
# and four. The eighteenth and nineteenth failed by six each; the twentieth by four, and
# accepted one wrong answer (a card dated to the month whose answer names the day): it passes
# now only as a record of development. The twenty-first failed by seven, and accepted one wrong
# answer (another nation where an answer names its own). The twenty-second failed by five; it
# accepted no wrong answer. The twenty-third, the last held-out check, failed by one, and
# accepted one wrong answer (a title's qualifier inside the answer, "Russian Vice President"):
# it passes now only as a record of development. The twenty-fourth, the last held-out check,
# passed as a held-out check: 1 refused, no wrong answer accepted.
CRITERION = [
    pytest.param(FIFTH, id="fifth"),
    pytest.param(SIXTH, id="sixth"),
    # Failed as a held-out check (12 refused); since the rules developed on its cards and
    # the work's own words (`Deck.work_says`), 2.
    pytest.param(SEVENTH, id="seventh"),
    pytest.param(
        EIGHTH,
        id="eighth",
        marks=held_out(
            "the eighth draw refused 7 of 41 right answers; after the rules developed on its "
            "cards, 4 (2 paraphrases, an appositive with a name, figures in words after a date)"
        ),
    ),
    # Failed as a held-out check (11 refused); since the rules developed on its cards and
    # the work's own words (`Deck.work_says`), 2.
    pytest.param(NINTH, id="ninth"),
    # Failed as a held-out check (3 refused); since the rules developed on its cards, 1.
    pytest.param(TENTH, id="tenth"),
    # Failed as a held-out check (3 refused); since the rules developed on its cards, 1.
    pytest.param(ELEVENTH, id="eleventh"),
    # Failed as a held-out check (4 refused); since the rules developed on its cards, 2.
    pytest.param(TWELFTH, id="twelfth"),
    # Failed as a held-out check (3 refused); since the rules developed on its cards, none.
    pytest.param(THIRTEENTH, id="thirteenth"),
    # Failed as a held-out check (3 refused); since the rule developed on its cards, 2.
    pytest.param(FOURTEENTH, id="fourteenth"),
    # Failed as a held-out check (5 refused); since the rules developed on its cards, 2.
    pytest.param(FIFTEENTH, id="fifteenth"),
    # Failed as a held-out check (7 refused); since the rules developed on later cards, 1.
    pytest.param(SIXTEENTH, id="sixteenth"),
    # Failed as a held-out check (6 refused); since the rules developed on its cards, 1.
    pytest.param(SEVENTEENTH, id="seventeenth"),
    pytest.param(
        EIGHTEENTH,
        id="eighteenth",
        marks=held_out(
            "the eighteenth draw refused 8 of 40 right answers (rules frozen at 1aae6a5): "
            "answers in sentences of the student's own, dates related to events, other words"
        ),
    ),
    pytest.param(
        NINETEENTH,
        id="nineteenth",
        marks=held_out(
            "the nineteenth draw refused 8 of 40 right answers (rules frozen at 8575220): "
            "sentences and remarks of the student's own, a relation to a later visit, other words"
        ),
    ),
    # Failed as a held-out check (6 refused, 1 wrong accepted); since the rules developed on
    # its cards, 1 refused and none accepted.
    pytest.param(TWENTIETH, id="twentieth"),
    pytest.param(
        TWENTY_FIRST,
        id="twenty-first",
        marks=held_out(
            "the twenty-first draw refused 9 of 40 right answers (rules frozen at 1c02233): "
            "other words for the answer, examples the card does not name, a negated opposite"
        ),
    ),
    pytest.param(
        TWENTY_SECOND,
        id="twenty-second",
        marks=held_out(
            "the twenty-second draw refused 7 of 40 right answers (rules frozen at 621461f): "
            "dates with remarks or by their days, a remark's own negation, other words"
        ),
    ),
    # Failed as a held-out check (3 refused, 1 wrong accepted); since the rules developed on
    # its cards, 2 refused and none accepted.
    pytest.param(TWENTY_THIRD, id="twenty-third"),
    # Passed as a held-out check (1 refused, no wrong answer accepted; rules frozen at 51a2213).
    pytest.param(TWENTY_FOURTH, id="twenty-fourth"),
]


@pytest.mark.parametrize("check", CRITERION)
def test_at_most_two_right_answers_are_refused(check: dict[str, Any]) -> None:
    refused = refused_right(mark(check))
    assert len(refused) <= MAX_REFUSED, refused
