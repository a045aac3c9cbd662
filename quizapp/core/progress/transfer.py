"""Moving a student's progress between machines: the review log, the exam plan and the
exams sat, as JSON lines.

The first line says what the file is; the others are the plan (when an exam date is set),
the exams sat with every question and answer, and the reviews, one a line:

    {"format": "quizapp-progress", "version": 2, "reviews": 2, "exams": 1}
    {"plan": {"exam_date": "2024-06-01", "exam_decks": "[]", "exam_target": "0.9", ...}}
    {"exam": {"started_at": "2024-05-01T10:00:00.000Z", ..., "answers": [{"number": 1, ...}]}}
    {"deck": "d", "card": "c", "at": "2024-05-01T10:00:00.000Z", "rating": 3,
     "duration_ms": 4100, "question_type": "typed", "given_answer": "1954",
     "mode": "study", "undone_at": null}

Version 1 files (reviews only) import as they always did.

An import adds the reviews the log does not have yet (the same deck, card, time and rating
is the same review), with their undos, then rebuilds the changed cards' states by replaying
their logs. It adds the exams not here yet (the same start, decks and question count), and
takes the file's plan unless another plan is set here, which is kept. A file with any bad
line is refused whole, with every bad line named.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, TextIO

from quizapp.core.progress import json_fields as jf
from quizapp.core.progress.database import transaction
from quizapp.core.progress.exams import ANSWER_COLUMNS, EXAM_COLUMNS, ExamStore, KeptExam
from quizapp.core.progress.plan_settings import DATE_KEY, DECKS_KEY, PLAN_PREFIX
from quizapp.core.progress.replay import replay_card
from quizapp.core.progress.store import Review, Store, from_ms, to_ms
from quizapp.core.scheduling.scheduler import Scheduler

FORMAT, VERSION = "quizapp-progress", 2
MAX_PROBLEMS = 20  # named in the message; a file that bad is the wrong file anyway


class ProgressFileError(Exception):
    """The file is not a quizapp progress export; the message says where and why."""


@dataclass(frozen=True)
class ImportSummary:
    """What an import did."""

    added: int
    already_known: int
    undos_added: int
    cards_rescheduled: int
    exams_added: int = 0
    exams_known: int = 0
    plan: str | None = None  # "added", "same" or "kept" (another plan is set here); None: none
    other_exam_day: date | None = None  # the file's exam day, when the plan here was kept


@dataclass
class Export:
    """What a progress export holds (checked, when read from a file)."""

    reviews: list[tuple[Review, datetime | None]] = field(default_factory=list)
    exams: list[KeptExam] = field(default_factory=list)
    plan: dict[str, str] | None = None  # the plan's settings, when an exam date is set


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    reviews: int
    exams: int
    plan: bool


def export_progress(store: Store, out: TextIO) -> ExportSummary:
    """Write the plan, the exams sat and the whole log (undone reviews included) to `out`."""
    plan = plan_settings(store)
    exams = ExamStore(store.conn).kept()
    header = {"format": FORMAT, "version": VERSION, "reviews": store.review_count()}
    out.write(json.dumps({**header, "exams": len(exams)}) + "\n")
    if plan.get(DATE_KEY):
        out.write(json.dumps({"plan": plan}, ensure_ascii=False) + "\n")
    for exam, answers in exams:
        line = {column: _exported(column, exam[column]) for column in EXAM_COLUMNS}
        out.write(json.dumps({"exam": {**line, "answers": answers}}, ensure_ascii=False) + "\n")
    written = 0
    for review, undone_at in store.log():
        line = {
            "deck": review.deck_id,
            "card": review.card_id,
            "at": jf.iso_text(review.reviewed_at),
            "rating": review.rating,
            "duration_ms": review.duration_ms,
            "question_type": review.question_type,
            "given_answer": review.given_answer,
            "mode": review.mode,
            "undone_at": None if undone_at is None else jf.iso_text(undone_at),
        }
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        written += 1
    return ExportSummary(written, len(exams), bool(plan.get(DATE_KEY)))


def plan_settings(store: Store) -> dict[str, str]:
    """The exam plan's settings as stored (an empty exam_date: no exam date is set)."""
    rows = store.conn.execute(
        "SELECT key, value FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key",
        (len(PLAN_PREFIX), PLAN_PREFIX),
    )
    return {str(key): str(value) for key, value in rows}


def _exported(column: str, value: Any) -> Any:
    if column in ("started_at", "ended_at"):
        return jf.iso_text(from_ms(value) or datetime.fromtimestamp(0, UTC))  # never NULL
    if column in ("timed_out", "rescheduled"):
        return bool(value)
    return value.split() if column == "decks" else value


def import_progress(store: Store, scheduler: Scheduler, lines: Iterable[str]) -> ImportSummary:
    """Add an export's reviews, exams and plan to the store; reschedule the cards it changes.

    Raises:
        ProgressFileError: the text is not a progress export, or a line is not a review, an
            exam or a plan; nothing is imported then.
    """
    export = read_export(lines)
    entries = export.reviews
    added, undos, changed = store.add_reviews(entries)
    states = [
        (deck_id, card_id, replay_card(scheduler, store.reviews(deck_id, card_id)))
        for deck_id, card_id in sorted(changed)
    ]
    store.save_states(states)
    store.forget_checks()  # the cards added may be ones the deck files no longer hold
    exams_added = ExamStore(store.conn).keep(export.exams)
    plan, other_day = _merge_plan(store, export.plan)
    return ImportSummary(
        added,
        len(entries) - added,
        undos,
        len(states),
        exams_added,
        len(export.exams) - exams_added,
        plan,
        other_day,
    )


def _merge_plan(store: Store, plan: dict[str, str] | None) -> tuple[str | None, date | None]:
    """Take the file's plan unless another one is set here: then keep this one.

    A plan is its exam date and decks; the rest (the daily load worked out from it, say)
    follows the plan here when both are the same.
    """
    if plan is None:
        return None, None
    here = plan_settings(store)
    if all(here.get(key) == plan.get(key) for key in (DATE_KEY, DECKS_KEY)):
        return "same", None
    if here.get(DATE_KEY):
        return "kept", date.fromisoformat(plan[DATE_KEY])
    with transaction(store.conn):
        store.conn.executemany(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", plan.items()
        )
    return "added", None


def read_export(lines: Iterable[str]) -> Export:
    """The reviews, exams and plan of an export, checked line by line.

    Raises:
        ProgressFileError: naming the first bad lines.
    """
    problems: list[str] = []
    export = Export()
    numbered = enumerate(lines, 1)
    first = next(numbered, None)
    header = _header(first[1]) if first is not None else None
    if header is None:
        raise ProgressFileError(
            "this is not a quizapp progress export (its first line should name the format "
            f"'{FORMAT}'; make one with `quizapp progress export FILE`)"
        )
    version = header.get("version", 1)
    if not isinstance(version, int) or version > VERSION:
        raise ProgressFileError(
            f"this export was written by a newer quizapp (format version {version}; this one "
            f"reads up to {VERSION}): update quizapp to import it"
        )
    for number, text in numbered:
        if not text.strip():
            continue
        try:
            line = json.loads(text)
            if isinstance(line, dict) and "plan" in line:
                export.plan = _plan(line["plan"])
            elif isinstance(line, dict) and "exam" in line:
                export.exams.append(_exam(line["exam"]))
            else:
                export.reviews.append(_entry(line))
        except (ValueError, TypeError, KeyError) as exc:
            problems.append(f"line {number}: {jf.in_words(exc)}")
    if problems:
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        tail = f"\n  ... and {more} more" if more else ""
        raise ProgressFileError(
            f"{len(problems)} line(s) are not reviews, exams or a plan; nothing was imported:"
            "\n  " + "\n  ".join(shown) + tail
        )
    return export


def _header(text: str) -> dict[str, Any] | None:
    try:
        header = json.loads(text)
    except ValueError:
        return None
    return header if isinstance(header, dict) and header.get("format") == FORMAT else None


def _plan(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise TypeError("the plan must be a JSON object")
    for key, setting in value.items():
        if not key.startswith(PLAN_PREFIX):
            raise ValueError(f"the plan holds {key!r}, which is not a setting of a plan")
        if not isinstance(setting, str):
            raise TypeError(f"the plan's {key} must be text")
    try:
        date.fromisoformat(value[DATE_KEY])
    except (KeyError, ValueError):
        raise ValueError(f"the plan's {DATE_KEY} is not a date: {value.get(DATE_KEY)!r}") from None
    return value


# How each stored column of an exam and of its answers is checked and stored.
_EXAM_FIELDS: dict[str, Callable[[Any, str], Any]] = {
    "started_at": lambda value, name: to_ms(jf.utc_moment(value, name)),
    "ended_at": lambda value, name: to_ms(jf.utc_moment(value, name)),
    "minutes": jf.any_number,
    "questions": jf.whole_number,
    "answered": jf.whole_number,
    "correct": jf.whole_number,
    "score": jf.any_number,
    "timed_out": jf.true_or_false,
    "rescheduled": jf.true_or_false,
    "decks": jf.deck_ids,
    "selection": jf.text,
    "seed": jf.seed_or_null,
}
_ANSWER_FIELDS: dict[str, Callable[[Any, str], Any]] = {
    "number": jf.whole_number,
    "given": lambda value, name: None if value is None else jf.text(value, name),
    "score": jf.any_number,
    "duration_ms": jf.whole_number,
}


def _exam(value: Any) -> KeptExam:
    """An exam line's exam and answers, as `ExamStore.keep` stores them."""
    if not isinstance(value, dict) or not isinstance(value.get("answers", []), list):
        raise TypeError("the exam must be a JSON object with a list of answers")
    exam = _columns(value, EXAM_COLUMNS, _EXAM_FIELDS, "the exam's")
    answers = [
        _columns(answer, ANSWER_COLUMNS, _ANSWER_FIELDS, f"the exam's answer {number}'s")
        for number, answer in enumerate(value.get("answers", []), 1)
    ]
    return exam, answers


def _columns(
    value: Any, columns: tuple[str, ...], checks: dict[str, Callable[[Any, str], Any]], of: str
) -> dict[str, object]:
    if not isinstance(value, dict):
        raise TypeError(f"{of} fields must be a JSON object")
    checked: dict[str, object] = {}
    for column in columns:
        if column not in value:
            raise ValueError(f"{of} field {column!r} is missing")
        check: Callable[[Any, str], Any] = checks.get(column, jf.text)
        checked[column] = check(value[column], f"{of} {column}")
    return checked


def _entry(line: Any) -> tuple[Review, datetime | None]:
    if not isinstance(line, dict):
        raise TypeError("expected a JSON object")
    rating = line["rating"]
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 4:
        raise ValueError(f"rating must be 1, 2, 3 or 4, not {rating!r}")
    duration = line.get("duration_ms", 0)
    if not isinstance(duration, int) or isinstance(duration, bool) or duration < 0:
        raise ValueError(f"duration_ms must be a whole number of milliseconds, not {duration!r}")
    given = line.get("given_answer")
    if given is not None and not isinstance(given, str):
        raise TypeError("given_answer must be text or null")
    undone = line.get("undone_at")
    review = Review(
        deck_id=_text(line, "deck"),
        card_id=_text(line, "card"),
        reviewed_at=jf.utc_moment(line["at"], "at"),
        rating=rating,
        duration_ms=duration,
        question_type=_text(line, "question_type", "flip"),
        given_answer=given,
        mode=_text(line, "mode", "study"),
    )
    return review, None if undone is None else jf.utc_moment(undone, "undone_at")


def _text(line: dict[str, Any], key: str, default: str | None = None) -> str:
    value = line.get(key, default)
    if value is None:
        raise KeyError(key)
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"{key} must be non-empty text")
    return value
