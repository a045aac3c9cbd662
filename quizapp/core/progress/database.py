"""Opening the progress database safely: pragmas, transactions, migrations, damage checks."""

from __future__ import annotations

import importlib
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from quizapp.core.progress.schema import APPLICATION_ID, BACKFILLS, MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000


class DamagedStoreError(Exception):
    """The progress file cannot be used as it is; the message says why in plain words."""


class StoreUnavailableError(Exception):
    """The progress file cannot be opened or written here and now: a full disk, no permission,
    a folder in its place, a failing disk, another program holding it.

    Not damage: the file must not be set aside. The message says why in plain words.
    """


class StoreBusyError(StoreUnavailableError):
    """Another program kept the progress file locked for longer than the busy timeout."""


# SQLite's words for trouble around the file, not in it, and what they mean for the student.
_UNAVAILABLE = {
    "unable to open": "it cannot be opened (is it a file you may read and write?)",
    "readonly": "it is read-only, and quizapp must write your answers to it",
    "disk is full": "the disk is full",
    "disk i/o error": "the disk reported an error reading or writing it",
    "out of memory": "the computer ran out of memory",
}


def unavailable(exc: sqlite3.OperationalError, path: Path | str) -> StoreUnavailableError | None:
    """The plain-words error for an SQLite failure that is no fault of the file, if it is one."""
    message = str(exc).lower()
    for words, meaning in _UNAVAILABLE.items():
        if words in message:
            return StoreUnavailableError(f"cannot use the progress file {path}: {meaning}")
    return None


# Told how an upgrade of the progress file goes: (reviews done, reviews in all).
UpgradeProgress = Callable[[int, int], None]


def connect(path: Path, upgrading: UpgradeProgress | None = None) -> sqlite3.Connection:
    """Open (or create) the progress database at `path`, checked and migrated.

    `upgrading` hears how a migration that replays the log goes (a long log takes seconds).

    Raises:
        DamagedStoreError: the file is not a quizapp database, is corrupt, or is newer
            than this quizapp understands.
        StoreUnavailableError: the file cannot be opened or written here (StoreBusyError:
            another program held it locked for the whole busy timeout).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Autocommit mode: every write goes through `transaction`, which says BEGIN itself.
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.OperationalError as exc:
        raise unavailable(exc, path) or DamagedStoreError(f"{path}: {exc}") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _check(conn, unchanged_since_checked(path))
        _enable_wal(conn)
        # In WAL mode NORMAL loses no committed transaction on a process crash.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn, upgrading)
    except StoreUnavailableError:
        conn.close()
        raise
    except sqlite3.OperationalError as exc:
        conn.close()
        if _is_busy(exc):
            raise StoreBusyError(f"{path} is in use by another program ({exc})") from exc
        if (error := unavailable(exc, path)) is not None:
            raise error from exc
        raise DamagedStoreError(f"{path} is not a readable progress file ({exc})") from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DamagedStoreError(f"{path} is not a readable progress file ({exc})") from exc
    except DamagedStoreError:
        conn.close()
        raise
    return conn


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, waiting while another connection holds the file.

    The switch needs an exclusive lock, and SQLite does not call the busy handler for it when
    it could deadlock: two instances creating the file at once get "database is locked" at
    once. So retry here, within the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.001
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.05)


def _check(conn: sqlite3.Connection, unchanged: bool = False) -> None:
    # One statement, so one snapshot: read apart, another instance creating the file could
    # commit its tables between the reads, and a fresh quizapp file look like another
    # program's (tables, but no application id yet), to be set aside as damaged.
    version, app_id, tables = conn.execute(
        "SELECT (SELECT user_version FROM pragma_user_version),"
        " (SELECT application_id FROM pragma_application_id),"
        " (SELECT count(*) FROM sqlite_master)"
    ).fetchone()
    if version > SCHEMA_VERSION:
        raise DamagedStoreError(
            f"the progress file was written by a newer quizapp (schema {version}; "
            f"this one reads up to {SCHEMA_VERSION})"
        )
    if tables and app_id != APPLICATION_ID:
        raise DamagedStoreError("the progress file belongs to another program")
    if unchanged:
        return  # checked, and not written since quizapp closed it (`mark_checked`)
    result = conn.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise DamagedStoreError(f"the progress file is damaged ({result})")


def _checked_file(path: Path) -> Path:
    return path.with_name(path.name + ".checked")


def _identity(path: Path) -> str:
    info = path.stat()
    return f"{info.st_size} {info.st_mtime_ns} {info.st_ino}"


def mark_checked(path: Path) -> None:
    """Note the file as quizapp leaves it on closing, found sound at opening and written by
    this quizapp alone since: the next opening need not read every page of it again (a
    quarter of a second for a million reviews). Any change to it since, a write-ahead log
    left by a crash or another program's edit, has the file checked again."""
    try:
        if _wal_holds_writes(path):
            return
        _checked_file(path).write_text(_identity(path))
    except OSError:
        pass  # it is only checked again next time


def unchanged_since_checked(path: Path) -> bool:
    """Whether the file is as quizapp left it, checked, when it last closed it."""
    try:
        return not _wal_holds_writes(path) and _checked_file(path).read_text() == _identity(path)
    except OSError:
        return False


def _wal_holds_writes(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


BEGIN_ATTEMPTS = 6  # each waits up to BUSY_TIMEOUT_MS: a minute before giving up


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, taken up front so two instances queue instead of failing.

    Inside a transaction already open on `conn` (`Store.batch`), it joins that one: the outer
    transaction commits or rolls back everything together.

    Raises:
        StoreBusyError: another program held the file for a whole minute (the raw
            "database is locked" never reaches the student).
        StoreUnavailableError: the write failed for want of room, permission or a working
            disk; it was rolled back, so nothing of it is kept.
    """
    if conn.in_transaction:
        yield conn
        return
    for attempt in range(1, BEGIN_ATTEMPTS + 1):
        try:
            conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                if error := _in_words(conn, exc):
                    raise error from exc
                raise
            if attempt == BEGIN_ATTEMPTS:
                raise StoreBusyError(
                    "the progress file stayed in use by another program for a minute; "
                    "nothing was lost: close the other program and try again"
                ) from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            with suppress(sqlite3.Error):  # the error that got us here is the one to report
                conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.OperationalError) and (error := _in_words(conn, exc)):
            raise error from exc
        raise


def _in_words(
    conn: sqlite3.Connection, exc: sqlite3.OperationalError
) -> StoreUnavailableError | None:
    """A failed write as the student should hear of it, if it is trouble around the file
    (a full disk, read-only, a failing disk); None for any other error."""
    path = next((row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"), "")
    error = unavailable(exc, path)
    return StoreUnavailableError(f"{error}; nothing of this change was saved") if error else None


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, upgrading: UpgradeProgress | None = None) -> None:
    """Bring the database up to SCHEMA_VERSION, one transaction per migration (its SQL and
    its backfill, if it has one: all of it or none is kept)."""
    for version in range(schema_version(conn) + 1, SCHEMA_VERSION + 1):
        with transaction(conn):
            # Another process may have migrated while this one waited for the lock.
            if schema_version(conn) >= version:
                continue
            for statement in MIGRATIONS[version - 1].split(";"):
                if statement.strip():
                    conn.execute(statement)
            if version in BACKFILLS:
                importlib.import_module(BACKFILLS[version]).backfill(conn, upgrading)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version}")
