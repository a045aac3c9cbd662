"""What a study day already owes under exam mode, with its spread, and how many new cards fit.

Both the day's load (`exam_load.day_load`, which home shows) and a session (`exam_room`) ask
the same question: does one more new card fit in the answers left, once every card's steps and
due reviews are counted with a margin (`step_cost`)? Both answer it here, so the new cards the
load promises are the ones a session serves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from quizapp.core.planning.step_cost import PRIOR_AGAIN, Owed, review_owed, steps_owed, total
from quizapp.core.progress.log_stats import step_answers
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler
from quizapp.core.scheduling.study_day import start_of_study_day, study_day

# Standard deviations kept for runs of Again. The normal quantile for one day in twenty
# (1.65) went over the load on 15 of 252 days of tests/test_exam_load_margin.py's month (the
# answers a step owes have a long tail, and a session tops up its queue as room frees); 2.0
# went over on 5 (2%), with about 68 of the 70 answers a day still given.
MARGIN = 2.0
RATE_DAYS = 7  # the student's Again rate at a step is read over this many study days


class Costs:
    """The answers a card owes today (`step_cost`), at the student's Again rate at a step and
    a review's chance of lapsing now."""

    def __init__(self, scheduler: Scheduler, now: datetime, again: float) -> None:
        cfg = scheduler.config
        self.scheduler, self.now, self.again = scheduler, now, again
        self.learning, self.relearning = len(cfg.learning_steps), len(cfg.relearning_steps)
        self.relearnt = steps_owed(self.relearning, 0, again) if self.relearning else Owed()

    def of(self, state: CardState) -> Owed:
        if state.phase in (Phase.NEW, Phase.LEARNING):
            return steps_owed(self.learning, state.step, self.again)
        if state.phase is Phase.RELEARNING:
            return steps_owed(self.relearning, state.step, self.again)
        lapse = 1 - self.scheduler.retrievability(state, self.now)
        return review_owed(lapse, self.relearnt)

    def new_card(self) -> Owed:
        return steps_owed(self.learning, 0, self.again)


def fits(owed: Owed, card: Owed, left: float, first: bool) -> bool:
    """Whether a card fits the answers left with the margin, beside what is owed. A load too
    small for one new card with the margin (a few answers a day) still gets its `first`, if it
    fits on average and nothing else is owed: else none would ever start."""
    if total([owed, card]).bound(MARGIN) <= left:
        return True
    return first and owed.mean == 0 and card.mean <= left


def new_that_fit(
    states: Iterable[CardState], costs: Costs, left: float, first: bool, most: int
) -> int:
    """How many new cards (at most `most`) fit in the answers left beside what the day owes:
    the steps of the cards learning today and the reviews due now (`Costs`)."""
    end = costs.now + timedelta(days=1)
    owed = total(
        costs.of(s)
        for s in states
        if s.due is not None
        and (
            (s.phase in (Phase.LEARNING, Phase.RELEARNING) and s.due < end)
            or (s.phase is Phase.REVIEW and s.due <= costs.now)
        )
    )
    card, count = costs.new_card(), 0
    while count < most and fits(owed, card, left, first and count == 0):
        owed, count = total([owed, card]), count + 1
    return count


def step_again(ids: Sequence[str], store: Store, scheduler: Scheduler, now: datetime) -> float:
    """The student's Again rate at a step over the last RATE_DAYS study days in these decks
    (today's answers so far too), from the plan's prior (`step_cost.PRIOR_AGAIN`)."""
    roll = scheduler.config.rollover_hour
    today = study_day(now, scheduler.tz, roll)
    since = start_of_study_day(today - timedelta(days=RATE_DAYS), scheduler.tz, roll)
    return step_answers(store, list(ids), since).again_rate(PRIOR_AGAIN)


def due_by(state: CardState, now: datetime) -> bool:
    return state.due is not None and state.due <= now
