"""`quizapp plan --exam YYYY-MM-DD [DECK...]`: set an exam date and see where you stand."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, replace
from datetime import date
from typing import TYPE_CHECKING

from quizapp.cli.common import EXIT_OK, UsageError, open_collection
from quizapp.cli.plan_list import list_exams
from quizapp.core.collection import Collection
from quizapp.core.planning.bring_forward import bring_forward, brought_words
from quizapp.core.planning.budget import answer_seconds, full_report
from quizapp.core.planning.exam_load import DayLoad, day_load
from quizapp.core.planning.named_exams import clear_named, name_problem, named_plans
from quizapp.core.planning.plan import (
    DEFAULT_TARGET,
    ExamPlan,
    PlanReport,
    clear_plan,
    exam_day_problem,
    load_plan,
    planned_cards,
    save_plan,
)
from quizapp.core.planning.plan_words import summary_lines
from quizapp.core.planning.readiness import Readiness
from quizapp.core.scheduling import study_day as sd

if TYPE_CHECKING:
    from quizapp.cli.common import Commands


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "plan", parents=[common], help="plan for an exam date: readiness and reviews a day"
    )
    parser.add_argument("deck", nargs="*", help="deck ids the exam covers (default: all decks)")
    parser.add_argument("--exam", metavar="YYYY-MM-DD", help="set the exam date")
    parser.add_argument(
        "--target",
        type=float,
        default=DEFAULT_TARGET,
        help="mean recall to reach on exam day, 0-1 (default: 0.9)",
    )
    parser.add_argument(
        "--final-days",
        type=int,
        metavar="N",
        help="days of the final pass, which shows every card once before the exam"
        " (default: a fifth of the time left, 3 to 14; 0 for none)",
    )
    parser.add_argument(
        "--minutes",
        type=int,
        metavar="M",
        help="a daily budget in minutes, at your own pace per answer (20 s before any)",
    )
    parser.add_argument(
        "--bring-forward",
        action="store_true",
        help="put the cards due only after the exam, though weak on the day, into the queue",
    )
    parser.add_argument(
        "--name", help="a named exam: set with --exam, or look at it (several exams can be set)"
    )
    parser.add_argument(
        "--list", action="store_true", help="list the exams set, and those passed (archived)"
    )
    parser.add_argument(
        "--clear",
        nargs="?",
        const="",
        metavar="NAME",
        help="forget the exam date (or the named exam NAME)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.clear is not None and args.exam:
        raise UsageError("give --exam or --clear, not both")
    if args.name is not None and (problem := name_problem(args.name)):
        raise UsageError(problem)
    if args.list:
        return list_exams(args)
    if args.final_days is not None and not 0 <= args.final_days <= 366:
        raise UsageError(f"--final-days must be between 0 and 366, got {args.final_days}")
    if args.minutes is not None and not 1 <= args.minutes <= 1440:
        raise UsageError(f"--minutes must be between 1 and 1440, got {args.minutes}")
    if args.minutes is not None and not args.exam:
        raise UsageError("--minutes goes with --exam: the budget plans the answers a day")
    if not 0 < args.target < 1:
        raise UsageError(f"--target must be between 0 and 1, got {args.target}")
    collection = open_collection(args)
    try:
        if args.clear is not None:
            return _clear(collection, args.clear, args.json)
        plan = _new_plan(collection, args) if args.exam else _kept(collection, args.name)
        if plan is None:
            message = "No exam date set. Set one with: quizapp plan --exam YYYY-MM-DD [DECK...]"
            print(json.dumps({"plan": None}) if args.json else message)
            return EXIT_OK
        now, scheduler = collection.clock(), collection.scheduler
        today = sd.study_day(now, scheduler.tz, scheduler.config.rollover_hour)
        if not args.exam and not plan.active(today):
            return _passed(plan, args.json)
        decks = [d for d in collection.decks if plan.covers(d.id)]
        cards = planned_cards(decks, collection.store, plan)
        before = day_load(plan, decks, collection.store, scheduler, now)
        # Setting the date works out the answers a day; looking again keeps them.
        replan = bool(args.exam)
        pace = answer_seconds(collection.store, cards.deck_ids)
        report = full_report(
            cards,
            scheduler,
            now,
            plan,
            pace,
            replan=replan,
            answered=0 if before is None else before.answered,
            introduced=0 if before is None else before.introduced,
            final_done=0 if before is None else before.final_done,
        )
        if replan:
            plan = replace(plan, per_day=report.per_day, forecast=round(report.forecast, 4))
            save_plan(collection.store, plan)
        if args.bring_forward:
            bring_forward(collection.store, report.due_after, now)
        load = day_load(plan, decks, collection.store, scheduler, now)
    finally:
        collection.close()
    if args.json:
        data = report.to_dict()
        data["today_load"] = None if load is None else asdict(load) | {"words": load.words()}
        data["brought_forward"] = len(report.due_after) if args.bring_forward else 0
        print(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    elif args.bring_forward:
        print(brought_words(len(report.due_after)))
    else:
        print(text(report, load))
    return EXIT_OK


def _new_plan(collection: Collection, args: argparse.Namespace) -> ExamPlan:
    try:
        exam_day = date.fromisoformat(args.exam)
    except ValueError as exc:
        raise UsageError(f"--exam wants a date as YYYY-MM-DD, got '{args.exam}'") from exc
    scheduler = collection.scheduler
    today = sd.study_day(collection.clock(), scheduler.tz, scheduler.config.rollover_hour)
    if problem := exam_day_problem(exam_day, today):
        raise UsageError(problem)
    try:
        decks = collection.select(args.deck)
    except LookupError as exc:
        raise UsageError(str(exc)) from exc
    ids = tuple(d.id for d in decks) if args.deck else ()
    return ExamPlan(
        exam_day=exam_day, deck_ids=ids, target=args.target, final_days=args.final_days,
        set_on=today, minutes=args.minutes, name=args.name or "",
    )  # fmt: skip


def _passed(plan: ExamPlan, as_json: bool) -> int:
    """An exam whose day has come: archived, not planned for any more."""
    day = plan.exam_day.isoformat()
    if as_json:
        print(json.dumps({"plan": None, "passed": day, "name": plan.name}))
    else:
        forecast = "" if plan.forecast is None else f" (its forecast was {plan.forecast:.0%})"
        print(
            f"The exam on {day}{forecast} has come: it is archived, and study is as usual."
            " plan --list shows it beside the exams you sat in its last week; plan --exam"
            " sets a new date."
        )
    return EXIT_OK


def _kept(collection: Collection, name: str | None) -> ExamPlan | None:
    """The plan to look at: the named one, or the one the queue follows."""
    if name is None:
        return load_plan(collection.store, collection.scheduler, collection.clock())
    found = [plan for plan in named_plans(collection.store) if plan.name == name]
    if not found:
        raise UsageError(f"no exam is named '{name}' (plan --list lists them)")
    return found[0]


def _clear(collection: Collection, name: str, as_json: bool) -> int:
    if name:
        if not clear_named(collection.store, name):
            raise UsageError(f"no exam is named '{name}' (plan --list lists them)")
        said = f"Exam '{name}' cleared."
    else:
        clear_plan(collection.store)
        said = "Exam date cleared."
    print(json.dumps({"plan": None, "cleared": name}) if as_json else said)
    return EXIT_OK


def text(report: PlanReport, load: DayLoad | None = None) -> str:
    """The readiness forecast, today's load and the days to the exam as readable text."""
    lines = summary_lines(report)
    if load is not None:
        lines.append(f"Today: {load.words()}.")
    lines += ["", "Day by day at that load (as simulated):"]
    lines += [
        f"  {d.day.isoformat()}  {d.answers:>4} answers  {report.minutes_for(d.answers):>5.0f} min"
        f"  {d.new:>4} new" + (f"  {d.final:>4} in the final pass" if d.final else "")
        for d in report.calendar
    ]
    for title, groups in (
        ("By deck", report.by_deck),
        ("By kind", report.by_kind),
        ("By tag", report.by_tag),
    ):
        lines += ["", f"{title}:", *_rows(groups)]
    return "\n".join(lines)


def _rows(groups: list[Readiness]) -> list[str]:
    rows = [f"  {'':<30} {'cards':>5} {'recall':>7} {'ready':>6}"]
    for g in groups:
        rows.append(f"  {g.name[:30]:<30} {g.cards:>5} {g.recall:>7.0%} {g.ready:>6}")
    return rows
