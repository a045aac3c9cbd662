"""`quizapp exam [DECK...] [--kind K] [--tag T] --count N --minutes M`: a timed paper."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from quizapp.cli.session_args import add_selection, positive, run_screen
from quizapp.core.collection import Collection
from quizapp.core.decks.model import Deck

if TYPE_CHECKING:
    from quizapp.cli.common import Commands


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "exam",
        parents=[common],
        help="sit a timed exam, marked at the end",
        description="A timed paper of mixed questions with the clock in view. Nothing is "
        "marked until the end (or until time runs out: unanswered questions count as wrong); "
        "then a report, kept for `quizapp exams`.",
    )
    add_selection(parser)
    parser.add_argument("--count", type=int, required=True, metavar="N", help="questions")
    parser.add_argument("--minutes", type=float, required=True, metavar="M", help="time allowed")
    parser.add_argument(
        "--no-reschedule",
        dest="reschedule",
        action="store_false",
        help="do not count the answers as reviews (by default they reschedule the cards)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    positive(args.count, "--count")
    positive(args.minutes, "--minutes")

    def build(collection: Collection, decks: list[Deck]) -> object:
        from quizapp.tui.launch import exam_screen

        return exam_screen(
            collection,
            decks,
            count=args.count,
            minutes=args.minutes,
            kinds=args.kind,
            tags=args.tag,
            reschedule=args.reschedule,
            seed=args.seed,
        )

    return run_screen(args, build)
