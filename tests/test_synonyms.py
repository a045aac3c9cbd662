"""Other words for the same thing (quizapp/core/grading/synonyms.py): which groups read a card,
and that the bundled decks' wrong options are never other words for their answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.core.decks.library import load_decks
from quizapp.core.decks.model import Card, QuestionType
from quizapp.core.grading.marking import Outcome, grade_typed
from quizapp.core.grading.synonyms import GROUPS, read_through

DECKS = Path(__file__).parent.parent / "decks"


def test_a_group_reads_the_answer_and_the_card_alike() -> None:
    reading = read_through("a famine", ["a food crisis"], ["an oil shortage"], "tide over what?")
    assert reading.answer == "a food crisis"
    assert reading.accepted == ("a food crisis",)
    assert reading.wrong == ("an oil shortage",)  # oil's shortage is no food shortage
    assert reading.groups == ("food crisis",)


def test_a_group_reads_a_card_only_when_the_card_speaks_of_it() -> None:
    assert read_through("several thousand", ["1,000"], question="How many?").groups == ()
    # The question may speak of it: "trip" is the question's "visit".
    reading = read_through("his trip", ["Kozyrev"], question="Whose visit?")
    assert (reading.answer, reading.question) == ("his visit", "Whose visit?")


def test_a_group_is_off_when_the_card_sets_two_members_against_each_other() -> None:
    against = read_through("Vice Foreign Minister", ["Deputy Foreign Minister"], ["Vice FM"])
    assert against.groups == ()
    assert against.answer == "Vice Foreign Minister"
    # The same member in an answer and a wrong option sets nothing against anything.
    same = read_through("helping Uzbeks", ["support to Chechens"], ["support to Uzbeks"])
    assert same.groups == ("support",)


def test_a_word_of_two_senses_is_read_only_beside_a_plain_member() -> None:
    rebels = read_through("Chechen fighters", ["Chechen freedom fighters"])
    assert rebels.answer == rebels.accepted[0] == "Chechen rebels"
    # Fighters that are aircraft: the card uses no plain member of the rebels' group.
    assert read_through("MiG-29K militants", ["MiG-29K fighters"]).groups == ()


def test_a_group_reads_forms_written_any_way() -> None:
    assert read_through("the Soviet Pull-Out", ["withdrawal"]).answer == "the Soviet withdrawal"
    assert read_through("POW’s", ["prisoners of war"]).answer == "pows"
    # Whole words only: "armistice" holds no "arms", "aide" no "aid".
    assert read_through("an aide", ["aid"]).answer == "an aide"
    assert read_through("the armistice", ["arms"]).answer == "the armistice"


@pytest.mark.parametrize(
    "apart", [("soviet", "russian"), ("economic", "trade"), ("ussr", "russia"), ("tour", "visit")]
)
def test_words_the_article_tells_apart_share_no_group(apart: tuple[str, str]) -> None:
    forms = [{f for member in g.members for f in member.split("|")} for g in GROUPS]
    assert not any(set(apart) <= group for group in forms)


def test_every_group_has_a_member_that_is_its_head() -> None:
    # Reading twice changes nothing: the head is read as itself.
    for group in GROUPS:
        assert group.head in (f for member in group.members for f in member.split("|"))


def _typed_cards() -> list[tuple[str, Card]]:
    decks = [r.deck for r in load_decks([DECKS]) if r.deck is not None]
    answered = {QuestionType.TYPED, QuestionType.CHOICE, QuestionType.FLIP}
    return [(f"{d.id}/{c.id}", c) for d in decks for c in d.cards if c.type in answered]


def test_no_bundled_wrong_option_is_other_words_for_its_answer() -> None:
    # Marked without the card's wrong options, so no group is off: a group broad enough to
    # read a wrong option as the answer would be found here, before any deck is changed. An
    # option that holds an accepted answer whole beside words in lower case ("strategic
    # partners" where the card accepts "partners") is the card's wrong list's to decide.
    accepted = []
    for key, card in _typed_cards():
        for option in card.wrong:
            if _holds_an_answer(option, [card.answer, *card.alternatives]):
                continue
            verdict = grade_typed(
                option, card.answer, card.alternatives, card.date, question=card.question
            )
            if verdict.outcome is Outcome.CORRECT:
                accepted.append((key, option))
    assert accepted == []


def _holds_an_answer(option: str, accepted: list[str]) -> bool:
    words = option.split()
    return any(
        answer.islower()
        and option != answer
        and option.islower()
        and any(words[i : i + len(answer.split())] == answer.split() for i in range(len(words)))
        for answer in accepted
    )
