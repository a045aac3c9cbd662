"""Exam mode in a study session: the day's load as it stands at each answer, and the cards
the plan still asks once the session's queue is done.

The new cards a day serves follow the answers its reviews due take (`exam_load.day_load`):
a load kept from the session's start would contradict home's, and the cards said to wait.
"""

from __future__ import annotations

from collections.abc import Sequence, Sized
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from quizapp.core.decks.model import Deck
from quizapp.core.planning.exam_load import CLOSED_KEY, DayLoad, closed_mark, day_load, plan_set
from quizapp.core.planning.plan import ExamPlan, load_plan
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.scheduler import Scheduler
from quizapp.core.sessions.items import StudyItem
from quizapp.core.sessions.queue import build_queues


@dataclass
class ExamDay:
    """The exam plan a session follows, and its day's load over every deck it counts."""

    plan: ExamPlan
    counted: Sequence[Deck]  # every deck loaded: the load is the day's over them all
    store: Store
    scheduler: Scheduler
    start: DayLoad  # the load as the session started
    # The load as it stands, and what it was worked out for (answers, undos, minute).
    fresh: tuple[tuple[int, int, datetime], DayLoad | None] | None = None
    topped: int = -1  # the answers given when the plan was last asked for more

    def load(self, now: datetime, answers: int, undos: int) -> DayLoad | None:
        """The day's load now, every answer of the day counted (worked out once per answer,
        undo or minute: a card is shown and answered in a few looks at it); None once the
        exam is no longer ahead."""
        key = (answers, undos, now.replace(second=0, microsecond=0))
        if self.fresh is None or self.fresh[0] != key:
            found = day_load(self.plan, self.counted, self.store, self.scheduler, now)
            self.fresh = key, found
        return self.fresh[1]

    def close(self, load: DayLoad) -> DayLoad:
        """The load once the session found no card the answers left fit: kept in the store
        with the answers given, so that home says the day is done too (`exam_load.day_load`),
        until another answer is given."""
        mark = closed_mark(load.day, load.answered)
        if self.store.setting(CLOSED_KEY) != mark:
            self.store.set_setting(CLOSED_KEY, mark)
        closed = load.close()
        if self.fresh is not None:  # the load as it stands is closed, until the next answer
            self.fresh = self.fresh[0], closed
        return closed

    def top_up(self, session: Serving, now: datetime) -> None:
        """Once per answer given, while the load asks more, queue what a session started now
        would serve (`build_queues`) and the session does not hold yet: it then serves the
        new cards the load says, though they are more than at its start (its reviews cost
        less than feared, or a card held back has room again)."""
        answers, load = len(session.answered), session.exam_load
        if self.topped == answers or load is None or load.done:
            self.topped = answers
            return
        self.topped = answers
        held = {(i.deck.id, i.card_id) for i in (*session.learning, *session.after)}
        held |= {(i.deck.id, i.card_id) for i in session.set_aside} | session.elsewhere
        store, scheduler, per_day = self.store, self.scheduler, session.new_per_day
        first, then = build_queues(
            session.decks, store, scheduler, now, per_day, self.plan, None, load
        )
        session.queue = [i for i in first if (i.deck.id, i.card_id) not in held]
        held |= {(i.deck.id, i.card_id) for i in session.queue}
        session.after += [i for i in then if (i.deck.id, i.card_id) not in held]


class Serving(Protocol):
    """What of a session topping up its queue reads and changes."""

    decks: Sequence[Deck]
    new_per_day: int | None
    queue: list[StudyItem]
    learning: list[StudyItem]
    after: list[StudyItem]
    set_aside: list[StudyItem]
    elsewhere: set[tuple[str, str]]

    @property
    def answered(self) -> Sized: ...

    @property
    def exam_load(self) -> DayLoad | None: ...


def exam_day(
    store: Store, scheduler: Scheduler, counted: Sequence[Deck], now: datetime
) -> ExamDay | None:
    """The exam plan a study session follows from `now`, or None without one ahead."""
    if not plan_set(store):
        return None
    plan = load_plan(store, scheduler, now)
    load = None if plan is None else day_load(plan, counted, store, scheduler, now)
    return None if plan is None or load is None else ExamDay(plan, counted, store, scheduler, load)
