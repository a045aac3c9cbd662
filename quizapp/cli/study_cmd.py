"""`quizapp` and `quizapp study [DECK...] [--tag T] [--kind K] [--flagged [COLOR]]
[--due-within DAYS]`: open the app, on home or in a (filtered) study session."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from quizapp.cli.common import (
    UsageError,
    open_collection,
    pause_collector_for_start_up,
    profile_named,
)

if TYPE_CHECKING:
    from quizapp.cli.common import Commands
    from quizapp.core.sessions.queue import StudyFilter


# The card kinds (decks.model.Kind), named here: home's start-up loads no more than it needs.
KINDS = ("date", "actor", "cause", "event", "number", "concept")
COLOURS = {"red": 1, "orange": 2, "green": 3, "blue": 4}


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "study",
        parents=[common],
        help="study due and new cards",
        description="Study due cards, then new ones. With --tag, --kind, --flagged or"
        " --due-within, only those cards (filtered study), scheduled as usual.",
    )
    parser.add_argument("deck", nargs="*", help="deck ids (default: all decks)")
    parser.add_argument(
        "--tag", action="append", default=[], metavar="T", help="only cards with this tag"
    )
    parser.add_argument(
        "--kind",
        action="append",
        default=[],
        choices=KINDS,
        metavar="K",
        help=f"only cards of this kind ({', '.join(KINDS)})",
    )
    parser.add_argument(
        "--flagged",
        nargs="?",
        const="any",
        metavar="COLOR",
        help="only flagged cards; of one colour if named (1-4 or red, orange, green, blue)",
    )
    parser.add_argument(
        "--due-within",
        type=int,
        metavar="DAYS",
        help="only cards due by the end of the study day DAYS days ahead (0: today),"
        " reviewed now; no new cards",
    )
    parser.set_defaults(run=run)


def study_filter(args: argparse.Namespace) -> StudyFilter | None:
    """Filtered study's choices from the options, or None when none is made.

    Raises:
        UsageError: a colour or a number of days it cannot take.
    """
    flagged, ahead = getattr(args, "flagged", None), getattr(args, "due_within", None)
    tags, kinds = getattr(args, "tag", []), getattr(args, "kind", [])
    if not (tags or kinds or flagged is not None or ahead is not None):
        return None
    flag = None
    if flagged is not None:
        flag = 0 if flagged == "any" else COLOURS.get(flagged.lower())
        if flag is None and flagged in ("1", "2", "3", "4"):
            flag = int(flagged)
        if flag is None:
            raise UsageError(f"--flagged takes 1-4 or red, orange, green, blue, not {flagged!r}")
    if ahead is not None and ahead < 0:
        raise UsageError(f"--due-within takes a number of days from 0, not {ahead}")
    from quizapp.core.sessions.queue import StudyFilter  # loaded when used: home needs none

    return StudyFilter(tuple(tags), tuple(kinds), flag, ahead)


def run_home(args: argparse.Namespace) -> int:
    return launch(args, study=False)


def run(args: argparse.Namespace) -> int:
    return launch(args, study=True)


def launch(args: argparse.Namespace, study: bool) -> int:
    pause_collector_for_start_up()
    only = study_filter(args) if study else None
    # Home reads uncached decks behind a progress bar; a session needs its decks first.
    collection = open_collection(args, parse_later=not study)
    try:
        chosen = collection.select(getattr(args, "deck", []) if study else [])
    except LookupError as exc:
        collection.close()
        raise UsageError(str(exc)) from exc
    from quizapp.tui.app import make_app  # imported late: `check` and `list` never load Textual

    app = make_app(
        collection, study=chosen if study else None, only=only, profile=profile_named(args)
    )
    try:
        app.run()
        from quizapp.cli.sync_cmd import after_app as sync_after_app  # with sync-folder set

        sync_after_app(collection)
    finally:
        collection.close()
    return int(app.return_code or 0)
