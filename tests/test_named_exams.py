"""Several exams, named: set, listed, served nearest first, cleared, and archived with their
forecast beside the exams sat in their last week (issue "Exam planner 2", item 5)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import flip_card
from progress_support import cli_collection, deck_args

from quizapp.cli import main, plan_cmd, plan_list
from quizapp.core.clock import FakeClock
from quizapp.core.decks.loader import load_deck
from quizapp.core.planning.exam_load import current_load
from quizapp.core.planning.plan import load_plan
from quizapp.core.progress.exams import ExamStore, ExamToKeep
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.scheduler import Scheduler


def listed(capsys: pytest.CaptureFixture[str], args: list[str]) -> list[dict[str, object]]:
    assert main(["plan", "--list", "--json", *args]) == 0
    rows = json.loads(capsys.readouterr().out)["exams"]
    assert isinstance(rows, list)
    return rows


def test_two_named_exams_are_listed_served_nearest_first_and_archived(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    write_deck: Callable[..., Path],
    deck_dir: Path,
    data_dir: Path,
    clock: FakeClock,
    scheduler: Scheduler,
) -> None:
    decks = [
        load_deck(write_deck(deck_id, [flip_card(f"{deck_id}{i}") for i in range(8)])).deck
        for deck_id in ("a", "b")
    ]
    deck = decks[0]
    assert deck is not None
    cli_collection(monkeypatch, plan_cmd, clock, scheduler)
    cli_collection(monkeypatch, plan_list, clock, scheduler)
    args = deck_args(deck_dir, data_dir)
    # 10 and 24 days away, sharing deck a.
    assert main(["plan", "--exam", "2024-05-11", "--name", "midterm", "a", *args]) == 0
    assert main(["plan", "--exam", "2024-05-25", "--name", "final", "a", "b", *args]) == 0
    capsys.readouterr()
    rows = listed(capsys, args)
    assert [(r["name"], r["exam_day"], r["decks"]) for r in rows] == [
        ("midterm", "2024-05-11", ["a"]),
        ("final", "2024-05-25", ["a", "b"]),
    ]
    assert [r["served"] for r in rows] == [True, False]
    assert all(r["archived"] is False and 0 < r["forecast"] <= 1 for r in rows)  # type: ignore[operator]
    store = Store.open(data_dir / "progress.sqlite3")
    plan = load_plan(store, scheduler, clock())
    assert plan is not None and plan.name == "midterm"  # the nearer exam is served
    load = current_load([deck], store, scheduler, clock())
    assert load is not None and load.words().startswith("Exam mode · midterm · 11 May · today")
    # An exam sat in the midterm's last week, then the midterm passes.
    sat = clock() + timedelta(days=8)
    ExamStore(store.conn).save(
        ExamToKeep(
            sat, sat + timedelta(minutes=20), 20, 10, 10, 8, 8.0, False, False, ("a",), "", 1
        ),
        [],
    )
    clock.now = clock() + timedelta(days=12)
    plan = load_plan(store, scheduler, clock())
    assert plan is not None and plan.name == "final"  # then the next one
    store.close()
    rows = listed(capsys, args)
    assert [(r["name"], r["archived"], r["served"]) for r in rows] == [
        ("final", False, True),
        ("midterm", True, False),
    ]
    assert rows[1]["scores"] == [0.8]
    assert main(["plan", "--list", *args]) == 0
    text = capsys.readouterr().out
    assert "midterm: 2024-05-11 (passed, archived), a, forecast" in text
    assert "exams sat in its last week: 1, mean score 80%" in text
    assert main(["plan", "--name", "midterm", *args]) == 0
    said = capsys.readouterr().out
    assert said.startswith("The exam on 2024-05-11 (its forecast was ")
    assert "has come: it is archived, and study is as usual." in said
    assert main(["plan", "--name", "final", "--json", *args]) == 0
    assert json.loads(capsys.readouterr().out)["exam_day"] == "2024-05-25"
    assert main(["plan", "--clear", "midterm", *args]) == 0
    assert capsys.readouterr().out.strip() == "Exam 'midterm' cleared."
    assert [r["name"] for r in listed(capsys, args)] == ["final"]
    assert main(["plan", "--clear", "nope", *args]) == 2
    assert "no exam is named 'nope'" in capsys.readouterr().err
    assert main(["plan", "--exam", "2024-06-01", "--name", "bad name!", *args]) == 2


def test_a_progress_export_carries_the_named_exams(
    tmp_path: Path, scheduler: Scheduler, clock: FakeClock
) -> None:
    import io

    from quizapp.core.planning.named_exams import named_plans
    from quizapp.core.planning.plan import ExamPlan, save_plan
    from quizapp.core.progress.transfer import export_progress, import_progress

    here = Store.open(tmp_path / "here" / "progress.sqlite3")
    midterm = ExamPlan(clock().date() + timedelta(days=10), ("a",), per_day=7, name="midterm")
    save_plan(here, midterm)
    out = io.StringIO()
    assert export_progress(here, out).plan
    there = Store.open(tmp_path / "there" / "progress.sqlite3")
    summary = import_progress(there, scheduler, out.getvalue().splitlines())
    assert summary.plan == "added"
    assert named_plans(there) == [midterm]
    here.close()
    there.close()
