"""What `quiz`, `exam` and `cram` share: the selection options and opening the app on a screen."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable

from quizapp.cli.common import (
    UsageError,
    open_collection,
    pause_collector_for_start_up,
    profile_named,
)
from quizapp.core.collection import Collection
from quizapp.core.decks.model import Deck, Kind

KINDS = [kind.value for kind in Kind]


def add_selection(parser: argparse.ArgumentParser) -> None:
    """DECK..., --kind, --tag and --seed."""
    parser.add_argument("deck", nargs="*", help="deck ids (default: all decks)")
    parser.add_argument(
        "--kind",
        action="append",
        choices=KINDS,
        default=[],
        metavar="K",
        help=f"only cards of this kind ({', '.join(KINDS)}); repeatable",
    )
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="T",
        help="only cards with this tag; repeatable",
    )
    parser.add_argument(
        "--seed", type=int, metavar="N", help="draw the same questions again (any whole number)"
    )


def positive(value: float, what: str) -> None:
    if not math.isfinite(value):  # nan and inf would crash the exam clock
        raise UsageError(f"{what} must be a plain number (got {value:g})")
    if value <= 0:
        raise UsageError(f"{what} must be above 0 (got {value:g})")


def run_screen(args: argparse.Namespace, build: Callable[[Collection, list[Deck]], object]) -> int:
    """Open the collection, build the session screen and run the app on it.

    Args:
        args: The parsed arguments (deck, --kind, --tag and the common options).
        build: Makes the screen from the collection and the chosen decks; it may raise
            `quizapp.tui.launch.NothingToAsk`, reported as a usage error.

    Returns:
        The app's exit status.
    """
    pause_collector_for_start_up()
    collection = open_collection(args)
    try:
        from quizapp.tui.app import make_app  # imported late: other commands never load Textual
        from quizapp.tui.launch import NothingToAsk

        try:
            decks = collection.select(args.deck)
            screen = build(collection, decks)
        except (LookupError, NothingToAsk) as exc:
            raise UsageError(str(exc).strip("'\"")) from exc
        app = make_app(
            collection,
            start=lambda _app: screen,  # type: ignore[arg-type,return-value]
            profile=profile_named(args),
        )
        app.run()
        from quizapp.cli.sync_cmd import after_app as sync_after_app  # with sync-folder set

        sync_after_app(collection)
        return int(app.return_code or 0)
    finally:
        collection.close()
