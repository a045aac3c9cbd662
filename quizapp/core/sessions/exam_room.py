"""Exam mode's room in a session: once the day's answers are given, new cards and reviews
ahead wait for another day, but due cards (and the final pass's share) still come."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from quizapp.core.planning.exam_load import DayLoad
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler
from quizapp.core.scheduling.study_day import start_of_study_day
from quizapp.core.sessions.items import StudyItem


def within_load(
    items: list[StudyItem],
    learning: Sequence[StudyItem],
    load: DayLoad | None,
    scheduler: Scheduler,
    now: datetime,
) -> list[StudyItem]:
    """A session's queue as exam mode's load stands: a new card or a review ahead comes next
    only if the day's answers left have room for it (2.6 answers a new card, one a review),
    once the steps the cards in `learning` still owe and the due cards queued are counted;
    else it waits for another day. A due card is never left out, nor a card of the final
    pass's share (the day's load holds it: the pass sees every card the exam covers)."""
    if load is None:
        return items
    from quizapp.core.planning.exam_queue import new_card_cost

    owed = sum(steps_owed(item.state, scheduler) for item in learning)
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
    room = load.answers - load.answered - owed - sum(due)
    skip = 0
    while skip < len(items) and not due[skip]:
        if (new_card_cost(scheduler) if items[skip].state.phase is Phase.NEW else 1) <= room:
            break
        skip += 1
    return items[skip:] if skip else items


def steps_owed(state: CardState, scheduler: Scheduler) -> float:
    """The answers a card in learning or relearning is expected to take to finish its steps:
    a step is failed now and then and asked again (FSRS's simulator's grades at a step: after
    an Again more often than after a Good), as the plan's simulated student does."""
    from quizapp.core.planning.forecast import LEARNING_STEPS, RELEARNING_STEPS

    again = state.phase is Phase.RELEARNING
    grades = RELEARNING_STEPS if again else LEARNING_STEPS
    left = max(
        1,
        len(scheduler.config.relearning_steps if again else scheduler.config.learning_steps)
        - state.step,
    )
    # At the first step the card was just missed (or is relearnt); later steps follow a Good.
    first = grades[0][0] if state.step == 0 else grades[2][0]
    return 1 / (1 - first) + (left - 1) / (1 - grades[2][0])


def due_by(state: CardState, now: datetime) -> bool:
    return state.due is not None and state.due <= now
