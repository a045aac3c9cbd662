"""The `quizapp` command: a thin layer that parses arguments and calls the core or the app.

Each command lives in its own module with `add_parser(commands, common)`, which registers it
and sets `run` as the parser's default function. Add a command by naming its module in
COMMANDS.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import sys
from collections.abc import Sequence
from importlib import import_module

from quizapp import __version__
from quizapp.cli.common import (
    EXIT_PROBLEMS,
    EXIT_USAGE,
    CommandError,
    UsageError,
    common_options,
)

# Command name -> the module that registers it. Modules are imported only when their command
# is used (or for the full --help), which keeps start-up of the app itself quick.
COMMANDS = {
    "study": "study_cmd",
    "quiz": "quiz_cmd",
    "exam": "exam_cmd",
    "cram": "cram_cmd",
    "exams": "exams_cmd",
    "check": "check_cmd",
    "mark": "mark_cmd",
    "list": "list_cmd",
    "new": "new_cmd",
    "import": "import_cmd",
    "export": "export_cmd",
    "stats": "stats_cmd",
    "plan": "plan_cmd",
    "optimize": "optimize_cmd",
    "backup": "backup_cmd",
    "restore": "backup_cmd",
    "progress": "progress_cmd",
    "card": "card_cmd",
    "class": "class_cmd",
    "serve": "serve_cmd",
    "help": "help_cmd",
    "config": "config_cmd",
    "sync": "sync_cmd",
    "suspend": "marks_cmd",
    "unsuspend": "marks_cmd",
    "bury": "marks_cmd",
    "unbury": "marks_cmd",
    "flag": "marks_cmd",
}
OPTIONS_WITH_VALUES = {"--decks", "--data-dir", "--profile"}  # `--no-bundled` takes none


def wanted_modules(argv: Sequence[str]) -> list[str]:
    """The command modules a command line needs: its command's, or all of them for help."""
    args = iter(argv)
    for arg in args:
        if arg in OPTIONS_WITH_VALUES:
            next(args, None)
        elif arg in ("-h", "--help"):
            break
        elif not arg.startswith("-"):
            if arg not in COMMANDS:
                break  # argparse names the valid commands in its error
            return list(dict.fromkeys(["study_cmd", COMMANDS[arg]]))
    else:
        return ["study_cmd"]  # no command: the home screen
    return list(dict.fromkeys(COMMANDS.values()))


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv` (every command's when None)."""
    modules = wanted_modules(argv) if argv is not None else list(dict.fromkeys(COMMANDS.values()))
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="quizapp",
        description="Terminal flashcards and quizzes with FSRS spaced repetition. "
        "Without a command, opens the app on your decks.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"quizapp {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        import_module(f"quizapp.cli.{name}").add_parser(commands, common)
    from quizapp.cli.study_cmd import run_home

    parser.set_defaults(run=run_home)
    return parser


EXIT_PIPE_CLOSED = 128 + 13  # what a shell reports for a command ended by SIGPIPE


def replace_unencodable_output() -> None:
    """Print what the terminal cannot show as "?" rather than fail with UnicodeEncodeError.

    A console redirected on Windows is often cp1252, and a Unix one set to the C locale ASCII;
    the decks' "·", "–" and names in other scripts must not stop a command half-way.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run quizapp; returns the exit status.

    A reader that stops early (`quizapp list --json | head`) ends any command quietly: the
    Python documentation's recipe for SIGPIPE, here once for every command.
    """
    replace_unencodable_output()
    try:
        status = run(argv)
        sys.stdout.flush()  # here, not at exit, where a closed pipe could only be reported
    except BrokenPipeError:
        # Whatever is still buffered would fail again when Python flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_PIPE_CLOSED
    return status


def run(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run its command; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    gc.disable()  # while the command's modules load; the app keeps it paused until it shows
    try:
        args = build_parser(argv).parse_args(argv)
    finally:
        gc.enable()
    try:
        return int(args.run(args))
    except UsageError as exc:
        print(f"quizapp: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except CommandError as exc:
        print(f"quizapp: error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:
        from quizapp.core.progress.database import StoreUnavailableError  # not imported at start-up

        if not isinstance(exc, StoreUnavailableError):
            raise
        print(f"quizapp: error: {exc}", file=sys.stderr)  # a full disk, say, mid-command
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    finally:
        gc.enable()
