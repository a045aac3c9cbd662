"""Cards suspended or buried: out of the counts and of every session until they are back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from conftest import flip_card

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.decks.model import Deck
from quizapp.core.progress.marks import MarkKind, Marks
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.study_day import SET_ASIDE_AFTER
from quizapp.core.sessions.cram import cram_session
from quizapp.core.sessions.exam import new_exam
from quizapp.core.sessions.quiz import quiz_session
from quizapp.core.sessions.set_aside import bury_until
from quizapp.core.sessions.study import StudySession

TEN = [flip_card(f"c{n}") for n in range(10)]


def ten(
    write_deck: Callable[..., Path], open_collection: Callable[..., Collection], deck_dir: Path
) -> tuple[Collection, Deck]:
    write_deck("ten", TEN)
    collection = open_collection(deck_dir)
    return collection, collection.decks[0]


def card_ids_in_sessions(collection: Collection, deck: Deck, clock: FakeClock) -> dict[str, set]:
    """The cards each kind of session would ask, by session."""
    c = collection
    study = StudySession([deck], c.store, c.scheduler, clock, new_per_day=100)
    quiz = quiz_session([deck], c.store, c.scheduler, clock, count=100, seed=1)
    cram = cram_session([deck], c.store, c.scheduler, clock, seed=1)
    exam = new_exam([deck], clock, count=100, minutes=5, seed=1, store=c.store)

    def asked(questions: list) -> set[str]:
        return {e.card.id for q in questions for e in q.entries}

    return {
        "study": {i.card.id for i in study.queue},
        "quiz": asked(quiz.questions),
        "cram": asked(cram.questions),
        "exam": asked(exam.questions),
    }


def test_a_suspended_card_is_in_no_count_and_no_session_until_unsuspended(
    write_deck: Callable[..., Path],
    open_collection: Callable[..., Collection],
    deck_dir: Path,
    clock: FakeClock,
) -> None:
    collection, deck = ten(write_deck, open_collection, deck_dir)
    assert collection.counts(deck).new == 10
    collection.store.mark([("ten", "c9")], MarkKind.SUSPEND, clock())
    assert collection.counts(deck).new == 9
    for session, cards in card_ids_in_sessions(collection, deck, clock).items():
        assert "c9" not in cards, f"a suspended card in {session}"
        assert len(cards) == 9, session
    clock.advance(days=30)  # suspended until undone, however long
    assert "c9" not in card_ids_in_sessions(collection, deck, clock)["study"]
    collection.store.mark([("ten", "c9")], MarkKind.UNSUSPEND, clock())
    assert collection.counts(deck).new == 10
    for session, cards in card_ids_in_sessions(collection, deck, clock).items():
        assert "c9" in cards, f"an unsuspended card missing from {session}"


def test_a_buried_card_returns_on_the_next_study_day(
    write_deck: Callable[..., Path],
    open_collection: Callable[..., Collection],
    deck_dir: Path,
    clock: FakeClock,
) -> None:
    collection, deck = ten(write_deck, open_collection, deck_dir)
    c = collection
    # A review card, due now: bury it, and it leaves the due count too.
    study = StudySession([deck], c.store, c.scheduler, clock, new_per_day=1)
    study.answer(Rating.EASY)
    clock.advance(days=40)
    assert c.counts(deck).due == 1
    until = bury_until(c.scheduler, clock())
    c.store.mark([("ten", "c0")], MarkKind.BURY, clock(), until)
    assert c.counts(deck).due == 0
    for session, cards in card_ids_in_sessions(c, deck, clock).items():
        assert "c0" not in cards, f"a buried card in {session}"
    # Still buried late in the evening; back once the next study day starts (04:00 local).
    local = clock().astimezone(c.scheduler.tz)
    clock.advance(hours=23 - local.hour, minutes=59 - local.minute)
    assert "c0" not in card_ids_in_sessions(c, deck, clock)["study"]
    back = c.store.card_marks("ten", "c0").buried_until
    assert back is not None
    clock.now = back
    assert c.counts(deck).due == 1
    for session, cards in card_ids_in_sessions(c, deck, clock).items():
        assert "c0" in cards, f"a card back from burial missing from {session}"


def test_the_fourth_miss_in_a_day_buries_the_card_and_its_undo_unburies_it(
    write_deck: Callable[..., Path],
    open_collection: Callable[..., Collection],
    deck_dir: Path,
    clock: FakeClock,
) -> None:
    write_deck("x", [flip_card("hard")])
    collection = open_collection(deck_dir)
    c, deck = collection, collection.decks[0]
    study = StudySession([deck], c.store, c.scheduler, clock)
    for _ in range(SET_ASIDE_AFTER):
        study.answer(Rating.AGAIN)
        clock.advance(minutes=1)
    marks = c.store.card_marks("x", "hard")
    assert marks.buried(clock()) and not marks.buried(clock() + timedelta(days=1))
    assert [e.kind for e in c.store.card_events("x")] == [MarkKind.BURY]
    study.undo()
    assert c.store.card_marks("x", "hard") == Marks()
    assert [e.kind for e in c.store.card_events("x")] == [MarkKind.BURY, MarkKind.UNBURY]
    assert study.current is not None and study.current.card.id == "hard"


def test_a_card_suspended_elsewhere_during_a_session_is_passed_over(
    write_deck: Callable[..., Path],
    open_collection: Callable[..., Collection],
    deck_dir: Path,
    clock: FakeClock,
) -> None:
    collection, deck = ten(write_deck, open_collection, deck_dir)
    c = collection
    study = StudySession([deck], c.store, c.scheduler, clock, new_per_day=3)
    assert study.current is not None and study.current.card.id == "c0"
    study.answer(Rating.GOOD)
    c.store.mark([("ten", "c1")], MarkKind.SUSPEND, clock())  # `quizapp suspend` meanwhile
    assert study.current is not None and study.current.card.id == "c2"
