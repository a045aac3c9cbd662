"""Progress is keyed by deck id + card id, so it survives an instructor's edits to a deck."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import flip_card

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase
from quizapp.core.sessions.study import StudySession

DeckWriter = Callable[..., Path]
Opener = Callable[..., Collection]


def study_everything(collection: Collection, clock: FakeClock) -> dict[str, CardState]:
    """Answer every card of the collection's decks once: Easy, Good, Again in turn."""
    study = StudySession(collection.decks, collection.store, collection.scheduler, clock)
    ratings = [Rating.EASY, Rating.GOOD, Rating.AGAIN]
    for index in range(len(study.queue)):
        study.answer(ratings[index % 3])
        clock.advance(seconds=30)
    deck = collection.decks[0]
    return collection.store.states(deck.id)


def test_rewording_reordering_and_adding_keep_progress(
    write_deck: DeckWriter, deck_dir: Path, open_collection: Opener, clock: FakeClock
) -> None:
    write_deck("history", ["a", "b", "c"])
    first = open_collection(deck_dir)
    before = study_everything(first, clock)
    assert set(before) == {"a", "b", "c"}
    first.close()

    # Reworded questions and answers, the order changed, a card added in the middle.
    write_deck(
        "history",
        [
            flip_card("c", question="Reworded: what is c?", answer="A better answer"),
            flip_card("new-one"),
            flip_card("a", explanation="Added context.", tags=["1960s"]),
            flip_card("b", kind="event", source="A longer passage about b."),
        ],
        title="History, second edition",
    )
    edited = open_collection(deck_dir)
    deck = edited.decks[0]
    assert [c.id for c in deck.cards] == ["c", "new-one", "a", "b"]
    after = edited.store.states(deck.id)
    assert {card_id: after[card_id] for card_id in before} == before
    assert "new-one" not in after
    counts = edited.counts(deck)
    assert (counts.cards, counts.new) == (4, 1)
    # The session offers the added card as new and nothing studied is reset.
    study = StudySession(edited.decks, edited.store, edited.scheduler, clock)
    assert [item.card.id for item in study.queue if item.state.phase is Phase.NEW] == ["new-one"]


def test_a_removed_card_keeps_its_history_and_gets_it_back(
    write_deck: DeckWriter, deck_dir: Path, open_collection: Opener, clock: FakeClock
) -> None:
    write_deck("history", ["a", "b", "c"])
    first = open_collection(deck_dir)
    before = study_everything(first, clock)
    b_reviews = first.store.reviews("history", "b")
    assert len(b_reviews) == 1
    first.close()

    write_deck("history", ["a", "c"])
    removed = open_collection(deck_dir)
    deck = removed.decks[0]
    assert deck.card("b") is None
    # Studying the smaller deck never offers b and never touches its record.
    clock.advance(days=60)  # everything is due by now
    study = StudySession(removed.decks, removed.store, removed.scheduler, clock)
    # Most overdue first: c (a learning step) before a (a review).
    assert [item.card.id for item in study.queue] == ["c", "a"]
    while study.current is not None:
        study.answer(Rating.GOOD)
    assert removed.store.reviews("history", "b") == b_reviews
    assert removed.store.state("history", "b") == before["b"]
    assert study.summary().next_due is not None
    removed.close()

    write_deck("history", ["a", "b", "c"])
    returned = open_collection(deck_dir)
    assert returned.store.state("history", "b") == before["b"]
    assert returned.store.reviews("history", "b") == b_reviews
    counts = returned.counts(returned.decks[0])
    assert (counts.cards, counts.new) == (3, 0)
    assert counts.due == 1  # b, due since long ago; a and c were just studied


def test_removed_cards_are_not_counted(
    write_deck: DeckWriter, deck_dir: Path, open_collection: Opener, clock: FakeClock
) -> None:
    write_deck("history", ["a", "b", "c", "d"])
    first = open_collection(deck_dir)
    study_everything(first, clock)
    clock.advance(days=60)
    assert first.counts(first.decks[0]).due == 4
    first.close()

    write_deck("history", ["a", "d", "e"])
    edited = open_collection(deck_dir)
    counts = edited.counts(edited.decks[0])
    assert (counts.cards, counts.new, counts.due) == (3, 1, 2)
    assert len(edited.store.states("history")) == 4  # b and c are still on record


def test_a_changed_id_is_a_new_card(
    write_deck: DeckWriter, deck_dir: Path, open_collection: Opener, clock: FakeClock
) -> None:
    write_deck("history", ["a", "b"])
    study_everything(open_collection(deck_dir), clock)
    write_deck("history", ["a", "b-renamed"])
    edited = open_collection(deck_dir)
    counts = edited.counts(edited.decks[0])
    assert (counts.cards, counts.new) == (2, 1)
    assert edited.store.state("history", "b-renamed") == CardState()
