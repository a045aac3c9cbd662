"""Exam mode's load for one study day: the answers and new cards the plan asks today.

The plan keeps its answers a day (worked out when the exam date is set) and spreads the new
cards left over the days left (`exam_queue.new_share`), counted from the start of the study
day: the load is the same all day, whenever it is asked, and the same each day for a student
who keeps to it. Home and the study screen say it; `queue.build_queue` serves it.

The exam modules load only once a plan is set: home's start-up needs none of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from quizapp.core.decks.model import Deck
from quizapp.core.progress.plan_settings import DATE_KEY
from quizapp.core.progress.store import Store
from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.scheduler import Scheduler

if TYPE_CHECKING:
    from quizapp.core.planning.plan import ExamPlan


@dataclass(frozen=True)
class DayLoad:
    """What exam mode asks of one study day, and what is done of it."""

    exam_day: date
    day: date
    answers: int  # answers planned today, learning steps included
    new: int  # new cards planned today
    answered: int  # answers given today in the exam's decks
    introduced: int  # new cards of the exam's decks first studied today
    waiting: int = 0  # new cards of today's share that wait: the due reviews come first

    @property
    def answers_left(self) -> int:
        return max(0, self.answers - self.answered)

    @property
    def new_left(self) -> int:
        return max(0, self.new - self.introduced)

    def words(self) -> str:
        """One line for home and the study screen, e.g. "Exam mode · 12 Jan · today 34 of 40"."""
        when = f"{self.exam_day.day} {self.exam_day:%b}"
        if self.answers == 0:
            return f"Exam mode · {when} · nothing planned today, due cards still come"
        done = " · done" if self.answered >= self.answers else ""
        # Short: the study header has one line of an 80-column terminal.
        wait = f" ({self.waiting} wait)" if self.waiting else ""
        if self.new == self.introduced == 0:  # none left, none planned, or all wait
            new = ", reviews due first: new cards wait" if self.waiting else ""
        elif self.introduced <= self.new:
            new = f", {self.introduced} of {self.new} new{wait}"
        else:  # reviews left room for new cards of the days after
            new = f", {self.introduced} new ({self.introduced - self.new} ahead)"
        return f"Exam mode · {when} · today {self.answered} of {self.answers} answers{new}{done}"


def plan_set(store: Store) -> bool:
    """Whether an exam date is kept (one settings lookup: no exam code is loaded)."""
    return bool(store.setting(DATE_KEY))


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
    from quizapp.core.planning.exam_queue import committed, new_card_cost, new_for_day
    from quizapp.core.progress.log_stats import answers_since

    roll = scheduler.config.rollover_hour
    today = sd.study_day(now, scheduler.tz, roll)
    if not plan.active(today):
        return None
    start = sd.start_of_study_day(today, scheduler.tz, roll)
    covered = [deck for deck in decks if plan.covers(deck.id)]
    fresh = introduced = 0
    owed = 0.0
    for deck in covered:
        studied, _ = store.deck_counts(deck.id, now)
        fresh += max(0, len(deck.cards) - studied)
        introduced += len(store.introduced_since(deck.id, start))
        aside = store.set_aside_now(deck.id, now)
        states = [s for card, s in store.states(deck.id).items() if card not in aside]
        owed += committed(states, scheduler, now, plan.exam_day)
    share = new_for_day(fresh + introduced, (plan.exam_day - today).days, plan.per_day, scheduler)
    answered = answers_since(store, [deck.id for deck in covered], start)
    room = max(0, int((plan.per_day - answered - owed) // new_card_cost(scheduler)))
    new = min(share, introduced + room)
    return DayLoad(plan.exam_day, today, plan.per_day, new, answered, introduced, share - new)


def current_load(
    decks: Sequence[Deck], store: Store, scheduler: Scheduler, now: datetime
) -> DayLoad | None:
    """Today's load of the plan the store keeps, or None without one (or past its exam)."""
    if not plan_set(store):
        return None
    from quizapp.core.planning.plan import load_plan

    plan = load_plan(store)
    return None if plan is None else day_load(plan, decks, store, scheduler, now)
