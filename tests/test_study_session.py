"""A study session on a fake clock: order, learning steps, undo, summary and the next day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

import pytest

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.decks.loader import load_deck
from quizapp.core.decks.model import Deck
from quizapp.core.progress.replay import fuzz_seed
from quizapp.core.progress.store import Review, Store
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler
from quizapp.core.sessions.study import StudySession

FIVE = ("a", "b", "c", "d", "e")


@pytest.fixture
def deck(write_deck: Callable[..., Path]) -> Deck:
    loaded = load_deck(write_deck("five", FIVE)).deck
    assert loaded is not None
    return loaded


def local(clock: FakeClock, tz: tzinfo) -> datetime:
    return clock().astimezone(tz)


def session(
    deck: Deck, store: Store, scheduler: Scheduler, clock: FakeClock, new_per_day: int = 20
) -> StudySession:
    return StudySession([deck], store, scheduler, clock, new_per_day=new_per_day)


def shown(study: StudySession) -> str | None:
    return None if study.current is None else study.current.card.id


def make_due(store: Store, scheduler: Scheduler, deck: Deck, card_id: str, at: datetime) -> None:
    """Give a card a review history that leaves it due at `at`."""
    state = CardState()
    moment = at - timedelta(days=30)
    for rating in (Rating.GOOD, Rating.GOOD):
        state = scheduler.review(state, rating, moment, fuzz_seed(deck.id, card_id))
        store.record(Review(deck.id, card_id, moment, int(rating)), state)
        moment += timedelta(minutes=10)
    assert state.due is not None and state.due <= at


def test_due_cards_come_first_then_new_up_to_the_daily_limit(
    deck: Deck, store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    make_due(store, scheduler, deck, "d", clock())
    study = session(deck, store, scheduler, clock, new_per_day=2)
    assert [item.card.id for item in study.queue] == ["d", "a", "b"]
    assert (study.done, study.total) == (0, 3)
    assert shown(study) == "d"


def test_default_limit_is_twenty_new_cards_per_deck(
    write_deck: Callable[..., Path], store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    big = load_deck(write_deck("big", [f"card-{i:02}" for i in range(25)])).deck
    assert big is not None
    study = StudySession([big], store, scheduler, clock)
    assert len(study.queue) == 20
    assert study.queue[0].card.id == "card-00" and study.queue[-1].card.id == "card-19"


def test_the_new_card_limit_holds_for_the_whole_study_day(
    deck: Deck, store: Store, scheduler: Scheduler, clock: FakeClock, fixed_tz: tzinfo
) -> None:
    study = session(deck, store, scheduler, clock, new_per_day=3)
    while study.current is not None:
        study.answer(Rating.EASY)  # graduates at once: nothing comes back today
        clock.advance(seconds=20)
    assert study.done == 3
    # Later the same study day (03:30 the next morning): no more new cards.
    clock.advance(hours=12)
    assert local(clock, fixed_tz).hour == 3
    assert session(deck, store, scheduler, clock, new_per_day=3).queue == []
    # After the 04:00 rollover, the last two new cards are offered.
    clock.advance(hours=1)
    later = session(deck, store, scheduler, clock, new_per_day=3)
    assert [item.card.id for item in later.queue] == ["d", "e"]


def test_learning_steps_bring_a_card_back_within_the_session(
    deck: Deck, store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    study = session(deck, store, scheduler, clock, new_per_day=3)
    assert shown(study) == "a"
    state = study.answer(Rating.AGAIN)
    assert state.phase is Phase.LEARNING and state.due == clock() + timedelta(minutes=1)
    # 'a' waits for its one-minute step; the queue goes on meanwhile.
    assert shown(study) == "b"
    assert (study.done, study.total) == (1, 4)
    clock.advance(seconds=30)
    study.answer(Rating.GOOD)  # b: first step passed, back in 10 minutes
    clock.advance(seconds=40)  # a's minute is up
    assert shown(study) == "a"
    state = study.answer(Rating.GOOD)
    assert state.phase is Phase.LEARNING and state.step == 1
    assert shown(study) == "c"
    study.answer(Rating.GOOD)
    # Only learning cards are left: they are shown early, in due order, rather than waited for.
    assert shown(study) == "b"
    study.answer(Rating.GOOD)
    assert store.state(deck.id, "b").phase is Phase.REVIEW
    assert shown(study) == "a"
    study.answer(Rating.GOOD)
    assert shown(study) == "c"
    study.answer(Rating.GOOD)
    assert shown(study) is None
    assert {store.state(deck.id, c).phase for c in "abc"} == {Phase.REVIEW}
    assert len(store.reviews(deck.id)) == study.done == 7


def test_undo_restores_the_card_and_its_state(
    deck: Deck, store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    study = session(deck, store, scheduler, clock, new_per_day=3)
    study.answer(Rating.GOOD)
    clock.advance(seconds=10)
    before = store.state(deck.id, "b")
    study.answer(Rating.AGAIN)
    assert store.state(deck.id, "b").phase is Phase.LEARNING

    restored = study.undo()
    assert restored is not None and restored.card.id == "b"
    assert shown(study) == "b"
    assert store.state(deck.id, "b") == before == CardState()
    assert (study.done, study.total) == (1, 4)  # a is still learning, b, c queued
    assert [r.card_id for r in store.reviews(deck.id)] == ["a"]
    assert [r.card_id for r in store.reviews(deck.id, undone=True)] == ["a", "b"]
    # Answering again after the undo records a fresh review.
    study.answer(Rating.EASY)
    assert store.state(deck.id, "b").phase is Phase.REVIEW
    assert [r.rating for r in store.reviews(deck.id, "b")] == [Rating.EASY]


def test_undo_of_a_learning_repeat_restores_the_earlier_step(
    deck: Deck, store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    study = session(deck, store, scheduler, clock, new_per_day=1)
    first = study.answer(Rating.GOOD)
    assert shown(study) == "a"  # nothing else queued: learn ahead
    study.answer(Rating.GOOD)
    assert store.state(deck.id, "a").phase is Phase.REVIEW
    study.undo()
    assert store.state(deck.id, "a") == first
    assert shown(study) == "a"
    assert study.undo() is not None and study.undo() is None  # nothing more to take back
    assert store.state(deck.id, "a") == CardState()


def test_summary_figures(deck: Deck, store: Store, scheduler: Scheduler, clock: FakeClock) -> None:
    study = session(deck, store, scheduler, clock, new_per_day=3)
    started = clock()
    assert shown(study) == "a"
    study.answer(Rating.AGAIN)  # wrong at first...
    clock.advance(seconds=10)
    assert shown(study) == "b"
    study.answer(Rating.EASY)
    clock.advance(seconds=10)
    assert shown(study) == "c"
    study.answer(Rating.AGAIN)  # wrong, and not seen again
    clock.advance(minutes=2)
    assert shown(study) == "a"
    study.answer(Rating.GOOD)  # ...right the second time
    clock.advance(seconds=15)

    summary = study.summary()
    assert (summary.answers, summary.answers_right, summary.items) == (4, 2, 3)
    assert summary.share_right == pytest.approx(2 / 4)
    # b right every time, a right after a miss, c wrong at its last answer.
    assert (summary.items_right_always, summary.items_right_at_last) == (1, 1)
    assert summary.items_wrong == 1
    assert summary.ended_early  # c comes back within the session
    assert summary.seconds == 155
    # The next card due is c, one minute after its Again.
    assert summary.next_due == started + timedelta(seconds=20, minutes=1)


def test_summary_of_an_empty_session(
    deck: Deck, store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    summary = session(deck, store, scheduler, clock).summary()
    assert (summary.answers, summary.items, summary.share_right) == (0, 0, 0.0)
    assert summary.seconds == 0 and summary.next_due is None


def test_the_schedule_is_kept_the_next_day(
    write_deck: Callable[..., Path],
    deck_dir: Path,
    open_collection: Callable[..., Collection],
    clock: FakeClock,
    fixed_tz: tzinfo,
) -> None:
    write_deck("sample", ["a", "b"])
    collection = open_collection(deck_dir)
    study = StudySession(collection.decks, collection.store, collection.scheduler, clock)
    assert shown(study) == "a"
    study.answer(Rating.GOOD)
    clock.advance(minutes=1)
    assert shown(study) == "b"
    study.answer(Rating.EASY)
    clock.advance(minutes=9)
    assert shown(study) == "a"
    state = study.answer(Rating.GOOD)  # its 10-minute step passed: graduates
    assert state.phase is Phase.REVIEW
    due_local = state.due.astimezone(fixed_tz) if state.due else None
    # Two study days on: due at the 04:00 rollover of 3 May (the session was on 1 May).
    assert due_local is not None and (due_local.day, due_local.hour, due_local.minute) == (3, 4, 0)
    collection.close()

    def next_session() -> StudySession:
        reopened = open_collection(deck_dir)  # from the file, as after quitting
        return StudySession(reopened.decks, reopened.store, reopened.scheduler, clock)

    clock.now = datetime(2024, 5, 2, 4, 1, tzinfo=fixed_tz)  # the next study day
    assert next_session().queue == []
    clock.now = datetime(2024, 5, 3, 3, 59, tzinfo=fixed_tz)  # still 2 May's study day
    assert next_session().queue == []
    clock.now = datetime(2024, 5, 3, 4, 0, tzinfo=fixed_tz)
    due = next_session()
    assert [(item.card.id, item.state.phase) for item in due.queue] == [("a", Phase.REVIEW)]
    assert due.current is not None and due.current.state.reps == 2


def test_summary_counts_answers_and_cards_apart_and_says_when_it_ended_early(
    deck: Deck, store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    # As seen in a month of use: a card failed again and again made "36 of 36 right" of
    # 42 answers (only each card's last answer was counted).
    study = session(deck, store, scheduler, clock, new_per_day=3)
    for rating in (Rating.AGAIN, Rating.GOOD, Rating.GOOD):  # a, b, c
        study.answer(rating)
        clock.advance(seconds=10)
    for _ in range(2):  # a fails twice more (one short of being set aside), then is right
        clock.advance(minutes=1)
        assert shown(study) == "a"
        study.answer(Rating.AGAIN)
    clock.advance(minutes=1)
    study.answer(Rating.GOOD)
    summary = study.summary()
    assert (summary.answers, summary.answers_right, summary.items) == (6, 3, 3)
    assert summary.share_right == pytest.approx(3 / 6)
    assert (summary.items_right_always, summary.items_right_at_last, summary.items_wrong) == (
        2,
        1,
        0,
    )
    # b, c and a are still in their learning steps: the student stops with them to come.
    assert summary.ended_early and summary.left == 3
    while study.current is not None:
        study.answer(Rating.EASY)
    finished = study.summary()
    assert not finished.ended_early and finished.left == 0
    assert (finished.answers, finished.answers_right, finished.items) == (9, 6, 3)


def test_choice_options_are_shuffled_at_each_showing_and_pinned_by_the_reviews(
    write_deck: Callable[..., Path], store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    choice = choice_card("pick")
    loaded = load_deck(write_deck("choices", [choice])).deck
    assert loaded is not None

    def showings() -> list[tuple[str, ...]]:
        study = StudySession([loaded], store, scheduler, clock)
        orders = []
        # Again and Hard in turn: three Agains, one short of setting the card aside for the day.
        for rating in [Rating.AGAIN, Rating.HARD] * 3:
            question = study.question()
            assert question is not None and question == study.question()  # a redraw: the same
            orders.append(question.options)
            study.answer(rating)
            clock.advance(minutes=1)
        for _ in range(6):
            study.undo()
        return orders

    orders = showings()
    assert all(sorted(o) == sorted(orders[0]) for o in orders)
    # The right answer does not stay at one letter (it did: the card alone seeded the order).
    assert len({o.index("Right") for o in orders}) > 1
    assert showings() == orders  # the same review counts give the same orders


def choice_card(card_id: str) -> dict[str, object]:
    return {
        "id": card_id,
        "kind": "actor",
        "type": "choice",
        "question": "Who?",
        "answer": "Right",
        "wrong": ["Wrong one", "Wrong two", "Wrong three"],
        "source": "A passage.",
    }


def test_a_session_opened_again_soon_after_shows_the_steps_the_last_one_left(
    deck: Deck, store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    first = session(deck, store, scheduler, clock, new_per_day=2)
    first.answer(Rating.GOOD)  # 'a': its 10-minute step ahead
    first.answer(Rating.AGAIN)  # 'b': its 1-minute step ahead
    clock.advance(seconds=20)  # the student leaves the session and comes back
    again = session(deck, store, scheduler, clock, new_per_day=2)
    # Not "nothing to study" while home counts both in learning: shown early, soonest first.
    assert again.left_today() == (0, 2, 0)
    assert shown(again) == "b"
    again.answer(Rating.GOOD)
    assert shown(again) == "a"


def test_studying_every_deck_reads_only_the_cards_it_shows(
    tmp_path: Path, clock: FakeClock
) -> None:
    """A session over a whole collection queues its cards from the decks' card indexes and
    the store's rows: only the deck of the card shown is read, the others stay unread until
    the session comes to them, and each item's state is the store's."""
    from quizapp.core.decks.lazy_cards import LazyCards
    from quizapp.core.paths import bundled_decks_dir

    Collection.open([bundled_decks_dir()], tmp_path / "data", clock=clock).close()  # cached
    bundled = Collection.open([bundled_decks_dir()], tmp_path / "data", clock=clock)
    try:
        decks = bundled.decks
        assert len(decks) > 3 and all(isinstance(d.cards, LazyCards) for d in decks)
        last = decks[-1]
        for card_id in last.cards.ids()[:3]:  # type: ignore[attr-defined]
            make_due(bundled.store, bundled.scheduler, last, card_id, clock() - timedelta(days=1))
        study = StudySession(decks, bundled.store, bundled.scheduler, clock)
        assert {i.deck.id for i in study.queue} == {d.id for d in decks}
        loaded = {d.id for d in decks if d.cards.loaded}  # type: ignore[attr-defined]
        assert loaded == set()
        first = study.current
        assert first is not None and first.deck.id == last.id and first.phase is Phase.REVIEW
        assert study.question() is not None
        loaded = {d.id for d in decks if d.cards.loaded}  # type: ignore[attr-defined]
        assert loaded == {last.id}
        for item in study.queue:
            assert item.state == bundled.store.states(item.deck.id).get(item.card_id, CardState())
        assert study.left_today()[2] == 3
        # Its summary finds the next card due in SQL, reading no other deck's cards.
        due = [bundled.store.state(last.id, i.card_id).due for i in study.queue[:3]]
        assert study.summary().next_due == min(d for d in due if d is not None)
        assert {d.id for d in decks if d.cards.loaded} == {last.id}  # type: ignore[attr-defined]
    finally:
        bundled.close()
