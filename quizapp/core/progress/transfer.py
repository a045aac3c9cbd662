"""Moving a student's progress between machines: the review log, settings, cards set aside
or flagged, the exam plan and the exams sat, as JSON lines.

The first line says what the file is; the others are the plan (when an exam date is set),
the exams sat with every question and answer, every change of a setting, every card event,
and the reviews, one a line (`transfer_lines` writes and reads each kind):

    {"format": "quizapp-progress", "version": 3, "reviews": 2, "exams": 1}
    {"plan": {"exam_date": "2024-06-01", "exam_decks": "[]", "exam_target": "0.9", ...}}
    {"exam": {"started_at": "2024-05-01T10:00:00.000Z", ..., "answers": [{"number": 1, ...}]}}
    {"setting_event": {"at": "2024-05-01T09:00:00.000Z", "deck": "", "key": "new-per-day",
     "value": "10"}}
    {"card_event": {"deck": "d", "card": "c", "at": "...", "kind": "suspend", "value": null}}
    {"deck": "d", "card": "c", "at": "2024-05-01T10:00:00.000Z", "rating": 3,
     "duration_ms": 4100, "question_type": "typed", "given_answer": "1954",
     "mode": "study", "undone_at": null}

Version 1 (reviews only) and 2 (no events) files import as they always did.

An import adds the reviews the log does not have yet (the same deck, card, time and rating
is the same review), with their undos, then rebuilds the changed cards' states by replaying
their logs; events the same way (each setting ends as its latest change says, each card's
marks as its events replayed in time order). It adds the exams not here yet (the same start,
decks and question count), and takes the file's plan unless another plan is set here, which
is kept. A file with any bad line is refused whole, with every bad line named.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TextIO

from quizapp.core.progress import json_fields as jf
from quizapp.core.progress.database import transaction
from quizapp.core.progress.exams import EXAM_COLUMNS, ExamStore, KeptExam
from quizapp.core.progress.marks import CardEvent
from quizapp.core.progress.plan_settings import (
    DATE_KEY,
    DECKS_KEY,
    NAMED_PREFIX,
    PLAN_PREFIX,
    has_plan,
)
from quizapp.core.progress.preferences import SettingEvent
from quizapp.core.progress.replay import SchedulerAt, replay_card
from quizapp.core.progress.store import Review, Store
from quizapp.core.progress.sync import MACHINE_SETTINGS
from quizapp.core.progress.transfer_lines import (
    card_event_json,
    exam_field,
    read_card_event,
    read_exam,
    read_plan,
    read_review,
    read_setting_event,
    review_json,
    setting_event_json,
)
from quizapp.core.scheduling.scheduler import Scheduler

FORMAT, VERSION = "quizapp-progress", 3
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
    events_added: int = 0  # card events: suspensions, burials, flags, leeches
    settings_added: int = 0


@dataclass
class Export:
    """What a progress export holds (checked, when read from a file)."""

    reviews: list[tuple[Review, datetime | None]] = field(default_factory=list)
    exams: list[KeptExam] = field(default_factory=list)
    plan: dict[str, str] | None = None  # the plan's settings, when an exam date is set
    card_events: list[CardEvent] = field(default_factory=list)
    setting_events: list[SettingEvent] = field(default_factory=list)


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
    if has_plan(plan):
        out.write(json.dumps({"plan": plan}, ensure_ascii=False) + "\n")
    for exam, answers in exams:
        line = {column: exam_field(column, exam[column]) for column in EXAM_COLUMNS}
        out.write(json.dumps({"exam": {**line, "answers": answers}}, ensure_ascii=False) + "\n")
    for setting in store.setting_events():
        if setting.key in MACHINE_SETTINGS:
            continue  # where this machine keeps things is no other machine's business
        out.write(json.dumps(setting_event_json(setting), ensure_ascii=False) + "\n")
    for event in store.card_events():
        out.write(json.dumps(card_event_json(event), ensure_ascii=False) + "\n")
    written = 0
    for review, undone_at in store.log():
        out.write(json.dumps(review_json(review, undone_at), ensure_ascii=False) + "\n")
        written += 1
    return ExportSummary(written, len(exams), has_plan(plan))


def plan_settings(store: Store) -> dict[str, str]:
    """The exam plan's settings as stored (an empty exam_date: no exam date is set)."""
    rows = store.conn.execute(
        "SELECT key, value FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key",
        (len(PLAN_PREFIX), PLAN_PREFIX),
    )
    return {str(key): str(value) for key, value in rows}


def import_progress(
    store: Store, scheduler: Scheduler | SchedulerAt, lines: Iterable[str]
) -> ImportSummary:
    """Add an export's reviews, exams and plan to the store; reschedule the cards it changes.

    The settings' changes come in first: a card's answers are replayed with the scheduler
    `scheduler` gives its deck at each answer's moment (settings.SchedulersOverTime), or
    with one scheduler for all.

    Raises:
        ProgressFileError: the text is not a progress export, or a line is not a review, an
            exam or a plan; nothing is imported then.
    """
    export = read_export(lines)
    entries = export.reviews
    settings_added = store.add_setting_events(
        event for event in export.setting_events if event.key not in MACHINE_SETTINGS
    )
    added, undos, changed = store.add_reviews(entries)
    states = [
        (deck_id, card_id, replay_card(scheduler, store.reviews(deck_id, card_id)))
        for deck_id, card_id in sorted(changed)
    ]
    store.save_states(states)
    store.refill_facts(scheduler, changed)
    events_added, _ = store.add_card_events(export.card_events)
    store.forget_checks()  # the cards added may be ones the deck files no longer hold
    exams_added = ExamStore(store.conn).keep(export.exams)
    plan, other_day = merge_plan(store, export.plan)
    return ImportSummary(
        added,
        len(entries) - added,
        undos,
        len(states),
        exams_added,
        len(export.exams) - exams_added,
        plan,
        other_day,
        events_added,
        settings_added,
    )


def merge_plan(store: Store, plan: dict[str, str] | None) -> tuple[str | None, date | None]:
    """Take the file's plan unless another one is set here: then keep this one.

    A plan is its exam date and decks; the rest (the daily load worked out from it, say)
    follows the plan here when both are the same.
    """
    if plan is None:
        return None, None
    here = plan_settings(store)
    # Named exams: each one not known here is taken.
    named = {k: v for k, v in plan.items() if k.startswith(NAMED_PREFIX) and not here.get(k)}
    if named:
        with transaction(store.conn):
            store.conn.executemany(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", named.items()
            )
    if not plan.get(DATE_KEY):
        return ("added" if named else "same"), None
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
        try:
            read_line(text, export)
        except (ValueError, TypeError, KeyError) as exc:
            problems.append(f"line {number}: {jf.in_words(exc)}")
    if problems:
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        tail = f"\n  ... and {more} more" if more else ""
        raise ProgressFileError(
            f"{len(problems)} line(s) are not reviews, events, exams or a plan; nothing was"
            " imported:"
            "\n  " + "\n  ".join(shown) + tail
        )
    return export


def read_line(text: str, export: Export) -> None:
    """Add what one line of an export holds to `export` (a blank line holds nothing).

    Raises:
        ValueError, TypeError or KeyError: in words (`json_fields.in_words`), for a line that
            is not a review, an event, an exam or a plan.
    """
    if not text.strip():
        return
    line = json.loads(text)
    if isinstance(line, dict) and "plan" in line:
        export.plan = read_plan(line["plan"])
    elif isinstance(line, dict) and "exam" in line:
        export.exams.append(read_exam(line["exam"]))
    elif isinstance(line, dict) and "card_event" in line:
        export.card_events.append(read_card_event(line["card_event"]))
    elif isinstance(line, dict) and "setting_event" in line:
        export.setting_events.append(read_setting_event(line["setting_event"]))
    else:
        export.reviews.append(read_review(line))


def _header(text: str) -> dict[str, Any] | None:
    try:
        header = json.loads(text)
    except ValueError:
        return None
    return header if isinstance(header, dict) and header.get("format") == FORMAT else None
