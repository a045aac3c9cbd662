"""Home reads decks that are not cached behind a progress bar, and stays responsive."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import ProgressBar, Static
from tui_support import FLIP_DECK, START, until, write_deck

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.paths import bundled_decks_dir
from quizapp.core.sessions import study as study_module
from quizapp.tui import app as app_module
from quizapp.tui.app import make_app
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.widgets.deck_list import DeckList


async def test_uncached_decks_load_behind_a_progress_bar(tmp_path: Path) -> None:
    deck_dir = tmp_path / "decks"
    write_deck(deck_dir, "flip3.yaml", FLIP_DECK)
    write_deck(deck_dir, "other.yaml", FLIP_DECK.replace("id: flip3", "id: other"))
    collection = Collection.open(
        [deck_dir], tmp_path / "data", clock=FakeClock(START), parse_later=True
    )
    assert len(collection.pending) == 2
    # Hold the reading thread until the first screen has been checked.
    gate = threading.Event()
    read = collection.load_pending

    def held(progress: Callable[[int, int], None] | None = None) -> None:
        gate.wait(10)
        read(progress)

    collection.load_pending = held  # type: ignore[method-assign]
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        label = str(home.query_one("#loading-label", Static).render())
        assert "Reading deck files: 0 of 2" in label
        assert home.query_one("#loading-bar", ProgressBar).total == 2
        assert [row.title for row in home.query_one("#decks", DeckList).rows] == ["All decks (0)"]
        await pilot.press("down", "up")  # the screen answers keys while the files are read
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not home.query("#loading-label") and not home.query("#loading-bar")
        rows = [list(row.cells()) for row in home.query_one("#decks", DeckList).rows]
        assert rows[0] == ["All decks (2)", "6", "6", "0", "0"]
        assert len(rows) == 3


async def test_counts_are_fresh_after_a_session_opened_at_start(tmp_path: Path) -> None:
    deck_dir = tmp_path / "decks"
    write_deck(deck_dir, "flip3.yaml", FLIP_DECK)
    collection = Collection.open([deck_dir], tmp_path / "data", clock=FakeClock(START))
    app = make_app(collection, study=collection.decks)  # as `quizapp study` opens it
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space", "3", "escape")
        await pilot.pause()
        await pilot.press("enter")  # leave the summary
        await pilot.pause()
        rows = [list(row.cells()) for row in app.screen.query_one("#decks", DeckList).rows]
        # Cards, new on offer today, in learning (the card answered, back in ten minutes), due.
        assert rows == [
            ["All decks (1)", "3", "2", "1", "0"],
            ["Three flip cards", "3", "2", "1", "0"],
        ]


async def test_a_big_study_session_builds_its_queue_in_a_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "STUDY_IN_THREAD_ABOVE", 2)  # the 3-card deck counts as big
    deck_dir = tmp_path / "decks"
    write_deck(deck_dir, "flip3.yaml", FLIP_DECK)
    collection = Collection.open([deck_dir], tmp_path / "data", clock=FakeClock(START))
    gate, threads = threading.Event(), []
    original = study_module.StudySession

    def held(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        gate.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(study_module, "StudySession", held)
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await until(lambda: bool(threads), "the queue to be built in its thread")
        home = app.screen
        assert isinstance(home, HomeScreen)  # the queue is being built: home says so
        assert threads[0] is not threading.main_thread()
        working = str(home.query_one("#home-working", Static).render())
        assert working == "Preparing the study session: finding what is due among 3 cards…"
        decks = home.query_one("#decks", DeckList)
        before = decks.highlighted
        await pilot.press("down")  # home answers keys meanwhile
        assert decks.highlighted != before
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert not home.query("#home-working")  # said no more once the session opened
        await pilot.press("space", "3")  # saved through the app's own connection
        await pilot.pause()
    assert [r.card_id for r in collection.store.reviews()] == ["one"]


async def test_home_says_when_a_deck_of_yours_replaces_a_bundled_one(tmp_path: Path) -> None:
    bundled = bundled_decks_dir() / "05-hurdles.yaml"
    own = tmp_path / "data" / "decks" / "hurdles.yaml"
    write_deck(own.parent, own.name, bundled.read_text("utf-8").replace("Hurdles:", "Fixed:", 1))
    # Read behind the progress bar, as on a first start: the notice comes once they are read.
    collection = Collection.open(None, tmp_path / "data", FakeClock(START), parse_later=True)
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        notices = app.screen.query_one("#deck-notices", Static)
        assert notices.display
        text = str(notices.render())
        assert "Your deck hurdles.yaml replaces the bundled deck 'hurdles' (same id)" in text
        assert "your progress on it is kept" in text
        titles = [row.title for row in app.screen.query_one("#decks", DeckList).rows]
        assert any(title.startswith("Fixed:") for title in titles)
        assert not any(title.startswith("Hurdles:") for title in titles)
        assert not app.screen.query_one("#deck-problems", Static).display


async def test_a_large_collection_reads_its_card_indexes_ahead_after_the_first_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The card indexes every counting screen needs are read in a thread once home shows,
    the cards themselves left unread; a small collection reads nothing ahead."""
    from quizapp.core.decks.lazy_cards import LazyCards

    def cached() -> Collection:
        return Collection.open([bundled_decks_dir()], tmp_path / "data", clock=FakeClock(START))

    cached().close()  # the deck cache written
    for above, ahead in ((10**9, False), (2, True)):
        monkeypatch.setattr(app_module, "STUDY_IN_THREAD_ABOVE", above)
        collection = cached()
        cards = [deck.cards for deck in collection.decks]
        assert all(isinstance(c, LazyCards) for c in cards)
        app = make_app(collection)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            read = [c._index is not None for c in cards]  # type: ignore[attr-defined]
            assert read == [ahead] * len(cards)
            assert not any(c.loaded for c in cards)  # type: ignore[attr-defined]
        collection.close()
