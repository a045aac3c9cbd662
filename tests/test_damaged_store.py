"""A damaged progress file is found at open, set aside with a timestamp and reported in words.

Each kind of damage: a truncated file, random bytes, a damaged page inside, another program's
database and a newer quizapp's. The CLI prints the notice; the app shows it on its first
screen, so nobody starts over without being told.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.progress.schema import SCHEMA_VERSION
from quizapp.core.scheduling.rating import Rating
from quizapp.core.sessions.study import StudySession
from quizapp.tui.app import make_app
from quizapp.tui.widgets.deck_list import DeckList


def kept_name(clock: FakeClock) -> str:
    """The name a damaged file is kept under, stamped with the clock's time (UTC)."""
    return f"progress.sqlite3.damaged-{clock():%Y%m%d-%H%M%S}"


def studied_store(path: Path, deck_path: Path, clock: FakeClock, reviews: int = 40) -> None:
    """A real progress file with some reviews, big enough to have many pages."""
    collection = Collection.open([deck_path], path.parent, clock)
    session = StudySession(collection.decks, collection.store, collection.scheduler, clock)
    for number in range(reviews):
        if session.current is None:
            break
        session.answer(Rating.GOOD if number % 3 else Rating.AGAIN, given_answer="x" * 200)
        clock.advance(minutes=11)
    collection.close()


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(3).randbytes(20_000))


def damage_a_page(path: Path) -> None:
    """Scribble over the middle of the file, leaving the header intact."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = random.Random(4).randbytes(4096)
    path.write_bytes(bytes(data))


def other_program(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE messages (sender TEXT, body TEXT)")
    conn.execute("INSERT INTO messages VALUES ('a friend', 'hello')")
    conn.commit()
    conn.close()


def newer_schema(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()


DAMAGE = {
    "truncated": (truncate, "not a readable progress file"),
    "random bytes": (random_bytes, "not a readable progress file"),
    "damaged page": (damage_a_page, "progress file"),
    "another program's database": (other_program, "belongs to another program"),
    "a newer schema": (newer_schema, "newer quizapp"),
}


@pytest.fixture
def damaged(
    request: pytest.FixtureRequest,
    data_dir: Path,
    write_deck: Callable[..., Path],
    clock: FakeClock,
) -> tuple[Path, bytes, str]:
    """A progress file with reviews, then damaged one way; returns deck, bytes and reason."""
    deck = write_deck("history", [f"c{n}" for n in range(30)])
    progress = data_dir / "progress.sqlite3"
    studied_store(progress, deck, clock)
    for side in ("-wal", "-shm"):
        Path(f"{progress}{side}").unlink(missing_ok=True)
    spoil, reason = DAMAGE[request.param]
    spoil(progress)
    return deck, progress.read_bytes(), reason


@pytest.mark.parametrize("damaged", list(DAMAGE), indirect=True)
def test_damage_is_set_aside_and_reported(
    damaged: tuple[Path, bytes, str], data_dir: Path, clock: FakeClock
) -> None:
    deck, spoilt, reason = damaged
    collection = Collection.open([deck], data_dir, clock)
    try:
        kept = data_dir / kept_name(clock)
        assert kept.read_bytes() == spoilt  # nothing of the old file is lost
        (notice,) = collection.notices
        assert reason in notice and str(kept) in notice
        assert "started a fresh one" in notice
        assert collection.store.review_count() == 0
        # The fresh store works.
        session = StudySession(collection.decks, collection.store, collection.scheduler, clock)
        session.answer(Rating.GOOD)
        assert collection.store.review_count() == 1
        assert collection.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        collection.close()


@pytest.mark.parametrize("damaged", ["truncated"], indirect=True)
def test_the_cli_says_so_in_words(
    damaged: tuple[Path, bytes, str], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck, _, _ = damaged
    assert main(["list", "--decks", str(deck), "--data-dir", str(data_dir)]) == 0
    err = capsys.readouterr().err
    assert "Your progress file could not be used" in err
    assert "damaged-" in err and "started a fresh one" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("damaged", ["random bytes"], indirect=True)
async def test_the_app_shows_the_notice_on_its_first_screen(
    damaged: tuple[Path, bytes, str], data_dir: Path, clock: FakeClock
) -> None:
    deck, _, _ = damaged
    collection = Collection.open([deck], data_dir, clock)
    app = make_app(collection)
    try:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.pause()
            shown = [str(toast.render()) for toast in app.screen.query("Toast")]
            kept = kept_name(clock)
            assert any("could not be used" in text and kept in text for text in shown), shown
            assert len(app.screen.query_one("#decks", DeckList).rows) == 2  # all + one deck
    finally:
        collection.close()


def test_a_backup_is_offered_when_there_is_one(
    data_dir: Path, write_deck: Callable[..., Path], clock: FakeClock
) -> None:
    deck = write_deck("history", ["a", "b", "c"])
    progress = data_dir / "progress.sqlite3"
    studied_store(progress, deck, clock, reviews=3)
    Collection.open([deck], data_dir, clock).close()  # the day's backup is taken here
    assert list((data_dir / "backups").glob("progress-*.sqlite3"))
    truncate(progress)
    collection = Collection.open([deck], data_dir, clock)
    try:
        (notice,) = collection.notices
        assert "quizapp restore" in notice
    finally:
        collection.close()


def test_an_intact_file_is_left_alone(
    data_dir: Path, write_deck: Callable[..., Path], clock: FakeClock
) -> None:
    deck = write_deck("history", ["a", "b", "c"])
    studied_store(data_dir / "progress.sqlite3", deck, clock, reviews=3)
    collection = Collection.open([deck], data_dir, clock)
    try:
        assert collection.notices == []
        assert collection.store.review_count() == 3
        assert not list(data_dir.glob("*.damaged-*"))
    finally:
        collection.close()


def test_a_file_as_quizapp_left_it_is_not_read_through_again(
    data_dir: Path, write_deck: Callable[..., Path], clock: FakeClock
) -> None:
    """Every page is checked on opening unless the file is exactly as quizapp left it on
    closing (the check reads all of a million-review file: a quarter of a second)."""
    from quizapp.core.progress.database import unchanged_since_checked
    from quizapp.core.progress.store import Store

    deck = write_deck("history", [f"c{n}" for n in range(30)])
    progress = data_dir / "progress.sqlite3"
    studied_store(progress, deck, clock)
    assert unchanged_since_checked(progress)
    conn = sqlite3.connect(progress)  # another program writes to it
    conn.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
    conn.commit()
    conn.close()
    assert not unchanged_since_checked(progress)
    Store.open(progress).close()  # checked, then left as it was
    assert unchanged_since_checked(progress)
    store = Store.open(progress)  # open: its log may be written at any moment
    store.set_setting("z", "1")
    assert not unchanged_since_checked(progress)  # a crash now would leave the log behind
    store.close()
    assert unchanged_since_checked(progress)
