"""The final pass before an exam: every covered card seen once in its last days, in even
shares (issue "Exam planner 2", item 1)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from conftest import flip_card

from quizapp.core.clock import FakeClock
from quizapp.core.decks.loader import load_deck
from quizapp.core.decks.model import Deck
from quizapp.core.planning.budget import full_report
from quizapp.core.planning.exam_load import current_load
from quizapp.core.planning.final_pass import final_days, final_start, share
from quizapp.core.planning.forecast import SimulatedStudent
from quizapp.core.planning.plan import ExamPlan, planned_cards, save_plan
from quizapp.core.progress.store import Store
from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.scheduler import Scheduler
from quizapp.core.sessions.study import StudySession


def make_deck(write_deck: Callable[..., Path], deck_id: str, count: int) -> Deck:
    result = load_deck(write_deck(deck_id, [flip_card(f"{deck_id}{i}") for i in range(count)]))
    assert result.deck is not None
    return result.deck


def test_the_pass_lasts_a_fifth_of_the_time_within_bounds() -> None:
    exam = date(2024, 6, 1)
    assert final_days(exam, exam - timedelta(days=21), None) == 5
    assert final_days(exam, exam - timedelta(days=10), None) == 3  # at least 3
    assert final_days(exam, exam - timedelta(days=200), None) == 14  # at most 14
    assert final_days(exam, exam - timedelta(days=2), None) == 2  # never before the date was set
    assert final_days(exam, exam - timedelta(days=30), 7) == 7  # the setting
    assert final_start(exam, exam - timedelta(days=30), 0) is None  # none
    # The cards left over the days left, never more than the first day's share.
    assert share(80, 5, 80, 5) == 16 and share(63, 4, 80, 5) == 16 and share(60, 4, 80, 5) == 15
    assert share(80, 1, 80, 5) == 16


def test_studying_through_21_days_every_card_is_answered_in_the_final_pass_in_even_shares(
    store: Store, scheduler: Scheduler, clock: FakeClock, write_deck: Callable[..., Path]
) -> None:
    """A student who studies every day, up to the day's load, for 21 days to the exam."""
    deck = make_deck(write_deck, "x", 80)
    today = sd.study_day(clock(), scheduler.tz, scheduler.config.rollover_hour)
    exam = today + timedelta(days=21)
    plan = ExamPlan(exam, set_on=today)
    report = full_report(planned_cards([deck], store, plan), scheduler, clock(), plan)

    assert report.per_day > 0  # new cards are learnt before the pass, not left to it
    plan = replace(plan, per_day=report.per_day)
    save_plan(store, plan)
    start = plan.final_start
    assert start == exam - timedelta(days=5)
    assert report.final_start == start and report.final_cards == 80
    assert report.final_per_day == 16  # 80 cards over 5 days
    pass_begins = sd.start_of_study_day(start, scheduler.tz, scheduler.config.rollover_hour)
    student = SimulatedStudent(scheduler, seed=5)
    morning = clock()
    first_seen: dict[date, int] = {}
    shares: dict[date, int] = {}
    for offset in range(21):
        clock.now = morning + timedelta(days=offset)
        load = current_load([deck], store, scheduler, clock())
        assert load is not None
        study = StudySession([deck], store, scheduler, clock)
        given = 0
        # Up to the day's load, and on until the day's share of the final pass is seen, as
        # the study header says ("final pass 3 of 16").
        while study.current is not None and (
            given < load.answers or _pass_left(deck, store, scheduler, clock)
        ):
            study.answer(student.answer(study.current.card.id, clock()))
            clock.advance(seconds=20)
            given += 1
        day = today + timedelta(days=offset)
        if day >= start:
            assert load.final > 0
            states = store.states(deck.id)
            seen = {c for c, s in states.items() if s.last_review and s.last_review >= pass_begins}
            first_seen[day] = len(seen) - sum(first_seen.values())
            shares[day] = load.final
            # The study header counts the pass as it goes ("final pass 16 of 16").
            counted = study.exam_load
            assert counted is not None and counted.final_done == first_seen[day]
            seen_today = first_seen[day]
            said = f"{seen_today} of {load.final}"
            if seen_today > load.final:  # reviews due past the share, seen a day ahead
                said = f"{seen_today} ({seen_today - load.final} ahead)"
            assert f"final pass {said}" in counted.words()
        else:
            assert load.final == 0
    # Every covered card was answered in the pass: real reviews, in the store.
    states = store.states(deck.id)
    assert all(states[c.id].last_review >= pass_begins for c in deck.cards)  # type: ignore[operator]
    # Evenly: no day's share is more than a fifth of the cards plus one, each day sees its
    # share (and the reviews due past it, a day ahead of theirs), and none is empty.
    assert sorted(first_seen) == [start + timedelta(days=i) for i in range(5)]
    assert max(shares.values()) <= 16 + 1, shares
    assert all(first_seen[day] >= shares[day] for day in shares), (first_seen, shares)
    assert min(first_seen.values()) >= 1, first_seen


def _pass_left(deck: Deck, store: Store, scheduler: Scheduler, clock: FakeClock) -> int:
    load = current_load([deck], store, scheduler, clock())
    return 0 if load is None else load.final_left


def test_a_plan_set_before_the_final_pass_existed_gets_the_shortest_pass(store: Store) -> None:
    """A plan kept by an earlier quizapp has no day it was set: its pass is the shortest."""
    from quizapp.core.planning.plan import load_plan

    for key, value in (
        ("exam_date", "2024-06-01"),
        ("exam_decks", "[]"),
        ("exam_target", "0.9"),
        ("exam_per_day", "30"),
    ):
        store.set_setting(key, value)
    plan = load_plan(store)
    assert plan is not None and plan.set_on is None and plan.final_days is None
    assert plan.final_start == date(2024, 5, 29)
