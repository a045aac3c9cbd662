"""Start-up stays lean: what opening the collection loads, and the collector's pause.

bench/run.py times the first frame; these tests keep the reasons it is quick from slipping
back (a module the home screen does not need, a collector left paused).
"""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tui_support import FLIP_DECK, open_collection

from quizapp.cli import main
from quizapp.cli.common import pause_collector_for_start_up
from quizapp.tui.app import make_app
from quizapp.tui.widgets.deck_list import DeckList

# In a fresh interpreter: the modules opening the collection and counting a deck loaded.
OPEN = """
import sys
from pathlib import Path

before = set(sys.modules)
from quizapp.core.collection import Collection

collection = Collection.open([Path(sys.argv[1])], Path(sys.argv[2]))
counts = collection.counts(collection.decks[0])
collection.close()
loaded = sorted(set(sys.modules) - before)
print("RESULT", counts.new, " ".join(loaded))
"""


@pytest.fixture
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_a_cached_start_loads_no_parser_optimizer_or_strptime(
    tmp_path: Path, write_deck: Callable[..., Path]
) -> None:
    deck = write_deck("sample")
    first, cached = (open_in_fresh_process(deck, tmp_path / "data") for _ in range(2))
    assert first[0] == cached[0] == 3  # new cards
    assert "yaml" in first[1]  # the first start parsed the deck: the probe sees imports
    assert "quizapp.core.progress.store" in cached[1]
    for module in ("yaml", "quizapp.core.scheduling.optimizer", "_strptime", "json"):
        assert module not in cached[1]


def open_in_fresh_process(deck: Path, data: Path) -> tuple[int, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", OPEN, str(deck), str(data)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=data.parent,
    )
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    _, new, *loaded = line.split()
    return int(new), loaded


@pytest.mark.usefixtures("collector_on")
def test_commands_leave_the_collector_running(
    tmp_path: Path, write_deck: Callable[..., Path]
) -> None:
    deck = write_deck("sample")
    assert main(["list", "--decks", str(deck), "--data-dir", str(tmp_path / "data")]) == 0
    assert gc.isenabled()
    assert main(["check", str(tmp_path / "missing.yaml")]) != 0
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
async def test_the_app_resumes_the_collector_after_its_first_frame(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    pause_collector_for_start_up()
    assert not gc.isenabled()
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(app.screen.query_one("#decks", DeckList).rows) == 2
        assert gc.isenabled()
