"""Home reads decks that are not cached behind a progress bar, and stays responsive."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from textual.widgets import ProgressBar, Static
from tui_support import FLIP_DECK, START, write_deck

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.tui.app import make_app
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
        assert rows[0] == ["All decks (2)", "6", "6", "0"]
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
        assert rows == [["All decks (1)", "3", "2", "0"], ["Three flip cards", "3", "2", "0"]]
