"""Reversed cards: `reverse: true` adds the other direction as a sibling with its own progress,
never shown on the same study day as the card it comes from; `quizapp check` says when a
reverse does not work."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.authoring.writer import deck_yaml
from quizapp.core.clock import FakeClock
from quizapp.core.decks.loader import load_deck, parse_deck
from quizapp.core.decks.model import Deck
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import Scheduler
from quizapp.core.sessions.study import StudySession

PAIRS = """\
format: 1
id: terms
title: Terms
cards:
  - id: seato
    kind: concept
    type: flip
    question: What does SEATO stand for?
    answer: Southeast Asia Treaty Organization
    reverse: true
    source: "SEATO in 1954"
  - id: plain
    kind: concept
    type: flip
    question: What is CENTO?
    answer: The Central Treaty Organization
    source: "CENTO in 1955"
"""


@pytest.fixture
def deck(write_deck: Callable[..., Path]) -> Deck:
    loaded = load_deck(write_deck("terms", text=PAIRS)).deck
    assert loaded is not None
    return loaded


def test_a_reversed_card_adds_its_sibling_after_it(deck: Deck) -> None:
    assert [card.id for card in deck.cards] == ["seato", "seato~reverse", "plain"]
    card, sibling = deck.cards[0], deck.cards[1]
    assert (sibling.question, sibling.answer) == (card.answer, card.question)
    assert sibling.line == card.line  # editing the sibling opens the card it comes from
    assert card.sibling_id == "seato~reverse" and sibling.sibling_id == "seato"
    assert deck.cards[2].sibling_id is None


def test_the_writer_writes_reverse_and_not_the_sibling(deck: Deck) -> None:
    text = deck_yaml(deck)
    assert "reverse: true" in text and "~reverse" not in text
    again = parse_deck(text, deck.path)
    assert again.ok and again.deck is not None
    assert [c.id for c in again.deck.cards] == [c.id for c in deck.cards]


def test_reverse_only_on_flip_and_typed_cards(tmp_path: Path) -> None:
    text = PAIRS.replace(
        "type: flip\n    question: What does SEATO stand for?\n"
        "    answer: Southeast Asia Treaty Organization\n",
        "type: cloze\n    text: Pakistan joined {{SEATO}} in 1954.\n",
    )
    result = parse_deck(text, tmp_path / "terms.yaml")
    assert [p.message for p in result.errors] == [
        "card 'seato': 'reverse: true' is for flip and typed cards, not cloze cards"
    ]


def test_reverse_must_be_true_or_false(tmp_path: Path) -> None:
    result = parse_deck(PAIRS.replace("reverse: true", "reverse: maybe"), tmp_path / "t.yaml")
    assert [p.message for p in result.errors] == [
        "'reverse' of card 'seato' must be true or false, not 'maybe'"
    ]


def test_check_warns_when_a_reverse_does_not_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "years.yaml"
    path.write_text(
        PAIRS.replace("answer: Southeast Asia Treaty Organization", 'answer: "1954"').replace(
            "type: flip\n    question: What does SEATO stand for?",
            "type: typed\n    question: In which year did Pakistan join the SEATO pact?",
        ),
        encoding="utf-8",
    )
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Q113 card 'seato': the reversed card would ask '1954' alone" in out
    assert "Q114 card 'seato': the reversed typed card asks for the whole question" in out
    assert "~reverse" not in out  # the sibling is checked through its card, once


def test_siblings_are_not_shown_on_the_same_study_day(
    deck: Deck, store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    study = StudySession([deck], store, scheduler, clock)
    shown = []
    while study.current is not None:
        shown.append(study.current.card.id)
        study.answer(Rating.EASY)
    assert shown == ["seato", "plain"]  # the sibling left the session once its card was answered
    marks = store.card_marks("terms", "seato~reverse")
    assert marks.buried(clock()) and not marks.buried(clock() + timedelta(days=1))
    assert store.reviews("terms", "seato~reverse") == []
    # A second session the same day leaves it out too; the next day it is new and offered.
    clock.advance(hours=2)
    later = StudySession([deck], store, scheduler, clock)
    assert later.current is None
    clock.advance(days=1)
    tomorrow = StudySession([deck], store, scheduler, clock)
    assert tomorrow.current is not None and tomorrow.current.card.id == "seato~reverse"


def test_undo_brings_the_sibling_back(
    deck: Deck, store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    study = StudySession([deck], store, scheduler, clock)
    study.answer(Rating.EASY)
    study.undo()
    assert not store.card_marks("terms", "seato~reverse").buried(clock())
    shown = []
    while study.current is not None:
        shown.append(study.current.card.id)
        study.answer(Rating.EASY)
    assert shown == ["seato", "plain"]
    study.undo()  # 'plain': nothing to do with siblings
    study.undo()  # 'seato' again: its sibling comes back to the session
    assert sorted(i.card.id for i in study.queue) == ["plain", "seato", "seato~reverse"]


def test_the_sibling_has_its_own_progress(
    deck: Deck, store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    StudySession([deck], store, scheduler, clock).answer(Rating.EASY)  # 'seato'
    first = store.state("terms", "seato")
    clock.advance(days=1)
    study = StudySession([deck], store, scheduler, clock)
    assert study.current is not None and study.current.card.id == "seato~reverse"
    study.answer(Rating.AGAIN)
    assert store.state("terms", "seato") == first
    assert [r.rating for r in store.reviews("terms", "seato~reverse")] == [Rating.AGAIN]
