"""The exam forecast in arrays: FSRS-6's formulas as fsrs-rs computes them, and a forecast that
agrees with the card-by-card simulation."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from quizapp.core.clock import FakeClock
from quizapp.core.planning import forecast
from quizapp.core.planning.array_forecast import Model
from quizapp.core.planning.card_columns import day_numbers
from quizapp.core.planning.forecast import as_memories, needed_per_day, simulate
from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.fsrs_memory import Memory, next_outcomes
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Scheduler

TODAY = date(2024, 5, 1)  # the fake clock's study day


def test_the_memory_formulas_are_fsrs_rs_own() -> None:
    parameters = Scheduler().config.parameters
    model = Model(parameters)
    rng = random.Random(7)
    for _ in range(300):
        s, d = 2.71828 ** rng.uniform(-3, 8), rng.uniform(1, 10)
        elapsed = rng.choice([0, 1, 3, 30, rng.randint(0, 3000)])
        outcomes = next_outcomes(parameters, Memory(s, d), elapsed, 0.9)
        recall = model.recall(np.array([float(elapsed)]), np.array([s]))
        for rating in Rating:
            grade = np.array([int(rating)])
            if elapsed == 0:
                got = model.same_day(np.array([s]), grade)
            elif rating is Rating.AGAIN:
                got = model.lapsed(np.array([s]), np.array([d]), recall)
            else:
                got = model.passed(np.array([s]), np.array([d]), recall, grade)
            expected = outcomes[rating][0]
            assert got[0] == pytest.approx(expected.stability, rel=1e-4)
            assert model.difficulty(np.array([d]), grade)[0] == pytest.approx(
                expected.difficulty, abs=1e-4
            )
    first = next_outcomes(parameters, None, 0, 0.9)
    stability, difficulty = model.first(np.array([1, 2, 3, 4]))
    for rating, s, d in zip(Rating, stability, difficulty, strict=True):
        assert (s, d) == pytest.approx(first[rating][0], abs=1e-4)


def test_study_day_numbers_in_arrays_match_study_day(scheduler: Scheduler) -> None:
    rng = random.Random(3)
    moments = [rng.randrange(1_500_000_000_000, 1_800_000_000_000) for _ in range(500)]
    got = day_numbers(np.array(moments, dtype=np.float64), scheduler.tz, 4)
    for moment, number in zip(moments, got, strict=True):
        day = sd.study_day(sd_moment(moment), scheduler.tz, 4)
        assert number == sd.day_number(day)


def sd_moment(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def cards_of(scheduler: Scheduler, clock: FakeClock, count: int) -> dict[int, CardState]:
    """A collection of `count` cards: a third new, the rest studied over the months before."""
    rng = random.Random(11)
    cards: dict[int, CardState] = {}
    for key in range(count):
        state = CardState()
        if key % 3:
            at = clock() - timedelta(days=rng.randint(60, 200))
            for _ in range(rng.randint(1, 6)):
                rating = rng.choices(list(Rating), weights=(10, 10, 70, 10))[0]
                state = scheduler.review(state, rating, at, str(key))
                assert state.due is not None
                at = min(state.due + timedelta(hours=rng.uniform(0, 30)), clock())
        cards[key] = state
    return cards


def test_the_array_forecast_agrees_with_the_card_by_card_one(
    scheduler: Scheduler, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    cards = cards_of(scheduler, clock, 600)
    exam = TODAY + timedelta(days=21)
    columns = as_memories(cards, scheduler)
    exact, exact_ok = needed_per_day(cards, scheduler, clock(), exam, 0.85)
    arrays, arrays_ok = needed_per_day(columns, scheduler, clock(), exam, 0.85)
    assert exact_ok and arrays_ok
    # The same answers a day within the search's precision and the model's simplifications.
    assert arrays.per_day == pytest.approx(exact.per_day, rel=0.15)
    assert arrays.recall == pytest.approx(exact.recall, abs=0.02)
    assert len(arrays.days) == len(exact.days) == 21
    assert all(day.answers <= arrays.per_day for day in arrays.days)
    # A large collection takes the array path by itself, with the same result.
    monkeypatch.setattr(forecast, "EXACT_LIMIT", 100)
    again = simulate(cards, scheduler, clock(), exam, arrays.per_day)
    assert again == simulate(columns, scheduler, clock(), exam, arrays.per_day)
    assert again.recall == pytest.approx(arrays.recall)
