"""The start box refuses an exam too long for the clock instead of crashing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input
from tui_support import MIXED_DECK, notices, open_collection

from quizapp.core.progress.exams import ExamStore
from quizapp.tui.app import make_app
from quizapp.tui.screens.home import HomeScreen


async def test_an_endless_exam_is_refused_with_a_notice(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("mixed.yaml", MIXED_DECK))
    app = make_app(collection)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#start-minutes", Input).value = "1e999"  # float: inf
        app.screen.query_one("#start-count", Input).focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [n.split("\n")[-1] for n in notices(app)] == [
            "An exam lasts at most 10080 minutes (a week)."
        ]
    assert ExamStore(collection.store.conn).exams() == []
