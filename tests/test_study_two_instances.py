"""Two instances studying one collection at once: a card answered in one is not answered again
on a stale state in the other; the second passes over it and says so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.progress.store import AnsweredElsewhereError
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import Phase
from quizapp.core.sessions.study import StudySession


def two_sessions(
    write_deck: Callable[..., Path],
    deck_dir: Path,
    open_collection: Callable[..., Collection],
    clock: FakeClock,
) -> tuple[StudySession, StudySession, Collection]:
    """Two collections (two connections, as two running apps) on one data folder."""
    write_deck("sample", ["a", "b", "c"])
    one, two = open_collection(deck_dir), open_collection(deck_dir)
    first = StudySession(one.decks, one.store, one.scheduler, clock)
    second = StudySession(two.decks, two.store, two.scheduler, clock)
    return first, second, two


def card_reviews(collection: Collection, card_id: str) -> list[int]:
    return [r.rating for r in collection.store.reviews("sample", card_id, undone=True)]


def test_a_card_answered_in_the_other_instance_is_passed_over(
    write_deck: Callable[..., Path],
    deck_dir: Path,
    open_collection: Callable[..., Collection],
    clock: FakeClock,
) -> None:
    first, second, two = two_sessions(write_deck, deck_dir, open_collection, clock)
    assert [i.card.id for i in second.queue] == ["a", "b", "c"]
    assert first.current is not None and first.current.card.id == "a"
    first.answer(Rating.GOOD)
    clock.advance(seconds=5)
    # The second instance queued 'a' as new: it now sees the answer and shows 'b'.
    assert second.current is not None and second.current.card.id == "b"
    assert second.elsewhere == {("sample", "a")}
    second.answer(Rating.GOOD)
    assert card_reviews(two, "a") == [3] and card_reviews(two, "b") == [3]
    assert second.summary().elsewhere == 1


def test_an_answer_on_a_card_answered_meanwhile_is_not_recorded(
    write_deck: Callable[..., Path],
    deck_dir: Path,
    open_collection: Callable[..., Collection],
    clock: FakeClock,
) -> None:
    first, second, two = two_sessions(write_deck, deck_dir, open_collection, clock)
    # Both show 'a' at once; the first answers it, then the second.
    assert first.current is not None and second.current is not None
    assert first.current.card.id == second.current.card.id == "a"
    first.answer(Rating.AGAIN)
    saved = two.store.state("sample", "a")
    clock.advance(seconds=5)
    with pytest.raises(AnsweredElsewhereError):
        second.answer(Rating.EASY)
    # Nothing of the second answer is kept: one review, the first instance's state.
    assert card_reviews(two, "a") == [1]
    assert two.store.state("sample", "a") == saved and saved.phase is Phase.LEARNING
    # The second moves on ('a' waits for its step, which the first instance has in hand).
    assert second.current is not None and second.current.card.id == "b"
    assert second.done == 0 and second.total == 2


def test_an_undo_never_overwrites_an_answer_given_since_in_the_other_instance(
    write_deck: Callable[..., Path],
    deck_dir: Path,
    open_collection: Callable[..., Collection],
    clock: FakeClock,
) -> None:
    first, second, two = two_sessions(write_deck, deck_dir, open_collection, clock)
    first.answer(Rating.AGAIN)  # a, back in a minute
    clock.advance(minutes=2)
    other = StudySession(two.decks, two.store, two.scheduler, clock)
    assert other.current is not None and other.current.card.id == "a"
    other.answer(Rating.GOOD)
    after = two.store.state("sample", "a")
    with pytest.raises(AnsweredElsewhereError):
        first.undo()
    assert two.store.state("sample", "a") == after
    assert len(two.store.reviews("sample", "a")) == 2  # neither answer undone
    assert first.done == 1
