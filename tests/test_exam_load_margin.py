"""Exam mode lived through a month on a fake clock: the day's answers stay within the plan's
load (issue 11: "the daily load stays within the plan's calendar"), while every due card is
still served.

A new card begun must go through its learning steps, and a run of Again answers there adds
repeats beyond the average: a session starts one more new card only when the answers all
cards owe, with a margin for such runs, fit in what is left of the day's load."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from conftest import START, flip_card

from quizapp.core.clock import FakeClock
from quizapp.core.decks.loader import load_deck
from quizapp.core.decks.model import Deck
from quizapp.core.planning.exam_load import current_load
from quizapp.core.planning.plan import ExamPlan, save_plan
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import Phase, Scheduler
from quizapp.core.sessions.study import StudySession

DECKS = (("a", 120), ("b", 100), ("c", 100), ("d", 80))  # 400 cards
EXAM_IN = 38  # days after the first study day
AWAY = range(14, 21)  # a week away in the middle
LOAD = 70  # answers a day


def _decks(write_deck: Callable[..., Path]) -> list[Deck]:
    decks = []
    for deck_id, count in DECKS:
        path = write_deck(deck_id, [flip_card(f"{deck_id}{i}") for i in range(count)])
        result = load_deck(path)
        assert result.deck is not None
        decks.append(result.deck)
    return decks


class Day(NamedTuple):
    """One study day of the month."""

    day: date
    answers: int  # answers given
    load: int  # the day's load
    waits: int  # new cards begun and reviews ahead: what could have waited
    final: bool  # a day of the final pass (its share is served whatever the load)

    @property
    def over(self) -> bool:
        return self.answers > self.load


def live_a_month(
    decks: list[Deck], store: Store, scheduler: Scheduler, clock: FakeClock, right: float, seed: int
) -> list[Day]:
    """A student who studies every day but a week away, answers every card served (right
    with probability `right`, else Again) and stops when nothing more is served.

    Returns:
        (study day, answers given, the day's load) of each day studied; asserts that no
        card is left due at the end of a day.
    """
    rng = random.Random(seed * 1000 + round(right * 100))
    start = clock()
    exam = start.date() + timedelta(days=EXAM_IN)
    save_plan(store, ExamPlan(exam, per_day=LOAD))
    days: list[Day] = []
    for day in range(EXAM_IN):
        if day in AWAY:
            continue
        clock.now = start + timedelta(days=day)
        load = current_load(decks, store, scheduler, clock())
        assert load is not None
        study = StudySession(decks, store, scheduler, clock)
        given = waits = 0
        while (item := study.current) is not None and given < 2000:
            state = item.state
            ahead = state.phase is Phase.REVIEW and state.due is not None and state.due > clock()
            if state.phase is Phase.NEW or ahead:
                waits += 1
            study.answer(Rating.GOOD if rng.random() < right else Rating.AGAIN)
            clock.advance(seconds=15)
            given += 1
        days.append(Day(load.day, given, load.answers, waits, load.final > 0))
        now = clock()
        for deck in decks:  # every due card was served (but those set aside, failed too often)
            aside = store.set_aside_now(deck.id, now)
            left = [
                card
                for card, s in store.states(deck.id).items()
                if s.due is not None and s.due <= now and card not in aside
            ]
            assert not left, (load.day, deck.id, left)
    return days


def test_a_month_of_study_keeps_within_the_days_load(
    tmp_path: Path, scheduler: Scheduler, write_deck: Callable[..., Path]
) -> None:
    """Students right 75%, 85% and 95% of the time, three runs each: at most one day in
    twenty of all goes over the load by starting what could have waited, and the days
    within it still give about the load (new cards are not held back for nothing).

    Days over the load with nothing served that could wait are the due cards' (after the
    week away, a day of reviews due is more than the load; they are never withheld), and
    the final pass's days serve its share whatever the load: neither is counted here. The
    first day is counted like the others."""
    decks = _decks(write_deck)
    counted = over = 0
    for right in (0.75, 0.85, 0.95):
        for seed in (1, 2, 3):
            store = Store.open(tmp_path / f"progress-{right}-{seed}.sqlite3")
            clock = FakeClock(START)
            days = live_a_month(decks, store, scheduler, clock, right, seed)
            store.close()
            kept = [d for d in days if not d.final]
            mine = [d for d in kept if d.over and d.waits]
            within = [d.answers for d in kept if not d.over]
            given = sum(within) / len(within)
            print(f"right={right} seed={seed}: {len(mine)} of {len(kept)} days over", mine)
            print(f"right={right} seed={seed}: {given:.1f} answers a day within the load")
            assert len(mine) <= 3, mine
            # A student who misses a step now and then has new cards enough to fill the day
            # (one who hardly misses one runs out of the day's share sooner).
            assert right > 0.9 or given >= 0.9 * LOAD
            counted, over = counted + len(kept), over + len(mine)
    assert over <= 0.05 * counted
