"""Each kind of line of a progress export, written and read back with every field checked.

A reader raises ValueError, TypeError or KeyError, in words, for a line it cannot take.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from quizapp.core.progress import json_fields as jf
from quizapp.core.progress.exams import ANSWER_COLUMNS, EXAM_COLUMNS, KeptExam
from quizapp.core.progress.marks import CardEvent, MarkKind, check_event
from quizapp.core.progress.plan_settings import DATE_KEY, PLAN_PREFIX, has_plan
from quizapp.core.progress.preferences import SettingEvent
from quizapp.core.progress.store import Review, from_ms, to_ms


def exam_field(column: str, value: Any) -> Any:
    if column in ("started_at", "ended_at"):
        return jf.iso_text(from_ms(value) or datetime.fromtimestamp(0, UTC))  # never NULL
    if column in ("timed_out", "rescheduled"):
        return bool(value)
    return value.split() if column == "decks" else value


def read_plan(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise TypeError("the plan must be a JSON object")
    for key, setting in value.items():
        if not key.startswith(PLAN_PREFIX):
            raise ValueError(f"the plan holds {key!r}, which is not a setting of a plan")
        if not isinstance(setting, str):
            raise TypeError(f"the plan's {key} must be text")
    if not value.get(DATE_KEY) and has_plan(value):
        return value  # named exams only
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


def read_exam(value: Any) -> KeptExam:
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


def read_review(line: Any) -> tuple[Review, datetime | None]:
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


def review_json(review: Review, undone_at: datetime | None) -> dict[str, Any]:
    """A review line."""
    return {
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


def card_event_json(event: CardEvent) -> dict[str, Any]:
    """A card event line: {"card_event": {...}}."""
    fields = {"deck": event.deck_id, "card": event.card_id, "at": jf.iso_text(event.at)}
    return {"card_event": {**fields, "kind": str(event.kind), "value": event.value}}


def read_card_event(value: Any) -> CardEvent:
    if not isinstance(value, dict):
        raise TypeError("the card event must be a JSON object")
    try:
        kind = MarkKind(str(value.get("kind")))
    except ValueError:
        raise ValueError(f"the card event's kind {value.get('kind')!r} is not known") from None
    number = value.get("value")
    if number is not None and (not isinstance(number, int) or isinstance(number, bool)):
        raise TypeError("the card event's value must be a whole number or null")
    check_event(kind, number)
    at = jf.utc_moment(value.get("at"), "the card event's at")
    return CardEvent(_text(value, "deck"), _text(value, "card"), at, kind, number)


def setting_event_json(event: SettingEvent) -> dict[str, Any]:
    """A setting event line: {"setting_event": {...}}; deck "" is every deck."""
    fields = {"at": jf.iso_text(event.at), "deck": event.deck_id, "key": event.key}
    return {"setting_event": {**fields, "value": event.value}}


def read_setting_event(value: Any) -> SettingEvent:
    if not isinstance(value, dict):
        raise TypeError("the setting event must be a JSON object")
    deck = value.get("deck", "")
    if not isinstance(deck, str):
        raise TypeError("the setting event's deck must be text ('' for every deck)")
    setting = value.get("value")
    if setting is not None and not isinstance(setting, str):
        raise TypeError("the setting event's value must be text or null")
    at = jf.utc_moment(value.get("at"), "the setting event's at")
    return SettingEvent(at, deck, _text(value, "key"), setting)
