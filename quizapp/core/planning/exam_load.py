"""Exam mode's load for one study day: the answers and new cards the plan asks today.

The plan keeps its answers a day (worked out when the exam date is set) and spreads the new
cards left over the days left (`exam_queue.new_share`), counted from the start of the study
day: the load is the same all day, whenever it is asked, and the same each day for a student
who keeps to it. Home and the study screen say it; `queue.build_queue` serves it.

The exam modules load only once a plan is set: home's start-up needs none of them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from quizapp.core.decks.model import Deck
from quizapp.core.planning.final_pass import in_pass
from quizapp.core.planning.step_cost import PRIOR_AGAIN
from quizapp.core.progress.plan_settings import DATE_KEY
from quizapp.core.progress.store import Store
from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Scheduler

if TYPE_CHECKING:
    from quizapp.core.planning.plan import ExamPlan


# A session that found no card the answers left fit keeps "DAY ANSWERED" here (not a plan
# setting: `plan_settings.PLAN_PREFIX`), so that home's line says the day is done too.
CLOSED_KEY = "study_day_closed"


def closed_mark(day: date, answered: int) -> str:
    return f"{day.isoformat()} {answered}"


@dataclass(frozen=True)
class DayLoad:
    """What exam mode asks of one study day, and what is done of it."""

    exam_day: date
    day: date
    answers: int  # answers planned today, learning steps included
    new: int  # new cards planned today
    answered: int  # answers given today in the exam's decks
    introduced: int  # new cards of the exam's decks first studied today
    final: int = 0  # cards the final pass asks today (`final_pass`; 0 outside it)
    final_done: int = 0  # cards first seen in the final pass today
    final_start: date | None = None  # the final pass's first day, None without one
    covered: frozenset[str] = frozenset()  # the ids of the decks the exam covers
    name: str = ""  # a named exam's name
    waiting: int = 0  # new cards of today's share that wait: the due reviews come first
    again: float = PRIOR_AGAIN  # the student's Again rate at a step the new cards were fit at
    # A session found no card the answers left fit (a new card takes 2.6, a review more
    # than one): the day asks no more, though they are not all given.
    closed: bool = False

    @property
    def done(self) -> bool:
        """Whether the day asks no more: its answers are given, or all but one (a review is
        expected to cost more than one answer, its lapse counted: the queue chooses none),
        or a session found no card the answers left fit (`closed`)."""
        return self.answers_left <= 1 or self.closed

    def close(self) -> DayLoad:
        """The load once a session found no card the answers left fit: done, and the new
        cards of the share not begun said to wait (the share is the same)."""
        unserved = max(0, self.new - self.introduced)
        return replace(self, closed=True, new=self.new - unserved, waiting=self.waiting + unserved)

    @property
    def answers_left(self) -> int:
        return max(0, self.answers - self.answered)

    @property
    def new_left(self) -> int:
        return max(0, self.new - self.introduced)

    @property
    def final_left(self) -> int:
        return max(0, self.final - self.final_done)

    def words(self) -> str:
        """One line for home and the study screen, e.g. "Exam mode · 12 Jan · today 34 of 40"."""
        when = f"{self.exam_day.day} {self.exam_day:%b}"
        if self.name:
            when = f"{self.name} · {when}"
        if self.answers == 0:
            return f"Exam mode · {when} · nothing planned today, due cards still come"
        done = " · done" if self.done else ""
        # Short: the study header has one line of an 80-column terminal.
        wait = f" ({self.waiting} wait)" if self.waiting else ""
        if self.final:  # the pass's new cards come in its share
            new = ""
        elif self.new == self.introduced == 0:  # none left, none planned, or all wait
            new = f", 0 new{wait}" if self.waiting else ""
        elif self.introduced <= self.new:
            new = f", {self.introduced} of {self.new} new{wait}"
        else:  # reviews left room for new cards of the days after
            new = f", {self.introduced} new ({self.introduced - self.new} ahead)"
        final = ""
        if self.final_done > self.final > 0:  # due reviews past the share: seen a day ahead
            final = f", final pass {self.final_done} ({self.final_done - self.final} ahead)"
        elif self.final:
            final = f", final pass {self.final_done} of {self.final}"
        return (
            f"Exam mode · {when} · today {self.answered} of {self.answers} answers"
            f"{new}{final}{done}"
        )


def exam_waits(
    waits: dict[Rating, timedelta], now: datetime, exam_day: date, scheduler: Scheduler
) -> dict[Rating, str]:
    """The grades whose wait brings a card back on or after the exam day, said as "after the
    exam" (a student saw "Good 1.6mo" sixteen days before it); the others' waits as given."""
    from quizapp.core.scheduling.intervals import format_interval

    roll = scheduler.config.rollover_hour
    return {
        rating: "after exam"
        if sd.study_day(now + wait, scheduler.tz, roll) >= exam_day
        else format_interval(wait)
        for rating, wait in waits.items()
    }


def plan_set(store: Store) -> bool:
    """Whether an exam date is kept, unnamed or named (a settings lookup or two: no exam code
    is loaded)."""
    if store.setting(DATE_KEY):
        return True
    from quizapp.core.planning.plan import plan_named

    return plan_named(store)


def day_load(
    plan: ExamPlan, decks: Sequence[Deck], store: Store, scheduler: Scheduler, now: datetime
) -> DayLoad | None:
    """Today's load of an exam plan, or None when the exam is not ahead.

    Args:
        plan: The plan; `per_day` is the answers a day it settled on.
        decks: The decks loaded (those the exam covers are counted).
        store: The progress store.
        scheduler: Its timezone and rollover hour define the study day.
        now: The moment.

    Returns:
        The answers and new cards of the day: the plan's answers a day, and today's even share
        of the cards new at the start of the day, as many as those answers fit once the steps
        and reviews due are counted (as the queue serves them: after days away the reviews
        due take the day and new cards wait). A student who missed days gets a larger share
        but never a larger load: the plan says when the target is no longer in reach at that
        load, and setting the date again plans anew.
    """
    from quizapp.core.planning.day_owed import Costs, new_that_fit, step_again
    from quizapp.core.planning.exam_queue import new_card_cost, new_for_day
    from quizapp.core.progress.log_stats import answers_since

    roll = scheduler.config.rollover_hour
    today = sd.study_day(now, scheduler.tz, roll)
    if not plan.active(today):
        return None
    start = sd.start_of_study_day(today, scheduler.tz, roll)
    covered = [deck for deck in decks if plan.covers(deck.id)]
    ids = frozenset(deck.id for deck in covered)
    fresh = introduced = 0
    for deck in covered:
        studied, _ = store.deck_counts(deck.id, now)
        fresh += max(0, len(deck.cards) - studied)
        introduced += len(store.introduced_since(deck.id, start))
    answered = answers_since(store, [deck.id for deck in covered], start)
    # A session found that no card fits the answers left, and none was given since.
    closed = store.setting(CLOSED_KEY) == closed_mark(today, answered)
    pass_start = plan.final_start
    if in_pass(pass_start, today, plan.exam_day):
        assert pass_start is not None
        final, done = pass_today(covered, store, scheduler, pass_start, today, plan.exam_day)
        # New cards come first in the pass's share now (`pass_order`), and the day holds the
        # whole share: a new card's learning steps, a review's one answer. The reviews due
        # past the share are served after it (a day ahead of their share), as on other days.
        learn = min(final, fresh + introduced)
        cost = learn * new_card_cost(scheduler) + final - learn
        answers = max(plan.per_day, math.ceil(cost))
        load = DayLoad(
            plan.exam_day, today, answers, 0, answered, 0, final, done, pass_start, ids, plan.name
        )
        return load.close() if closed else load
    before = None if pass_start is None else (pass_start - today).days
    days_left = (plan.exam_day - today).days
    share = new_for_day(fresh + introduced, days_left, plan.per_day, scheduler, before)
    # The steps owed and the reviews due now come first (the queue serves them anyway): after
    # days away they take the day's answers and the new cards wait. A new card comes only if
    # it fits with the margin a bad run of Again answers asks (`day_owed`), as in a session.
    states: list[CardState] = []
    for deck in covered:
        aside = store.set_aside_now(deck.id, now)
        states += [s for card, s in store.states(deck.id).items() if card not in aside]
    costs = Costs(scheduler, now, step_again(sorted(ids), store, scheduler, now))
    most = max(0, share - introduced)
    room = new_that_fit(states, costs, plan.per_day - answered, answered == 0, most)
    new = min(share, introduced + room)
    load = DayLoad(
        plan.exam_day,
        today,
        plan.per_day,
        new,
        answered,
        introduced,
        final_start=pass_start,
        covered=ids,
        name=plan.name,
        waiting=share - new,
        again=costs.again,
    )
    return load.close() if closed else load


def pass_today(
    decks: Sequence[Deck],
    store: Store,
    scheduler: Scheduler,
    pass_start: date,
    today: date,
    exam_day: date,
) -> tuple[int, int]:
    """A final pass day's share of cards and those first seen in the pass today (counted at
    the start of the day, so the share holds all day)."""
    from quizapp.core.planning.final_pass import share
    from quizapp.core.progress.log_stats import answered_since, first_seen_since

    roll = scheduler.config.rollover_hour
    since = sd.start_of_study_day(pass_start, scheduler.tz, roll)
    start = sd.start_of_study_day(today, scheduler.tz, roll)
    unseen = done = cards = 0
    for deck in decks:
        ids = {card.id for card in deck.cards}
        cards += len(ids)
        unseen += len(ids) - len(answered_since(store, deck.id, ids, since))
        done += len(first_seen_since(store, deck.id, since, start) & ids)
    days = (exam_day - pass_start).days
    return share(unseen + done, (exam_day - today).days, cards, days), done


def current_load(
    decks: Sequence[Deck], store: Store, scheduler: Scheduler, now: datetime
) -> DayLoad | None:
    """Today's load of the plan the store keeps, or None without one (or past its exam)."""
    if not plan_set(store):
        return None
    from quizapp.core.planning.plan import load_plan

    plan = load_plan(store, scheduler, now)
    return None if plan is None else day_load(plan, decks, store, scheduler, now)
