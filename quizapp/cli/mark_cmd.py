"""`quizapp mark CARD ANSWER... [--json]`: how the marker marks answers to a card."""

from __future__ import annotations

import argparse
import json

from quizapp.cli.common import EXIT_OK, CommandError, UsageError, data_folder

EPILOG = """\
CARD is deck-id/card-id, or a card id only one deck uses. Each ANSWER is marked as a
student's typed answer to the card: a cloze card's blanks separated by " | ", a
chronology's events as letters in the deck's order (a is the first event listed),
true or false as t or f.

example:
  quizapp mark hurdles/aircraft-carrier-name "Adm. Gorshkov" "Kuznetsov" "Gorshkov?"
"""


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    parser = commands.add_parser(
        "mark",
        parents=[common],
        help="mark answers to a card, to try the marker",
        description="Mark answers to a card as quizapp would mark a student's typed answers.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("card", metavar="CARD", help="deck-id/card-id, or a unique card id")
    parser.add_argument("answers", nargs="+", metavar="ANSWER", help="answers to mark")
    parser.add_argument("--json", action="store_true", help="print a JSON list, one per answer")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from quizapp.core.grading.responses import LETTERS
    from quizapp.core.paths import bundled_decks_shown
    from quizapp.core.questions.card_marking import (
        CardNotFoundError,
        decks_for_marking,
        find_card,
        mark_answers,
        marking_question,
    )

    for path in getattr(args, "decks", None) or []:
        if not path.exists():
            raise UsageError(f"no such deck file or folder: {path}")
    shown = bundled_decks_shown(getattr(args, "no_bundled", False))
    folder = str(data_folder(args))
    decks = decks_for_marking(getattr(args, "decks", None), folder, shown)
    try:
        entry = find_card(decks, args.card)
    except CardNotFoundError as exc:
        raise CommandError(str(exc)) from exc
    verdicts = mark_answers(entry, args.answers)
    rows = [
        {
            "answer": answer,
            "outcome": str(verdict.outcome),
            "score": verdict.score,
            "reason": verdict.reason,
            "rating": verdict.proposed_rating.name.lower(),
        }
        for answer, verdict in zip(args.answers, verdicts, strict=True)
    ]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    question = marking_question(entry)
    print(f"{entry.deck.id}/{entry.card.id}: {question.prompt.strip()}")
    for letter, option in zip(LETTERS, question.options, strict=False):
        print(f"  {letter}) {option}")
    print(f"answer: {question.answer}")
    width = max(len(row["answer"]) for row in rows)
    for row in rows:
        print(f"  {row['outcome']:<7} {row['score']:<4g} {row['answer']:<{width}}  {row['reason']}")
    return EXIT_OK
