"""`quizapp export [DECK...] --to FILE`: decks out as Anki, CSV, GIFT, JSON or a worksheet."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, data_folder
from quizapp.cli.progress import ProgressLine
from quizapp.core.authoring.exchange.base import ExchangeError
from quizapp.core.authoring.exchange.registry import (
    EXPORT_FORMATS,
    export_decks,
    export_format,
    export_paths,
)
from quizapp.core.authoring.exchange.worksheet import SheetOptions
from quizapp.core.decks.library import load_decks
from quizapp.core.decks.loader import LoadResult
from quizapp.core.decks.model import Deck
from quizapp.core.paths import bundled_decks_dir, bundled_decks_shown, default_deck_paths

if TYPE_CHECKING:
    from quizapp.cli.common import Commands


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "export",
        parents=[common],
        help="export decks to Anki, CSV, Excel, Quizlet, Moodle GIFT, JSON or a worksheet",
        description="Export decks. apkg: an Anki package (re-exporting updates the notes in "
        "Anki); csv: every field, a header row; excel: the same CSV marked as UTF-8 for Excel; "
        "quizlet: two tab-separated columns, term and definition, for Quizlet's import; gift: "
        "Moodle questions (flip cards as essays with the answer as model answer); json: every "
        "field; markdown: a worksheet plus NAME-answers.md with the answer key. The deck's tags "
        "go on every card. Decks are named by file, folder or id: ids are looked up in --decks "
        "when given, else in your decks (and the bundled ones, unless --no-bundled).",
    )
    parser.add_argument(
        "names",
        nargs="*",
        metavar="DECK",
        help="deck files, folders or deck ids (default: every deck of --decks)",
    )
    parser.add_argument("--to", type=Path, required=True, metavar="FILE", help="the file to write")
    parser.add_argument("--format", choices=EXPORT_FORMATS, help="default: from the file name")
    parser.add_argument("--force", action="store_true", help="replace files that already exist")
    sheet = parser.add_argument_group("worksheet (markdown) options")
    sheet.add_argument("--title", default="Worksheet", help="the worksheet's title")
    sheet.add_argument("--instructions", default="", help="a paragraph under the title")
    sheet.add_argument("--count", type=int, metavar="N", help="N questions drawn from the decks")
    sheet.add_argument(
        "--seed",
        type=int,
        metavar="N",
        help="a version of the sheet: other questions (with --count), order and options; "
        "give each version its own number",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    target: Path = args.to
    try:
        fmt = args.format or export_format(target)
    except ExchangeError as exc:
        raise UsageError(str(exc)) from None
    if args.count is not None and args.count < 1:
        raise UsageError("--count must be 1 or more")
    existing = [p for p in export_paths(target, fmt) if p.exists()]
    if existing and not args.force:
        raise UsageError(f"{existing[0]} already exists; add --force to replace it")
    results = _load(args)
    broken = [r for r in results if r.deck is None or r.errors]
    if broken:
        for result in broken:
            for problem in result.errors[:5]:
                print(problem, file=sys.stderr)
        print("quizapp: fix the decks first (quizapp check); nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    decks: list[Deck] = [r.deck for r in results if r.deck is not None]
    options = SheetOptions(args.title, args.instructions, args.count, args.seed)
    progress = ProgressLine(f"Exporting to {target.name}")
    try:
        written = export_decks(decks, target, fmt, progress, options)
    except (OSError, ExchangeError) as exc:
        progress.close()
        reason = getattr(exc, "strerror", None) or exc
        print(f"quizapp: cannot write {target}: {reason}", file=sys.stderr)
        return EXIT_PROBLEMS
    progress.close()
    cards = sum(len(d.cards) for d in decks)
    if fmt == "markdown" and args.count:
        cards = min(cards, args.count)
    files = " and ".join(str(p) for p in written)
    print(f"Exported {cards} card(s) of {len(decks)} deck(s) to {files} ({fmt}).")
    return EXIT_OK


def _load(args: argparse.Namespace) -> list[LoadResult]:
    """The decks named: files and folders as they are, other names as deck ids.

    Ids are looked up in the decks of --decks when it is given, else in the default decks.
    Without names, every deck of --decks.
    """
    given: list[Path] | None = getattr(args, "decks", None)
    names: list[str] = args.names
    if not names and not given:
        raise UsageError("name the decks to export (files, folders or ids), or give --decks")
    paths = [Path(name) for name in names if Path(name).exists()]
    ids = [name for name in names if not Path(name).exists()]
    results = load_decks(paths) if paths else []
    if ids or not names:
        for path in given or []:
            if not path.exists():
                raise UsageError(f"no such deck file or folder: {path}")
        if given:
            loaded = load_decks(given)
        else:
            folder = data_folder(args)
            shown = bundled_decks_shown(getattr(args, "no_bundled", False))
            loaded = load_decks(default_deck_paths(folder, shown), bundled=bundled_decks_dir())
        if not names:
            results = loaded
        known = {r.deck.id: r for r in loaded if r.deck}
        for name in ids:
            if name not in known:
                where = "in --decks" if given else "among your decks"
                listed = ", ".join(sorted(known)) or "none"
                raise UsageError(f"no deck file, folder or deck id '{name}' {where} ({listed})")
            results.append(known[name])
    if not results:
        raise UsageError("no deck files found in " + ", ".join(names or map(str, given or [])))
    return results
