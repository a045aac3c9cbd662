"""`quizapp export DECK... --to FILE`: decks out as Anki, CSV, GIFT, JSON or a worksheet."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError
from quizapp.cli.progress import ProgressLine
from quizapp.core.authoring.exchange.base import ExchangeError
from quizapp.core.authoring.exchange.registry import EXPORT_FORMATS, export_decks, export_format
from quizapp.core.decks.library import load_decks
from quizapp.core.decks.loader import LoadResult
from quizapp.core.decks.model import Deck
from quizapp.core.paths import bundled_decks_dir, data_dir, default_deck_paths

if TYPE_CHECKING:
    from quizapp.cli.common import Commands


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "export",
        parents=[common],
        help="export decks to Anki, CSV, Moodle GIFT, JSON or a printable worksheet",
        description="Export decks. apkg: an Anki package (re-exporting updates the notes in "
        "Anki); csv: every field, a header row; gift: Moodle questions; json: every field; "
        "markdown: a worksheet plus NAME-answers.md with the answer key.",
    )
    parser.add_argument(
        "decks", nargs="+", metavar="DECK", help="deck files, folders, or ids of your decks"
    )
    parser.add_argument("--to", type=Path, required=True, metavar="FILE", help="the file to write")
    parser.add_argument("--format", choices=EXPORT_FORMATS, help="default: from the file name")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    target: Path = args.to
    try:
        fmt = args.format or export_format(target)
    except ExchangeError as exc:
        raise UsageError(str(exc)) from None
    results = _load(args)
    broken = [r for r in results if r.deck is None or r.errors]
    if broken:
        for result in broken:
            for problem in result.errors[:5]:
                print(problem, file=sys.stderr)
        print("quizapp: fix the decks first (quizapp check); nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    decks: list[Deck] = [r.deck for r in results if r.deck is not None]
    progress = ProgressLine(f"Exporting to {target.name}")
    try:
        written = export_decks(decks, target, fmt, progress)
    except (OSError, ExchangeError) as exc:
        progress.close()
        reason = getattr(exc, "strerror", None) or exc
        print(f"quizapp: cannot write {target}: {reason}", file=sys.stderr)
        return EXIT_PROBLEMS
    progress.close()
    cards = sum(len(d.cards) for d in decks)
    files = " and ".join(str(p) for p in written)
    print(f"Exported {cards} card(s) of {len(decks)} deck(s) to {files} ({fmt}).")
    return EXIT_OK


def _load(args: argparse.Namespace) -> list[LoadResult]:
    """The decks named: files and folders as they are, other names as ids of the user's decks."""
    paths = [Path(name) for name in args.decks if Path(name).exists()]
    ids = [name for name in args.decks if not Path(name).exists()]
    results = load_decks(paths) if paths else []
    if ids:
        folder = data_dir(getattr(args, "data_dir", None))
        loaded = load_decks(default_deck_paths(folder), bundled=bundled_decks_dir())
        known = {r.deck.id: r for r in loaded if r.deck}
        for name in ids:
            if name not in known:
                raise UsageError(f"no deck file, folder or deck id '{name}'")
            results.append(known[name])
    if not results:
        raise UsageError("no deck files found in " + ", ".join(args.decks))
    return results
