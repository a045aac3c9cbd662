"""FSRS-6 scheduling counted in study days, following Anki's v3 scheduler.

Memory states come from fsrs-rs, the crate Anki ships, through fsrs-rs-python. Learning and
relearning steps run in minutes; review intervals are whole study days, due at the start of
their study day, and fuzzed with Anki's ranges from a seed so a replayed log reproduces them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

from fsrs_rs_python import DEFAULT_PARAMETERS

from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.fsrs_memory import Memory, forgetting_curve, next_outcomes
from quizapp.core.scheduling.intervals import interval_days, round_half_up
from quizapp.core.scheduling.local_zone import local_timezone
from quizapp.core.scheduling.rating import Rating


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
    lapses: int = 0  # Again answers, but a new card's first


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


def _hard_delay(steps: tuple[timedelta, ...], index: int) -> timedelta:
    if index > 0:
        return steps[index]
    # Anki: between Again and Good on the first step, and never a day more than Again.
    if len(steps) > 1:
        delay = (steps[0] + steps[1]) / 2
    else:
        delay = min(steps[0] * 1.5, steps[0] + timedelta(days=1))
    # Anki rounds a delay over a day to whole days, to land at the same time of day.
    return (
        timedelta(days=round_half_up(delay / timedelta(days=1)))
        if delay > timedelta(days=1)
        else delay
    )


def phase_after(
    config: SchedulerConfig, phase: Phase, step: int, rating: Rating
) -> tuple[Phase, int]:
    """The phase and step an answer leaves a card in, as `Scheduler.review` moves it, without
    the memory and intervals (replaying a long log's phases takes microseconds a review)."""
    if phase is Phase.REVIEW:
        if rating is Rating.AGAIN and config.relearning_steps:
            return Phase.RELEARNING, 0
        return Phase.REVIEW, 0
    relearning = phase is Phase.RELEARNING
    steps = config.relearning_steps if relearning else config.learning_steps
    stays = Phase.RELEARNING if relearning else Phase.LEARNING
    index = min(step, len(steps) - 1)
    if steps and rating is Rating.AGAIN:
        return stays, 0
    if steps and rating is Rating.HARD:
        return stays, index
    if rating is Rating.GOOD and index + 1 < len(steps):
        return stays, index + 1
    return Phase.REVIEW, 0


class Scheduler:
    """Schedules reviews with FSRS-6 in study days."""

    def __init__(
        self, config: SchedulerConfig = SchedulerConfig(), tz: tzinfo | None = None
    ) -> None:
        """Create a scheduler.

        Args:
            config: The settings.
            tz: The student's timezone; the machine's (`local_zone.local_timezone`) if None.
        """
        self.config = config
        self.tz = tz if tz is not None else local_timezone()

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
        # A lapse is any Again but a new card's first: failures while learning count too, so a
        # card failed again and again in its learning steps shows as hard.
        lapsed = rating is Rating.AGAIN and state.phase is not Phase.NEW
        base = replace(
            state,
            last_review=now,
            reps=state.reps + 1,
            lapses=state.lapses + lapsed,
            **outcomes[rating][0]._asdict(),
        )
        hi = cfg.maximum_interval_days
        days = 0
        if state.phase is Phase.REVIEW:
            if rating is Rating.AGAIN:
                if cfg.relearning_steps:
                    due = now + cfg.relearning_steps[0]
                    return replace(base, phase=Phase.RELEARNING, step=0, due=due)
                return self._schedule(base, interval_days(outcomes[rating][1], 1, hi, fuzz), now)
            # Each passing grade waits at least a day longer than the one below it.
            for grade in (Rating.HARD, Rating.GOOD, Rating.EASY)[: rating - 1]:
                days = interval_days(outcomes[grade][1], days + 1, hi, fuzz)
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
            days = interval_days(outcomes[Rating.GOOD][1], 1, hi, fuzz)
        days = interval_days(max(round_half_up(outcomes[rating][1]), 1), days + 1, hi, fuzz)
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

    def recall_now(self, state: CardState, now: datetime) -> float:
        """The model's probability of recalling the card at this moment, for a person to read.

        Unlike `retrievability`, which counts whole study days (as intervals do) and so says
        100% all day after any answer, this counts the time since the last review: a card just
        failed again and again has a tiny stability, and its recall falls within minutes.

        Args:
            state: The card's state.
            now: The moment, aware.

        Returns:
            A probability in [0, 1]; 0.0 for a card never studied.
        """
        if state.stability is None or state.last_review is None:
            return 0.0
        elapsed = max(0.0, (sd.to_utc(now) - state.last_review).total_seconds() / 86_400)
        return forgetting_curve(self.config.parameters, elapsed, state.stability)

    def is_due(self, state: CardState, now: datetime) -> bool:
        """Return whether the card should be shown now; new cards (no due date) always are."""
        return state.due is None or state.due <= now
