"""The statistics and exam plan screens, driven with Pilot, and their snapshots."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import deck_text, flip_card
from textual.widgets import DataTable, Input, SelectionList, Static
from tui_support import until

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.insight.stats import collect
from quizapp.core.planning.plan import ExamPlan, load_plan, save_plan
from quizapp.core.progress.parameters import PARAMETERS_SETTING
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import Scheduler, SchedulerConfig
from quizapp.core.sessions.study import StudySession
from quizapp.tui.app import QuizApp, make_app
from quizapp.tui.screens import stats as stats_screen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.plan import PlanScreen
from quizapp.tui.screens.stats import StatsScreen, count_ticks

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # 15:00 in UTC+5, a Monday
TZ = timezone(timedelta(hours=5), "PKT")
SIZES = [(80, 24), (120, 40)]
KINDS = ("date", "actor", "cause", "event")


def write_decks(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for deck_id, tag in (("alliances", "1950s"), ("arms", "1990s")):
        cards = [
            flip_card(f"{deck_id}-{i}", kind=KINDS[i % 4], tags=[tag, "diplomacy"][: 1 + i % 2])
            for i in range(8)
        ]
        text = deck_text(deck_id, cards, title=f"The {deck_id} deck")
        (folder / f"{deck_id}.yaml").write_text(text, encoding="utf-8")


def filled(tmp_path: Path) -> tuple[Collection, FakeClock]:
    """Two weeks of study before START, on a fixed clock: some days missed, some lapses."""
    write_decks(tmp_path / "decks")
    clock = FakeClock(START - timedelta(days=14))
    collection = Collection.open([tmp_path / "decks"], tmp_path / "data", clock=clock)
    collection.scheduler = Scheduler(SchedulerConfig(fuzz=False), tz=TZ)
    for day in range(14):
        if day % 4 == 3:
            continue  # a missed day
        clock.now = START - timedelta(days=14 - day) + timedelta(hours=3)  # 18:00 local
        session = StudySession(
            collection.decks, collection.store, collection.scheduler, clock, new_per_day=3
        )
        for turn in range(12):
            item = session.current
            if item is None:
                break
            lapse = item.state.reps > 1 and (turn + day) % 4 == 0
            session.answer(Rating.AGAIN if lapse else Rating.GOOD)
            clock.advance(seconds=20)
    clock.now = START
    return collection, clock


async def test_stats_screen_shows_the_figures(tmp_path: Path) -> None:
    collection, _ = filled(tmp_path)
    expected = collect(collection.decks, collection.store, collection.scheduler, START)
    assert expected.streak == 2 and expected.reviews_total > 40 and expected.hardest
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        summary = str(screen.query_one("#stats-summary", Static).render())
        assert f"Streak: 2 study days in a row · {expected.reviews_total} reviews in all" in summary
        heatmap = str(screen.query_one("#stats-heatmap", Static).render())
        assert "Mon " in heatmap and "reviews a day" in heatmap and "· none" in heatmap
        due = str(screen.query_one("#due-words", Static).render())
        counts = [n for _, n in expected.due_by_day]
        assert (
            f"Due today (with overdue): {counts[0]}; in the next 7 days: {sum(counts[:7])}" in due
        )
        mastery = screen.query_one("#mastery-table", DataTable)
        groups = 1 + len(expected.mastery_by_kind) + len(expected.mastery_by_tag)
        assert mastery.row_count == groups
        first = [str(cell) for cell in mastery.get_row_at(0)]
        m = expected.mastery
        assert first == ["all", "all", str(m.mastered), str(m.cards), f"{m.share:.0%}"]
        hardest = screen.query_one("#hardest-table", DataTable)
        top = [str(cell) for cell in hardest.get_row_at(0)]
        card = expected.hardest[0]
        assert top == [str(card.lapses), card.deck_id, card.prompt]
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_figures_are_counted_in_a_thread_while_the_screen_answers_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    collection, _ = filled(tmp_path)
    gate, threads = threading.Event(), []

    def held(*args: object) -> object:
        threads.append(threading.current_thread())
        gate.wait(10)
        return collect(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(stats_screen, "collect", held)
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        summary = str(screen.query_one("#stats-summary", Static).render())
        assert summary == "Counting your reviews…"
        assert threads and threads[0] is not threading.main_thread()
        await pilot.press("escape")  # keys still work while the log is read
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("s")
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        summary = str(app.screen.query_one("#stats-summary", Static).render())
        assert summary.startswith("Streak: 2 study days in a row")


def endless_count(events: list[str], gate: threading.Event | None = None) -> Callable[..., object]:
    """A stand-in for `collect` whose query would run far longer than any test may wait;
    with a gate, the query starts only once the gate opens."""

    def count(decks: object, reader: Store, *args: object) -> object:
        events.append("started")
        if gate is not None:
            gate.wait(10)
        try:
            reader.conn.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                " WHERE i < 300000000) SELECT count(*) FROM n"
            ).fetchone()
        except sqlite3.OperationalError as exc:
            events.append(str(exc))
            raise
        raise AssertionError("the count was not interrupted")

    return count


async def test_waiting_in_vain_fails_and_says_for_what() -> None:
    with pytest.raises(AssertionError, match="waited 0.05 s for the moon, in vain"):
        await until(lambda: False, "the moon", seconds=0.05)


def app_with_endless_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gate: threading.Event | None = None
) -> tuple[QuizApp, list[str]]:
    """The app, whose statistics count never ends unless stopped; what the count did."""
    collection, _ = filled(tmp_path)
    events: list[str] = []
    monkeypatch.setattr(stats_screen, "collect", endless_count(events, gate))
    return make_app(collection), events


async def test_quitting_stops_a_count_in_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, events = app_with_endless_count(tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await until(lambda: events, "the count to start")
    # Leaving the app (as ctrl+q does) stopped the count: the exit does not wait for it.
    await until(lambda: len(events) == 2, "the count to be interrupted")
    assert events == ["started", "interrupted"]  # one count: opening the screen starts one
    assert app.return_code is None  # no failure: a stopped count is no error (1 if it were)


async def test_leaving_the_screen_stops_its_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, events = app_with_endless_count(tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await until(lambda: events, "the count to start")
        await pilot.press("escape")
        await until(lambda: len(events) == 2, "the count to be interrupted")
        assert events == ["started", "interrupted"]
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.is_running and app.return_code is None  # the app carries on
        monkeypatch.setattr(stats_screen, "collect", collect)
        await pilot.press("s")  # and counts again when asked
        await app.workers.wait_for_complete()
        await pilot.pause()
        summary = str(app.screen.query_one("#stats-summary", Static).render())
        assert summary.startswith("Streak: 2 study days in a row")


async def test_a_count_left_before_its_query_began_never_runs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    app, events = app_with_endless_count(tmp_path, monkeypatch, gate)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await until(lambda: events, "the count to start")
        await pilot.press("escape")  # left while the count's thread has not queried yet
        await pilot.pause()
        gate.set()
        await until(lambda: len(events) == 2, "the count to be interrupted")
        assert events == ["started", "interrupted"]


async def test_optimize_says_when_history_is_too_short(tmp_path: Path) -> None:
    collection, _ = filled(tmp_path)
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        result = str(app.screen.query_one("#optimize-result", Static).render())
        assert "Not enough history yet" in result and "default parameters stay" in result
    assert collection.store.setting(PARAMETERS_SETTING) is None


async def type_date(pilot, text: str) -> None:  # noqa: ANN001
    field = pilot.app.screen.query_one("#exam-date", Input)
    field.value = ""
    field.focus()
    await pilot.press(*text)


async def test_plan_screen_sets_changes_and_clears_the_exam(tmp_path: Path) -> None:
    collection, _ = filled(tmp_path)
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        assert "No exam date set." in str(screen.query_one("#plan-status", Static).render())
        await type_date(pilot, "2026-03-23")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        plan = load_plan(collection.store)
        assert plan is not None and plan.exam_day == date(2026, 3, 23) and plan.deck_ids == ()
        assert plan.per_day == 0 and plan.target == 0.9 and plan.set_on == date(2026, 3, 2)
        summary = str(screen.query_one("#plan-summary", Static).render())
        assert "Exam on 2026-03-23: 21 study days left, 16 cards" in summary
        # Every card studied: seeing each once in the final pass (a fifth of the 21 days)
        # is enough for 90%.
        assert "The final pass reaches 90%: no answers are needed before it." in summary
        assert "Final pass from 2026-03-18: 16 cards to see once more" in summary
        table = screen.query_one("#plan-table", DataTable)
        assert [str(table.get_row_at(i)[1]) for i in range(2)] == ["alliances", "arms"]
        # Only one deck, and a lower target.
        decks = screen.query_one("#exam-decks", SelectionList)
        decks.deselect("arms")
        await pilot.pause()
        words = str(screen.query_one("#exam-decks-words", Static).render())
        assert words == "Covered: 1 of 2 decks: The alliances deck."
        screen.query_one("#exam-target", Input).value = "80"
        await pilot.click("#plan-save")
        await app.workers.wait_for_complete()
        await pilot.pause()
        plan = load_plan(collection.store)
        assert plan is not None and plan.deck_ids == ("alliances",) and plan.target == 0.8
        await pilot.click("#plan-clear")
        assert load_plan(collection.store) is None
        assert "Exam date cleared" in str(screen.query_one("#plan-status", Static).render())


async def test_the_forecast_is_worked_out_in_a_thread_while_the_screen_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Setting the exam date: "Working out the forecast…" until the figures come, the screen
    answering keys meanwhile; the forecast itself off the event loop's thread."""
    from quizapp.tui.screens import plan as plan_screen

    collection, _ = filled(tmp_path)
    gate, threads = threading.Event(), []
    real = plan_screen.full_report

    def held(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread())
        gate.wait(10)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(plan_screen, "full_report", held)
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        await type_date(pilot, "2026-03-23")
        await pilot.press("enter")
        await until(lambda: bool(threads), "the forecast to start in its thread")
        status = str(screen.query_one("#plan-status", Static).render())
        assert status == "Working out the forecast…"
        assert str(screen.query_one("#plan-summary", Static).render()) == ""
        assert threads[0] is not threading.main_thread()
        await pilot.press("tab")  # keys still work while the forecast is worked out
        assert app.screen is screen
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        summary = str(screen.query_one("#plan-summary", Static).render())
        assert "Predicted recall on exam day if you stop now" in summary
        status = str(screen.query_one("#plan-status", Static).render())
        assert status.startswith("Exam date set")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "must be a date as YYYY-MM-DD"),
        ("2026-03-02", "must be after today (2026-03-02)"),
    ],
)
async def test_plan_screen_explains_a_wrong_date(tmp_path: Path, text: str, message: str) -> None:
    collection, _ = filled(tmp_path)
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await type_date(pilot, text)
        await pilot.press("enter")
        await pilot.pause()
        assert message in str(app.screen.query_one("#plan-status", Static).render())
    assert load_plan(collection.store) is None


async def test_palette_offers_statistics_plan_and_optimize(tmp_path: Path) -> None:
    collection, _ = filled(tmp_path)
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        assert {"Statistics", "Plan for an exam", "Optimize my schedule"} <= set(commands)
        commands["Plan for an exam"].callback()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        commands["Statistics"].callback()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)


async def settled(pilot) -> None:  # noqa: ANN001
    """Wait for the screen's worker, then for its tables to be laid out: a DataTable measures
    its rows when idle, a frame or more after they are added."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    tables = [t for t in pilot.app.screen.query(DataTable) if t.display and t.row_count]
    await until(lambda: all(table.size.height for table in tables), "the tables' layout")
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def snapshot_app(tmp_path: Path, plan: bool = False) -> QuizApp:
    collection, _ = filled(tmp_path)
    if plan:
        save_plan(collection.store, ExamPlan(date(2026, 3, 23), ("alliances",), 0.9, per_day=30))
    return make_app(collection)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_stats_snapshot(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    async def open_stats(pilot) -> None:  # noqa: ANN001
        await pilot.press("s")
        await settled(pilot)

    assert snap_compare(snapshot_app(tmp_path), terminal_size=size, run_before=open_stats)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_stats_charts_snapshot(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    async def scroll(pilot) -> None:  # noqa: ANN001
        await pilot.press("s")
        await settled(pilot)
        pilot.app.screen.query_one("#due-chart").scroll_visible(top=True, animate=False)
        await pilot.pause()

    assert snap_compare(snapshot_app(tmp_path), terminal_size=size, run_before=scroll)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_plan_snapshot(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    async def open_plan(pilot) -> None:  # noqa: ANN001
        await pilot.press("p")
        await settled(pilot)
        pilot.app.screen.query_one("#plan-summary").scroll_visible(top=True, animate=False)
        await pilot.pause()

    assert snap_compare(snapshot_app(tmp_path, plan=True), terminal_size=size, run_before=open_plan)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_plan_calendar_snapshot(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """The days to the exam as a chart: reviews, new cards and the final pass's cards."""

    async def open_calendar(pilot) -> None:  # noqa: ANN001
        await pilot.press("p")
        await settled(pilot)
        pilot.app.screen.query_one("#plan-chart").scroll_visible(top=True, animate=False)
        await pilot.pause()

    app = snapshot_app(tmp_path, plan=True)
    assert snap_compare(app, terminal_size=size, run_before=open_calendar)


def test_the_due_chart_counts_in_whole_cards() -> None:
    assert count_ticks(3) == [0, 1, 2, 3]
    assert count_ticks(9) == [0, 2, 4, 6, 8, 10]
    assert count_ticks(1234) == [0, 500, 1000, 1500]
    for highest in range(1, 3000):
        ticks = count_ticks(highest)
        assert ticks[0] == 0 and ticks[-1] >= highest and len(ticks) <= 6
