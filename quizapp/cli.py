"""The `quizapp` command: a thin layer that parses arguments and calls the core or the app."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from quizapp import __version__
from quizapp.core.collection import Collection
from quizapp.core.loader import load_decks

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how quizapp was called: reported in one line, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS lets an option given before the command survive the sub-parser's defaults.
    common.add_argument(
        "--decks",
        action="append",
        type=Path,
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="deck file or folder to use instead of the default decks (repeatable)",
    )
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder for progress and your own decks (default: $QUIZAPP_DATA_DIR "
        "or the platform's user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="quizapp",
        description="Terminal flashcards and quizzes with FSRS spaced repetition.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"quizapp {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    study = commands.add_parser("study", parents=[common], help="study due and new cards")
    study.add_argument("deck", nargs="*", help="deck ids (default: all decks)")
    check = commands.add_parser("check", help="validate deck files")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    listing = commands.add_parser("list", parents=[common], help="list decks with their counts")
    listing.add_argument("--json", action="store_true", help="print JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run quizapp; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args.paths)
        if args.command == "list":
            return run_list(args)
        return run_app(args)
    except UsageError as exc:
        print(f"quizapp: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def open_collection(args: argparse.Namespace) -> Collection:
    decks = getattr(args, "decks", None)
    for path in decks or []:
        if not path.exists():
            raise UsageError(f"no such deck file or folder: {path}")
    collection = Collection.open(decks, getattr(args, "data_dir", None))
    for notice in collection.notices:
        print(f"quizapp: {notice}", file=sys.stderr)
    return collection


def run_check(paths: Sequence[Path]) -> int:
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


def run_list(args: argparse.Namespace) -> int:
    collection = open_collection(args)
    try:
        rows = []
        for deck in collection.decks:
            counts = collection.counts(deck)
            rows.append(
                {
                    "id": deck.id,
                    "title": deck.title,
                    "path": str(deck.path),
                    "cards": counts.cards,
                    "new": counts.new,
                    "due": counts.due,
                }
            )
        failed = [{"path": str(r.path), "errors": [str(p) for p in r.errors]} for r in collection.failed]
    finally:
        collection.close()
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        print(f"{'deck':32} {'cards':>6} {'new':>6} {'due':>6}")
        for row in rows:
            print(f"{row['id'][:32]:32} {row['cards']:>6} {row['new']:>6} {row['due']:>6}")
    for failure in failed:
        print(f"quizapp: deck not loaded: {failure['path']}", file=sys.stderr)
        for line in failure["errors"][:5]:
            print(f"  {line}", file=sys.stderr)
    return EXIT_OK


def run_app(args: argparse.Namespace) -> int:
    collection = open_collection(args)
    study = args.command == "study"
    names = getattr(args, "deck", []) if study else []
    try:
        chosen = collection.select(names)
    except LookupError as exc:
        collection.close()
        raise UsageError(str(exc)) from exc
    from quizapp.tui.app import make_app  # imported late: `check` and `list` never load Textual

    app = make_app(collection, study=chosen if study else None)
    try:
        app.run()
    finally:
        collection.close()
    return int(app.return_code or 0)
