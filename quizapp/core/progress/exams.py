"""Exam results in the progress store: saving a report, listing exams, exporting CSV."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, astuple, dataclass
from datetime import datetime
from typing import TextIO

from quizapp.core.progress.database import transaction
from quizapp.core.progress.store import from_ms, to_ms

CSV_COLUMNS = (
    "exam_id",
    "exam_started",
    "number",
    "format",
    "prompt",
    "options",
    "expected",
    "given",
    "outcome",
    "score",
    "reason",
    "seconds",
    "cards",
    "kinds",
    "tags",
    "sources",
)

# The stored columns of an exam and of each of its answers, as a progress export carries them.
EXAM_COLUMNS = (
    "started_at",
    "ended_at",
    "minutes",
    "questions",
    "answered",
    "correct",
    "score",
    "timed_out",
    "rescheduled",
    "decks",
    "selection",
    "seed",
)
ANSWER_COLUMNS = (
    "number",
    "format",
    "prompt",
    "options",
    "expected",
    "given",
    "outcome",
    "score",
    "reason",
    "duration_ms",
    "cards",
    "kinds",
    "tags",
    "sources",
)
KeptExam = tuple[dict[str, object], list[dict[str, object]]]


@dataclass(frozen=True)
class ExamToKeep:
    """An ended exam as the store keeps it (`ExamRecord` without the id)."""

    started_at: datetime
    ended_at: datetime
    minutes: float
    questions: int
    answered: int
    correct: int
    score: float
    timed_out: bool
    rescheduled: bool
    decks: tuple[str, ...]
    selection: str
    seed: int | None


@dataclass(frozen=True)
class AnswerToKeep:
    """One question of a kept exam, in the columns of the exam_answers table."""

    number: int
    format: str
    prompt: str
    options: str  # items and options, one a line
    expected: str
    given: str | None
    outcome: str
    score: float
    reason: str
    duration_ms: int
    cards: str  # deck/card keys, space-separated
    kinds: str
    tags: str
    sources: str  # one a line


@dataclass(frozen=True)
class ExamRecord:
    """One kept exam, as `quizapp exams` lists it."""

    id: int
    started_at: datetime
    ended_at: datetime
    minutes: float
    questions: int
    answered: int
    correct: int
    score: float
    timed_out: bool
    rescheduled: bool
    decks: tuple[str, ...]
    selection: str
    seed: int | None

    @property
    def share(self) -> float:
        return self.score / self.questions if self.questions else 0.0

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["started_at"] = self.started_at.isoformat()
        data["ended_at"] = self.ended_at.isoformat()
        data["decks"] = list(self.decks)
        return data


class ExamStore:
    """The exam tables of the progress database, through the store's connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def save(self, exam: ExamToKeep, answers: Sequence[AnswerToKeep]) -> int:
        """Keep an exam and every answer of it, atomically. Returns the exam's id."""
        with transaction(self.conn):
            cursor = self.conn.execute(
                "INSERT INTO exams (started_at, ended_at, minutes, questions, answered, correct,"
                " score, timed_out, rescheduled, decks, selection, seed)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    to_ms(exam.started_at),
                    to_ms(exam.ended_at),
                    exam.minutes,
                    exam.questions,
                    exam.answered,
                    exam.correct,
                    exam.score,
                    int(exam.timed_out),
                    int(exam.rescheduled),
                    " ".join(exam.decks),
                    exam.selection,
                    exam.seed,
                ),
            )
            exam_id = int(cursor.lastrowid or 0)
            self.conn.executemany(
                "INSERT INTO exam_answers (exam_id, number, format, prompt, options, expected,"
                " given, outcome, score, reason, duration_ms, cards, kinds, tags, sources)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(exam_id, *astuple(answer)) for answer in answers],
            )
        return exam_id

    def exams(self) -> list[ExamRecord]:
        """Every kept exam, oldest first."""
        rows = self.conn.execute(
            "SELECT id, started_at, ended_at, minutes, questions, answered, correct, score,"
            " timed_out, rescheduled, decks, selection, seed FROM exams ORDER BY started_at, id"
        )
        return [
            ExamRecord(
                id=row[0],
                started_at=from_ms(row[1]) or datetime.min,
                ended_at=from_ms(row[2]) or datetime.min,
                minutes=row[3],
                questions=row[4],
                answered=row[5],
                correct=row[6],
                score=row[7],
                timed_out=bool(row[8]),
                rescheduled=bool(row[9]),
                decks=tuple(row[10].split()),
                selection=row[11],
                seed=row[12],
            )
            for row in rows
        ]

    def answers(self, exam_id: int | None = None) -> list[dict[str, object]]:
        """The answers of one exam (or of all), as CSV_COLUMNS rows, in paper order."""
        where = "" if exam_id is None else "WHERE a.exam_id = ?"
        rows = self.conn.execute(
            "SELECT a.exam_id, e.started_at, a.number, a.format, a.prompt, a.options, a.expected,"
            " a.given, a.outcome, a.score, a.reason, a.duration_ms / 1000.0, a.cards, a.kinds,"
            f" a.tags, a.sources FROM exam_answers a JOIN exams e ON e.id = a.exam_id {where}"
            " ORDER BY e.started_at, a.exam_id, a.number",
            () if exam_id is None else (exam_id,),
        )
        answers = []
        for row in rows:
            answer = dict(zip(CSV_COLUMNS, row, strict=True))
            started = from_ms(row[1])
            answer["exam_started"] = started.isoformat() if started else ""
            answers.append(answer)
        return answers

    def write_csv(self, out: TextIO, exam_id: int | None = None, student: str | None = None) -> int:
        """Write the answers of one exam (or of every exam) as CSV; returns the number of rows.

        With `student`, a `student` column names whose answers they are (for a class report).
        """
        columns = (*CSV_COLUMNS, "student") if student is not None else CSV_COLUMNS
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        rows = self.answers(exam_id)
        if student is not None:
            rows = [{**row, "student": student} for row in rows]
        writer.writerows(rows)
        return len(rows)

    def kept(self, after: int = 0) -> list[KeptExam]:
        """Every exam as stored (EXAM_COLUMNS, times in ms) with its answers (ANSWER_COLUMNS);
        only those stored after the exam with id `after`, if given."""
        exams = self.conn.execute(
            f"SELECT id, {', '.join(EXAM_COLUMNS)} FROM exams WHERE id > ? ORDER BY started_at, id",
            (after,),
        ).fetchall()
        kept = []
        for exam_id, *values in exams:
            answers = self.conn.execute(
                f"SELECT {', '.join(ANSWER_COLUMNS)} FROM exam_answers"
                " WHERE exam_id = ? ORDER BY number",
                (exam_id,),
            )
            columns = dict(zip(EXAM_COLUMNS, values, strict=True))
            kept.append((columns, [dict(zip(ANSWER_COLUMNS, a, strict=True)) for a in answers]))
        return kept

    def keep(self, exams: list[KeptExam]) -> int:
        """Add exams from elsewhere (as `kept` gives them), in one transaction; an exam already
        here (the same start, decks and number of questions) is not added again.

        Returns:
            The exams added.
        """
        added = 0
        with transaction(self.conn):
            for exam, answers in exams:
                here = self.conn.execute(
                    "SELECT 1 FROM exams WHERE started_at = ? AND decks = ? AND questions = ?",
                    (exam["started_at"], exam["decks"], exam["questions"]),
                ).fetchone()
                if here:
                    continue
                cursor = self.conn.execute(
                    f"INSERT INTO exams ({', '.join(EXAM_COLUMNS)})"
                    f" VALUES ({', '.join('?' for _ in EXAM_COLUMNS)})",
                    [exam[column] for column in EXAM_COLUMNS],
                )
                for answer in answers:
                    self.conn.execute(
                        f"INSERT INTO exam_answers (exam_id, {', '.join(ANSWER_COLUMNS)})"
                        f" VALUES (?, {', '.join('?' for _ in ANSWER_COLUMNS)})",
                        [cursor.lastrowid, *(answer[column] for column in ANSWER_COLUMNS)],
                    )
                added += 1
        return added
