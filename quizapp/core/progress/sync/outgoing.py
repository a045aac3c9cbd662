"""The events a machine's file lacks: every review, undo, change of a setting, card event and
exam stored after those it has, and the plan when it changed; written as export lines.

An undo of a review the file already has travels as that review's line again, now with the
time it was undone: an import adds the undo of a review it knows (`add_reviews`), so the
export's line formats carry undos too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from quizapp.core.progress.exams import ExamStore, KeptExam
from quizapp.core.progress.marks import CardEvent, MarkKind
from quizapp.core.progress.plan_settings import has_plan
from quizapp.core.progress.preferences import SettingEvent
from quizapp.core.progress.store import Review, Store, from_ms
from quizapp.core.progress.sync import MACHINE_SETTINGS
from quizapp.core.progress.sync.state import Written
from quizapp.core.progress.transfer import plan_settings
from quizapp.core.progress.transfer_lines import (
    card_event_json,
    exam_field,
    review_json,
    setting_event_json,
)


@dataclass
class Outgoing:
    """Events to write, and how many of each."""

    reviews: list[tuple[Review, datetime | None]] = field(default_factory=list)
    new_reviews: int = 0  # the rest of `reviews` carry undos of reviews written before
    undos: int = 0
    setting_events: list[SettingEvent] = field(default_factory=list)
    card_events: list[CardEvent] = field(default_factory=list)
    exams: list[KeptExam] = field(default_factory=list)
    plan: dict[str, str] | None = None

    @property
    def cards(self) -> set[tuple[str, str]]:
        """The cards whose log this carries (reviews or undos)."""
        return {(review.deck_id, review.card_id) for review, _ in self.reviews}

    def lines(self) -> list[str]:
        """The export lines (`transfer`), each ending in a newline."""
        lines: list[dict[str, Any]] = []
        if self.plan is not None:
            lines.append({"plan": self.plan})
        for exam, answers in self.exams:
            fields = {column: exam_field(column, value) for column, value in exam.items()}
            lines.append({"exam": {**fields, "answers": answers}})
        lines.extend(setting_event_json(event) for event in self.setting_events)
        lines.extend(card_event_json(event) for event in self.card_events)
        lines.extend(review_json(review, undone) for review, undone in self.reviews)
        return [json.dumps(line, ensure_ascii=False) + "\n" for line in lines]


def outgoing(store: Store, after: Written) -> Outgoing:
    """What was stored after `after` (everything, for a `Written()`)."""
    out = Outgoing()
    rows = store.conn.execute(
        "SELECT d.deck_id, c.card_id, r.reviewed_at, r.rating, r.duration_ms, q.text,"
        " r.given_answer, m.text, u.undone_at, r.id FROM reviews AS r"
        " JOIN cards AS c ON c.key = r.card_key JOIN decks AS d ON d.key = c.deck_key"
        " JOIN labels AS q ON q.key = r.question_type JOIN labels AS m ON m.key = r.mode"
        " LEFT JOIN undos AS u ON u.review_id = r.id"
        " WHERE r.id > ? OR u.id > ? ORDER BY r.reviewed_at, r.id",
        (after.reviews, after.undos),
    )
    for deck, card, at, rating, duration, kind, given, mode, undone, review_id in rows:
        review = Review(deck, card, _moment(at), rating, duration, kind, given, mode)
        out.reviews.append((review, from_ms(undone)))
        out.new_reviews += review_id > after.reviews
    out.undos = _count(store, "undos", after.undos)
    out.setting_events = setting_events_after(store, after.setting_events)
    rows = store.conn.execute(
        "SELECT d.deck_id, c.card_id, e.at, k.text, e.value FROM card_events AS e"
        " JOIN cards AS c ON c.key = e.card_key JOIN decks AS d ON d.key = c.deck_key"
        " JOIN labels AS k ON k.key = e.kind WHERE e.id > ? ORDER BY e.at, e.id",
        (after.card_events,),
    )
    out.card_events = [
        CardEvent(deck, card, _moment(at), MarkKind(kind), value)
        for deck, card, at, kind, value in rows
    ]
    out.exams = ExamStore(store.conn).kept(after=after.exams)
    plan = current_plan(store)
    out.plan = plan if plan is not None and plan != after.plan else None
    return out


def setting_events_after(store: Store, after: int) -> list[SettingEvent]:
    """The changes of a setting stored after the one with id `after`, but this machine's own
    settings, in time order."""
    rows = store.conn.execute(
        "SELECT at, deck_id, key, value FROM setting_events WHERE id > ? ORDER BY at, id",
        (after,),
    )
    return [
        SettingEvent(_moment(at), deck, key, value)
        for at, deck, key, value in rows
        if key not in MACHINE_SETTINGS
    ]


def current_plan(store: Store) -> dict[str, str] | None:
    """The exam plan's settings, when an exam date is set."""
    plan = plan_settings(store)
    return plan if has_plan(plan) else None


def last_ids(store: Store, plan: dict[str, str] | None) -> Written:
    """The marks of a file that has everything stored now (its file, bytes and lines unset)."""
    return Written(
        reviews=_last(store, "reviews"),
        undos=_last(store, "undos"),
        card_events=_last(store, "card_events"),
        setting_events=_last(store, "setting_events"),
        exams=_last(store, "exams"),
        plan=plan,
    )


# The logs whose ids mark how far a file has got (table names, never the caller's text).
_LOGS = frozenset({"reviews", "undos", "card_events", "setting_events", "exams"})


def _last(store: Store, table: str) -> int:
    assert table in _LOGS
    return int(store.conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])


def _count(store: Store, table: str, after: int) -> int:
    assert table in _LOGS
    query = f"SELECT count(*) FROM {table} WHERE id > ?"
    return int(store.conn.execute(query, (after,)).fetchone()[0])


def _moment(ms: int) -> datetime:
    return from_ms(ms) or datetime.fromtimestamp(0, UTC)
