"""`quizapp suspend|unsuspend|bury|unbury CARD...` and `quizapp flag CARD... --color N|--clear`.

CARD is `deck-id/card-id`. Suspended cards are in no session until unsuspended; buried ones
until the next study day. Each change is an event in the progress file's log.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING

from quizapp.cli.common import EXIT_OK, CommandError, open_collection

if TYPE_CHECKING:
    from quizapp.cli.common import Commands

# Command -> (what it does, in the help; its past tense; how a card already so is said)
ACTIONS = {
    "suspend": ("leave cards out of every session until unsuspended", "Suspended", "suspended"),
    "unsuspend": ("bring suspended cards back", "Unsuspended", "not suspended"),
    "bury": ("leave cards out until the next study day", "Buried", "buried"),
    "unbury": ("bring buried cards back today", "Unburied", "not buried"),
}
CARD_HELP = "a card, as DECK-ID/CARD-ID (e.g. ten/c9); several may be given"


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    for name, (meaning, _, _) in ACTIONS.items():
        parser = commands.add_parser(name, parents=[common], help=meaning)
        parser.add_argument("cards", nargs="+", metavar="CARD", help=CARD_HELP)
        parser.set_defaults(run=run, action=name)
    flag = commands.add_parser(
        "flag", parents=[common], help="flag cards with a colour (1-4), or clear their flag"
    )
    flag.add_argument("cards", nargs="+", metavar="CARD", help=CARD_HELP)
    colour = flag.add_mutually_exclusive_group(required=True)
    colour.add_argument(
        "--color",
        type=int,
        choices=range(1, 5),
        metavar="1-4",
        help="1 red, 2 orange, 3 green, 4 blue",
    )
    colour.add_argument("--clear", action="store_true", help="take the flag off")
    flag.set_defaults(run=run, action="flag")


def run(args: argparse.Namespace) -> int:
    from quizapp.core.progress.marks import FLAG_COLOURS, MarkKind
    from quizapp.core.sessions.set_aside import mark_cards

    collection = open_collection(args)
    try:
        try:
            found = collection.find_cards(args.cards)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        keys = [(deck.id, card.id) for deck, card in found]
        kind = MarkKind(args.action)
        colour = 0 if args.action != "flag" or args.clear else int(args.color)
        now = collection.clock()
        changed = mark_cards(collection.store, collection.scheduler, keys, kind, now, colour)
        after = {key: collection.store.card_marks(*key) for key in changed}
    finally:
        collection.close()
    names = [f"{deck_id}/{card_id}" for deck_id, card_id in dict.fromkeys(keys)]
    done = [f"{d}/{c}" for d, c in changed]
    same = [name for name in names if name not in done]
    if args.action == "flag":
        verb = f"Flagged {FLAG_COLOURS.get(colour, '')} ({colour})" if colour else "Unflagged"
        print(f"{verb}: {', '.join(done)}." if done else "No flag changed.")
        if same:
            print(f"Already so: {', '.join(same)}.")
        return EXIT_OK
    _, past, already = ACTIONS[args.action]
    if done:
        print(f"{past}: {', '.join(done)}.")
        if kind is MarkKind.BURY:
            back = next(iter(after.values())).buried_until
            print(f"Back on the next study day: {_local(back)}.")
    if same:
        print(f"Already {already}: {', '.join(same)}.")
    return EXIT_OK


def _local(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone().strftime("%Y-%m-%d at %H:%M")
