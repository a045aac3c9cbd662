"""A round's results: the class's score by tag and kind, the questions most missed, and one
exam CSV per student in the columns `quizapp exams --csv` writes (for `quizapp class report`).

A point for a right answer, none otherwise: speed never scores. A student who joined and did
not answer a question asked scores nothing for it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from quizapp.core.classroom.round_questions import LETTERS, RoundQuestion
from quizapp.core.progress.exams import CSV_COLUMNS
from quizapp.core.progress.round_file import StoredAnswer

MOST_MISSED = 3


@dataclass(frozen=True)
class QuestionScore:
    question: RoundQuestion
    right: int
    students: int

    @property
    def share(self) -> float:
        return self.right / self.students if self.students else 0.0


@dataclass(frozen=True)
class RoundSummary:
    """How the class did: each question asked, and the share right by tag and by kind."""

    students: int
    questions: tuple[QuestionScore, ...]
    by_tag: dict[str, float]
    by_kind: dict[str, float]

    @property
    def most_missed(self) -> list[QuestionScore]:
        """The questions fewest got right (up to three, only those someone missed)."""
        missed = [q for q in self.questions if q.share < 1]
        return sorted(missed, key=lambda q: (q.share, q.question.number))[:MOST_MISSED]

    @property
    def share(self) -> float:
        asked = sum(q.students for q in self.questions)
        return sum(q.right for q in self.questions) / asked if asked else 0.0


def summarise(
    questions: Sequence[RoundQuestion],
    students: Sequence[str],
    answers: Sequence[StoredAnswer],
    asked: int,
) -> RoundSummary:
    """The class's results over the first `asked` questions."""
    right: dict[int, int] = {}
    for answer in answers:
        if answer.number <= asked and answer.choice == questions[answer.number - 1].right:
            right[answer.number] = right.get(answer.number, 0) + 1
    scores = tuple(
        QuestionScore(q, right.get(q.number, 0), len(students)) for q in questions[:asked]
    )
    return RoundSummary(
        len(students),
        scores,
        _grouped(scores, lambda q: q.tags),
        _grouped(scores, lambda q: q.kinds),
    )


def _grouped(
    scores: Sequence[QuestionScore], keys: Callable[[RoundQuestion], Sequence[str]]
) -> dict[str, float]:
    totals: dict[str, list[int]] = {}
    for score in scores:
        for key in keys(score.question):
            total = totals.setdefault(key, [0, 0])
            total[0] += score.right
            total[1] += score.students
    return {key: right / n for key, (right, n) in sorted(totals.items()) if n}


def write_exam_csvs(
    folder: Path,
    code: str,
    questions: Sequence[RoundQuestion],
    students: Sequence[str],
    answers: Sequence[StoredAnswer],
    opened: dict[int, int],
) -> list[Path]:
    """One exam CSV per student (`quizapp exams --csv` columns, with a student column) for the
    questions opened (`opened`: number -> when, ms); returns the files written.

    Raises:
        OSError: the folder or a file cannot be written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    started = min(opened.values(), default=0)
    when = datetime.fromtimestamp(started / 1000, UTC).isoformat()
    by_student: dict[str, dict[int, StoredAnswer]] = {name: {} for name in students}
    for stored in answers:
        by_student.setdefault(stored.student, {})[stored.number] = stored
    written = []
    taken: set[str] = set()
    for name, given in by_student.items():
        path = folder / f"{_file_name(name, taken)}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=(*CSV_COLUMNS, "student"))
            writer.writeheader()
            for question in questions:
                if question.number in opened:
                    answer = given.get(question.number)
                    writer.writerow(_row(name, code, when, question, answer, opened))
        written.append(path)
    return written


def _row(
    name: str,
    code: str,
    when: str,
    question: RoundQuestion,
    answer: StoredAnswer | None,
    opened: dict[int, int],
) -> dict[str, object]:
    right = answer is not None and answer.choice == question.right
    seconds = (answer.first_at - opened[question.number]) / 1000 if answer else 0.0
    return {
        "exam_id": f"round-{code}",
        "exam_started": when,
        "number": question.number,
        "format": "choice",
        "prompt": question.prompt,
        "options": "\n".join(question.options),
        "expected": question.answer,
        "given": LETTERS[answer.choice] if answer else "",
        "outcome": "correct" if right else "wrong",
        "score": 1.0 if right else 0.0,
        "reason": "" if answer else "not answered",
        "seconds": f"{max(0.0, seconds):.1f}",
        "cards": " ".join(question.cards),
        "kinds": " ".join(question.kinds),
        "tags": " ".join(question.tags),
        "sources": "\n".join(question.sources),
        "student": name,
    }


def _file_name(name: str, taken: set[str]) -> str:
    """A student's name as a file name on every system, not yet taken by another student."""
    stem = re.sub(r"[^\w\- ]", "_", name).strip() or "student"
    made, n = stem, 1
    while made.casefold() in taken:
        n += 1
        made = f"{stem}-{n}"
    taken.add(made.casefold())
    return made
