"""Tests of study days and the FSRS scheduler, on a fixed, injected clock."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from quizapp.core.scheduling.fsrs_memory import Memory, forgetting_curve, next_outcomes
from quizapp.core.scheduling.intervals import format_interval, fuzz_range
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler, SchedulerConfig
from quizapp.core.scheduling.study_day import days_elapsed, start_of_study_day, study_day, to_utc

NEW_YORK = ZoneInfo("America/New_York")
UTC_MINUS_4 = timezone(timedelta(hours=-4))
NOW = datetime(2024, 5, 1, 14, 0, tzinfo=UTC)  # 10:00 in New York (EDT)
EXACT = SchedulerConfig(fuzz=False)


def local(*args: int, tz: timezone | ZoneInfo = NEW_YORK) -> datetime:
    return datetime(*args, tzinfo=tz)


def graduate(scheduler: Scheduler, now: datetime = NOW) -> CardState:
    """A card answered Good through both learning steps."""
    state = scheduler.review(CardState(), Rating.GOOD, now)
    return scheduler.review(state, Rating.GOOD, now + timedelta(minutes=10))


@pytest.mark.parametrize("tz", [NEW_YORK, UTC_MINUS_4])
def test_study_day_rolls_over_at_four(tz: timezone | ZoneInfo) -> None:
    assert study_day(local(2024, 5, 2, 3, 59, tz=tz), tz) == date(2024, 5, 1)
    assert study_day(local(2024, 5, 2, 4, 0, tz=tz), tz) == date(2024, 5, 2)
    assert days_elapsed(local(2024, 5, 1, 23, tz=tz), local(2024, 5, 2, 9, tz=tz), tz) == 1
    assert days_elapsed(local(2024, 5, 1, 5, tz=tz), local(2024, 5, 2, 3, tz=tz), tz) == 0
    assert days_elapsed(local(2024, 5, 1, 5, tz=tz), local(2024, 5, 8, 3, tz=tz), tz) == 6
    assert days_elapsed(local(2024, 5, 2, 9, tz=tz), local(2024, 5, 1, 9, tz=tz), tz) == 0


def test_rollover_hour_is_configurable() -> None:
    moment = local(2024, 5, 2, 5, 0)
    assert study_day(moment, NEW_YORK, rollover_hour=6) == date(2024, 5, 1)
    assert study_day(moment, NEW_YORK, rollover_hour=0) == date(2024, 5, 2)


def test_study_day_follows_dst() -> None:
    # 2024-03-10 springs forward at 02:00; 2024-11-03 falls back at 02:00.
    assert start_of_study_day(date(2024, 3, 9), NEW_YORK) == datetime(2024, 3, 9, 9, tzinfo=UTC)
    assert start_of_study_day(date(2024, 3, 10), NEW_YORK) == datetime(2024, 3, 10, 8, tzinfo=UTC)
    assert start_of_study_day(date(2024, 11, 3), NEW_YORK) == datetime(2024, 11, 3, 9, tzinfo=UTC)
    # 03:30 EDT on the short day is still the day before; 04:00 EDT starts the new one.
    assert study_day(datetime(2024, 3, 10, 7, 30, tzinfo=UTC), NEW_YORK) == date(2024, 3, 9)
    assert study_day(datetime(2024, 3, 10, 8, 0, tzinfo=UTC), NEW_YORK) == date(2024, 3, 10)
    assert days_elapsed(local(2024, 3, 9, 23), local(2024, 3, 10, 9), NEW_YORK) == 1
    assert days_elapsed(local(2024, 11, 2, 23), local(2024, 11, 3, 3, 30), NEW_YORK) == 0


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        study_day(datetime(2024, 5, 1, 12), NEW_YORK)
    with pytest.raises(ValueError):
        Scheduler(EXACT, NEW_YORK).review(CardState(), Rating.GOOD, datetime(2024, 5, 1, 12))
    assert to_utc(local(2024, 5, 1, 10)) == NOW


def test_learning_steps_then_graduation() -> None:
    scheduler = Scheduler(EXACT, NEW_YORK)
    first = scheduler.review(CardState(), Rating.GOOD, NOW)
    assert (first.phase, first.step, first.due, first.reps) == (
        Phase.LEARNING,
        1,
        NOW + timedelta(minutes=10),
        1,
    )
    again = scheduler.review(first, Rating.AGAIN, NOW + timedelta(minutes=10))
    assert (again.phase, again.step) == (Phase.LEARNING, 0)
    assert again.due == NOW + timedelta(minutes=11)
    graduated = graduate(scheduler)
    assert graduated.phase is Phase.REVIEW and graduated.reps == 2 and graduated.lapses == 0
    assert graduated.stability is not None and graduated.difficulty is not None


def test_hard_on_first_step_waits_between_again_and_good() -> None:
    scheduler = Scheduler(EXACT, NEW_YORK)
    hard = scheduler.review(CardState(), Rating.HARD, NOW)
    assert (hard.phase, hard.step, hard.due) == (Phase.LEARNING, 0, NOW + timedelta(seconds=330))
    second = scheduler.review(CardState(), Rating.GOOD, NOW)
    hard_again = scheduler.review(second, Rating.HARD, NOW + timedelta(minutes=10))
    assert hard_again.step == 1 and hard_again.due == NOW + timedelta(minutes=20)
    single = Scheduler(
        SchedulerConfig(learning_steps=(timedelta(minutes=10),), fuzz=False), NEW_YORK
    )
    assert single.review(CardState(), Rating.HARD, NOW).due == NOW + timedelta(minutes=15)


def test_easy_graduates_at_once_beyond_good() -> None:
    for config in (EXACT, SchedulerConfig()):
        scheduler = Scheduler(config, NEW_YORK)
        easy = scheduler.review(CardState(), Rating.EASY, NOW, fuzz_seed="card")
        good = graduate(scheduler)
        assert easy.phase is Phase.REVIEW and easy.due is not None and good.due is not None
        assert easy.due > good.due


def test_no_learning_steps_graduates_at_once() -> None:
    scheduler = Scheduler(SchedulerConfig(learning_steps=(), fuzz=False), NEW_YORK)
    for rating in Rating:
        assert scheduler.review(CardState(), rating, NOW).phase is Phase.REVIEW


def test_review_due_is_start_of_study_day() -> None:
    scheduler = Scheduler(EXACT, NEW_YORK)
    state = graduate(scheduler)
    assert state.due is not None
    local_due = state.due.astimezone(NEW_YORK)
    assert (local_due.hour, local_due.minute) == (4, 0) and state.due.tzinfo == UTC
    assert state.due == start_of_study_day(study_day(state.due, NEW_YORK), NEW_YORK)
    assert not scheduler.is_due(state, state.due - timedelta(seconds=1))
    assert scheduler.is_due(state, state.due)
    assert scheduler.is_due(CardState(), NOW)


def test_lapse_relearns_and_graduates_back() -> None:
    scheduler = Scheduler(EXACT, NEW_YORK)
    review = graduate(scheduler)
    assert review.due is not None
    lapsed = scheduler.review(review, Rating.AGAIN, review.due)
    assert (lapsed.phase, lapsed.step, lapsed.lapses) == (Phase.RELEARNING, 0, 1)
    assert lapsed.due == review.due + timedelta(minutes=10)
    assert lapsed.stability is not None and review.stability is not None
    assert lapsed.stability < review.stability
    back = scheduler.review(lapsed, Rating.GOOD, review.due + timedelta(minutes=10))
    assert back.phase is Phase.REVIEW and back.lapses == 1
    assert back.due is not None and back.due > review.due
    no_steps = Scheduler(SchedulerConfig(relearning_steps=(), fuzz=False), NEW_YORK)
    lapsed = no_steps.review(review, Rating.AGAIN, review.due)
    assert (lapsed.phase, lapsed.lapses) == (Phase.REVIEW, 1)


def test_preview_labels_for_a_new_card() -> None:
    waits = Scheduler(EXACT, NEW_YORK).preview(CardState(), NOW)
    assert [format_interval(waits[rating]) for rating in Rating] == ["1m", "6m", "10m", "8d"]
    fuzzed = Scheduler(SchedulerConfig(), NEW_YORK).preview(CardState(), NOW, "card")
    assert [format_interval(fuzzed[r]) for r in Rating][:3] == ["1m", "6m", "10m"]


@pytest.mark.parametrize("seed", ["a", "b", "c", "d", "e"])
def test_preview_orders_review_intervals(seed: str) -> None:
    scheduler = Scheduler(SchedulerConfig(), NEW_YORK)
    state = graduate(scheduler)
    for _ in range(4):
        assert state.due is not None
        waits = scheduler.preview(state, state.due, seed)
        assert waits[Rating.AGAIN] < waits[Rating.HARD] < waits[Rating.GOOD] < waits[Rating.EASY]
        after = scheduler.review(state, Rating.GOOD, state.due, seed)
        assert after.due is not None
        assert waits[Rating.GOOD] == timedelta(days=days_elapsed(state.due, after.due, NEW_YORK))
        state = after


def test_fuzz_is_deterministic_and_bounded() -> None:
    fuzzed, exact = Scheduler(SchedulerConfig(), NEW_YORK), Scheduler(EXACT, NEW_YORK)
    state = graduate(exact)
    assert state.due is not None
    later = state.due + timedelta(days=10)
    assert fuzzed.review(state, Rating.GOOD, later, "x") == fuzzed.review(
        state, Rating.GOOD, later, "x"
    )
    assert state.stability is not None and state.difficulty is not None
    memory = Memory(state.stability, state.difficulty)
    raw = next_outcomes(EXACT.parameters, memory, 12, 0.9)[Rating.GOOD][1]
    assert exact.preview(state, later)[Rating.GOOD].days == round(raw)
    low, high = fuzz_range(raw)
    assert high > low
    seen = {fuzzed.preview(state, later, f"card-{i}")[Rating.GOOD].days for i in range(200)}
    assert len(seen) > 1 and low <= min(seen) and max(seen) <= high


def test_fuzz_range_matches_anki() -> None:
    assert fuzz_range(1.0) == (1, 1) and fuzz_range(2.49) == (2, 2)
    assert fuzz_range(2.5) == (2, 4) and fuzz_range(7.0) == (5, 9)
    assert fuzz_range(17.0) == (14, 20) and fuzz_range(37.0) == (33, 41)
    assert fuzz_range(100.0, 101, 1000) == (101, 108)
    assert fuzz_range(100.0, 1, 99) == (92, 99)
    assert fuzz_range(2.0, 3, 1000) == (3, 4)


def test_maximum_interval_caps_reviews() -> None:
    scheduler = Scheduler(SchedulerConfig(maximum_interval_days=5, fuzz=False), NEW_YORK)
    state = scheduler.review(CardState(), Rating.EASY, NOW)
    assert state.due is not None
    assert scheduler.preview(state, state.due)[Rating.EASY] == timedelta(days=5)


def test_retrievability_decays_over_study_days() -> None:
    scheduler = Scheduler(EXACT, NEW_YORK)
    assert scheduler.retrievability(CardState(), NOW) == 0.0
    state = graduate(scheduler)
    assert state.last_review is not None and state.stability is not None
    assert scheduler.retrievability(state, state.last_review + timedelta(hours=1)) == 1.0
    values = [scheduler.retrievability(state, NOW + timedelta(days=d)) for d in range(1, 30)]
    assert all(a > b for a, b in zip(values, values[1:], strict=False)) and values[-1] > 0
    params = SchedulerConfig().parameters
    assert forgetting_curve(params, state.stability, state.stability) == pytest.approx(0.9)


def test_desired_retention_changes_intervals() -> None:
    def good_wait(retention: float) -> timedelta:
        scheduler = Scheduler(SchedulerConfig(desired_retention=retention, fuzz=False), NEW_YORK)
        state = graduate(scheduler)
        assert state.due is not None
        return scheduler.preview(state, state.due)[Rating.GOOD]

    assert good_wait(0.8) > good_wait(0.9) > good_wait(0.97)


def test_format_interval_like_anki() -> None:
    cases = {
        timedelta(seconds=30): "30s",
        timedelta(seconds=70): "1m",
        timedelta(minutes=10): "10m",
        timedelta(minutes=90): "1.5h",
        timedelta(days=1): "1d",
        timedelta(days=3): "3d",
        timedelta(days=1.1 * 30.417): "1.1mo",
        timedelta(days=45): "1.5mo",
        timedelta(days=365): "1y",
        timedelta(days=365 * 1.5): "1.5y",
    }
    assert {delta: format_interval(delta) for delta in cases} == cases


def test_core_does_not_import_textual() -> None:
    code = "import sys, quizapp.core.scheduling.scheduler; assert 'textual' not in sys.modules"
    # A fresh interpreter, since other tests may already have imported Textual.
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root, env=env)
