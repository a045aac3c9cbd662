"""`quizapp class report|view FILE...`: item analysis of a class's exam results."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.cli.common import (
    EXIT_OK,
    CommandError,
    UsageError,
    open_collection,
    pause_collector_for_start_up,
)

if TYPE_CHECKING:
    from quizapp.cli.common import Commands
    from quizapp.core.insight.item_analysis import ClassReport

DESCRIPTION = (
    "A class's revision round and its results. `class host` runs a round for a projector and "
    "`class join CODE` takes part from a terminal on the same machine (or 'Join a class round' "
    "in the served page); the round ends with one exam CSV per student. `class report` is the "
    "item analysis of such files, as Moodle's quiz statistics: for each question's card, its "
    "facility (mean score, 0 to 1), its discrimination (correlation of its score with the "
    "rest of the paper's) and the share of students choosing each option; items that deserve "
    "a look are flagged first, with the reason. Each FILE is one student's results as "
    "`quizapp exams --csv FILE --exam ID --student NAME` writes them (the student is the "
    "file's name without a student column); only each student's first attempt counts."
)


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "class",
        help="a class's revision round; item analysis of its exam results",
        description=DESCRIPTION,
    )
    actions = parser.add_subparsers(dest="class_action", metavar="ACTION", required=True)
    report = actions.add_parser(
        "report", help="print the item analysis (or write it as CSV or Markdown)"
    )
    report.add_argument("files", nargs="+", type=Path, metavar="FILE", help="exam CSV files")
    report.add_argument("--json", action="store_true", help="print JSON")
    report.add_argument("--csv", type=Path, metavar="OUT", help="also write the table as CSV")
    report.add_argument(
        "--markdown", type=Path, metavar="OUT", help="also write the report as Markdown"
    )
    report.add_argument("--force", action="store_true", help="replace OUT files that already exist")
    report.set_defaults(run=run_report)
    view = actions.add_parser(
        "view",
        parents=[common],
        help="open the item analysis in the app (enter on an item shows its card)",
    )
    view.add_argument("files", nargs="+", type=Path, metavar="FILE", help="exam CSV files")
    view.set_defaults(run=run_view)
    from quizapp.cli.class_round_cmd import add_actions

    add_actions(actions, common)


def _report(files: list[Path]) -> ClassReport:
    from quizapp.core.insight.item_analysis import ClassDataError, class_report

    missing = [f for f in files if not f.is_file()]
    if missing:
        raise UsageError(f"no such file: {missing[0]}")
    try:
        return class_report(files)
    except ClassDataError as exc:
        raise CommandError(str(exc)) from None


def run_report(args: argparse.Namespace) -> int:
    from quizapp.core.authoring.writer import write_atomic
    from quizapp.core.insight.item_report import (
        report_csv,
        report_json,
        report_lines,
        report_markdown,
    )

    outputs = [(p, f) for p, f in ((args.csv, report_csv), (args.markdown, report_markdown)) if p]
    for path, _ in outputs:
        if path.exists() and not args.force:
            raise UsageError(f"{path} already exists; add --force to replace it")
    report = _report(args.files)
    written = []
    for path, render in outputs:
        try:
            write_atomic(path, render(report))
        except OSError as exc:
            raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
        written.append(str(path))
    if args.json:
        print(json.dumps(report_json(report), indent=2, ensure_ascii=False))
    else:
        width = max(60, min(140, _terminal_width()))
        print("\n".join(report_lines(report, width)))
        if written:
            print(f"\nWritten: {', '.join(written)}")
    return EXIT_OK


def _terminal_width() -> int:
    """The terminal's width: $COLUMNS, else the terminal behind stdout or stderr, else 100."""
    if os.environ.get("COLUMNS", "").isdigit():
        return int(os.environ["COLUMNS"])
    for stream in (sys.stdout, sys.stderr):
        try:
            return os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            continue
    return 100


def run_view(args: argparse.Namespace) -> int:
    report = _report(args.files)
    pause_collector_for_start_up()
    collection = open_collection(args)
    try:
        from quizapp.tui.app import make_app
        from quizapp.tui.screens.class_report import ClassReportScreen

        app = make_app(collection, start=lambda _app: ClassReportScreen(collection, report))
        app.run()
        return int(app.return_code or 0)
    finally:
        collection.close()
