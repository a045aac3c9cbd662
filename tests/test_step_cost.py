"""The answers a card still owes at its step (`step_cost`) and the student's Again rate at a
step (`log_stats.step_answers`)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import pytest
from progress_support import answer

from quizapp.core.planning.exam_queue import new_card_cost
from quizapp.core.planning.forecast import SimulatedStudent
from quizapp.core.planning.step_cost import (
    PRIOR_AGAIN,
    Owed,
    review_owed,
    steps_owed,
    total,
)
from quizapp.core.progress.log_stats import PRIOR_WEIGHT, StepAnswers, step_answers
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import Scheduler


def close(owed: Owed, mean: float, variance: float, skew: float | None = None) -> bool:
    return (
        math.isclose(owed.mean, mean)
        and math.isclose(owed.variance, variance)
        and (skew is None or math.isclose(owed.skew, skew))
    )


def test_one_step_is_geometric() -> None:
    # Answers until the first Good at a = 1/2: mean 2, variance a/(1-a)^2 = 2, third central
    # moment a(1+a)/(1-a)^3 = 6.
    assert close(steps_owed(1, 0, 0.5), 2, 2, 6)
    assert close(steps_owed(1, 0, 0.2), 1.25, 0.2 / 0.64, 0.2 * 1.2 / 0.8**3)
    assert close(steps_owed(1, 0, 0.0), 1, 0, 0)


def test_two_steps_are_tosses_until_two_heads_in_a_row() -> None:
    # From the first step: mean (2-a)/(1-a)^2, 6 at a fair coin, variance 22 (by hand).
    assert close(steps_owed(2, 0, 0.5), 6, 22)
    # From the second: one answer, and after an Again the whole run again: 1 + 6/2, and
    # E[T^2] = 1 + 2 * 3 + 58 / 2 = 36, variance 36 - 16.
    assert close(steps_owed(2, 1, 0.5), 4, 20)
    assert steps_owed(2, 0, 0.2).mean == pytest.approx(1.8 / 0.64)


def test_hard_stays_and_easy_graduates() -> None:
    # One step, Hard h = 1/2 and no Again: geometric again, mean 2, variance 2.
    assert close(steps_owed(1, 0, 0.0, hard=0.5), 2, 2)
    # Easy at every answer graduates at once.
    assert close(steps_owed(3, 0, 0.0, easy=1.0), 1, 0)
    # With no steps a card graduates at its answer, whatever the grades.
    assert close(steps_owed(0, 0, 0.9), 1, 0)


def test_a_student_who_fails_every_step_still_owes_a_finite_count() -> None:
    assert math.isfinite(steps_owed(2, 0, 1.0).mean)


def test_a_new_cards_mean_is_the_plans_cost_at_the_prior_rate(scheduler: Scheduler) -> None:
    steps = len(scheduler.config.learning_steps)
    assert abs(steps_owed(steps, 0, PRIOR_AGAIN).mean - new_card_cost(scheduler)) < 0.15


def test_the_prior_is_the_simulated_students_again_rate_at_steps(scheduler: Scheduler) -> None:
    student = SimulatedStudent(scheduler, seed=2)
    start = datetime(2024, 5, 1, 9, tzinfo=scheduler.tz)
    answers = again = 0
    for card in range(3000):  # each new card through its two steps, a minute apart
        step, at = 0, start
        while step < 2:
            rating = student.answer(card, at)
            answers, again = answers + 1, again + (rating is Rating.AGAIN)
            moves = {Rating.AGAIN: 0, Rating.HARD: step, Rating.GOOD: step + 1, Rating.EASY: 2}
            step = moves[rating]
            at += timedelta(minutes=1)
    assert again / answers == pytest.approx(PRIOR_AGAIN, abs=0.02)


def test_a_review_owes_one_answer_and_its_relearning_if_it_lapses() -> None:
    relearn = steps_owed(1, 0, 0.5)  # mean 2, variance 2
    # 1 + L*T: mean 1 + q*2; variance q*E[T^2] - (q*2)^2 = 0.25 * 6 - 0.25; third central
    # moment q*E[T^3] - 3 (q*2)(q*6) + 2 (q*2)^3, with E[T^3] = 26: 6.5 - 2.25 + 0.25.
    assert close(review_owed(0.25, relearn), 1.5, 1.25, 4.5)
    assert close(review_owed(0.0, relearn), 1, 0)
    assert close(review_owed(0.3, Owed()), 1, 0)


def test_cards_owe_the_sum_and_the_margin_grows_with_the_spread() -> None:
    both = total([Owed(2, 1, 1), Owed(3, 3, 2)])
    assert close(both, 5, 4, 3)
    # mean + z sigma, and the skew's correction (z^2 - 1)/6 * 3/4.
    assert both.bound(1.65) == pytest.approx(5 + 1.65 * 2 + (1.65**2 - 1) / 6 * 3 / 4)
    assert Owed(2, 1).bound(1.65) == pytest.approx(3.65)
    assert Owed(2, 0).bound(1.65) == 2


def test_the_students_rate_is_counted_from_the_prior() -> None:
    assert StepAnswers(0, 0).again_rate(0.2) == pytest.approx(0.2)
    # Twenty answers, all Again, weigh as much as the prior: halfway.
    assert StepAnswers(20, 20).again_rate(0.2, 20) == pytest.approx(0.6)
    assert StepAnswers(400, 100).again_rate(0.2) == pytest.approx(104 / 420)
    assert PRIOR_WEIGHT == 20


def test_step_answers_counts_the_answers_at_steps_since_a_moment(
    store: Store, scheduler: Scheduler
) -> None:
    at = datetime(2024, 5, 1, 9, tzinfo=scheduler.tz)
    old = at - timedelta(days=10)
    answer(store, scheduler, "x", "old", Rating.AGAIN, old)  # before the window
    # A new card: Again, Again, Good, Good (graduated: four answers at steps, two Again).
    for minutes, rating in enumerate([Rating.AGAIN, Rating.AGAIN, Rating.GOOD, Rating.GOOD]):
        answer(store, scheduler, "x", "a", rating, at + timedelta(minutes=minutes))
    # A review the next day (not at a step), failed: then its relearning step, passed.
    later = at + timedelta(days=1, hours=1)
    answer(store, scheduler, "x", "a", Rating.AGAIN, later)
    answer(store, scheduler, "x", "a", Rating.GOOD, later + timedelta(minutes=10))
    answer(store, scheduler, "y", "b", Rating.AGAIN, later)  # another deck
    assert step_answers(store, ["x"], at - timedelta(hours=1)) == StepAnswers(5, 2)
    assert step_answers(store, ["x", "y"], at - timedelta(hours=1)) == StepAnswers(6, 3)
    assert step_answers(store, ["x"], old - timedelta(hours=1)) == StepAnswers(6, 3)
    assert step_answers(store, [], old) == StepAnswers(0, 0)
