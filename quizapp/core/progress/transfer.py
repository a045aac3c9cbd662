"""Moving a student's progress between machines: the review log as JSON lines.

The first line says what the file is; every other line is one review:

    {"format": "quizapp-progress", "version": 1, "reviews": 2}
    {"deck": "d", "card": "c", "at": "2024-05-01T10:00:00.000Z", "rating": 3,
     "duration_ms": 4100, "question_type": "typed", "given_answer": "1954",
     "mode": "study", "undone_at": null}

An import adds the reviews the log does not have yet (the same deck, card, time and rating
is the same review), with their undos, then rebuilds the changed cards' states by replaying
their logs. A file with any bad line is refused whole, with every bad line named.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TextIO

from quizapp.core.progress.replay import replay_card
from quizapp.core.progress.store import Review, Store
from quizapp.core.scheduling.scheduler import Scheduler

FORMAT, VERSION = "quizapp-progress", 1
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


def export_progress(store: Store, out: TextIO) -> int:
    """Write the whole log, undone reviews included, to `out`; returns the reviews written."""
    out.write(json.dumps({"format": FORMAT, "version": VERSION, "reviews": store.review_count()}))
    out.write("\n")
    written = 0
    for review, undone_at in store.log():
        line = {
            "deck": review.deck_id,
            "card": review.card_id,
            "at": _iso(review.reviewed_at),
            "rating": review.rating,
            "duration_ms": review.duration_ms,
            "question_type": review.question_type,
            "given_answer": review.given_answer,
            "mode": review.mode,
            "undone_at": None if undone_at is None else _iso(undone_at),
        }
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        written += 1
    return written


def import_progress(store: Store, scheduler: Scheduler, lines: Iterable[str]) -> ImportSummary:
    """Add an export's reviews to the store and reschedule the cards they change.

    Raises:
        ProgressFileError: the text is not a progress export, or a line is not a review;
            nothing is imported then.
    """
    entries = read_export(lines)
    added, undos, changed = store.add_reviews(entries)
    states = [
        (deck_id, card_id, replay_card(scheduler, store.reviews(deck_id, card_id)))
        for deck_id, card_id in sorted(changed)
    ]
    store.save_states(states)
    store.forget_checks()  # the cards added may be ones the deck files no longer hold
    return ImportSummary(added, len(entries) - added, undos, len(states))


def read_export(lines: Iterable[str]) -> list[tuple[Review, datetime | None]]:
    """The reviews of an export, checked line by line.

    Raises:
        ProgressFileError: naming the first bad lines.
    """
    problems: list[str] = []
    entries: list[tuple[Review, datetime | None]] = []
    numbered = enumerate(lines, 1)
    first = next(numbered, None)
    if first is None or not _is_header(first[1]):
        raise ProgressFileError(
            "this is not a quizapp progress export (its first line should name the format "
            f"'{FORMAT}'; make one with `quizapp progress export FILE`)"
        )
    for number, text in numbered:
        if not text.strip():
            continue
        try:
            entries.append(_entry(json.loads(text)))
        except (ValueError, TypeError, KeyError) as exc:
            problems.append(f"line {number}: {_reason(exc)}")
    if problems:
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        tail = f"\n  ... and {more} more" if more else ""
        raise ProgressFileError(
            f"{len(problems)} line(s) are not reviews; nothing was imported:\n  "
            + "\n  ".join(shown)
            + tail
        )
    return entries


def _is_header(text: str) -> bool:
    try:
        header = json.loads(text)
    except ValueError:
        return False
    return isinstance(header, dict) and header.get("format") == FORMAT


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
        reviewed_at=_time(line["at"], "at"),
        rating=rating,
        duration_ms=duration,
        question_type=_text(line, "question_type", "flip"),
        given_answer=given,
        mode=_text(line, "mode", "study"),
    )
    return review, None if undone is None else _time(undone, "undone_at")


def _text(line: dict[str, Any], key: str, default: str | None = None) -> str:
    value = line.get(key, default)
    if value is None:
        raise KeyError(key)
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"{key} must be non-empty text")
    return value


def _time(value: Any, key: str) -> datetime:
    if not isinstance(value, str):
        raise TypeError(f"{key} must be a time written as text")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{key} is not a time: {value!r}") from None
    if moment.tzinfo is None:
        raise ValueError(f"{key} has no time zone: {value!r}")
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # e.g. year 1 east of UTC: before the first moment Python holds
        raise ValueError(f"{key} is not a time: {value!r}") from None


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"the field {exc.args[0]!r} is missing"
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON ({exc.msg})"
    return str(exc)
