"""`quizapp progress export FILE` and `quizapp progress import FILE`: move progress elsewhere.

The file is the review log as JSON lines (undos included), the exams sat and the exam plan;
importing it into another machine's quizapp adds the reviews and exams it lacks, reschedules
those cards, and takes the plan unless one is set there. `-` is stdin/stdout.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from quizapp.cli.common import EXIT_OK, EXIT_PROBLEMS, open_collection
from quizapp.core.progress.transfer import ProgressFileError, export_progress, import_progress

if TYPE_CHECKING:
    from quizapp.cli.common import Commands


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "progress",
        help="export or import your review log, to move your progress to another machine",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        parents=[common],
        help="write your whole review log, exams and exam plan to FILE (JSON lines)",
    )
    export.add_argument("file", metavar="FILE", help="the file to write, or - for stdout")
    export.set_defaults(run=run_export)
    imported = actions.add_parser(
        "import",
        parents=[common],
        help="add the reviews and exams of an exported FILE that are not here yet",
    )
    imported.add_argument("file", metavar="FILE", help="an export, or - for stdin")
    imported.set_defaults(run=run_import)


def run_export(args: argparse.Namespace) -> int:
    collection = open_collection(args)
    try:
        with _open(args.file, "w") as out:
            written = export_progress(collection.store, out)
    except BrokenPipeError:
        raise  # a reader that stopped early: `main` ends quietly
    except OSError as exc:
        print(f"quizapp: cannot write {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    finally:
        collection.close()
    if args.file != "-":
        plan = " and the exam plan" if written.plan else ""
        print(f"Exported {written.reviews} review(s), {written.exams} exam(s){plan} to {args.file}")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    collection = open_collection(args)
    try:
        with _open(args.file, "r") as lines:
            summary = import_progress(collection.store, collection.schedulers_over_time(), lines)
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        print(f"quizapp: cannot read {args.file}: {reason}", file=sys.stderr)
        return EXIT_PROBLEMS
    except ProgressFileError as exc:
        print(f"quizapp: {args.file}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    finally:
        collection.close()
    print(
        f"Imported {summary.added} review(s) ({summary.already_known} already here, "
        f"{summary.undos_added} undo(s) added); {summary.cards_rescheduled} card(s) rescheduled."
    )
    if summary.settings_added:
        print(f"Imported {summary.settings_added} setting change(s) (see `quizapp config`).")
    if summary.exams_added or summary.exams_known:
        print(f"Imported {summary.exams_added} exam(s) ({summary.exams_known} already here).")
    if summary.plan == "added":
        print("Took the exam plan from the file (see `quizapp plan`).")
    elif summary.plan == "kept":
        print(
            f"Kept the exam plan set here; the file's exam date, {summary.other_exam_day}, was "
            f"not taken (`quizapp plan --exam {summary.other_exam_day}` sets it)."
        )
    return EXIT_OK


def _open(name: str, mode: str) -> TextIO | nullcontext[TextIO]:
    if name == "-":
        return nullcontext(sys.stdout if mode == "w" else sys.stdin)
    # A text mode ("r" or "w"): the file is a TextIO, which `open` cannot tell from a variable.
    return cast(TextIO, Path(name).expanduser().open(mode, encoding="utf-8", newline="\n"))
