"""The plan screen's calendar, budget and bring-forward (issue "Exam planner 2")."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from progress_support import put_state
from textual.widgets import Button, DataTable, Input, Static
from tui_support import FLIP_DECK, open_collection, until

from quizapp.core.planning.bring_forward import brought
from quizapp.core.planning.plan import ExamPlan, load_plan, save_plan
from quizapp.tui.app import make_app
from quizapp.tui.screens.plan import PlanScreen
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.screens.study_keys import AFTER_EXAM
from quizapp.tui.widgets.grade_bar import GradeBar
from quizapp.tui.widgets.plan_calendar import PlanCalendar


async def test_the_plan_screen_charts_the_days_and_brings_weak_late_cards_forward(
    tmp_path: Path,
) -> None:
    collection, clock = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    seen = clock() - timedelta(days=3)
    # "one" is weak on exam day but FSRS would next show it only after the exam.
    put_state(collection.store, "flip3", "one", seen, stability=4, due=clock() + timedelta(days=20))
    exam = (clock() + timedelta(days=14)).date()
    save_plan(collection.store, ExamPlan(exam, per_day=10, set_on=clock().date()))
    app = make_app(collection)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        await app.workers.wait_for_complete()
        await until(lambda: screen.report is not None, "the forecast")
        await pilot.pause()
        report = screen.report
        assert report is not None
        chart = screen.query_one("#plan-chart", PlanCalendar)
        assert chart.display
        table = screen.query_one("#plan-calendar", DataTable)
        assert table.row_count == 14  # today to the eve of the exam
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[1] == str(report.calendar[0].answers)
        assert first[2] == f"{report.calendar[0].answers * 20 / 60:.0f}"  # minutes, at 20 s
        summary = str(screen.query_one("#plan-summary", Static).render())
        assert "Final pass from" in summary and "1 card falls due only after the exam" in summary
        forward = screen.query_one("#plan-forward", Button)
        assert forward.display and str(forward.label) == "Bring forward 1"
        table.focus()
        await pilot.press("b")
        assert set(brought(collection.store)) == {"flip3/one"}
        status = str(screen.query_one("#plan-status", Static).render())
        assert status == "Brought forward: 1 card comes first in your next study session."
        assert not forward.display


async def test_the_plan_screen_keeps_a_budget_and_a_final_pass_setting(tmp_path: Path) -> None:
    collection, clock = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        screen.query_one("#exam-date", Input).value = "2026-03-23"
        screen.query_one("#exam-final", Input).value = "400"
        await pilot.press("ctrl+s")
        status = str(screen.query_one("#plan-status", Static).render())
        assert status == "The final pass days must be a whole number from 0 to 366, or blank."
        screen.query_one("#exam-final", Input).value = "4"
        screen.query_one("#exam-minutes", Input).value = "15"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        plan = load_plan(collection.store)
        assert plan is not None and plan.final_days == 4 and plan.minutes == 15
        assert plan.final_start == date(2026, 3, 19)
        summary = str(screen.query_one("#plan-summary", Static).render())
        assert "Budget: 15 minutes a day, 45 answers at 20 s each (no timed answers yet)" in summary


async def test_grade_keys_say_after_the_exam_and_the_header_the_days_target(
    tmp_path: Path,
) -> None:
    collection, clock = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    seen = clock() - timedelta(days=20)
    # A strong card, due now: Good would bring it back in about two months.
    for card in ("one", "two", "three"):
        put_state(collection.store, "flip3", card, seen, stability=40, due=clock())
    exam = (clock() + timedelta(days=16)).date()
    save_plan(collection.store, ExamPlan(exam, per_day=12, set_on=clock().date()))
    app = make_app(collection)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, StudyScreen)
        header = str(app.screen.query_one("#study-exam", Static).render())
        assert header.startswith(f"Exam mode · {exam.day} {exam:%b} · today 0 of 12 answers")
        await pilot.press("space")
        await pilot.pause()
        labels = [str(b.label) for b in app.screen.query_one(GradeBar).query(Button)]
        assert labels[2] == "3 Good after exam" and labels[3] == "4 Easy after exam"
        assert "after exam" not in labels[0]  # Again: relearnt in minutes
        assert AFTER_EXAM in app.screen.advice


async def test_the_plan_screen_names_the_other_exams(tmp_path: Path) -> None:
    collection, clock = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    save_plan(collection.store, ExamPlan(date(2026, 3, 20), ("flip3",), name="midterm"))
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        words = str(app.screen.query_one("#plan-named", Static).render())
        assert words.startswith("Named exams too: midterm on 2026-03-20")


async def test_the_plan_screen_says_when_the_exam_has_come(tmp_path: Path) -> None:
    collection, clock = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    today = clock().date()
    save_plan(collection.store, ExamPlan(today - timedelta(days=1), forecast=0.93))
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        status = str(app.screen.query_one("#plan-status", Static).render())
        assert status.startswith(f"The exam on {today - timedelta(days=1)} (its forecast was 93%)")
        assert not app.screen.query_one("#plan-chart").display
