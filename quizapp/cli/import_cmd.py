"""`quizapp import FILE --to DECK.yaml`: cards from Anki, Quizlet or Moodle into a deck file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError
from quizapp.cli.progress import ProgressLine
from quizapp.core.authoring.exchange.base import ExchangeError
from quizapp.core.authoring.exchange.csv_io import COLUMNS
from quizapp.core.authoring.exchange.merge import merge_into, write_deck
from quizapp.core.authoring.exchange.registry import IMPORT_FORMATS, read_cards
from quizapp.core.decks.loader import DECK_SUFFIXES

if TYPE_CHECKING:
    from quizapp.cli.common import Commands


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "import",
        help="import cards from Anki, Quizlet or Moodle into a deck file",
        description="Import cards into a deck file (created, or updated: a card imported "
        "again keeps its id and is updated, not added twice; an existing file keeps its "
        "comments and the text of every card left as it was, the old file kept as NAME.bak). "
        "Formats: CSV/TSV (Anki, Quizlet, Kahoot and Quizizz sheets), Moodle GIFT and Aiken, "
        "Anki .apkg, quizapp JSON.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the file to import")
    parser.add_argument(
        "--to", type=Path, required=True, metavar="DECK.yaml", help="the deck file to write"
    )
    parser.add_argument("--format", choices=IMPORT_FORMATS, help="default: from the file")
    parser.add_argument("--deck-id", metavar="ID", help="id of a new deck (default: file name)")
    parser.add_argument("--title", metavar="TITLE", help="deck title")
    parser.add_argument(
        "--columns",
        metavar="NAMES",
        help=f"CSV/TSV columns in order, comma-separated, 'skip' to ignore one, a name given "
        f"more than once (wrong,wrong,wrong) keeping each: {','.join(COLUMNS[:2])},... "
        f"(known: {', '.join(COLUMNS)}). In one cell, alternatives and wrong options are "
        "separated by '|', tags by spaces, commas or '|'",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    source: Path = args.file
    target: Path = args.to
    if not source.is_file():
        raise UsageError(f"no such file: {source}")
    if target.suffix not in DECK_SUFFIXES:
        raise UsageError(f"{target}: a deck file name ends in .yaml or .yml")
    columns = [name.strip().lower() for name in args.columns.split(",")] if args.columns else None
    progress = ProgressLine(f"Importing {source.name}")
    try:
        imported = read_cards(source, args.format, columns, progress)
        progress.close()
        merged = merge_into(target, imported, args.deck_id, args.title)
        edit = write_deck(merged)
    except ExchangeError as exc:
        progress.close()
        print(f"quizapp: {exc}", file=sys.stderr)
        print("quizapp: nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        progress.close()
        print(f"quizapp: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    for notice in imported.notices:
        print(f"quizapp: {notice}", file=sys.stderr)
    print(
        f"Imported {len(imported.cards)} card(s) from {source} into {target} "
        f"(deck '{merged.deck.id}'): {merged.added} new, {merged.updated} updated, "
        f"{merged.unchanged} unchanged; the deck has {len(merged.deck.cards)} card(s)."
    )
    if edit is not None:
        for line in edit.summary():
            print(f"  {line}")
        if not edit.unchanged:
            kept = (
                "its comments and untouched cards kept as they were; " if edit.kept_layout else ""
            )
            print(f"  {target}: {kept}the old file is kept as {target.name}.bak")
    return EXIT_OK
