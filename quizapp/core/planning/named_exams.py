"""Several exams: named plans beside the unnamed one, which one the queue follows, and the
exams whose day has passed, with their forecast beside the scores of the quizapp exams sat in
their last week.

Each named plan is a setting of its own (`plan_settings.NAMED_PREFIX` + its name, the plan as
JSON), so progress export and sync carry it as they carry the unnamed plan's settings. The
study queue follows the nearest exam still ahead (`nearest`): simulated, serving the nearer
exam first did better on both exams than serving the later one first (bench/
exam_simulation.py, two exams sharing decks). An exam whose day has passed is archived: no
longer served, listed with the forecast made when its date was set.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from quizapp.core.planning.plan import ExamPlan
from quizapp.core.progress.plan_settings import NAMED_PREFIX, named_settings
from quizapp.core.progress.store import Store

NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789-_"
CALIBRATION_DAYS = 7  # the quizapp exams sat this many days before an exam show beside it


def name_problem(name: str) -> str | None:
    """Why a name cannot name an exam, or None."""
    if not name or len(name) > 40 or any(c not in NAME_CHARACTERS for c in name.lower()):
        return "an exam's name is 1 to 40 letters, digits, '-' or '_'"
    return None


def save_named(store: Store, plan: ExamPlan) -> None:
    """Keep a named plan (its `name` set)."""
    data = {
        "date": plan.exam_day.isoformat(),
        "decks": list(plan.deck_ids),
        "target": plan.target,
        "per_day": plan.per_day,
        "final_days": plan.final_days,
        "set_on": None if plan.set_on is None else plan.set_on.isoformat(),
        "minutes": plan.minutes,
        "forecast": plan.forecast,
    }
    store.set_setting(NAMED_PREFIX + plan.name, json.dumps(data))


def named_plans(store: Store) -> list[ExamPlan]:
    """The named plans, by exam day then name (a damaged one left out)."""
    plans = []
    for name, value in named_settings(store.conn):
        try:
            plans.append(_plan(name, json.loads(value)))
        except (ValueError, TypeError, KeyError):
            continue
    return sorted(plans, key=lambda plan: (plan.exam_day, plan.name))


def _plan(name: str, data: dict[str, Any]) -> ExamPlan:
    def day(raw: object) -> date | None:
        return None if raw is None else date.fromisoformat(str(raw))

    return ExamPlan(
        exam_day=date.fromisoformat(data["date"]),
        deck_ids=tuple(str(deck) for deck in data["decks"]),
        target=float(data["target"]),
        per_day=int(data["per_day"]),
        final_days=None if data.get("final_days") is None else int(data["final_days"]),
        set_on=day(data.get("set_on")),
        minutes=None if data.get("minutes") is None else int(data["minutes"]),
        name=name,
        forecast=None if data.get("forecast") is None else float(data["forecast"]),
    )


def clear_named(store: Store, name: str) -> bool:
    """Forget a named exam; whether there was one."""
    if store.setting(NAMED_PREFIX + name) in (None, ""):
        return False
    store.set_setting(NAMED_PREFIX + name, "")
    return True


def nearest(plans: Sequence[ExamPlan], today: date) -> ExamPlan | None:
    """The plan the queue follows: the nearest exam still ahead; else the latest passed."""
    ahead = [plan for plan in plans if plan.active(today)]
    if ahead:
        return min(ahead, key=lambda plan: (plan.exam_day, plan.name))
    return max(plans, key=lambda plan: plan.exam_day, default=None)


@dataclass(frozen=True)
class Listed:
    """An exam as `plan --list` shows it."""

    name: str  # "" for the unnamed plan
    exam_day: date
    decks: tuple[str, ...]
    target: float
    per_day: int
    forecast: float | None  # predicted mean exam-day recall when the date was set
    archived: bool  # the exam's day has passed
    served: bool  # the plan the study queue follows now
    scores: tuple[float, ...]  # the quizapp exams sat in its last week, as shares

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["exam_day"] = self.exam_day.isoformat()
        data["decks"] = list(self.decks)
        data["scores"] = [round(score, 4) for score in self.scores]
        return data


def listing(
    plans: Sequence[ExamPlan], today: date, scores: Sequence[tuple[date, tuple[str, ...], float]]
) -> list[Listed]:
    """Every exam, ahead first (nearest first), then archived ones (latest first).

    Args:
        plans: The unnamed and the named plans.
        today: The study day.
        scores: Each quizapp exam sat: its study day, decks and score as a share.
    """
    served = nearest(plans, today)
    rows = []
    for plan in plans:
        first = plan.exam_day - timedelta(days=CALIBRATION_DAYS)
        mine = tuple(
            share
            for day, decks, share in scores
            if first <= day <= plan.exam_day and any(plan.covers(deck) for deck in decks)
        )
        archived = not plan.active(today)
        rows.append(
            Listed(
                plan.name,
                plan.exam_day,
                plan.deck_ids,
                plan.target,
                plan.per_day,
                plan.forecast,
                archived,
                plan is served and not archived,
                mine if archived else (),
            )
        )
    ahead = sorted((r for r in rows if not r.archived), key=lambda r: (r.exam_day, r.name))
    past = sorted((r for r in rows if r.archived), key=lambda r: r.exam_day, reverse=True)
    return ahead + past
