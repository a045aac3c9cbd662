"""Looking ahead to an exam: a simulated student following the exam-aware queue.

The student's memory follows FSRS-6 with the scheduler's parameters, so a simulation answers
"if I give N answers a day, what will I recall on exam day?" and, searching over N, how many a
day reach a target. Answers are drawn with a fixed seed, so the same question always gets the
same answer. bench/exam_simulation.py uses the same student.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from fsrs_rs_python import default_simulator_config

from quizapp.core.planning.exam_queue import choose, new_share, then_due
from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.fsrs_memory import Memory, forgetting_curve, next_memory
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler

_SIMULATOR = default_simulator_config()
# FSRS's simulator defaults: the grade of a first answer, and of a passed review.
FIRST_GRADES = tuple(_SIMULATOR.first_rating_prob)
PASS_GRADES = tuple(_SIMULATOR.review_rating_prob)
# Its grades at a learning or relearning step later the same day, by the grade before (Again,
# Hard, Good): a step is failed too, which the forgetting curve (recall 1 after no day) never
# does, and each such Again costs the day more answers.
LEARNING_STEPS = tuple(tuple(row) for row in _SIMULATOR.learning_step_transitions)
RELEARNING_STEPS = tuple(tuple(row) for row in _SIMULATOR.relearning_step_transitions)
SECONDS_PER_ANSWER = 20
LEARN_AHEAD = timedelta(minutes=20)  # as StudySession: steps due this soon come back today
MOST_PER_DAY = 600  # the search for answers a day needed stops here
NEAR_BEST = 0.01  # when the target is out of reach, plan for this close to the best forecast
PRECISION = 0.05  # the search for answers a day stops this close (an estimate needs no more)


class SimulatedStudent:
    """A student whose memory of each card follows FSRS-6 exactly."""

    def __init__(self, scheduler: Scheduler, seed: int) -> None:
        self.parameters = scheduler.config.parameters
        self.tz = scheduler.tz
        self.rollover = scheduler.config.rollover_hour
        self.random = random.Random(seed)
        self.memory: dict[Hashable, Memory] = {}
        self.last: dict[Hashable, datetime] = {}
        # Cards in their steps: the grades there (learning or relearning), and the last grade.
        self.stepping: dict[Hashable, tuple[tuple[tuple[float, ...], ...], Rating]] = {}

    def knows(self, key: Hashable, state: CardState) -> None:
        """Start from what the scheduler believes about a card already studied."""
        if state.stability is not None and state.difficulty is not None and state.last_review:
            self.memory[key] = Memory(state.stability, state.difficulty)
            self.last[key] = state.last_review

    def answer(self, key: Hashable, now: datetime) -> Rating:
        """Answer a card: pass with the card's recall probability (at a step the same day, with
        FSRS's simulator's grades there), then remember the review."""
        memory = self.memory.get(key)
        elapsed = (
            0 if memory is None else sd.days_elapsed(self.last[key], now, self.tz, self.rollover)
        )
        step = self.stepping.get(key) if elapsed == 0 else None
        if memory is None:
            rating = Rating(self.random.choices(range(1, 5), FIRST_GRADES)[0])
            self.stepping[key] = (LEARNING_STEPS, rating)
        elif step is not None:
            grades, before = step
            rating = Rating(self.random.choices(range(1, 5), grades[min(before, 3) - 1])[0])
            self.stepping[key] = (grades, rating)
        else:
            if self.random.random() < forgetting_curve(self.parameters, elapsed, memory.stability):
                rating = Rating(self.random.choices(range(2, 5), PASS_GRADES)[0])
            else:
                rating = Rating.AGAIN
            self.stepping.pop(key, None)
            if rating is Rating.AGAIN:
                self.stepping[key] = (RELEARNING_STEPS, rating)
        self.memory[key] = next_memory(self.parameters, memory, rating, elapsed, 0.9)
        self.last[key] = now
        return rating

    def recall(self, key: Hashable, exam_day: date) -> float:
        """The chance of recalling a card on exam day (0 if never studied)."""
        memory = self.memory.get(key)
        if memory is None:
            return 0.0
        at = sd.start_of_study_day(exam_day, self.tz, self.rollover)
        elapsed = sd.days_elapsed(self.last[key], at, self.tz, self.rollover)
        return forgetting_curve(self.parameters, elapsed, memory.stability)


@dataclass(frozen=True)
class PlannedDay:
    """One study day of a simulated run: the answers given and the new cards learnt."""

    day: date
    answers: int
    new: int


@dataclass(frozen=True)
class Forecast:
    """A simulated run to the exam."""

    per_day: int
    recall: float  # mean predicted exam-day recall over the cards
    answers: int  # answers given in all
    days: tuple[PlannedDay, ...] = ()  # day by day, from the first to the eve of the exam


def simulate(
    cards: Mapping[Any, CardState],  # keyed by anything hashable: (deck id, card id) in the app
    scheduler: Scheduler,
    now: datetime,
    exam_day: date,
    per_day: int,
    seed: int = 0,
    *,
    answered: int = 0,
    introduced: int = 0,
) -> Forecast:
    """Study with the exam-aware queue, `per_day` answers a day, from now to the exam.

    Args:
        cards: The cards the exam covers and their states now.
        scheduler: The student's scheduler (its parameters are the simulated memory).
        now: The moment to start; later days start at the same time of day.
        exam_day: The study day of the exam.
        per_day: Answers a day, learning steps included.
        seed: Seeds the answers.
        answered: Answers already given today: today has only the rest.
        introduced: New cards already learnt today: they count in today's share.

    Returns:
        The mean exam-day recall, the answers given and the days (today's with what was done
        before `now`).
    """
    student = SimulatedStudent(scheduler, seed)
    states = dict(cards)
    for key, state in states.items():
        student.knows(key, state)
    days: list[PlannedDay] = []
    moment = now
    while (day := sd.study_day(moment, scheduler.tz, scheduler.config.rollover_hour)) < exam_day:
        budget = max(0, per_day - answered)
        given, learnt = _study_day(states, student, scheduler, moment, exam_day, budget, introduced)
        days.append(PlannedDay(day, given + answered, learnt + introduced))
        moment += timedelta(days=1)
        answered = introduced = 0
    recall = sum(student.recall(key, exam_day) for key in states) / max(1, len(states))
    return Forecast(per_day, recall, sum(d.answers for d in days), tuple(days))


def _study_day(
    states: dict[Hashable, CardState],
    student: SimulatedStudent,
    scheduler: Scheduler,
    start: datetime,
    exam_day: date,
    per_day: int,
    introduced: int = 0,
) -> tuple[int, int]:
    """One session, as StudySession runs it: queued cards, steps back when they are up.

    The student answers what the plan chooses, then other due cards, and stops once the
    day's answers are given (as the study screen's "today N of M" invites).

    Returns:
        The answers given and the new cards learnt.
    """
    fresh = sum(1 for state in states.values() if state.phase is Phase.NEW)
    left = (exam_day - sd.study_day(start, scheduler.tz, scheduler.config.rollover_hour)).days
    share = max(0, new_share(fresh + introduced, left) - introduced)
    queue = choose(states.items(), scheduler, start, exam_day, per_day, share)
    after = then_due(states.items(), queue, start)[len(queue) :]
    learning: list[Hashable] = []
    now, answered = start, 0
    while (queue or learning or after) and answered < per_day:
        due = states[learning[0]].due if learning else None
        if learning and (not queue or (due is not None and due <= now)):
            key = learning.pop(0)
        else:
            key = (queue or after).pop(0)
        rating = student.answer(key, now)
        state = scheduler.review(states[key], rating, now, str(key))
        states[key] = state
        answered += 1
        if state.due is not None and state.due <= now + LEARN_AHEAD:
            learning.append(key)
            learning.sort(key=lambda k: states[k].due or now)
        now += timedelta(seconds=SECONDS_PER_ANSWER)
    return answered, fresh - sum(1 for state in states.values() if state.phase is Phase.NEW)


def needed_per_day(
    cards: Mapping[Any, CardState],  # keyed by anything hashable: (deck id, card id) in the app
    scheduler: Scheduler,
    now: datetime,
    exam_day: date,
    target: float,
    seed: int = 0,
    *,
    answered: int = 0,
    introduced: int = 0,
) -> tuple[Forecast, bool]:
    """About the fewest answers a day whose simulated exam-day recall reaches the target.

    The search stops within PRECISION (an estimate needs no more), so it runs a handful of
    simulations. `answered` and `introduced` are today's so far, as `simulate` takes them.

    Returns:
        The forecast at that rate and True; or, when even MOST_PER_DAY falls short, False and
        the forecast at the fewest answers a day that come within NEAR_BEST of it (more add
        little, and a plan of hundreds a day helps nobody).
    """
    if not cards:
        return Forecast(0, 0.0, 0), False
    results: dict[int, Forecast] = {}

    def short(per_day: int, goal: float = target) -> bool:
        if per_day not in results:
            results[per_day] = simulate(
                cards,
                scheduler,
                now,
                exam_day,
                per_day,
                seed,
                answered=answered,
                introduced=introduced,
            )
        return results[per_day].recall < goal

    if not short(0):
        return results[0], True
    days = max(1, (exam_day - sd.study_day(now, scheduler.tz, scheduler.config.rollover_hour)).days)
    # A first guess: every card learnt or reviewed once, spread over the days left.
    low, high = 0, min(MOST_PER_DAY, max(1, round(2.5 * len(cards) / days)))
    while short(high):
        if high == MOST_PER_DAY:
            near = partial(short, goal=results[high].recall - NEAR_BEST)
            return results[_fewest(near, 0, high)], False
        low, high = high, min(MOST_PER_DAY, high * 2)
    return results[_fewest(short, low, high)], True


def _fewest(short: Callable[[int], bool], low: int, high: int) -> int:
    """Within PRECISION, the fewest answers a day between `low` (short) and `high` (not)."""
    while high - low > max(1, int(high * PRECISION)):
        middle = (low + high) // 2
        low, high = (middle, high) if short(middle) else (low, middle)
    return high
