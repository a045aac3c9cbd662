"""`quizapp backup [--list]` and `quizapp restore [BACKUP]`: copies of the progress file.

quizapp also takes a backup by itself at the first open of each study day, and keeps the last 10.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, data_folder
from quizapp.core.paths import progress_path
from quizapp.core.progress.backup import (
    backup_folder,
    backup_time,
    list_backups,
    restore,
    take_backup,
)
from quizapp.core.progress.database import DamagedStoreError, StoreUnavailableError

if TYPE_CHECKING:
    from quizapp.cli.common import Commands


def add_parser(commands: Commands, common: argparse.ArgumentParser) -> None:
    backup = commands.add_parser(
        "backup",
        parents=[common],
        help="back up your progress now (one is also taken each day, the last 10 kept)",
    )
    backup.add_argument("--list", action="store_true", help="list the backups, newest first")
    backup.set_defaults(run=run_backup)
    restore_parser = commands.add_parser(
        "restore",
        parents=[common],
        help="bring back your progress from a backup (the newest unless one is named)",
        description="Replace your progress with a backup's. The progress it replaces is kept "
        "as a backup first, so a restore can itself be undone. Close quizapp first.",
    )
    restore_parser.add_argument(
        "backup",
        nargs="?",
        metavar="BACKUP",
        help="a backup's file, its name in the list, or its number (1 = newest)",
    )
    restore_parser.set_defaults(run=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    folder = data_folder(args)
    backups = backup_folder(folder)
    if args.list:
        _print_list(list_backups(backups))
        return EXIT_OK
    progress = progress_path(folder)
    if not progress.exists():
        print("quizapp: there is no progress to back up yet", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        made = take_backup(progress, backups)
    except (OSError, sqlite3.Error) as exc:
        print(f"quizapp: the backup failed: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Backed up your progress to {made}")
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    folder = data_folder(args)
    chosen = _choose(args.backup, list_backups(backup_folder(folder)))
    try:
        kept = restore(chosen, progress_path(folder), folder)
    except (DamagedStoreError, StoreUnavailableError) as exc:
        print(f"quizapp: cannot restore from {chosen}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        print(f"quizapp: cannot restore from {chosen}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Restored your progress from {chosen}.")
    if kept is not None:
        print(
            f"The progress it replaced is kept as {kept}; `quizapp restore {kept}` brings it back."
        )
    return EXIT_OK


def _choose(name: str | None, backups: list[Path]) -> Path:
    if name is None:
        if not backups:
            raise UsageError("there are no backups yet (make one with `quizapp backup`)")
        return backups[0]
    if name.isdigit() and 1 <= int(name) <= len(backups):
        return backups[int(name) - 1]
    for backup in backups:
        if name == backup.name:
            return backup
    path = Path(name).expanduser()
    if path.is_file():
        return path
    raise UsageError(f"no backup named '{name}' (see `quizapp backup --list`)")


def _print_list(backups: list[Path]) -> None:
    if not backups:
        print("No backups yet; quizapp takes one each day it is opened, or run `quizapp backup`.")
        return
    for number, backup in enumerate(backups, 1):
        taken = backup_time(backup)
        when = taken.astimezone().strftime("%Y-%m-%d %H:%M") if taken else "?"
        size = backup.stat().st_size / 1e6
        print(f"{number:>3}  {when}  {size:6.1f} MB  {backup}")
    print(f"(shown in local time; it is now {datetime.now(UTC).astimezone():%Y-%m-%d %H:%M})")
