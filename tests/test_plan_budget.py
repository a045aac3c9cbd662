"""The plan's JSON, its daily budget in minutes and the student's own pace (issue "Exam
planner 2", items 2 and 7)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import flip_card
from progress_support import cli_collection, deck_args, put_state

from quizapp.cli import main, plan_cmd
from quizapp.core.clock import FakeClock
from quizapp.core.decks.loader import load_deck
from quizapp.core.decks.model import Deck
from quizapp.core.planning.budget import answer_seconds, answers_in
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import Scheduler
from quizapp.core.sessions.study import StudySession

EXAM = date(2024, 5, 15)  # 14 study days after the fake clock's


def make_deck(write_deck: Callable[..., Path], deck_id: str, count: int) -> Deck:
    result = load_deck(write_deck(deck_id, [flip_card(f"{deck_id}{i}") for i in range(count)]))
    assert result.deck is not None
    return result.deck


def plan_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["plan", *args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    return data


def test_plan_json_has_the_calendar_the_final_pass_and_the_minutes(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    write_deck: Callable[..., Path],
    deck_dir: Path,
    data_dir: Path,
    clock: FakeClock,
    scheduler: Scheduler,
) -> None:
    make_deck(write_deck, "x", 50)
    cli_collection(monkeypatch, plan_cmd, clock, scheduler)
    data = plan_json(capsys, "--exam", EXAM.isoformat(), *deck_args(deck_dir, data_dir))
    keys = {"calendar", "final_pass", "due_after_exam", "minutes_per_day", "reachable"}
    assert keys <= set(data)
    calendar = data["calendar"]
    assert isinstance(calendar, list)
    # One row a day, from today to the eve of the exam.
    days = [date.fromisoformat(row["date"]) for row in calendar]
    assert days == [date(2024, 5, 1) + timedelta(days=i) for i in range(14)]
    assert days[-1] == EXAM - timedelta(days=1)
    assert all(set(row) >= {"date", "answers", "minutes", "new"} for row in calendar)
    # Its answers are what the plan says in all; minutes at 20 s an answer without a log.
    assert sum(row["answers"] for row in calendar) == data["answers"] > 0
    assert data["seconds_per_answer"] == 20 and data["timed"] is False
    assert all(row["minutes"] == round(row["answers"] / 3, 1) for row in calendar)
    assert data["minutes_per_day"] == round(data["per_day"] / 3, 1)
    # The final pass: a fifth of 14 days is 3, the 50 cards in shares of 17.
    assert data["final_pass"] == {"start": "2024-05-12", "cards": 50, "per_day": 17}
    assert sum(row["final"] for row in calendar[-3:]) == 50
    assert data["due_after_exam"] == 0  # nothing studied yet


def test_a_budget_in_minutes_too_small_says_what_would_reach_the_target(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    write_deck: Callable[..., Path],
    deck_dir: Path,
    data_dir: Path,
    clock: FakeClock,
    scheduler: Scheduler,
) -> None:
    tagged = [flip_card(f"x{i}", tags=["1990s"]) for i in range(80)]
    assert load_deck(write_deck("x", tagged)).deck is not None
    make_deck(write_deck, "y", 30)
    cli_collection(monkeypatch, plan_cmd, clock, scheduler)
    args = deck_args(deck_dir, data_dir)
    free = plan_json(capsys, "--exam", EXAM.isoformat(), *args)
    assert free["reachable"] and free["minutes"] is None
    needed = free["per_day"]
    assert isinstance(needed, int) and needed > 10
    peak = max(row["answers"] for row in free["calendar"])
    assert peak <= needed  # an even load: the pass's days within the answers a day too
    enough = -(-peak * 20 // 60)  # minutes for the busiest day at 20 s an answer
    # 1 minute holds 3 answers at 20 s each: short of the load, and of the pass's days.
    tight = plan_json(capsys, "--exam", EXAM.isoformat(), "--minutes", "1", *args)
    assert tight["minutes"] == 1 and tight["per_day"] == 3 and tight["reachable"] is False
    assert tight["minutes_needed"] == enough
    # 10 minutes (30 answers) fall short of the even load: new cards would be left to the
    # pass's days, over the budget. Without either deck (x's cards are those tagged 1990s)
    # they would not.
    ten = plan_json(capsys, "--exam", EXAM.isoformat(), "--minutes", "10", *args)
    assert ten["per_day"] == 30 and ten["reachable"] is False
    assert ten["minutes_needed"] == enough
    assert ten["leave_out"] == ["deck x", "deck y", "tag 1990s"]
    # Enough minutes: reachable within them, at the answers the target needs.
    roomy = plan_json(capsys, "--exam", EXAM.isoformat(), "--minutes", str(enough), *args)
    assert roomy["reachable"] and roomy["per_day"] == needed and roomy["minutes_needed"] is None
    tight = plan_json(capsys, "--exam", EXAM.isoformat(), "--minutes", "1", *args)
    # Kept: looking again keeps the budget's load.
    again = plan_json(capsys, *args)
    assert again["per_day"] == 3 and again["minutes"] == 1
    assert main(["plan", *args]) == 0
    said = capsys.readouterr().out
    assert "Budget: 1 minute a day, 3 answers at 20 s each (no timed answers yet)" in said
    assert "within it the forecast is 89%, but the final pass's days take up to 96" in said
    assert "90% would take 32 minutes a day." in said  # at this load, for those days
    assert main(["plan", "--minutes", "3", *args]) == 2  # a budget plans the date anew
    assert "--minutes goes with --exam" in capsys.readouterr().err


def test_the_pace_is_the_students_own_from_the_log(
    store: Store, scheduler: Scheduler, clock: FakeClock, write_deck: Callable[..., Path]
) -> None:
    deck = make_deck(write_deck, "x", 10)
    assert answer_seconds(store, ["x"]) == (20, False)
    study = StudySession([deck], store, scheduler, clock)
    for seconds in (6, 10, 8, 300):  # the last: away from the desk, counted as 60 s
        clock.advance(seconds=seconds)
        study.answer(Rating.GOOD, duration_ms=seconds * 1000)
    pace, timed = answer_seconds(store, ["x"])
    assert timed and pace == pytest.approx((6 + 10 + 8 + 60) / 4)
    assert answers_in(30, pace) == int(30 * 60 // pace)


def test_cards_due_after_the_exam_though_weak_are_named_and_brought_forward(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    write_deck: Callable[..., Path],
    deck_dir: Path,
    data_dir: Path,
    clock: FakeClock,
    scheduler: Scheduler,
) -> None:
    deck = make_deck(write_deck, "x", 6)
    store = Store.open(data_dir / "progress.sqlite3")
    seen = clock() - timedelta(days=3)
    # x0, x1: weak on exam day (stability 4, 17 days after) but FSRS waits until after it;
    # x2: due after the exam and strong; x3: weak but due before it.
    put_state(store, "x", "x0", seen, stability=4, due=clock() + timedelta(days=20))
    put_state(store, "x", "x1", seen, stability=4, due=clock() + timedelta(days=15))
    put_state(store, "x", "x2", seen, stability=400, due=clock() + timedelta(days=60))
    put_state(store, "x", "x3", seen, stability=4, due=clock() + timedelta(days=2))
    store.close()
    cli_collection(monkeypatch, plan_cmd, clock, scheduler)
    args = deck_args(deck_dir, data_dir)
    data = plan_json(capsys, "--exam", EXAM.isoformat(), "--final-days", "0", *args)
    assert data["due_after_exam"] == 2 and data["due_after_exam_cards"] == ["x/x0", "x/x1"]
    assert main(["plan", *args]) == 0
    assert "2 cards fall due only after the exam although under 90%" in capsys.readouterr().out
    assert main(["plan", "--bring-forward", *args]) == 0
    said = capsys.readouterr().out.strip()
    assert said == "Brought forward: 2 cards come first in your next study session."
    # They come first, whatever the exam-aware queue would choose, until answered.
    store = Store.open(data_dir / "progress.sqlite3")
    study = StudySession([deck], store, scheduler, clock)
    assert [item.card.id for item in study.queue[:2]] == ["x0", "x1"]
    study.answer(Rating.GOOD, duration_ms=5000)
    clock.advance(minutes=1)
    again = StudySession([deck], store, scheduler, clock)
    assert again.queue[0].card.id == "x1"
    assert "x0" not in [item.card.id for item in again.queue]
    store.close()
