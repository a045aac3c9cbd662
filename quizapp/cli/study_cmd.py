"""`quizapp` and `quizapp study [DECK...]`: open the app, on home or in a study session."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from quizapp.cli.common import UsageError, open_collection, pause_collector_for_start_up

if TYPE_CHECKING:
    from quizapp.cli.common import Commands


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("study", parents=[common], help="study due and new cards")
    parser.add_argument("deck", nargs="*", help="deck ids (default: all decks)")
    parser.set_defaults(run=run)


def run_home(args: argparse.Namespace) -> int:
    return launch(args, study=False)


def run(args: argparse.Namespace) -> int:
    return launch(args, study=True)


def launch(args: argparse.Namespace, study: bool) -> int:
    pause_collector_for_start_up()
    # Home reads uncached decks behind a progress bar; a session needs its decks first.
    collection = open_collection(args, parse_later=not study)
    try:
        chosen = collection.select(getattr(args, "deck", []) if study else [])
    except LookupError as exc:
        collection.close()
        raise UsageError(str(exc)) from exc
    from quizapp.tui.app import make_app  # imported late: `check` and `list` never load Textual

    app = make_app(collection, study=chosen if study else None)
    try:
        app.run()
        from quizapp.cli.sync_cmd import after_app as sync_after_app  # with sync-folder set

        sync_after_app(collection)
    finally:
        collection.close()
    return int(app.return_code or 0)
