"""`quizapp plan --list [--json]`: the exams set, nearest first, then those passed with their
forecast beside the scores of the quizapp exams sat in their last week."""

from __future__ import annotations

import argparse
import json
from datetime import date

from quizapp.cli.common import EXIT_OK, open_collection
from quizapp.core.planning.named_exams import Listed, listing, named_plans
from quizapp.core.planning.plan import load_plan
from quizapp.core.progress.exams import ExamStore
from quizapp.core.scheduling import study_day as sd


def list_exams(args: argparse.Namespace) -> int:
    collection = open_collection(args)
    try:
        store, scheduler = collection.store, collection.scheduler
        roll = scheduler.config.rollover_hour
        today = sd.study_day(collection.clock(), scheduler.tz, roll)
        unnamed = load_plan(store)
        plans = [*([unnamed] if unnamed else []), *named_plans(store)]
        sat: list[tuple[date, tuple[str, ...], float]] = [
            (sd.study_day(exam.started_at, scheduler.tz, roll), exam.decks, exam.share)
            for exam in ExamStore(store.conn).exams()
        ]
        rows = listing(plans, today, sat)
    finally:
        collection.close()
    if args.json:
        print(json.dumps({"exams": [row.to_dict() for row in rows]}, indent=2))
    elif not rows:
        print("No exam date set. Set one with: quizapp plan --exam YYYY-MM-DD [--name NAME]")
    else:
        print("\n".join(_line(row) for row in rows))
    return EXIT_OK


def _line(row: Listed) -> str:
    name = row.name or "(unnamed)"
    decks = ", ".join(row.decks) if row.decks else "all decks"
    forecast = "" if row.forecast is None else f", forecast {row.forecast:.0%}"
    if not row.archived:
        serving = " (studying for it now)" if row.served else ""
        return (
            f"{name}: {row.exam_day.isoformat()}, {decks}, target {row.target:.0%},"
            f" {row.per_day} answers a day{forecast}{serving}"
        )
    if row.scores:
        mean = sum(row.scores) / len(row.scores)
        sat = f"; exams sat in its last week: {len(row.scores)}, mean score {mean:.0%}"
    else:
        sat = "; no quizapp exam sat in its last week"
    return f"{name}: {row.exam_day.isoformat()} (passed, archived), {decks}{forecast}{sat}"
