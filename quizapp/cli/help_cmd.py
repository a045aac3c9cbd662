"""`quizapp help [TOPIC]`: the documents that ship with quizapp, printed (the deck format)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from quizapp.cli.common import EXIT_OK, CommandError, UsageError

TOPICS = {"deck-format": ("deck-format.md", "how to write a deck file: fields, types, codes")}

if TYPE_CHECKING:
    from quizapp.cli.common import Commands


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    listed = "; ".join(f"{name}: {what}" for name, (_, what) in TOPICS.items())
    parser = commands.add_parser(
        "help",
        help="read a document that ships with quizapp (quizapp help deck-format)",
        description=f"Print a document that ships with quizapp. Topics: {listed}.",
    )
    parser.add_argument("topic", nargs="?", metavar="TOPIC", help=", ".join(TOPICS))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from quizapp.core.paths import docs_dir

    if args.topic is None:
        print("Topics (quizapp help TOPIC):")
        for name, (_, what) in TOPICS.items():
            print(f"  {name:14} {what}")
        print("Commands: quizapp --help, and quizapp COMMAND --help for each.")
        return EXIT_OK
    if args.topic not in TOPICS:
        raise UsageError(f"no help topic '{args.topic}'; topics: {', '.join(TOPICS)}")
    path = docs_dir() / TOPICS[args.topic][0]
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from None
    print(text, end="")
    return EXIT_OK
