"""`quizapp sync [FOLDER] [--json]`: trade progress with your other machines through a folder
that another tool keeps in step (Syncthing, Dropbox, a git repository, a USB stick).

FOLDER defaults to the sync-folder setting. The app syncs by itself when it starts and when
it quits once that setting is made (`after_app` here does the quitting half).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.cli.common import EXIT_OK, CommandError, open_collection
from quizapp.core.progress.database import StoreUnavailableError
from quizapp.core.progress.sync import SYNC_FOLDER
from quizapp.core.progress.sync.merge import SyncError, sync_with
from quizapp.core.progress.sync.report import SyncReport

if TYPE_CHECKING:
    from quizapp.cli.common import Commands
    from quizapp.core.collection import Collection

NO_FOLDER = (
    "no folder to sync with: name one (`quizapp sync FOLDER`) or set the sync-folder setting "
    "(`quizapp config sync-folder FOLDER`)"
)


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "sync",
        parents=[common],
        help="trade progress with your other machines through a shared folder",
        description="Write this machine's new reviews, undos, settings and card marks to its "
        "own file in FOLDER, and merge the other machines' files (each event once, however "
        "often you sync). FOLDER is any folder kept in step by another tool: Syncthing, "
        "Dropbox, a git repository, a USB stick.",
    )
    parser.add_argument(
        "folder", nargs="?", metavar="FOLDER", help="the shared folder (default: sync-folder)"
    )
    parser.add_argument("--json", action="store_true", help="print what happened as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    collection = open_collection(args)
    try:
        folder = args.folder or collection.store.preference(SYNC_FOLDER)
        if not folder:
            raise CommandError(NO_FOLDER)
        try:
            report = sync_with(collection.store, collection.schedulers_over_time(), Path(folder))
        except SyncError as exc:
            raise CommandError(str(exc)) from exc
    finally:
        collection.close()
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(text(report)))
    return EXIT_OK


def text(report: SyncReport) -> list[str]:
    return [f"Synced with {report.folder} as {report.machine}.", *report.lines()]


def after_app(collection: Collection) -> None:
    """Sync once the app has closed, when a sync folder is set; say so in a line or two.

    A sync that fails is reported and changes nothing: the next one (at the next start, or
    `quizapp sync`) does it all.
    """
    folder = collection.store.preference(SYNC_FOLDER)
    if not folder:
        return
    try:
        report = sync_with(collection.store, collection.schedulers_over_time(), Path(folder))
    except (SyncError, StoreUnavailableError) as exc:
        print(f"quizapp: could not sync: {exc}", file=sys.stderr)
        return
    print(" ".join(text(report)))
