"""`quizapp check PATH... [--strict] [--format json] [--against TEXT]`: lint deck files."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError
from quizapp.core.authoring.lint import Against, escalate, lint_decks
from quizapp.core.authoring.lint_rules import CODES
from quizapp.core.decks.problems import Problem

if TYPE_CHECKING:
    from quizapp.cli.common import Commands

EPILOG = "warning codes:\n" + "\n".join(f"  {code}  {what}" for code, what in CODES.items())


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "check",
        help="validate and lint deck files",
        description="Validate deck files and warn about cards that could be better.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="deck files or folders to check"
    )
    parser.add_argument(
        "--strict", action="store_true", help="treat warnings as errors (exit status 1)"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text lines (default) or a JSON array for editors and CI",
    )
    parser.add_argument(
        "--against",
        type=Path,
        metavar="TEXT_FILE",
        help="check that every card's source passage appears verbatim in this text",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return check(
        args.paths, strict=args.strict, as_json=args.format == "json", against=args.against
    )


def check(
    paths: Sequence[Path],
    *,
    strict: bool = False,
    as_json: bool = False,
    against: Path | None = None,
) -> int:
    """Lint the decks and print every problem; the exit status says whether any is an error."""
    # A symlink that leads nowhere (or in a loop) is a deck file with a problem, not a typo.
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}")
    reference = None
    if against is not None:
        try:
            reference = Against(str(against), against.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or exc
            raise UsageError(f"cannot read {against}: {reason}") from exc
    results = lint_decks(paths, reference)
    problems: list[Problem] = []
    cards = 0
    for result in results:
        problems += [escalate(p) if strict else p for p in result.problems]
        cards += len(result.deck.cards) if result.deck else 0
    errors = sum(p.is_error for p in problems)
    if as_json:
        print(json.dumps([_as_dict(p) for p in problems], indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            print(problem)
    print(
        f"{len(results)} deck file(s), {cards} card(s): {errors} error(s), "
        f"{len(problems) - errors} warning(s)",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS if errors or not results else EXIT_OK


def _as_dict(problem: Problem) -> dict[str, object]:
    return {
        "path": str(problem.path),
        "line": problem.line,
        "column": problem.column,
        "severity": str(problem.severity),
        "code": problem.code,
        "message": problem.message,
    }
