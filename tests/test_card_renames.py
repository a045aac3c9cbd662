"""A renamed card keeps its progress: the store moves it (logged), `was: OLD-ID` in a deck
moves it once, and `quizapp check` warns about ids with progress that a deck has lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import flip_card

from quizapp.cli import main
from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.progress.marks import MarkKind
from quizapp.core.progress.renames import RenameError, RenameReason
from quizapp.core.progress.store import Review, Store
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import Phase, Scheduler
from quizapp.core.sessions.study import StudySession


def answer(store: Store, scheduler: Scheduler, clock: FakeClock, deck: str, card: str) -> None:
    state = scheduler.review(store.state(deck, card), Rating.GOOD, clock(), f"{deck}/{card}")
    store.record(Review(deck, card, clock(), int(Rating.GOOD)), state)


def test_a_rename_moves_reviews_state_and_marks(
    store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    answer(store, scheduler, clock, "d", "old")
    store.mark([("d", "old")], MarkKind.FLAG, clock(), 2)
    state = store.state("d", "old")
    assert store.rename_card("d", "old", "new", clock(), RenameReason.EDIT)
    assert [r.card_id for r in store.reviews("d", "new")] == ["new"]
    assert store.reviews("d", "old") == []
    assert store.state("d", "new") == state and store.state("d", "old").phase is Phase.NEW
    assert store.card_marks("d", "new").flag == 2
    [logged] = store.card_renames("d", "new")
    assert (logged.old_id, logged.new_id, logged.reason) == ("old", "new", RenameReason.EDIT)
    assert not store.rename_card("d", "old", "new", clock(), RenameReason.EDIT)  # nothing left


def test_a_rename_never_merges_two_histories(
    store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    answer(store, scheduler, clock, "d", "old")
    answer(store, scheduler, clock, "d", "new")
    with pytest.raises(RenameError, match="card 'new' of deck 'd' has progress of its own"):
        store.rename_card("d", "old", "new", clock(), RenameReason.EDIT)
    assert len(store.reviews("d", "old")) == 1 and len(store.reviews("d", "new")) == 1


def test_a_row_without_progress_makes_way(
    store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    answer(store, scheduler, clock, "d", "old")
    store.mark([("d", "new")], MarkKind.FLAG, clock(), 1)
    store.mark([("d", "new")], MarkKind.FLAG, clock(), 0)  # events: that is progress too
    with pytest.raises(RenameError):
        store.rename_card("d", "old", "new", clock(), RenameReason.EDIT)
    # A row with neither answers nor events (an unsuspend that changed nothing makes one).
    store.mark([("d", "other")], MarkKind.UNSUSPEND, clock())
    assert store.rename_card("d", "old", "other", clock(), RenameReason.EDIT)
    assert len(store.reviews("d", "other")) == 1


def test_was_carries_the_progress_once(
    write_deck: Callable[..., Path],
    deck_dir: Path,
    open_collection: Callable[..., Collection],
    clock: FakeClock,
) -> None:
    write_deck("d", ["old", "b"])
    first = open_collection(deck_dir)
    study = StudySession(first.decks, first.store, first.scheduler, clock)
    study.answer(Rating.GOOD)  # 'old'
    assert first.counts(first.decks[0]).new == 1
    first.close()
    write_deck("d", [flip_card("new", was="old"), "b"])
    clock.advance(minutes=5)
    second = open_collection(deck_dir)
    assert second.carried == ["Card d/new took over the progress of 'old' (was: old)."]
    assert [r.rating for r in second.store.reviews("d", "new")] == [Rating.GOOD]
    assert second.counts(second.decks[0]).new == 1  # 'new' is not new: it kept its progress
    second.close()
    assert open_collection(deck_dir).carried == []  # once


def test_was_onto_a_card_with_its_own_progress_is_said(
    write_deck: Callable[..., Path],
    deck_dir: Path,
    open_collection: Callable[..., Collection],
    clock: FakeClock,
) -> None:
    write_deck("d", ["old", "new"])
    first = open_collection(deck_dir)
    study = StudySession(first.decks, first.store, first.scheduler, clock)
    study.answer(Rating.GOOD)
    clock.advance(seconds=5)
    study.answer(Rating.GOOD)
    first.close()
    write_deck("d", [flip_card("new", was="old")])
    [said] = open_collection(deck_dir).carried
    assert "card 'new' of deck 'd' has progress of its own" in said


def test_check_warns_about_ids_left_behind(
    write_deck: Callable[..., Path],
    deck_dir: Path,
    data_dir: Path,
    open_collection: Callable[..., Collection],
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write_deck("d", ["old", "b"])
    collection = open_collection(deck_dir)
    StudySession(collection.decks, collection.store, collection.scheduler, clock).answer(
        Rating.GOOD
    )
    collection.close()
    write_deck("d", ["renamed", "b"])
    assert main(["check", str(path), "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert out == (
        f"{path}:2:5: warning: Q115 card 'old' has 1 answer in your progress, but the deck no"
        " longer holds it; if you renamed it, add 'was: old' to the renamed card to keep its"
        " progress (otherwise it starts again as a new card)\n"
    )
    write_deck("d", [flip_card("renamed", was="old"), "b"])
    assert main(["check", str(path), "--data-dir", str(data_dir)]) == 0
    assert capsys.readouterr().out == ""
    # Without progress in the data folder there is nothing to say.
    assert main(["check", str(path), "--data-dir", str(data_dir / "elsewhere")]) == 0
    assert capsys.readouterr().out == ""
