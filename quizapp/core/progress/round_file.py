"""The file of one class round: the host writes its state, students' processes read it and
write their answers. Every tab and terminal of a round is a process on the host's machine, so
SQLite's WAL and transactions are the whole protocol: no server, no sockets.

The file holds the round's settings, its questions (JSON, written by the classroom package),
one state row (the phase and the question shown, with a step that grows on every change),
the students who joined, and one answer row per student and question.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from quizapp.core.progress.database import (
    BUSY_TIMEOUT_MS,
    StoreUnavailableError,
    transaction,
    unavailable,
)

ROUND_APPLICATION_ID = 0x71726E64  # 'qrnd': tells a round file from a progress file
ROUND_SCHEMA = 1
_TABLES = """
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE questions (number INTEGER PRIMARY KEY, body TEXT NOT NULL, opened_at INTEGER);
CREATE TABLE state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    phase TEXT NOT NULL,
    number INTEGER NOT NULL,
    opened_at INTEGER,
    closes_at INTEGER,
    step INTEGER NOT NULL
);
CREATE TABLE students (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    joined_at INTEGER NOT NULL,
    logged INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE answers (
    student INTEGER NOT NULL REFERENCES students (id),
    number INTEGER NOT NULL REFERENCES questions (number),
    choice INTEGER NOT NULL,
    first_at INTEGER NOT NULL,
    at INTEGER NOT NULL,
    changes INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (student, number)
);
INSERT INTO state VALUES (1, 'lobby', 0, NULL, NULL, 0);
"""


class RoundFileError(Exception):
    """A round file that is missing, not a round's, or cannot be used; said in words."""


@dataclass(frozen=True)
class RoundState:
    """Where the round is: its phase ('lobby', 'open', 'closed', 'revealed', 'ended'), the
    question shown (0 before the first), when it opened and closes (ms), and its step."""

    phase: str
    number: int
    opened_at: int | None
    closes_at: int | None
    step: int


@dataclass(frozen=True)
class StoredAnswer:
    """One student's answer to one question, as the round file keeps it."""

    student: str
    number: int
    choice: int
    first_at: int
    at: int
    changes: int


class RoundFile:
    """One round's file, through a connection of this process."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        # A screen's timer and its workers share the connection: one statement at a time.
        self.lock = threading.RLock()

    @classmethod
    def create(cls, path: Path, settings: dict[str, str], questions: list[str]) -> RoundFile:
        """A new round file with its settings and questions (numbered from 1), in the lobby.

        Raises:
            RoundFileError: the file exists already or cannot be written.
        """
        if path.exists():
            raise RoundFileError(f"{path} exists already")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RoundFileError(f"cannot make {path.parent}: {exc.strerror or exc}") from exc
        made = cls(_connect(path), path)
        with made._write() as conn:
            conn.executescript(f"BEGIN IMMEDIATE; {_TABLES} COMMIT;")
            conn.execute(f"PRAGMA application_id = {ROUND_APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {ROUND_SCHEMA}")
        with made._write() as conn, transaction(conn):
            conn.executemany("INSERT INTO settings VALUES (?, ?)", sorted(settings.items()))
            conn.executemany(
                "INSERT INTO questions (number, body) VALUES (?, ?)", enumerate(questions, start=1)
            )
        return made

    @classmethod
    def open(cls, path: Path) -> RoundFile:
        """An existing round's file.

        Raises:
            RoundFileError: there is no such file, or it is not a round's.
        """
        if not path.is_file():
            raise RoundFileError(f"no round file at {path}")
        opened = cls(_connect(path), path)
        with opened._write() as conn:
            found = conn.execute(
                "SELECT (SELECT application_id FROM pragma_application_id),"
                " (SELECT user_version FROM pragma_user_version)"
            ).fetchone()
        if tuple(found) != (ROUND_APPLICATION_ID, ROUND_SCHEMA):
            opened.close()
            raise RoundFileError(f"{path} is not a class round's file")
        return opened

    def close(self) -> None:
        self.conn.close()

    def _write(self) -> _Guard:
        return _Guard(self.conn, self.path, self.lock)

    # The host's side.

    def set_state(
        self, phase: str, number: int, opened_at: int | None, closes_at: int | None
    ) -> RoundState:
        """Move the round on (one transaction); the step grows by one."""
        with self._write() as conn, transaction(conn):
            conn.execute(
                "UPDATE state SET phase = ?, number = ?, opened_at = ?, closes_at = ?,"
                " step = step + 1",
                (phase, number, opened_at, closes_at),
            )
            if phase == "open":
                conn.execute(
                    "UPDATE questions SET opened_at = ? WHERE number = ?", (opened_at, number)
                )
        return self.state()

    def answer_counts(self, number: int) -> dict[int, int]:
        """How many students chose each option (by index) of a question."""
        with self._write() as conn:
            rows = conn.execute(
                "SELECT choice, count(*) FROM answers WHERE number = ? GROUP BY choice", (number,)
            ).fetchall()
        return {int(choice): int(n) for choice, n in rows}

    def answers(self) -> list[StoredAnswer]:
        """Every answer of the round, by student then question."""
        with self._write() as conn:
            rows = conn.execute(
                "SELECT s.name, a.number, a.choice, a.first_at, a.at, a.changes"
                " FROM answers a JOIN students s ON s.id = a.student"
                " ORDER BY s.name COLLATE NOCASE, a.number"
            ).fetchall()
        return [StoredAnswer(*row) for row in rows]

    def opened(self) -> dict[int, int]:
        """When each question opened (ms), for those the round has reached."""
        with self._write() as conn:
            rows = conn.execute(
                "SELECT number, opened_at FROM questions WHERE opened_at IS NOT NULL"
            ).fetchall()
        return {int(n): int(at) for n, at in rows}

    def students(self) -> list[str]:
        """The names of the students who joined, in the order they did."""
        with self._write() as conn:
            return [row[0] for row in conn.execute("SELECT name FROM students ORDER BY id")]

    # Both sides.

    def settings(self) -> dict[str, str]:
        with self._write() as conn:
            return dict(conn.execute("SELECT key, value FROM settings").fetchall())

    def questions(self) -> list[str]:
        """The questions' JSON bodies, in order."""
        with self._write() as conn:
            rows = conn.execute("SELECT body FROM questions ORDER BY number").fetchall()
        return [row[0] for row in rows]

    def state(self) -> RoundState:
        with self._write() as conn:
            row = conn.execute(
                "SELECT phase, number, opened_at, closes_at, step FROM state"
            ).fetchone()
        return RoundState(*row)

    # A student's side.

    def join(self, name: str, at: int) -> tuple[int, str]:
        """The student's id and name as kept: a name already in the round is the same
        student coming back (a closed tab, a restarted terminal)."""
        with self._write() as conn, transaction(conn):
            row = conn.execute("SELECT id, name FROM students WHERE name = ?", (name,)).fetchone()
            if row is None:
                cursor = conn.execute(
                    "INSERT INTO students (name, joined_at) VALUES (?, ?)", (name, at)
                )
                row = (cursor.lastrowid, name)
        return int(row[0]), str(row[1])

    def answer(self, student: int, number: int, choice: int, at: int) -> bool:
        """Keep a student's choice, or change it: only while the question is open and its
        time not up, checked in the transaction that writes it. False when refused."""
        with self._write() as conn, transaction(conn):
            state = conn.execute("SELECT phase, number, closes_at FROM state").fetchone()
            phase, shown, closes_at = state
            if phase != "open" or shown != number or (closes_at is not None and at >= closes_at):
                return False
            conn.execute(
                "INSERT INTO answers (student, number, choice, first_at, at)"
                " VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (student, number) DO UPDATE SET choice = excluded.choice,"
                " at = excluded.at, changes = changes + (choice != excluded.choice)",
                (student, number, choice, at, at),
            )
        return True

    def take_logging(self, student: int) -> bool:
        """True the first time only: the student's answers are to be logged as reviews once."""
        with self._write() as conn, transaction(conn):
            cursor = conn.execute(
                "UPDATE students SET logged = 1 WHERE id = ? AND logged = 0", (student,)
            )
        return cursor.rowcount == 1

    def answers_of(self, student: int) -> dict[int, int]:
        """A student's choice for each question answered."""
        with self._write() as conn:
            rows = conn.execute(
                "SELECT number, choice FROM answers WHERE student = ?", (student,)
            ).fetchall()
        return {int(n): int(c) for n, c in rows}


class _Guard:
    """SQLite's failures around the file (disk full, read-only...) as a RoundFileError."""

    def __init__(self, conn: sqlite3.Connection, path: Path, lock: threading.RLock) -> None:
        self.conn, self.path, self.lock = conn, path, lock

    def __enter__(self) -> sqlite3.Connection:
        self.lock.acquire()
        return self.conn

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        self.lock.release()
        if isinstance(exc, StoreUnavailableError):
            raise RoundFileError(str(exc).replace("progress file", "round file")) from exc
        if isinstance(exc, sqlite3.Error):
            words = (
                unavailable(exc, self.path) if isinstance(exc, sqlite3.OperationalError) else None
            )
            why = str(words).replace("progress file", "round file") if words else str(exc)
            raise RoundFileError(f"the round file {self.path}: {why}") from exc


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(
            path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise RoundFileError(f"cannot open the round file {path}: {_why(exc, path)}") from exc
    return conn


def _why(exc: sqlite3.Error, path: Path) -> str:
    words = unavailable(exc, path) if isinstance(exc, sqlite3.OperationalError) else None
    return str(words).split(": ", 1)[-1] if words else str(exc)
