"""Settings wired into study: each deck's limits, new-card order, scheduler and day start."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta, tzinfo
from pathlib import Path

from progress_support import local

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.planning.plan import ExamPlan, save_plan
from quizapp.core.progress.marks import MarkKind
from quizapp.core.progress.transfer import export_progress, import_progress
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import Phase
from quizapp.core.scheduling.study_day import study_day
from quizapp.core.sessions.queue import StudyFilter, new_card_order
from quizapp.core.sessions.study import StudySession
from quizapp.core.settings.study_settings import change_setting

TEN = [f"c{n}" for n in range(10)]


def session(collection: Collection, *deck_ids: str) -> StudySession:
    decks = collection.select(list(deck_ids))
    return StudySession(decks, collection.store, collection.scheduler, collection.clock)


def introduce_all(study: StudySession) -> list[str]:
    """Answer every card Easy (new cards graduate at once); the cards shown, in order."""
    shown = []
    while study.current is not None:
        shown.append(f"{study.current.deck.id}/{study.current.card.id}")
        study.answer(Rating.EASY)
    return shown


def test_study_all_keeps_each_decks_own_new_card_limit(
    write_deck: Callable[..., Path], deck_dir: Path, open_collection: Callable[..., Collection]
) -> None:
    write_deck("ten", TEN)
    write_deck("other", TEN)
    collection = open_collection(deck_dir)
    now = collection.clock()
    change_setting(collection.store, "new-per-day", "5", now)
    change_setting(collection.store, "new-per-day", "3", now, deck_id="ten")
    shown = introduce_all(session(collection))
    assert [s for s in shown if s.startswith("ten/")] == ["ten/c0", "ten/c1", "ten/c2"]
    assert len([s for s in shown if s.startswith("other/")]) == 5
    # The day's limit holds across sessions; the counts say what is left.
    assert session(collection).current is None
    ten = collection.counts(collection.select(["ten"])[0])
    assert (ten.new, ten.new_today) == (7, 0)


def test_a_suspended_new_card_is_not_counted_as_on_offer(
    write_deck: Callable[..., Path], deck_dir: Path, open_collection: Callable[..., Collection]
) -> None:
    write_deck("ten", TEN)
    collection = open_collection(deck_dir)
    change_setting(collection.store, "new-per-day", "3", collection.clock(), deck_id="ten")
    collection.store.mark([("ten", "c9"), ("ten", "c8")], MarkKind.SUSPEND, collection.clock())
    counts = collection.counts(collection.decks[0])
    assert (counts.cards, counts.new, counts.new_today) == (10, 8, 3)


def test_reviews_a_day_hold_back_the_least_overdue_reviews(
    write_deck: Callable[..., Path],
    deck_dir: Path,
    open_collection: Callable[..., Collection],
    clock: FakeClock,
) -> None:
    write_deck("ten", TEN[:5])
    collection = open_collection(deck_dir)
    introduce_all(session(collection))  # five cards in review, due in a few days
    clock.advance(days=60)
    change_setting(collection.store, "reviews-per-day", "2", clock(), deck_id="ten")
    assert collection.counts(collection.decks[0]).review_due == 2
    study = session(collection)
    assert study.left_today() == (0, 0, 2)
    study.answer(Rating.GOOD)
    assert collection.counts(collection.decks[0]).review_due == 1
    study.answer(Rating.GOOD)
    assert study.current is None and session(collection).current is None
    counts = collection.counts(collection.decks[0])
    assert (counts.due, counts.review_due) == (3, 0)  # due, but over the day's limit


def test_random_new_order_is_fixed_for_the_deck_and_the_study_day(
    write_deck: Callable[..., Path],
    deck_dir: Path,
    open_collection: Callable[..., Collection],
    clock: FakeClock,
    fixed_tz: tzinfo,
) -> None:
    write_deck("ten", TEN)
    collection = open_collection(deck_dir)
    change_setting(collection.store, "new-order", "random", clock(), deck_id="ten")
    change_setting(collection.store, "new-per-day", "4", clock(), deck_id="ten")
    deck = collection.decks[0]
    day = study_day(clock(), fixed_tz)
    expected = [card.id for card in new_card_order(deck, "random", day)]
    assert expected != TEN  # the seed pins a real shuffle
    first = session(collection)
    assert [item.card.id for item in first.queue] == expected[:4]
    first.answer(Rating.EASY)
    again = session(collection)  # later the same day: the rest of the same order
    assert [item.card.id for item in again.queue if item.state.phase is Phase.NEW] == (
        expected[1:4]
    )
    tomorrow = [c.id for c in new_card_order(deck, "random", day + timedelta(days=1))]
    assert tomorrow != expected


def test_each_card_is_scheduled_with_its_own_decks_retention_and_steps(
    write_deck: Callable[..., Path], deck_dir: Path, open_collection: Callable[..., Collection]
) -> None:
    write_deck("low", ["a"])
    write_deck("high", ["a"])
    collection = open_collection(deck_dir)
    now = collection.clock()
    change_setting(collection.store, "retention", "0.8", now, deck_id="low")
    change_setting(collection.store, "retention", "0.95", now, deck_id="high")
    change_setting(collection.store, "learning-steps", "5m", now, deck_id="high")
    study = session(collection)
    previews = {}
    while study.current is not None:
        deck_id = study.current.deck.id
        previews[deck_id] = study.preview()
        study.answer(Rating.EASY)
    assert previews["low"][Rating.EASY] > previews["high"][Rating.EASY]
    assert previews["high"][Rating.AGAIN] == timedelta(minutes=5)
    assert previews["low"][Rating.AGAIN] == timedelta(minutes=1)
    low = collection.store.state("low", "a")
    high = collection.store.state("high", "a")
    assert low.due is not None and high.due is not None and low.due > high.due


def test_a_change_applies_from_the_next_answer(
    write_deck: Callable[..., Path], deck_dir: Path, open_collection: Callable[..., Collection]
) -> None:
    write_deck("ten", TEN[:2])
    collection = open_collection(deck_dir)
    study = session(collection)
    before = study.preview()
    change_setting(collection.store, "retention", "0.8", collection.clock(), deck_id="ten")
    after = study.preview()  # the same card, in the same session
    assert after[Rating.EASY] > before[Rating.EASY]
    assert collection.store.setting_events()[-1].value == "0.8"  # the log keeps it


def test_the_day_start_moves_every_study_day(
    write_deck: Callable[..., Path],
    deck_dir: Path,
    data_dir: Path,
    clock: FakeClock,
    fixed_tz: tzinfo,
) -> None:
    write_deck("ten", TEN)

    def opened() -> Collection:
        collection = Collection.open([deck_dir], data_dir, clock)
        collection.scheduler.tz = fixed_tz
        return collection

    clock.advance(hours=14)  # 05:00 the next morning: past the default 04:00
    assert clock() == local(clock(), 5, fixed_tz)
    collection = opened()
    change_setting(collection.store, "new-per-day", "3", clock())
    introduce_all(session(collection))
    clock.advance(hours=2)  # 07:00
    assert collection.counts(collection.decks[0]).new_today == 0  # the same study day
    change_setting(collection.store, "day-starts-at", "6", clock())
    collection.close()
    collection = opened()  # a new day began at 06:00: three more cards are on offer
    try:
        assert collection.scheduler.config.rollover_hour == 6
        assert collection.counts(collection.decks[0]).new_today == 3
    finally:
        collection.close()


def test_an_import_replays_each_answer_with_the_settings_of_its_moment(
    write_deck: Callable[..., Path],
    deck_dir: Path,
    open_collection: Callable[..., Collection],
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    write_deck("ten", TEN[:4])
    source = open_collection(deck_dir)
    change_setting(source.store, "retention", "0.75", clock(), deck_id="ten")
    study = session(source)
    study.answer(Rating.EASY)
    study.answer(Rating.GOOD)
    clock.advance(hours=1)
    change_setting(source.store, "retention", "0.97", clock(), deck_id="ten")
    change_setting(source.store, "learning-steps", "3m 30m", clock())
    study = session(source)
    study.answer(Rating.EASY)
    study.answer(Rating.AGAIN)
    states = source.store.states("ten")
    target = Collection.open([deck_dir], tmp_path / "target", clock)
    target.scheduler = source.scheduler
    try:
        lines = _exported(source)
        import_progress(target.store, target.schedulers_over_time(), lines)
        assert target.store.states("ten") == states
        assert target.store.setting_events() == source.store.setting_events()
        assert target.counts(target.decks[0]) == source.counts(source.decks[0])
    finally:
        target.close()


def _exported(collection: Collection) -> list[str]:
    import io

    out = io.StringIO()
    export_progress(collection.store, out)
    return out.getvalue().splitlines()


def test_a_session_says_which_study_it_is(
    write_deck: Callable[..., Path],
    deck_dir: Path,
    open_collection: Callable[..., Collection],
    fixed_tz: tzinfo,
) -> None:
    write_deck("ten", TEN)
    collection = open_collection(deck_dir)
    assert session(collection).kind == "normal"
    c = collection
    only = StudyFilter(tags=("any",))
    filtered = StudySession(c.decks, c.store, c.scheduler, c.clock, only=only)
    assert filtered.kind == "filtered"
    exam_day = study_day(c.clock(), fixed_tz) + timedelta(days=20)
    save_plan(c.store, ExamPlan(exam_day, per_day=10))
    exam = session(collection)
    assert exam.kind == "exam" and exam.left_today()[0] > 0
