"""Backups of the progress file: one a study day, at its first open; the last 10 kept.

Copies are made with SQLite's backup API, which reads a consistent snapshot while other
instances keep writing; each is written under a temporary name and renamed, so a backup
folder never holds half a file. A restore first keeps a copy of the progress it replaces.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from quizapp.core.clock import Clock, system_clock
from quizapp.core.progress.database import BUSY_TIMEOUT_MS, DamagedStoreError, connect
from quizapp.core.progress.lock import hold_alone
from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.local_zone import local_timezone

KEEP = 10
PREFIX = "progress-"
SUFFIX = ".sqlite3"
STAMP = "%Y%m%d-%H%M%S"


def backup_folder(data_dir: Path) -> Path:
    return data_dir / "backups"


def backup_time(path: Path) -> datetime | None:
    """When a backup was taken (UTC), read from its name; None for other files."""
    name = path.name
    if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
        return None
    stamp = name[len(PREFIX) : -len(SUFFIX)].split(".")[0]
    digits = stamp[: len("20240101-000000")]
    if len(digits) != len("20240101-000000") or digits[8] != "-":
        return None
    try:  # fromisoformat, not strptime: strptime's imports cost start-up time
        return datetime.fromisoformat(digits.replace("-", "T")).replace(tzinfo=UTC)
    except ValueError:
        return None


def list_backups(folder: Path) -> list[Path]:
    """The backups in `folder`, newest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and backup_time(p) is not None]
    return sorted(found, key=lambda p: (backup_time(p), p.stat().st_mtime_ns), reverse=True)


def open_snapshot(progress: Path) -> sqlite3.Connection:
    """A connection holding a read transaction: it sees the progress as it is now, for as
    long as it stays open, however much other connections write meanwhile (WAL)."""
    source = sqlite3.connect(
        progress, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fixes the snapshot
    except sqlite3.Error:
        source.close()
        raise
    return source


def take_backup(
    progress: Path,
    folder: Path,
    clock: Clock = system_clock,
    note: str = "",
    *,
    snapshot: sqlite3.Connection | None = None,
    taken_at: datetime | None = None,
) -> Path:
    """Copy the progress file into `folder` and keep only the newest KEEP backups.

    Args:
        progress: The progress file (it may be in use by other instances).
        folder: The backup folder.
        clock: Names the backup with the time.
        note: A word added to the name, e.g. "before-restore".
        snapshot: A connection from `open_snapshot`: the copy is of what it sees (and it is
            closed here). Without it, the file as it is now.
        taken_at: The time to name the backup with, if not now.

    Returns:
        The new backup's path.
    """
    folder.mkdir(parents=True, exist_ok=True)
    when = taken_at or clock()
    base = PREFIX + when.astimezone(UTC).strftime(STAMP) + (f".{note}" if note else "")
    target = folder / (base + SUFFIX)
    number = 1
    while target.exists():
        number += 1
        target = folder / f"{base}.{number}{SUFFIX}"
    temporary = target.with_name(target.name + ".tmp")
    source = snapshot or sqlite3.connect(progress, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        copy = sqlite3.connect(temporary)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            copy.close()
    finally:
        source.close()
    os.replace(temporary, target)
    for old in list_backups(folder)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def backup_due(
    folder: Path, now: datetime, tz: tzinfo, rollover_hour: int = sd.DEFAULT_ROLLOVER_HOUR
) -> bool:
    """Whether no backup was taken yet in the study day of `now`.

    Study days, not 24 hours: a student who studies at 22:00 and again at 09:00 the next
    morning gets that morning's backup. Any backup of the day counts, whatever its place in
    the list: a clock that was set wrong for a while never holds the backups back.
    """
    today = sd.study_day(now, tz, rollover_hour)
    taken = (backup_time(path) for path in list_backups(folder))
    return all(sd.study_day(at, tz, rollover_hour) != today for at in taken if at is not None)


def start_daily_backup(
    progress: Path,
    data_dir: Path,
    clock: Clock = system_clock,
    tz: tzinfo | None = None,
    rollover_hour: int = sd.DEFAULT_ROLLOVER_HOUR,
) -> threading.Thread | None:
    """Take the study day's backup in a background thread, at its first open; join the thread
    before exit. `tz` and `rollover_hour` say when study days start (the machine's zone if
    None), as the scheduler counts them.

    The snapshot is fixed here, before the thread starts, so the backup holds the progress as
    the collection was opened, never part of the answers given while it is being copied.
    """
    folder = backup_folder(data_dir)
    now = clock()
    zone = tz if tz is not None else local_timezone()
    if not progress.exists() or not backup_due(folder, now, zone, rollover_hour):
        return None
    try:
        snapshot = open_snapshot(progress)
    except sqlite3.Error:
        return None  # a missed backup must never stop studying; tomorrow's will try again

    def run() -> None:
        try:
            take_backup(progress, folder, clock, snapshot=snapshot, taken_at=now)
        except (OSError, sqlite3.Error):
            pass  # as above
        finally:
            snapshot.close()

    thread = threading.Thread(target=run, name="quizapp-backup", daemon=True)
    thread.start()
    return thread


def restore(
    backup: Path, progress: Path, data_dir: Path, clock: Clock = system_clock
) -> Path | None:
    """Replace the progress with a backup's, keeping a copy of what it replaces.

    The backup is checked (and brought up to this quizapp's schema) on a copy, never changed.
    The progress is overwritten in place, through SQLite, so it stays one consistent file.
    An instance with the progress open would go on showing (and writing with) what it read
    before: the restore is refused while one is, and none opens until it is done.

    Returns:
        The copy of the progress as it was before the restore (None if there was none).

    Raises:
        StoreInUseError: another quizapp has the progress open.
        DamagedStoreError: the backup is not a usable progress file.
        OSError: the backup cannot be read.
    """
    hold = hold_alone(progress)
    try:
        return _restore(backup, progress, data_dir, clock)
    finally:
        hold.release()


def _restore(backup: Path, progress: Path, data_dir: Path, clock: Clock) -> Path | None:
    folder = backup_folder(data_dir)
    with tempfile.TemporaryDirectory(prefix="quizapp-restore-") as scratch:
        checked = Path(scratch) / "checked.sqlite3"
        source = sqlite3.connect(backup)
        try:
            copy = sqlite3.connect(checked)
            try:
                source.backup(copy)
            finally:
                copy.close()
        except sqlite3.DatabaseError as exc:
            raise DamagedStoreError(f"{backup} is not a progress file ({exc})") from exc
        finally:
            source.close()
        candidate = connect(checked)  # raises DamagedStoreError with the reason in words
        try:
            kept = _keep_current(progress, folder, clock)
            target = connect(progress)
            try:
                candidate.backup(target)
            finally:
                target.close()
        finally:
            candidate.close()
    return kept


def _keep_current(progress: Path, folder: Path, clock: Clock) -> Path | None:
    """A backup of the progress about to be replaced (even a damaged file is kept, renamed)."""
    if not progress.exists():
        return None
    try:
        connect(progress).close()
        return take_backup(progress, folder, clock, note="before-restore")
    except DamagedStoreError:
        folder.mkdir(parents=True, exist_ok=True)
        kept = folder / f"damaged-{clock().astimezone(UTC).strftime(STAMP)}{SUFFIX}"
        os.replace(progress, kept)
        for side in ("-wal", "-shm"):
            Path(f"{progress}{side}").unlink(missing_ok=True)
        return kept
