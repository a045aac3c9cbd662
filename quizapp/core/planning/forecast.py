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
from typing import TYPE_CHECKING, Any

from fsrs_rs_python import default_simulator_config

from quizapp.core.planning.exam_queue import choose, new_share, then_due
from quizapp.core.planning.final_pass import share as final_share
from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.fsrs_memory import Memory, forgetting_curve, next_memory
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler

if TYPE_CHECKING:
    from quizapp.core.planning.card_columns import Memories

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
# More cards than this are simulated a day at a time in arrays (`array_forecast`): followed
# answer by answer, 100,000 cards take minutes a run.
EXACT_LIMIT = 1_000


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
    final: int = 0  # cards the final pass saw first that day


@dataclass(frozen=True)
class Forecast:
    """A simulated run to the exam."""

    per_day: int
    recall: float  # mean predicted exam-day recall over the cards
    answers: int  # answers given in all
    days: tuple[PlannedDay, ...] = ()  # day by day, from the first to the eve of the exam


def simulate(
    cards: Mapping[Any, CardState] | Memories,  # keyed by anything hashable: (deck id, card id)
    scheduler: Scheduler,
    now: datetime,
    exam_day: date,
    per_day: int,
    seed: int = 0,
    *,
    answered: int = 0,
    introduced: int = 0,
    final_start: date | None = None,
    final_done: int = 0,
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
        final_start: The final pass's first day (`final_pass`), None without one.
        final_done: Cards first seen in the final pass today, before `now`.

    Returns:
        The mean exam-day recall, the answers given and the days (today's with what was done
        before `now`). More than EXACT_LIMIT cards (or cards given as columns) are simulated
        in arrays (`array_forecast`).
    """
    if not isinstance(cards, Mapping) or len(cards) > EXACT_LIMIT:
        return _in_arrays(
            cards, scheduler, now, exam_day, per_day, seed, (answered, introduced),
            (final_start, final_done),
        )  # fmt: skip
    student = SimulatedStudent(scheduler, seed)
    states = dict(cards)
    for key, state in states.items():
        student.knows(key, state)
    days: list[PlannedDay] = []
    moment = now
    roll = scheduler.config.rollover_hour
    since = None if final_start is None else sd.start_of_study_day(final_start, scheduler.tz, roll)
    while (day := sd.study_day(moment, scheduler.tz, roll)) < exam_day:
        unseen: set[Hashable] | None = None
        final = 0
        if since is not None and final_start is not None and day >= final_start:
            unseen = {
                k for k, s in states.items() if s.last_review is None or s.last_review < since
            }
            left, length = (exam_day - day).days, (exam_day - final_start).days
            final = final_share(len(unseen) + final_done, left, len(states), length)
            final = max(0, final - final_done)
        run = _study_day(
            states, student, scheduler, moment, exam_day,
            max(0, per_day - answered), introduced, unseen, final, final_start,
        )  # fmt: skip
        given, learnt, seen = run
        days.append(PlannedDay(day, given + answered, learnt + introduced, seen + final_done))
        moment += timedelta(days=1)
        answered = introduced = final_done = 0
    recall = sum(student.recall(key, exam_day) for key in states) / max(1, len(states))
    return Forecast(per_day, recall, sum(d.answers for d in days), tuple(days))


def _in_arrays(
    cards: Mapping[Any, CardState] | Memories,
    scheduler: Scheduler,
    now: datetime,
    exam_day: date,
    per_day: int,
    seed: int,
    today_so_far: tuple[int, int],
    final: tuple[date | None, int],
) -> Forecast:
    from quizapp.core.planning.array_forecast import ArrayStudent

    columns = as_memories(cards, scheduler)
    roll = scheduler.config.rollover_hour
    today = sd.day_number(sd.study_day(now, scheduler.tz, roll))
    student = ArrayStudent(
        scheduler.config, FIRST_GRADES, PASS_GRADES, seed, (LEARNING_STEPS, RELEARNING_STEPS)
    )
    answered, introduced = today_so_far
    start = None if final[0] is None else sd.day_number(final[0])
    length = None if final[0] is None else (exam_day - final[0]).days

    def share_of(new_cards: int, days_left: int) -> int:
        return new_share(new_cards, days_left, None if length is None else days_left - length)

    recall, runs = student.run(
        columns, today, sd.day_number(exam_day), per_day, share_of, answered, introduced,
        final=(start, final[1]),
    )  # fmt: skip
    days = tuple(PlannedDay(sd.day_from_number(d.day), d.answers, d.new, d.final) for d in runs)
    return Forecast(per_day, recall, sum(d.answers for d in days), days)


def as_memories(cards: Mapping[Any, CardState] | Memories, scheduler: Scheduler) -> Memories:
    """Card states as columns (`array_forecast.Memories`), in the mapping's order."""
    from quizapp.core.planning.card_columns import memories

    if not isinstance(cards, Mapping):
        return cards
    states = list(cards.values())
    return memories(
        [str(s.phase) for s in states],
        [s.step for s in states],
        [s.stability for s in states],
        [s.difficulty for s in states],
        [None if s.due is None else int(s.due.timestamp() * 1000) for s in states],
        [None if s.last_review is None else int(s.last_review.timestamp() * 1000) for s in states],
        scheduler.tz,
        scheduler.config.rollover_hour,
    )


def _study_day(
    states: dict[Hashable, CardState],
    student: SimulatedStudent,
    scheduler: Scheduler,
    start: datetime,
    exam_day: date,
    per_day: int,
    introduced: int = 0,
    unseen: set[Hashable] | None = None,
    final: int = 0,
    final_start: date | None = None,
) -> tuple[int, int, int]:
    """One session, as StudySession runs it: queued cards, steps back when they are up.

    The student answers what the plan chooses, then other due cards, and stops once the
    day's answers are given (as the study screen's "today N of M" invites). In the final
    pass, `unseen` are the cards it has not seen and `final` today's share of them left.

    Returns:
        The answers given, the new cards learnt and the cards the final pass saw first.
    """
    fresh = sum(1 for state in states.values() if state.phase is Phase.NEW)
    day = sd.study_day(start, scheduler.tz, scheduler.config.rollover_hour)
    left = (exam_day - day).days
    before = None if final_start is None else (final_start - day).days
    share = max(0, new_share(fresh + introduced, left, before) - introduced)
    share = 0 if unseen is not None else share
    queue = choose(states.items(), scheduler, start, exam_day, per_day, share, unseen, final)
    after = then_due(states.items(), queue, start)[len(queue) :]  # the pass's due ones too
    learning: list[Hashable] = []
    now, answered = start, 0
    # The day's share of the final pass is seen whatever the answers it takes.
    owed = set(queue) & set(unseen or ())
    while (queue or learning or after) and (answered < per_day or owed):
        due = states[learning[0]].due if learning else None
        if learning and (not queue or (due is not None and due <= now)):
            key = learning.pop(0)
        else:
            key = (queue or after).pop(0)
        rating = student.answer(key, now)
        owed.discard(key)
        state = scheduler.review(states[key], rating, now, str(key))
        states[key] = state
        answered += 1
        if state.due is not None and state.due <= now + LEARN_AHEAD:
            learning.append(key)
            learning.sort(key=lambda k: states[k].due or now)
        now += timedelta(seconds=SECONDS_PER_ANSWER)
    learnt = fresh - sum(1 for state in states.values() if state.phase is Phase.NEW)
    seen = sum(1 for key in unseen or () if (at := states[key].last_review) and at >= start)
    return answered, learnt, seen


def _leaves_new_to_pass(forecast: Forecast, final_start: date | None, cards: int) -> bool:
    """Whether a rate leaves new cards to the final pass's days (more than 2% of the cards):
    they would pile onto those days, each costing its learning steps on top of the pass's
    share, while the plan showed a lighter load before them."""
    if final_start is None or not any(day.day < final_start for day in forecast.days):
        return False
    left = sum(day.new for day in forecast.days if day.day >= final_start)
    return left > max(2, cards // 50)


def needed_per_day(
    cards: Mapping[Any, CardState] | Memories,  # keyed by anything hashable: (deck id, card id)
    scheduler: Scheduler,
    now: datetime,
    exam_day: date,
    target: float,
    seed: int = 0,
    *,
    answered: int = 0,
    introduced: int = 0,
    final_start: date | None = None,
    final_done: int = 0,
    least: int = 0,
) -> tuple[Forecast, bool]:
    """About the fewest answers a day whose simulated exam-day recall reaches the target.

    The search stops within PRECISION (an estimate needs no more), so it runs a handful of
    simulations. `answered`, `introduced`, `final_start` and `final_done` are as `simulate`
    takes them; the search starts at `least` answers a day.

    Returns:
        The forecast at that rate and True; or, when even MOST_PER_DAY falls short, False and
        the forecast at the fewest answers a day that come within NEAR_BEST of it (more add
        little, and a plan of hundreds a day helps nobody).
    """
    if not len(cards):
        return Forecast(0, 0.0, 0), False
    if isinstance(cards, Mapping) and len(cards) > EXACT_LIMIT:
        cards = as_memories(cards, scheduler)  # once, for every run of the search
    results: dict[int, Forecast] = {}
    least = min(least, MOST_PER_DAY)

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
                final_start=final_start,
                final_done=final_done,
            )
        forecast = results[per_day]
        return forecast.recall < goal or _leaves_new_to_pass(forecast, final_start, len(cards))

    if not short(least):
        return results[least], True
    days = max(1, (exam_day - sd.study_day(now, scheduler.tz, scheduler.config.rollover_hour)).days)
    # A first guess: every card learnt or reviewed once, spread over the days left.
    low, high = least, min(MOST_PER_DAY, max(least + 1, round(2.5 * len(cards) / days)))
    while short(high):
        if high == MOST_PER_DAY:
            near = partial(short, goal=results[high].recall - NEAR_BEST)
            return results[_fewest(near, least, high)], False
        low, high = high, min(MOST_PER_DAY, high * 2)
    return results[_fewest(short, low, high)], True


def _fewest(short: Callable[[int], bool], low: int, high: int) -> int:
    """Within PRECISION, the fewest answers a day between `low` (short) and `high` (not)."""
    while high - low > max(1, int(high * PRECISION)):
        middle = (low + high) // 2
        low, high = (middle, high) if short(middle) else (low, middle)
    return high
