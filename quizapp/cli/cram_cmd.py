"""`quizapp cram [DECK...] [--kind K] [--tag T] [--weakest]`: every card once, due or not."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from quizapp.cli.session_args import add_selection, run_screen
from quizapp.core.collection import Collection
from quizapp.core.decks.model import Deck

if TYPE_CHECKING:
    from quizapp.cli.common import Commands


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "cram",
        parents=[common],
        help="go through every chosen card, whatever the schedule",
        description="Every card of the selection once, due or not. Answers are saved and "
        "the scheduler sees them as the same-day reviews they are.",
    )
    add_selection(parser)
    parser.add_argument(
        "--weakest",
        action="store_true",
        help="weakest cards first: most lapses, then lowest chance of recall",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    def build(collection: Collection, decks: list[Deck]) -> object:
        from quizapp.tui.launch import cram_screen

        return cram_screen(
            collection, decks, kinds=args.kind, tags=args.tag, weakest=args.weakest, seed=args.seed
        )

    return run_screen(args, build)
