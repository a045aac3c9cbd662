"""A progress file that cannot be opened or written (a folder in its place, a full disk):
said in plain words, never set aside as damaged, and nothing half-saved."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from fsrs_rs_python import DEFAULT_PARAMETERS
from textual.widgets import Button, Input, Static
from tui_support import FLIP_DECK, notices, open_collection

from quizapp.cli import main
from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.planning.plan import ExamPlan, load_plan, save_plan
from quizapp.core.progress.database import StoreBusyError, StoreUnavailableError
from quizapp.core.progress.store import Review, Store
from quizapp.core.scheduling.optimizer import Optimization
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase
from quizapp.tui.app import make_app
from quizapp.tui.launch import quiz_screen
from quizapp.tui.screens import stats
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.plan import PlanScreen
from quizapp.tui.screens.quiz import QuizScreen
from quizapp.tui.screens.study import StudyScreen


def test_a_folder_in_the_progress_files_place_is_reported_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    (data / "progress.sqlite3").mkdir(parents=True)
    assert main(["list", "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "cannot use the progress file" in err and "cannot be opened" in err
    assert "Traceback" not in err
    # Nothing set aside (the lock file is where open instances say so: progress_lock).
    assert sorted(p.name for p in data.iterdir()) == ["progress.sqlite3", "progress.sqlite3.lock"]
    with pytest.raises(StoreUnavailableError):
        Collection.open([], data)


def review(card_id: str, clock: FakeClock) -> tuple[Review, CardState]:
    at = clock()
    state = CardState(phase=Phase.LEARNING, due=at + timedelta(minutes=1), last_review=at)
    return Review("d", card_id, at, 3, given_answer="x" * 400), state


def test_a_full_disk_is_said_in_words_and_half_an_answer_is_never_kept(
    store: Store, clock: FakeClock
) -> None:
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is as full as the file
    with pytest.raises(StoreUnavailableError, match="the disk is full") as raised:
        for n in range(1000):
            store.record(*review(f"c{n}", clock))
    assert "nothing of this change was saved" in str(raised.value)
    kept = store.review_count()
    # A question that tested several cards: all of its reviews are kept, or none.
    with pytest.raises(StoreUnavailableError):
        store.record_all([review(f"many-{n}", clock) for n in range(50)])
    assert store.review_count() == kept
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.conn.execute("PRAGMA max_page_count = 1000000")  # room again: writes work
    store.record(*review("after", clock))
    assert store.review_count() == kept + 1


def fill_the_disk(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Every review written fails as on a full disk, until the returned function is called."""
    real_insert = Store._insert_review

    def full(*args: object) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "_insert_review", full)
    return lambda: monkeypatch.setattr(Store, "_insert_review", real_insert)


async def test_an_answer_that_cannot_be_saved_leaves_the_card_to_answer_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    room_again = fill_the_disk(monkeypatch)
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        await pilot.press("space", "3")
        await pilot.pause()
        (notice,) = notices(app)
        assert notice.startswith("Not saved\n") and "the disk is full" in notice
        assert isinstance(app.screen, StudyScreen)
        status = str(screen.query_one("#study-status", Static).render())
        assert "card 1 of 3" in status  # the same card, still to answer
        assert collection.store.reviews() == []
        room_again()
        await pilot.press("3")
        assert "card 2 of 4" in str(
            screen.query_one("#study-status", Static).render()
        )  # 1 again later
    assert [r.rating for r in collection.store.reviews()] == [Rating.GOOD]


async def test_a_quiz_answer_that_cannot_be_saved_is_not_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    room_again = fill_the_disk(monkeypatch)
    app = make_app(
        collection, start=lambda _app: quiz_screen(collection, collection.decks, count=2, seed=1)
    )
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, QuizScreen)
        await pilot.press("ctrl+n")  # don't know: a miss, to be logged
        await pilot.pause()
        assert [n.split("\n")[0] for n in notices(app)] == ["Not saved"]
        assert not screen.answered and screen.session.attempts == []
        room_again()
        await pilot.press("ctrl+n")
        assert screen.answered
    assert [r.rating for r in collection.store.reviews()] == [Rating.AGAIN]


class FullDisk:
    """The store's connection on a full disk: reads work, every write fails as SQLite's does."""

    WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if sql.lstrip().upper().startswith(self.WRITES):
            raise sqlite3.OperationalError("database or disk is full")
        return self.conn.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self.conn, name)


async def test_a_full_disk_while_planning_and_counting_is_said_in_words_and_the_app_runs_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    collection, clock = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    store = collection.store
    store.record(Review("flip3", "one", clock(), Rating.GOOD), review("one", clock)[1])
    save_plan(store, ExamPlan(date(2026, 4, 1)))
    store.forget_checks()  # home's next count checks the deck against the store: a write
    monkeypatch.setattr(store, "conn", FullDisk(store.conn))
    app = make_app(collection)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.clear_notifications()

        screen.query_one("#plan-clear", Button).press()  # clear the exam date
        await pilot.pause()
        (notice,) = notices(app)
        assert notice.startswith("Not saved\n") and "the disk is full" in notice
        assert "The exam date is still set" in notice
        plan = load_plan(store)
        assert plan is not None and plan.exam_day == date(2026, 4, 1)
        app.clear_notifications()

        field = screen.query_one("#exam-date", Input)
        field.value = "2026-05-01"
        field.focus()
        await pilot.press("enter")  # save a plan
        await app.workers.wait_for_complete()
        await pilot.pause()
        (notice,) = notices(app)
        assert notice.startswith("Not saved\n") and "the disk is full" in notice
        status = str(screen.query_one("#plan-status", Static).render())
        assert status == "The exam date could not be set."
        assert load_plan(store) == plan
        app.clear_notifications()

        await pilot.press("escape")  # home counts again
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        (notice,) = notices(app)
        assert notice.startswith("Not saved\n") and "the disk is full" in notice
        assert "The deck counts may be out of date" in notice
        await pilot.press("p")  # still running, and answering keys
        assert isinstance(app.screen, PlanScreen)


async def test_a_busy_store_while_adopting_a_fitted_schedule_is_said_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fit itself is tested with the optimizer; here it is said to beat the current one.
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    fitted = Optimization(2000, True, parameters=tuple(DEFAULT_PARAMETERS), adopted=True)
    scheduler = collection.scheduler
    monkeypatch.setattr(stats, "optimize", lambda *_args: fitted)

    def busy(*_args: object) -> None:
        raise StoreBusyError("the progress file stayed in use by another program for a minute")

    monkeypatch.setattr(stats, "adopt", busy)
    app = make_app(collection)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("s", "o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        (notice,) = [n for n in notices(app) if not n.startswith("Optimize my schedule")]
        assert notice.startswith("Not saved\n") and "in use by another program" in notice
        result = str(app.screen.query_one("#optimize-result", Static).render())
        assert result == "Not saved: your schedule keeps its current parameters."
    assert collection.scheduler is scheduler  # the schedule in use is unchanged
