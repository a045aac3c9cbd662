"""The `quizapp` command: a thin layer that parses arguments and calls the core or the app.

Each command lives in its own module with `add_parser(commands, common)`, which registers it
and sets `run` as the parser's default function. Add a command by adding its module to
COMMANDS.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from quizapp import __version__
from quizapp.cli import (
    backup_cmd,
    check_cmd,
    cram_cmd,
    exam_cmd,
    exams_cmd,
    export_cmd,
    import_cmd,
    list_cmd,
    new_cmd,
    optimize_cmd,
    plan_cmd,
    progress_cmd,
    quiz_cmd,
    stats_cmd,
    study_cmd,
)
from quizapp.cli.common import EXIT_USAGE, UsageError, common_options

COMMANDS = (
    study_cmd,
    quiz_cmd,
    exam_cmd,
    cram_cmd,
    exams_cmd,
    check_cmd,
    list_cmd,
    new_cmd,
    import_cmd,
    export_cmd,
    stats_cmd,
    plan_cmd,
    optimize_cmd,
    backup_cmd,
    progress_cmd,
)


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="quizapp",
        description="Terminal flashcards and quizzes with FSRS spaced repetition. "
        "Without a command, opens the app on your decks.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"quizapp {__version__}")
    parser.set_defaults(run=study_cmd.run_home)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run quizapp; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except UsageError as exc:
        print(f"quizapp: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
