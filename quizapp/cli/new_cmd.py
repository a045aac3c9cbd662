"""`quizapp new PATH|NAME`: write a commented deck template, one card of each question type."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.cli.common import EXIT_OK, UsageError
from quizapp.core.authoring.scaffold import deck_id_for, deck_template, title_for
from quizapp.core.decks.loader import DECK_SUFFIXES
from quizapp.core.decks.validation import ID_PATTERN

if TYPE_CHECKING:
    from quizapp.cli.common import Commands


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "new",
        help="write a deck template to start from",
        description="Write a commented deck template with one card of each question type. "
        "It passes `quizapp check --strict`; replace the example cards with your own. Give a "
        'file name (my-deck.yaml) or the deck\'s name ("World War One": the file is then '
        "world-war-one.yaml and the title the name as given).",
    )
    parser.add_argument(
        "path", type=Path, metavar="PATH|NAME", help="the new deck file (.yaml), or a name"
    )
    parser.add_argument("--id", dest="deck_id", help="deck id (default: from the file name)")
    parser.add_argument("--title", help="deck title (default: from the file name)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path: Path = args.path
    title = args.title or title_for(path.stem)
    if path.suffix not in DECK_SUFFIXES:
        if path.suffix and " " not in path.name:  # deck.txt: a file name, not a deck's name
            raise UsageError(f"{path}: a deck file name ends in .yaml or .yml")
        title = args.title or path.name.strip()  # a name: it is the title as given
        path = path.with_name(deck_id_for(path.name) + ".yaml")
    deck_id = args.deck_id or deck_id_for(path.stem)
    if not ID_PATTERN.fullmatch(deck_id):
        raise UsageError(f"deck id '{deck_id}' must use only letters, digits, '-', '_' and '.'")
    text = deck_template(deck_id, title)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as out:  # "x": never overwrite
            out.write(text)
    except FileExistsError as exc:
        if exc.filename is not None and Path(exc.filename) != path:  # from mkdir: a parent
            where = exc.filename
            raise UsageError(f"cannot write {path}: {where} is a file, not a folder") from exc
        raise UsageError(
            f"{path} already exists; quizapp new never overwrites a file: choose another name"
        ) from None
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
    print(f"Wrote {path}: a deck template with 6 example cards. Check it with:")
    print(f"  quizapp check --strict {path}")
    return EXIT_OK
