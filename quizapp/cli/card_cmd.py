"""`quizapp card DECK-ID/CARD-ID [--json]`: a card's state, memory, marks and every review."""

from __future__ import annotations

import argparse
import json
from difflib import get_close_matches
from typing import TYPE_CHECKING

from quizapp.cli.common import EXIT_OK, CommandError, UsageError, open_collection

if TYPE_CHECKING:
    from datetime import datetime

    from quizapp.cli.common import Commands
    from quizapp.core.collection import Collection
    from quizapp.core.decks.model import Card, Deck
    from quizapp.core.insight.card_history import CardHistory


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "card",
        parents=[common],
        help="show a card's state and every review",
        description="Show a card: its deck file and line, state (new, learning, review, "
        "relearning, suspended or buried), due date, memory (stability, difficulty, recall "
        "now), lapses, flag, every review with the wait that followed, and its events.",
    )
    parser.add_argument("card", metavar="CARD", help="the card, as deck-id/card-id (e.g. ten/c0)")
    parser.add_argument("--json", action="store_true", help="print JSON, with a history list")
    parser.set_defaults(run=run)


def split_card(text: str) -> tuple[str, str]:
    """(deck id, card id) from 'deck-id/card-id'.

    Raises:
        UsageError: it is not written that way.
    """
    deck_id, slash, card_id = text.partition("/")
    if not (slash and deck_id and card_id):
        raise UsageError(f"a card is written deck-id/card-id, e.g. ten/c0 (got '{text}')")
    return deck_id, card_id


def find_card(collection: Collection, text: str) -> tuple[Deck, Card]:
    """The deck and card named 'deck-id/card-id'.

    Raises:
        UsageError: the name is not written deck-id/card-id.
        CommandError: no loaded deck or card has that id (the message names close ones).
    """
    deck_id, card_id = split_card(text)
    decks = {deck.id: deck for deck in collection.decks}
    deck = decks.get(deck_id)
    if deck is None:
        raise CommandError(f"no deck '{deck_id}'{_did_you_mean(deck_id, list(decks), 'decks')}")
    card = deck.card(card_id)
    if card is None:
        ids = [c.id for c in deck.cards]
        raise CommandError(f"deck '{deck_id}' has no card '{card_id}'{_did_you_mean(card_id, ids)}")
    return deck, card


def _did_you_mean(name: str, known: list[str], what: str = "") -> str:
    close = get_close_matches(name, known, n=3, cutoff=0.6)
    if close:
        return f"; did you mean {' or '.join(repr(c) for c in close)}?"
    if what:
        return f" ({what}: {', '.join(known) or 'none'})"
    return ""


def run(args: argparse.Namespace) -> int:
    from quizapp.core.insight.card_history import card_history, card_json

    split_card(args.card)  # a malformed name fails before any deck is read
    collection = open_collection(args)
    try:
        deck, card = find_card(collection, args.card)
        now = collection.clock()
        history = card_history(collection.store, collection.scheduler, deck.id, card.id, now)
    finally:
        collection.close()
    if args.json:
        print(json.dumps(card_json(deck, card, history, now), indent=2, ensure_ascii=False))
    else:
        print("\n".join(card_text(deck, card, history, now)))
    return EXIT_OK


def card_text(deck: Deck, card: Card, history: CardHistory, now: datetime) -> list[str]:
    """The card, its state and its reviews as a table, in lines."""
    from quizapp.core.insight.card_history import event_lines, review_rows, summary_lines

    lines = [
        f"{deck.id}/{card.id} · {card.type} card · {card.kind} · {history.status(now)}",
        f"File: {deck.path}, line {card.line}",
        f"Question: {' '.join(card.prompt.split())}",
    ]
    if card.answer:
        lines.append(f"Answer: {card.answer}")
    lines += summary_lines(history, now)
    rows = review_rows(history)
    if rows:
        header = ("when", "mode", "rating", "answer given", "next wait")
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        widths[3] = min(widths[3], 30)
        lines.append("Reviews:")
        for row in [header, *rows]:
            cells = [value[:30] if i == 3 else value for i, value in enumerate(row)]
            lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))
    events = event_lines(history)
    if events:
        lines.append("Events:")
        lines += [f"  {line}" for line in events]
    return [line.rstrip() for line in lines]
