"""Exam mode's room in a session: once the day's answers are given, new cards and reviews
ahead wait for another day, but due cards (and the final pass's share) still come.

A new card begun must go through its learning steps, and a run of Again answers there costs
more than the mean: one more new card (or review ahead) starts only if the answers every card
of the day still owes, it included, fit in the answers left with a margin of MARGIN standard
deviations (`step_cost`), so that about one day in twenty goes over the load, not most. One
that does not fit while cards are in their steps waits for them (`ExamRoom`): they may end
sooner than feared, and leave it room."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from quizapp.core.planning.day_owed import Costs, due_by, fits
from quizapp.core.planning.exam_load import DayLoad
from quizapp.core.planning.step_cost import total
from quizapp.core.scheduling.scheduler import Phase, Scheduler
from quizapp.core.scheduling.study_day import start_of_study_day
from quizapp.core.sessions.items import StudyItem


def within_load(
    items: list[StudyItem],
    learning: Sequence[StudyItem],
    load: DayLoad | None,
    scheduler: Scheduler,
    now: datetime,
    waiting: Sequence[StudyItem] = (),
) -> list[StudyItem]:
    """A session's queue as exam mode's load stands: a new card or a review ahead comes next
    only if the day's answers left hold, with the margin, what every card owes: the steps of
    the cards in `learning`, the due cards queued (a review and its relearning if it lapses)
    and those `waiting` beyond the load, and the card itself; else it waits for another day.
    A due card is never left out, nor a card of the final pass's share (the day's load holds
    it: the pass sees every card the exam covers). Steps are costed at the Again rate the
    load fit its new cards at (`DayLoad.again`), so that the session serves what it promises."""
    if load is None:
        return items
    since = None
    if load.final and load.final_start is not None:
        roll = scheduler.config.rollover_hour
        since = start_of_study_day(load.final_start, scheduler.tz, roll)
    due = [
        (i.state.phase is not Phase.NEW and due_by(i.state, now))
        or (
            since is not None
            and i.deck.id in load.covered
            and (i.state.last_review is None or i.state.last_review < since)
        )
        for i in items
    ]
    cost = Costs(scheduler, now, load.again)
    owed = total(
        [
            *(cost.of(item.state) for item in learning),
            *(cost.of(item.state) for item, first in zip(items, due, strict=True) if first),
            *(cost.of(item.state) for item in waiting if due_by(item.state, now)),
        ]
    )
    left = load.answers - load.answered
    skip = 0
    while skip < len(items) and not due[skip]:
        # A new card of the day's share comes: the load counted it with the same margin
        # (`day_owed.new_that_fit`). Beyond it, a card ahead comes if it fits as well.
        if items[skip].state.phase is Phase.NEW and load.new_left > 0:
            break
        if fits(owed, cost.of(items[skip].state), left, load.answered == 0):
            break
        skip += 1
    return items[skip:] if skip else items


@dataclass
class ExamRoom:
    """A session's room under exam mode: the new cards and reviews ahead held back while
    cards are in their steps (they come next if the steps leave them room, else they wait for
    another day)."""

    held: list[StudyItem] = field(default_factory=list)

    def trim(self, session: Queues, now: datetime) -> list[StudyItem]:
        """A session's queue `within_load`, the cards held back put first again (in their
        order)."""
        # A card held back may be queued again by the plan's top-up (`ExamDay.top_up`).
        keys = {(i.deck.id, i.card_id) for i in self.held}
        queued = [i for i in session.queue if (i.deck.id, i.card_id) not in keys]
        items, learning = [*self.held, *queued], session.learning
        load, scheduler = session.exam_load, session.scheduler
        kept = within_load(items, learning, load, scheduler, now, session.after)
        self.held = items[: len(items) - len(kept)] if learning else []
        return kept


class Queues(Protocol):
    """What `ExamRoom.trim` reads of a study session."""

    queue: list[StudyItem]
    learning: list[StudyItem]
    after: list[StudyItem]
    scheduler: Scheduler

    @property
    def exam_load(self) -> DayLoad | None: ...
