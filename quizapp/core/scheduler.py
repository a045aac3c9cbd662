"""FSRS-6 scheduling counted in study days, following Anki's v3 scheduler.

Memory states come from fsrs-rs, the crate Anki ships, through fsrs-rs-python. Learning and
relearning steps run in minutes; review intervals are whole study days, due at the start of
their study day, and fuzzed with Anki's ranges from a seed so a replayed log reproduces them.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from enum import IntEnum, StrEnum
from functools import lru_cache
from typing import NamedTuple

from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS, MemoryState

from quizapp.core import study_day as sd

# Anki's fuzz: (start, end, factor); each interval day inside a range widens the fuzz by factor.
_FUZZ_RANGES = ((2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, math.inf, 0.05))


class Rating(IntEnum):
    """The grade given to a review."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


class Phase(StrEnum):
    """Where a card is in its life."""

    NEW = "new"
    LEARNING = "learning"
    REVIEW = "review"
    RELEARNING = "relearning"


@dataclass(frozen=True)
class CardState:
    """A card's scheduling state; `due` and `last_review` are aware UTC."""

    phase: Phase = Phase.NEW
    step: int = 0  # index into the learning or relearning steps
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None  # None for new cards
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0


@dataclass(frozen=True)
class SchedulerConfig:
    """Scheduling settings, with Anki's defaults."""

    desired_retention: float = 0.9
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    parameters: tuple[float, ...] = tuple(DEFAULT_PARAMETERS)
    maximum_interval_days: int = 36500
    rollover_hour: int = sd.DEFAULT_ROLLOVER_HOUR
    fuzz: bool = True


class Memory(NamedTuple):
    """An FSRS memory state."""

    stability: float
    difficulty: float


@lru_cache(maxsize=8)
def _model(parameters: tuple[float, ...]) -> FSRS:
    return FSRS(list(parameters))


def next_outcomes(
    parameters: Sequence[float], memory: Memory | None, days_elapsed: int, desired_retention: float
) -> dict[Rating, tuple[Memory, float]]:
    """Ask FSRS what each grade would do to a memory state.

    Args:
        parameters: The FSRS-6 parameters (21 weights).
        memory: The state before the review; None for a card never reviewed.
        days_elapsed: Study days since the last review; 0 makes FSRS-6's short-term update.
        desired_retention: The recall probability intervals aim for.

    Returns:
        For each grade, the new memory state and its interval in (fractional) days.
    """
    current = None if memory is None else MemoryState(memory.stability, memory.difficulty)
    states = _model(tuple(parameters)).next_states(current, desired_retention, days_elapsed)
    items = (states.again, states.hard, states.good, states.easy)
    return {
        rating: (Memory(item.memory.stability, item.memory.difficulty), item.interval)
        for rating, item in zip(Rating, items, strict=True)
    }


def next_memory(
    parameters: Sequence[float],
    memory: Memory | None,
    rating: Rating,
    days_elapsed: int,
    desired_retention: float,
) -> Memory:
    """Return the memory state after a review graded `rating` (see `next_outcomes`)."""
    return next_outcomes(parameters, memory, days_elapsed, desired_retention)[rating][0]


def forgetting_curve(parameters: Sequence[float], elapsed_days: float, stability: float) -> float:
    """Return FSRS-6's recall probability R = (1 + F*t/S)^-w20, F = 0.9^(1/-w20) - 1.

    Args:
        parameters: The FSRS parameters; w20 is the curve's decay (0.5 if absent, as FSRS-5).
        elapsed_days: Study days since the last review.
        stability: The memory's stability in days (R is 0.9 when t == S).

    Returns:
        The probability of recall, in (0, 1].
    """
    decay = -parameters[20] if len(parameters) > 20 else -0.5
    factor = 0.9 ** (1 / decay) - 1
    return (1 + factor * elapsed_days / stability) ** decay


def _round(value: float) -> int:
    # Rust's f32::round (halves away from zero), so intervals match Anki's.
    return math.floor(value + 0.5)


def fuzz_range(interval: float, minimum: int = 1, maximum: int = 36500) -> tuple[int, int]:
    """Return Anki's fuzz range for an interval, within [minimum, maximum].

    Args:
        interval: The unfuzzed interval in days.
        minimum: The shortest interval allowed.
        maximum: The longest interval allowed.

    Returns:
        The lowest and highest interval in days: no fuzz below 2.5 days, otherwise 1 day plus
        15% of the days in 2.5-7, 10% of those in 7-20 and 5% of those above 20, each side.
    """
    minimum = min(minimum, maximum)
    interval = min(max(interval, minimum), maximum)
    delta = 0.0
    if interval >= 2.5:
        delta = 1 + sum(f * max(0.0, min(interval, end) - start) for start, end, f in _FUZZ_RANGES)
    lower = min(max(_round(interval - delta), minimum), maximum)
    upper = min(max(_round(interval + delta), minimum), maximum)
    if upper == lower and 2 < upper < maximum:
        upper = lower + 1  # keep some spread when the limits squeeze the range
    return lower, upper


def _days(interval: float, minimum: int, maximum: int, fuzz: float | None) -> int:
    if fuzz is None:
        return min(max(_round(interval), minimum), maximum)
    lower, upper = fuzz_range(interval, minimum, maximum)
    return math.floor(lower + fuzz * (1 + upper - lower))


def _hard_delay(steps: tuple[timedelta, ...], index: int) -> timedelta:
    if index > 0:
        return steps[index]
    # Anki: between Again and Good on the first step, and never a day more than Again.
    if len(steps) > 1:
        delay = (steps[0] + steps[1]) / 2
    else:
        delay = min(steps[0] * 1.5, steps[0] + timedelta(days=1))
    # Anki rounds a delay over a day to whole days, to land at the same time of day.
    return timedelta(days=_round(delay / timedelta(days=1))) if delay > timedelta(days=1) else delay


class Scheduler:
    """Schedules reviews with FSRS-6 in study days."""

    def __init__(
        self, config: SchedulerConfig = SchedulerConfig(), tz: tzinfo | None = None
    ) -> None:
        """Create a scheduler.

        Args:
            config: The settings.
            tz: The student's timezone; the machine's (`study_day.local_timezone`) if None.
        """
        self.config = config
        self.tz = tz if tz is not None else sd.local_timezone()

    def review(
        self, state: CardState, rating: Rating, now: datetime, fuzz_seed: str = ""
    ) -> CardState:
        """Return the state after answering a card.

        Args:
            state: The card's state before the answer.
            rating: The grade given.
            now: The moment of the answer, aware.
            fuzz_seed: Seeds the fuzz with the rep count (use the card's key) to be replayable.

        Returns:
            The new state; review-phase cards are due at the start of their due study day.
        """
        cfg, now, last = self.config, sd.to_utc(now), state.last_review
        elapsed = 0 if last is None else sd.days_elapsed(last, now, self.tz, cfg.rollover_hour)
        memory = None
        if state.stability is not None and state.difficulty is not None:
            memory = Memory(state.stability, state.difficulty)
        outcomes = next_outcomes(cfg.parameters, memory, elapsed, cfg.desired_retention)
        fuzz = random.Random(fuzz_seed + str(state.reps)).random() if cfg.fuzz else None
        base = replace(state, last_review=now, reps=state.reps + 1, **outcomes[rating][0]._asdict())
        hi = cfg.maximum_interval_days
        days = 0
        if state.phase is Phase.REVIEW:
            if rating is Rating.AGAIN:
                base = replace(base, lapses=state.lapses + 1)
                if cfg.relearning_steps:
                    due = now + cfg.relearning_steps[0]
                    return replace(base, phase=Phase.RELEARNING, step=0, due=due)
                return self._schedule(base, _days(outcomes[rating][1], 1, hi, fuzz), now)
            # Each passing grade waits at least a day longer than the one below it.
            for grade in (Rating.HARD, Rating.GOOD, Rating.EASY)[: rating - 1]:
                days = _days(outcomes[grade][1], days + 1, hi, fuzz)
            return self._schedule(base, days, now)

        relearning = state.phase is Phase.RELEARNING
        steps = cfg.relearning_steps if relearning else cfg.learning_steps
        phase = Phase.RELEARNING if relearning else Phase.LEARNING
        index = min(state.step, len(steps) - 1)
        if steps and rating is Rating.AGAIN:
            return replace(base, phase=phase, step=0, due=now + steps[0])
        if steps and rating is Rating.HARD:
            return replace(base, phase=phase, step=index, due=now + _hard_delay(steps, index))
        if rating is Rating.GOOD and index + 1 < len(steps):
            return replace(base, phase=phase, step=index + 1, due=now + steps[index + 1])
        # Graduation: the grade's FSRS interval, Easy strictly beyond Good.
        if rating is Rating.EASY:
            days = _days(outcomes[Rating.GOOD][1], 1, hi, fuzz)
        days = _days(max(_round(outcomes[rating][1]), 1), days + 1, hi, fuzz)
        return self._schedule(base, days, now)

    def _schedule(self, state: CardState, days: int, now: datetime) -> CardState:
        roll = self.config.rollover_hour
        day = sd.study_day(now, self.tz, roll) + timedelta(days=days)
        due = sd.start_of_study_day(day, self.tz, roll)
        return replace(state, phase=Phase.REVIEW, step=0, due=due)

    def preview(
        self, state: CardState, now: datetime, fuzz_seed: str = ""
    ) -> dict[Rating, timedelta]:
        """Return the wait each grade would give, for answer-button labels.

        Args:
            state: The card's state.
            now: The moment of the answer, aware.
            fuzz_seed: The seed `review` will be given, so the labels tell the truth.

        Returns:
            Per grade, the step delay, or for a review outcome its whole number of study days.
        """
        waits: dict[Rating, timedelta] = {}
        today = sd.study_day(now, self.tz, self.config.rollover_hour)
        for rating in Rating:
            after = self.review(state, rating, now, fuzz_seed)
            assert after.due is not None
            if after.phase is Phase.REVIEW:
                due_day = sd.study_day(after.due, self.tz, self.config.rollover_hour)
                waits[rating] = timedelta(days=(due_day - today).days)
            else:
                waits[rating] = after.due - sd.to_utc(now)
        return waits

    def retrievability(self, state: CardState, now: datetime) -> float:
        """Return the probability of recalling the card now, counting study days elapsed.

        Args:
            state: The card's state.
            now: The moment, aware.

        Returns:
            A probability in [0, 1]: 1.0 on the day of a review, 0.0 for a new card.
        """
        if state.stability is None or state.last_review is None:
            return 0.0
        elapsed = sd.days_elapsed(state.last_review, now, self.tz, self.config.rollover_hour)
        return forgetting_curve(self.config.parameters, elapsed, state.stability)

    def is_due(self, state: CardState, now: datetime) -> bool:
        """Return whether the card should be shown now; new cards (no due date) always are."""
        return state.due is None or state.due <= now


def format_interval(delta: timedelta) -> str:
    """Format a wait as Anki labels answer buttons: "45s", "10m", "1.5h", "3d", "2.1mo", "1.5y".

    Args:
        delta: The wait.

    Returns:
        The label: seconds, minutes and days whole; hours, months and years to one decimal.
    """
    seconds = delta.total_seconds()
    day = 86400.0
    units = (
        (60, 1, "s", 0),
        (3600, 60, "m", 0),
        (day, 3600, "h", 1),
        (30.417 * day, day, "d", 0),
        (365 * day, 30.417 * day, "mo", 1),
    )
    size, suffix, decimals = 365 * day, "y", 1
    for limit, unit, name, places in units:
        if abs(seconds) < limit:
            size, suffix, decimals = unit, name, places
            break
    scale = 10**decimals
    amount = math.copysign(_round(abs(seconds) / size * scale), seconds) / scale
    return f"{amount:g}{suffix}"
