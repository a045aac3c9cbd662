"""`quizapp check PATH... [--strict] [--format json] [--against TEXT]`: lint deck files."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from quizapp.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError
from quizapp.core.authoring.lint import Against, authored, escalate, lint_decks
from quizapp.core.authoring.lint_rules import CODES
from quizapp.core.decks.loader import LoadResult
from quizapp.core.decks.problems import Problem

EPILOG = "warning codes:\n" + "\n".join(f"  {code}  {what}" for code, what in CODES.items())


def add_parser(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "check",
        parents=[common],
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
        args.paths,
        strict=args.strict,
        as_json=args.format == "json",
        against=args.against,
        data_dir=getattr(args, "data_dir", None),
    )


def check(
    paths: Sequence[Path],
    *,
    strict: bool = False,
    as_json: bool = False,
    against: Path | None = None,
    data_dir: str | Path | None = None,
) -> int:
    """Lint the decks and print every problem; the exit status says whether any is an error.

    With progress in the data folder (`data_dir`, else the default one), card ids that have
    answers but have left their deck are warned about too (Q113).
    """
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
    for result, problem in _left_behind(results, data_dir):
        result.problems.append(problem)
        result.problems.sort()
    problems: list[Problem] = []
    cards = 0
    for result in results:
        problems += [escalate(p) if strict else p for p in result.problems]
        cards += len(authored(result.deck).cards) if result.deck else 0  # as written
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


def _left_behind(
    results: list[LoadResult], data_dir: str | Path | None
) -> list[tuple[LoadResult, Problem]]:
    """Ids with progress that their deck lacks, read from the progress file if there is one."""
    import sqlite3

    from quizapp.core.authoring.left_behind import left_behind
    from quizapp.core.paths import data_dir as resolve_data_dir
    from quizapp.core.paths import progress_path
    from quizapp.core.progress.store import Store

    path = progress_path(resolve_data_dir(data_dir))
    if not path.is_file():
        return []
    try:
        with Store.reading(path) as store:
            return left_behind(results, store)
    except (sqlite3.Error, OSError):
        return []  # a progress file that cannot be read here does not stop the check


def _as_dict(problem: Problem) -> dict[str, object]:
    return {
        "path": str(problem.path),
        "line": problem.line,
        "column": problem.column,
        "severity": str(problem.severity),
        "code": problem.code,
        "message": problem.message,
    }
