"""Backups: one a day when the collection opens, the last 10 kept; `backup` and `restore`."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.progress import backup as backup_module
from quizapp.core.progress.backup import KEEP, backup_due, list_backups, restore, take_backup
from quizapp.core.progress.database import DamagedStoreError, StoreBusyError
from quizapp.core.progress.lock import StoreInUseError, hold_alone, hold_shared
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.rating import Rating
from quizapp.core.sessions.study import StudySession

KARACHI = timezone(timedelta(hours=5))


@pytest.fixture
def deck(write_deck: Callable[..., Path]) -> Path:
    return write_deck("history", ["a", "b", "c", "d"])


def study(deck: Path, data_dir: Path, clock: FakeClock, answers: int) -> None:
    """Open the collection (as the app does each day), answer some cards, close it."""
    collection = Collection.open([deck], data_dir, clock)
    session = StudySession(collection.decks, collection.store, collection.scheduler, clock)
    for _ in range(answers):
        session.answer(Rating.GOOD)
        clock.advance(seconds=30)
    collection.close()


def reviews_in(path: Path) -> int:
    store = Store.open(path)
    try:
        return store.review_count()
    finally:
        store.close()


def test_the_first_open_of_each_day_takes_a_backup(
    deck: Path, data_dir: Path, clock: FakeClock
) -> None:
    study(deck, data_dir, clock, 2)
    assert list_backups(data_dir / "backups") == []  # nothing to back up before the first open
    study(deck, data_dir, clock, 1)
    (first,) = list_backups(data_dir / "backups")
    assert reviews_in(first) == 2  # the progress as it was when the day's first open began
    clock.advance(hours=5)
    study(deck, data_dir, clock, 1)
    assert len(list_backups(data_dir / "backups")) == 1  # same day: no second backup
    clock.advance(days=1)
    study(deck, data_dir, clock, 0)
    newest = list_backups(data_dir / "backups")[0]
    assert reviews_in(newest) == 4


def test_a_backup_is_taken_once_per_study_day_not_per_24_hours(
    deck: Path, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The machine's timezone is the student's; study days roll over at 04:00 local.
    monkeypatch.setenv("TZ", "Asia/Karachi")  # UTC+5 all year
    clock.now = datetime(2024, 5, 1, 15, 0, tzinfo=KARACHI)
    study(deck, data_dir, clock, 2)  # creates the progress: nothing to back up yet
    clock.now = datetime(2024, 5, 1, 22, 0, tzinfo=KARACHI)
    study(deck, data_dir, clock, 1)
    assert len(list_backups(data_dir / "backups")) == 1  # the first study day's
    clock.now = datetime(2024, 5, 2, 3, 30, tzinfo=KARACHI)  # after midnight, before 04:00
    study(deck, data_dir, clock, 1)
    assert len(list_backups(data_dir / "backups")) == 1  # still the same study day
    clock.now = datetime(2024, 5, 2, 9, 0, tzinfo=KARACHI)  # 11 hours after the backup
    study(deck, data_dir, clock, 0)
    newest, _ = list_backups(data_dir / "backups")  # the second study day's
    assert reviews_in(newest) == 4
    clock.now = datetime(2024, 5, 2, 23, 0, tzinfo=KARACHI)
    study(deck, data_dir, clock, 0)
    assert len(list_backups(data_dir / "backups")) == 2


def test_answers_given_while_the_backup_is_copied_stay_out_of_it(
    deck: Path, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    study(deck, data_dir, clock, 2)
    clock.advance(days=1)
    release = threading.Event()
    real_take_backup = backup_module.take_backup

    def held_take_backup(*args: object, **kwargs: object) -> Path:
        assert release.wait(10)  # the copy starts only once the answers below are committed
        return real_take_backup(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(backup_module, "take_backup", held_take_backup)
    collection = Collection.open([deck], data_dir, clock)
    session = StudySession(collection.decks, collection.store, collection.scheduler, clock)
    session.answer(Rating.GOOD)
    session.answer(Rating.GOOD)
    release.set()
    collection.close()
    (backup,) = list_backups(data_dir / "backups")
    assert reviews_in(backup) == 2  # as the collection was opened
    assert reviews_in(data_dir / "progress.sqlite3") == 4


def test_only_the_last_ten_are_kept(deck: Path, data_dir: Path, clock: FakeClock) -> None:
    study(deck, data_dir, clock, 1)
    for _ in range(KEEP + 3):
        clock.advance(days=1)
        study(deck, data_dir, clock, 0)
    backups = list_backups(data_dir / "backups")
    assert len(backups) == KEEP
    assert not backup_due(data_dir / "backups", clock(), UTC)
    # Newest first, one a day.
    assert backups[0].name == f"progress-{clock():%Y%m%d-%H%M%S}.sqlite3"


def test_a_backup_is_one_consistent_file(deck: Path, data_dir: Path, clock: FakeClock) -> None:
    study(deck, data_dir, clock, 3)
    made = take_backup(data_dir / "progress.sqlite3", data_dir / "backups", clock)
    assert not Path(f"{made}-wal").exists()
    conn = sqlite3.connect(made)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_restore_brings_back_the_backup_and_keeps_what_it_replaced(
    deck: Path, data_dir: Path, clock: FakeClock
) -> None:
    study(deck, data_dir, clock, 2)
    progress = data_dir / "progress.sqlite3"
    saved = take_backup(progress, data_dir / "backups", clock)
    study(deck, data_dir, clock, 2)
    assert reviews_in(progress) == 4

    kept = restore(saved, progress, data_dir, clock)
    assert reviews_in(progress) == 2
    assert kept is not None and "before-restore" in kept.name and reviews_in(kept) == 4
    # The restored progress is a working store: states come with it.
    collection = Collection.open([deck], data_dir, clock)
    try:
        assert collection.counts(collection.decks[0]).new == 2
    finally:
        collection.close()


def test_a_bad_backup_is_refused_and_changes_nothing(
    deck: Path, data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    study(deck, data_dir, clock, 2)
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DamagedStoreError):
        restore(bogus, data_dir / "progress.sqlite3", data_dir, clock)
    assert reviews_in(data_dir / "progress.sqlite3") == 2


def test_the_commands(
    deck: Path, data_dir: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    study(deck, data_dir, clock, 2)
    where = ["--data-dir", str(data_dir)]
    assert main(["backup", *where]) == 0
    assert "Backed up your progress to" in capsys.readouterr().out
    assert main(["backup", "--list", *where]) == 0
    assert "progress-" in capsys.readouterr().out
    study(deck, data_dir, clock, 1)
    assert main(["restore", *where]) == 0  # the newest backup
    out = capsys.readouterr().out
    assert "Restored your progress" in out and "before-restore" in out
    assert reviews_in(data_dir / "progress.sqlite3") == 2
    assert main(["restore", "no-such-backup", *where]) == 2
    assert "no backup named" in capsys.readouterr().err


def test_restore_is_refused_while_quizapp_has_the_progress_open(
    deck: Path, data_dir: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    study(deck, data_dir, clock, 2)
    progress = data_dir / "progress.sqlite3"
    saved = take_backup(progress, data_dir / "backups", clock)
    study(deck, data_dir, clock, 1)
    where = ["--data-dir", str(data_dir)]
    open_app = Collection.open([deck], data_dir, clock)  # the app, left open meanwhile
    try:
        assert main(["restore", str(saved), *where]) == 1
        err = capsys.readouterr().err
        assert "quizapp is open on this progress elsewhere" in err
        assert "close it first" in err
        with pytest.raises(StoreInUseError):
            restore(saved, progress, data_dir, clock)
        # Nothing changed under the open app: what it shows is what the progress holds.
        assert open_app.store.review_count() == 3
        assert open_app.counts(open_app.decks[0]).new == 1
    finally:
        open_app.close()
    assert reviews_in(progress) == 3
    assert main(["restore", str(saved), *where]) == 0  # closed: the restore goes ahead
    assert reviews_in(progress) == 2


def test_no_quizapp_opens_the_progress_while_a_restore_runs(
    deck: Path, data_dir: Path, clock: FakeClock
) -> None:
    study(deck, data_dir, clock, 2)
    progress = data_dir / "progress.sqlite3"
    restoring = hold_alone(progress)  # as `restore` holds it while it copies
    try:
        with pytest.raises(StoreBusyError, match="being restored"):
            hold_shared(progress, timeout=0)  # an opening store waits for it instead
    finally:
        restoring.release()
    collection = Collection.open([deck], data_dir, clock)
    try:
        with pytest.raises(StoreInUseError):
            hold_alone(progress)
    finally:
        collection.close()
    hold_alone(progress).release()  # closed: nothing holds it any more
