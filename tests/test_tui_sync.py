"""The app syncs with the sync-folder when it starts, in a worker (the first frame waits for
nothing), says what came in and recounts home; the palette's "Sync now" syncs again."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXED_TZ
from sync_support import Machine
from tui_support import FLIP_DECK, START, notices, open_collection, until

from quizapp.core.collection import Collection
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import Scheduler, SchedulerConfig
from quizapp.tui import sync as sync_module
from quizapp.tui.app import make_app
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.sync import NO_FOLDER
from quizapp.tui.widgets.deck_list import DeckList


def laptop_studied(tmp_path: Path, shared: Path) -> None:
    """Another machine answered two of the three cards and synced."""
    laptop = Machine(tmp_path / "laptop", "laptop", Scheduler(SchedulerConfig(), tz=FIXED_TZ))
    try:
        laptop.answer("one", Rating.GOOD, START - timedelta(hours=2), deck="flip3")
        laptop.answer("two", Rating.EASY, START - timedelta(hours=1), deck="flip3")
        laptop.sync(shared)
    finally:
        laptop.close()


def here(tmp_path: Path, shared: Path | None) -> Collection:
    collection, clock = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    if shared is not None:
        collection.store.set_preference("sync-folder", str(shared), clock())
    return collection


def counts(app: Any) -> list[list[str]]:
    return [list(row.cells()) for row in app.screen.query_one("#decks", DeckList).rows]


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


async def test_the_app_syncs_when_it_starts_and_says_what_came_in(
    tmp_path: Path, shared: Path
) -> None:
    laptop_studied(tmp_path, shared)
    collection = here(tmp_path, shared)
    app = make_app(collection)
    try:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await until(lambda: collection.store.review_count() == 2, "the laptop's reviews")
            await until(
                lambda: any("From laptop: 2 reviews." in n for n in notices(app)), "the notice"
            )
            await pilot.pause()
            assert counts(app)[1][:3] == ["Three flip cards", "3", "1"]  # one card new now
            assert any("Sent " not in n and "2 cards rescheduled" in n for n in notices(app))
    finally:
        collection.close()
    assert len(list(shared.glob("quizapp-*.jsonl"))) == 2  # this machine's file too


async def test_the_first_frame_does_not_wait_for_the_sync(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop_studied(tmp_path, shared)
    collection = here(tmp_path, shared)
    gate, threads = threading.Event(), []
    real = sync_module.sync_with

    def held(*args: Any) -> Any:
        threads.append(threading.current_thread())
        gate.wait(10)
        return real(*args)

    monkeypatch.setattr(sync_module, "sync_with", held)
    app = make_app(collection)
    try:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await until(lambda: threads, "the sync to start")
            assert threads[0] is not threading.main_thread()
            assert isinstance(app.screen, HomeScreen)
            assert counts(app)[1][:3] == ["Three flip cards", "3", "3"]  # drawn, not synced yet
            await pilot.press("down", "up")  # home answers keys meanwhile
            app.action_sync()
            await until(lambda: any("running already" in n for n in notices(app)), "a word")
            gate.set()
            await until(lambda: any("From laptop" in n for n in notices(app)), "the notice")
    finally:
        collection.close()


async def test_sync_now_from_the_palette(tmp_path: Path, shared: Path) -> None:
    collection = here(tmp_path, None)
    app = make_app(collection)
    try:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            commands = {c.title: c for c in app.get_system_commands(app.screen)}
            commands["Sync now"].callback()
            await pilot.pause()
            assert any(NO_FOLDER.split(":")[0] in n for n in notices(app))
            collection.store.set_preference("sync-folder", str(shared), START)
            laptop_studied(tmp_path, shared)
            commands["Sync now"].callback()
            await until(lambda: any("From laptop" in n for n in notices(app)), "the notice")
            await app.workers.wait_for_complete()
            commands["Sync now"].callback()  # asked, so told even when nothing came in
            await until(
                lambda: any("Nothing new came in." in n for n in notices(app)), "the second"
            )
            assert collection.store.review_count() == 2
    finally:
        collection.close()
