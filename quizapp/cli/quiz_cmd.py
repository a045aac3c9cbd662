"""`quizapp quiz [DECK...] [--kind K] [--tag T] [--count N] [--format F]`: practice questions."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from quizapp.cli.session_args import add_selection, positive, run_screen
from quizapp.core.collection import Collection
from quizapp.core.decks.model import Deck
from quizapp.core.questions.question import QUIZ_FORMATS, Format

if TYPE_CHECKING:
    from quizapp.cli.common import Commands


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "quiz",
        parents=[common],
        help="practice questions in mixed formats, marked as you answer",
        description="Questions drawn from your cards, each marked at once with the answer "
        "and its source. Every answer is saved and reschedules the card.",
    )
    add_selection(parser)
    parser.add_argument("--count", type=int, default=10, metavar="N", help="questions (10)")
    parser.add_argument(
        "--format",
        choices=[f.value for f in QUIZ_FORMATS],
        metavar="F",
        help="ask every question in one format: " + ", ".join(f.value for f in QUIZ_FORMATS),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    positive(args.count, "--count")
    fmt = Format(args.format) if args.format else None

    def build(collection: Collection, decks: list[Deck]) -> object:
        from quizapp.tui.launch import quiz_screen

        return quiz_screen(
            collection,
            decks,
            kinds=args.kind,
            tags=args.tag,
            count=args.count,
            fmt=fmt,
            seed=args.seed,
        )

    return run_screen(args, build)
