"""`quizapp list [--json]`: the decks with their card, new and due counts, and what today
offers (new cards within the day's limit, cards in learning, reviews due within the limit);
the JSON also counts the cards suspended, buried, flagged and marked as leeches."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from quizapp.cli.common import EXIT_OK, open_collection

if TYPE_CHECKING:
    from quizapp.cli.common import Commands


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("list", parents=[common], help="list decks with their counts")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    collection = open_collection(args)
    try:
        now = collection.clock()
        rows: list[dict[str, Any]] = []
        for deck, counts in zip(
            collection.decks, collection.all_counts(collection.decks, now), strict=True
        ):
            marked = collection.store.mark_counts(deck.id, now)
            rows.append(
                {
                    "id": deck.id,
                    "title": deck.title,
                    "path": str(deck.path),
                    "cards": counts.cards,
                    "new": counts.new,  # never studied (suspended or buried ones left out)
                    "due": counts.due,
                    "new_today": counts.new_today,
                    "learning": counts.learning,
                    "review_due": counts.review_due,
                    "suspended": marked.suspended,
                    "buried": marked.buried,
                    "flagged": marked.flagged,
                    "leeches": marked.leeches,
                }
            )
        failed = collection.failed
    finally:
        collection.close()
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        print(f"{'deck':34} {'cards':>6} {'new':>6} {'due':>6}   today: new learn review")
        for row in rows:
            print(
                f"{row['id'][:34]:34} {row['cards']:>6} {row['new']:>6} {row['due']:>6}"
                f"          {row['new_today']:>3} {row['learning']:>5} {row['review_due']:>6}"
            )
    for result in failed:
        print(f"quizapp: deck not loaded: {result.path}", file=sys.stderr)
        for problem in result.errors[:5]:
            print(f"  {problem}", file=sys.stderr)
    return EXIT_OK
