"""What every command shares: exit codes, the common options, opening the collection."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quizapp.core.collection import Collection

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how quizapp was called: reported in one line, exit status 2."""


def common_options() -> argparse.ArgumentParser:
    """--decks and --data-dir, accepted before or after the command."""
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
    return common


def open_collection(args: argparse.Namespace) -> Collection:
    """Load the decks and the progress store named by the common options."""
    decks = getattr(args, "decks", None)
    for path in decks or []:
        if not path.exists():
            raise UsageError(f"no such deck file or folder: {path}")
    collection = Collection.open(decks, getattr(args, "data_dir", None))
    for notice in collection.notices:
        print(f"quizapp: {notice}", file=sys.stderr)
    return collection
