"""`quizapp check PATH... [--strict] [--format json] [--against TEXT]... [--ignore CODE]...`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, data_folder
from quizapp.core.authoring.lint import KNOWN_CODES, Against, authored, escalate, lint_decks
from quizapp.core.decks.codes import NO_DECK_FILES
from quizapp.core.decks.library import find_deck_files
from quizapp.core.decks.loader import LoadResult
from quizapp.core.decks.problems import Problem, Severity

if TYPE_CHECKING:
    from quizapp.cli.common import Commands

EPILOG = (
    "codes (--ignore and a deck's `lint: {ignore: [...]}` silence warnings, never errors):\n"
    + "\n".join(f"  {code}  {what}" for code, what in sorted(KNOWN_CODES.items()))
    + "\n\nA deck written from your own knowledge says `sources: none`: its cards need no "
    "source.\nThe deck format: quizapp help deck-format"
)


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
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
        action="append",
        default=[],
        metavar="TEXT_FILE",
        help="check that every card's source passage appears verbatim in one of these texts "
        "(repeatable)",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODE",
        help="do not report warnings with this code, e.g. Q106 (repeatable)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return check(
        args.paths,
        strict=args.strict,
        as_json=args.format == "json",
        against=args.against,
        ignore=args.ignore,
        data_dir=data_folder(args),
    )


def check(
    paths: Sequence[Path],
    *,
    strict: bool = False,
    as_json: bool = False,
    against: Path | Sequence[Path] | None = None,
    ignore: Sequence[str] = (),
    data_dir: str | Path | None = None,
) -> int:
    """Lint the decks and print every problem; the exit status says whether any is an error.

    With progress in the data folder (`data_dir`, else the default one), card ids that have
    answers but have left their deck are warned about too (Q115).
    """
    # A symlink that leads nowhere (or in a loop) is a deck file with a problem, not a typo.
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}")
    codes = [code.strip().upper() for code in ignore]
    unknown = [code for code in codes if code not in KNOWN_CODES]
    if unknown:
        raise UsageError(f"--ignore {unknown[0]}: no such code (quizapp check --help lists them)")
    texts = [against] if isinstance(against, Path) else list(against or ())
    references = [_read_text(path) for path in texts]
    results = lint_decks(paths, references, codes)
    for result, problem in _left_behind(results, data_dir, set(codes)):
        result.problems.append(problem)
        result.problems.sort()
    problems: list[Problem] = [_no_decks_in(p) for p in paths if _holds_no_deck(p)]
    cards = loaded = 0
    for result in results:
        problems += [escalate(p) if strict else p for p in result.problems]
        cards += result.cards_in_file
        # as written: a reversed card's sibling is not in the file
        loaded += len(authored(result.deck).cards) if result.deck is not None and result.ok else 0
    errors = sum(p.is_error for p in problems)
    if as_json:
        print(json.dumps([_as_dict(p) for p in problems], indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            print(problem)
    not_loaded = f" ({cards - loaded} not loaded)" if cards > loaded else ""
    print(
        f"{len(results)} deck file(s), {cards} card(s){not_loaded}: {errors} error(s), "
        f"{len(problems) - errors} warning(s)",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS if errors or not results else EXIT_OK


def _read_text(path: Path) -> Against:
    try:
        return Against(str(path), path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise UsageError(f"cannot read {path}: {reason}") from exc


def _holds_no_deck(path: Path) -> bool:
    return path.is_dir() and not find_deck_files([path])


def _no_decks_in(folder: Path) -> Problem:
    message = "this folder holds no deck file (*.yaml or *.yml, in it or below it)"
    return Problem(folder, 1, 1, Severity.ERROR, message, NO_DECK_FILES)


def _left_behind(
    results: list[LoadResult], data_dir: str | Path | None, ignore: set[str]
) -> list[tuple[LoadResult, Problem]]:
    """Ids with progress that their deck lacks, read from the progress file if there is one
    (unless the code is ignored, by the command or the deck)."""
    import sqlite3

    from quizapp.core.authoring.left_behind import CODE, left_behind
    from quizapp.core.paths import data_dir as resolve_data_dir
    from quizapp.core.paths import progress_path
    from quizapp.core.progress.store import Store

    path = progress_path(resolve_data_dir(data_dir))
    if CODE in ignore or not path.is_file():
        return []
    try:
        with Store.reading(path) as store:
            found = left_behind(results, store)
    except (sqlite3.Error, OSError):
        return []  # a progress file that cannot be read here does not stop the check
    return [(r, p) for r, p in found if r.deck is None or CODE not in r.deck.lint_ignore]


def _as_dict(problem: Problem) -> dict[str, object]:
    return {
        "path": str(problem.path),
        "line": problem.line,
        "column": problem.column,
        "severity": str(problem.severity),
        "code": problem.code,
        "message": problem.message,
    }
