"""A daily budget in minutes, and the plan's whole report (`full_report`): the forecast within
the budget, the final pass's figures and the cards FSRS would next show only after the exam.

Minutes become answers at the student's own pace: the mean seconds of their recent timed
answers in the exam's decks (`log_stats.seconds_per_answer`), SECONDS_PER_ANSWER without any.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from quizapp.core.planning.final_pass import share
from quizapp.core.planning.forecast import SECONDS_PER_ANSWER, simulate
from quizapp.core.planning.plan import (
    ExamPlan,
    PlannedCards,
    PlanReport,
    plan_report,
)
from quizapp.core.planning.readiness import exam_recalls
from quizapp.core.progress.store import Store
from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.scheduler import Scheduler

MOST_DECKS_TRIED = 12  # decks (and tags) tried one by one for leaving out: a forecast each


def answer_seconds(store: Store, deck_ids: Sequence[str]) -> tuple[float, bool]:
    """The student's seconds per answer in these decks, and whether they come from the log."""
    from quizapp.core.progress.log_stats import seconds_per_answer

    seconds = seconds_per_answer(store, deck_ids)
    return (SECONDS_PER_ANSWER, False) if seconds is None else (seconds, True)


def answers_in(minutes: int, seconds: float) -> int:
    """Answers that fit in a number of minutes at this pace."""
    return max(0, int(minutes * 60 // max(seconds, 1.0)))


def full_report(
    cards: PlannedCards,
    scheduler: Scheduler,
    now: datetime,
    plan: ExamPlan,
    pace: tuple[float, bool] = (SECONDS_PER_ANSWER, False),
    *,
    replan: bool = True,
    answered: int = 0,
    introduced: int = 0,
    final_done: int = 0,
) -> PlanReport:
    """`plan.plan_report` within the plan's budget in minutes, with its final pass and the
    cards due after the exam.

    Args:
        cards: The covered cards.
        scheduler: The student's scheduler.
        now: The moment.
        plan: The plan; `minutes`, when set, caps the answers a day.
        pace: Seconds per answer and whether they are the student's own (`answer_seconds`).
        replan: Work out the answers a day anew (setting the date), else keep the plan's.
        answered: Answers given today in the exam's decks.
        introduced: New cards first studied today.
        final_done: Cards first seen in the final pass today.

    Returns:
        The report. When the target needs more answers than the minutes hold, the plan is the
        most the minutes hold, with the forecast at that rate, the minutes that would reach
        the target, and the decks and tags whose leaving out alone would.
    """
    so_far = {"answered": answered, "introduced": introduced, "final_done": final_done}
    seconds, timed = pace
    report = plan_report(cards, scheduler, now, plan, replan=replan, **so_far)
    cap = None if plan.minutes is None else answers_in(plan.minutes, seconds)
    minutes_needed, leave_out = None, []
    if cap is not None:
        free = report  # the plan without a budget, when setting the date
        if replan and report.per_day > cap:
            needed = report.per_day if report.reachable else report.needed
            capped = replace(plan, per_day=cap)
            at_cap = plan_report(cards, scheduler, now, capped, replan=False, **so_far)
            report = replace(at_cap, kept=False, needed=None if at_cap.reachable else needed)
        # The final pass's days hold its share whatever the answers a day: within the
        # budget only if they fit too.
        peak = _peak(report)
        if report.reachable and peak > cap:
            report = replace(report, reachable=False)
        if not report.reachable:
            # The minutes of the busiest day of the plan that reaches the target.
            most = max(free.per_day, _peak(free)) if replan and free.reachable else 0
            most = most or max(peak, report.needed or 0)
            if most > cap:
                minutes_needed = math.ceil(most * seconds / 60)
            if replan:
                kept = replace(plan, per_day=report.per_day)
                leave_out = to_leave_out(cards, scheduler, now, kept, cap, so_far)
    today = report.today
    start = plan.final_start
    unseen = len(cards)
    if start is not None and today >= start:
        cut = sd.start_of_study_day(start, scheduler.tz, scheduler.config.rollover_hour)
        unseen = sum(1 for row in cards.rows if not _seen_since(row, cut))
    return replace(
        report,
        seconds=seconds,
        timed=timed,
        minutes=plan.minutes,
        minutes_needed=minutes_needed,
        leave_out=leave_out,
        final_start=start,
        final_cards=unseen if start is not None else 0,
        final_per_day=pass_load(cards, scheduler, plan, today, final_done),
        due_after=due_after_exam(cards, scheduler, plan.exam_day, plan.target),
    )


def pass_load(
    cards: PlannedCards, scheduler: Scheduler, plan: ExamPlan, today: date, done: int = 0
) -> int:
    """The final pass's share a day (`final_pass.share`) from today: the least daily load
    that keeps its days no heavier than the others."""
    start = plan.final_start
    if start is None or today >= plan.exam_day:
        return 0
    days = (plan.exam_day - start).days
    if today < start:
        return share(len(cards), days, len(cards), days)
    since = sd.start_of_study_day(start, scheduler.tz, scheduler.config.rollover_hour)
    cut = since.timestamp() * 1000
    unseen = sum(1 for row in cards.rows if row is None or row[5] is None or row[5] < cut)
    return share(unseen + done, (plan.exam_day - today).days, len(cards), days)


def _peak(report: PlanReport) -> int:
    """The answers of the busiest day of a report's calendar."""
    return max((day.answers for day in report.calendar), default=0)


def _seen_since(row: tuple[object, ...] | None, cut: datetime) -> bool:
    last = None if row is None else row[5]
    return isinstance(last, int) and last >= cut.timestamp() * 1000


def due_after_exam(
    cards: PlannedCards, scheduler: Scheduler, exam_day: date, target: float
) -> list[str]:
    """Studied cards FSRS would next show on or after exam day although their predicted
    exam-day recall is under the target, as "deck/card"."""
    import numpy as np

    columns = cards.memories(scheduler)
    recalls = exam_recalls(cards, scheduler, exam_day)
    studied = ~np.isnan(columns.stability) & ~np.isnan(columns.due)
    late = studied & (np.nan_to_num(columns.due) >= sd.day_number(exam_day)) & (recalls < target)
    return [f"{cards.deck_ids[cards.deck_of[i]]}/{cards.ids[i]}" for i in np.flatnonzero(late)]


def to_leave_out(
    cards: PlannedCards,
    scheduler: Scheduler,
    now: datetime,
    plan: ExamPlan,
    cap: int,
    so_far: dict[str, int],
) -> list[str]:
    """The decks ("deck ID") and tags ("tag NAME") whose leaving out alone would let the
    plan's answers a day reach its target with no day over `cap` answers: tried one by one,
    the largest first, at most MOST_DECKS_TRIED of each."""
    groups: list[tuple[int, str, list[int]]] = []  # (cards, words, the cards kept without it)
    if len(cards.deck_ids) > 1:
        for place, deck in enumerate(cards.deck_ids):
            rows = [i for i, of in enumerate(cards.deck_of) if of != place]
            groups.append((len(cards) - len(rows), f"deck {deck}", rows))
    tags = sorted({tag for held in cards.tags for tag in held})
    for tag in tags:
        rows = [i for i, held in enumerate(cards.tags) if tag not in held]
        if rows:
            groups.append((len(cards) - len(rows), f"tag {tag}", rows))
    decks = sorted((g for g in groups if g[1].startswith("deck ")), key=lambda g: -g[0])
    by_tag = sorted((g for g in groups if g[1].startswith("tag ")), key=lambda g: -g[0])
    found = []
    for _, words, rows in decks[:MOST_DECKS_TRIED] + by_tag[:MOST_DECKS_TRIED]:
        fewer = _only(cards, rows)
        states = fewer.memories(scheduler) if len(fewer) > 1000 else fewer.states()
        forecast = simulate(
            states,
            scheduler,
            now,
            plan.exam_day,
            plan.per_day,
            answered=so_far["answered"],
            introduced=so_far["introduced"],
            final_start=plan.final_start,
            final_done=so_far["final_done"],
        )
        peak = max((day.answers for day in forecast.days), default=0)
        if forecast.recall >= plan.target and peak <= cap:
            found.append(words)
    return found


def _only(cards: PlannedCards, rows: Sequence[int]) -> PlannedCards:
    """Some of the cards, by place."""
    keep = sorted({cards.deck_of[i] for i in rows})
    places = {old: new for new, old in enumerate(keep)}
    return PlannedCards(
        [cards.deck_ids[old] for old in keep],
        [places[cards.deck_of[i]] for i in rows],
        [cards.ids[i] for i in rows],
        [cards.kinds[i] for i in rows],
        [cards.tags[i] for i in rows],
        [cards.rows[i] for i in rows],
    )
