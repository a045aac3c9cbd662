"""`quizapp check PATH...`: validate deck files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from quizapp.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError
from quizapp.core.loader import load_decks


def add_parser(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("check", help="validate deck files")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return check(args.paths)


def check(paths: Sequence[Path]) -> int:
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {missing[0]}")
    results = load_decks(paths)
    errors = warnings = cards = 0
    for result in results:
        for problem in result.problems:
            print(problem)
        errors += len(result.errors)
        warnings += len(result.problems) - len(result.errors)
        cards += len(result.deck.cards) if result.deck else 0
    print(
        f"{len(results)} deck file(s), {cards} card(s): {errors} error(s), {warnings} warning(s)",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS if errors or not results else EXIT_OK
