"""Golden tests of the scheduler: exact intervals and due times for a table of card histories.

The table (tests/golden_histories.py) was derived by hand from FSRS-6 and Anki's interval rules:
tests/scheduler_reference.py writes those rules down, shares no code with quizapp, and is
checked here to reproduce every row. Any change to the interval code should fail a test that
names the history, the answer and the interval or due time that moved.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import scheduler_reference as ref
from golden_histories import HISTORIES, Answer, History

from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler, SchedulerConfig


def at(text: str, zone: ZoneInfo) -> datetime:
    """A moment from the table, as a time in the student's zone (the hardest case to get right)."""
    return datetime.fromisoformat(text).astimezone(zone)


def moved(history: History, n: int, expected: Answer, interval: str, due: str) -> list[str]:
    when, grade, want_interval, want_due = expected
    where = f"{history.name}: answer {n} ({grade} at {when})"
    found = []
    if interval != want_interval:
        found.append(f"{where}: the interval moved from {want_interval} to {interval}")
    if due != want_due:
        found.append(f"{where}: the due time moved from {want_due} to {due}")
    return found


@pytest.mark.parametrize("history", HISTORIES, ids=str)
def test_scheduler_gives_the_golden_intervals(history: History) -> None:
    config = SchedulerConfig(fuzz=history.seed is not None, **history.config)
    scheduler, zone = Scheduler(config, history.zone), history.zone
    state, problems = CardState(), []
    for n, answer in enumerate(history.answers, 1):
        now = at(answer[0], zone)
        state = scheduler.review(state, Rating[answer[1].upper()], now, history.seed or "")
        assert state.due is not None
        if state.phase is Phase.REVIEW:
            days = (ref.day_of(state.due, zone, config.rollover_hour)
                    - ref.day_of(now, zone, config.rollover_hour)).days  # fmt: skip
            interval = f"{days} day{'s' if days != 1 else ''}"
        else:
            interval = f"step {ref.format_delay(state.due - now)}"
        problems += moved(history, n, answer, interval, ref.shown(state.due, zone))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("history", HISTORIES, ids=str)
def test_the_hand_rules_derive_the_table(history: History) -> None:
    settings = ref.settings_from(history.zone, history.config, history.seed)
    card, problems = ref.Card(), []
    for n, answer in enumerate(history.answers, 1):
        now = at(answer[0], history.zone)
        interval, due = ref.answer(card, ref.GRADES[answer[1]], now, settings)
        problems += moved(history, n, answer, interval, ref.shown(due, history.zone))
    assert not problems, "\n".join(problems)


def test_the_table_uses_fsrs6_default_parameters() -> None:
    assert SchedulerConfig().parameters == ref.W
