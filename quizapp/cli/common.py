"""What every command shares: exit codes, the common options, opening the collection."""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # argparse has no public name for what add_subparsers returns.
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

if TYPE_CHECKING:  # loaded by open_collection: `quizapp --help` needs none of the core
    from quizapp.core.collection import Collection

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how quizapp was called: reported in one line, exit status 2."""


class CommandError(Exception):
    """A command that could not do its work (not the caller's mistake): one line, exit 1."""


def common_options() -> argparse.ArgumentParser:
    """--decks, --no-bundled, --data-dir and --profile, accepted before or after the command."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS lets an option given before the command survive the sub-parser's defaults.
    common.add_argument(
        "--decks",
        action="append",
        type=Path,
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="deck file or folder to use instead of the default decks (repeatable)",
    )
    common.add_argument(
        "--no-bundled",
        action="store_true",
        default=argparse.SUPPRESS,
        help="hide the decks that ship with quizapp: only your own (also $QUIZAPP_NO_BUNDLED=1)",
    )
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder for progress and your own decks (default: $QUIZAPP_DATA_DIR "
        "or the platform's user data folder)",
    )
    common.add_argument(
        "--profile",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="whose progress, settings and exams: a profile kept in the data folder's "
        "profiles/NAME (default: $QUIZAPP_PROFILE, else the data folder's own)",
    )
    return common


def profile_of(args: argparse.Namespace) -> str | None:
    """The profile the options name (`--profile`, else $QUIZAPP_PROFILE), None for the default.

    Raises:
        UsageError: the name cannot be a profile's (why, in words).
    """
    from quizapp.core.paths import ProfileNameError, chosen_profile

    try:
        return chosen_profile(getattr(args, "profile", None))
    except ProfileNameError as exc:
        raise UsageError(str(exc)) from exc


def profile_named(args: argparse.Namespace) -> str | None:
    """The profile's name for the app to show, as kept (its folder's); None for the default
    profile."""
    from quizapp.core.paths import is_default_profile

    return None if is_default_profile(profile_of(args)) else data_folder(args).name


def data_folder(args: argparse.Namespace) -> Path:
    """The data folder the options name: `--data-dir` (or its default) and the profile's."""
    from quizapp.core.paths import data_dir

    return data_dir(getattr(args, "data_dir", None), profile_of(args))


def pause_collector_for_start_up() -> None:
    """Pause Python's garbage collector until the app has drawn its first frame.

    Start-up creates a great many objects that live as long as the app (modules, widgets,
    styles) and frees few: collecting during it only walks them again and again, a quarter
    of the time to the first frame (bench/run.py). The app resumes the collector after its
    first frame (QuizApp.on_mount); `main` resumes it if the app never starts.
    """
    gc.disable()


def open_collection(args: argparse.Namespace, *, parse_later: bool = False) -> Collection:
    """Load the decks and the progress store named by the common options.

    With `parse_later`, deck files not in the cache are left for the app to read behind a
    progress bar; otherwise a slow read shows its progress on stderr.
    """
    from quizapp.core.collection import Collection
    from quizapp.core.progress.database import StoreUnavailableError

    decks = getattr(args, "decks", None)
    for path in decks or []:
        if not path.exists():
            raise UsageError(f"no such deck file or folder: {path}")
    folder = data_folder(args)
    try:
        collection = Collection.open(
            decks,
            folder,
            parse_later=parse_later,
            progress=_progress(),
            # --no-bundled hides them; else the setting, else $QUIZAPP_NO_BUNDLED decides.
            show_bundled=False if getattr(args, "no_bundled", False) else None,
            upgrading=_upgrading(),
        )
    except StoreUnavailableError as exc:
        raise CommandError(str(exc)) from exc
    except OSError as exc:
        where = exc.filename or getattr(args, "data_dir", None) or "the data folder"
        in_the_way = isinstance(exc, FileExistsError | NotADirectoryError)
        reason = "a file is where a folder should be" if in_the_way else exc.strerror or exc
        raise UsageError(f"cannot use {where}: {reason}") from exc
    for notice in [*collection.notices, *collection.deck_notices(), *collection.carried]:
        print(f"quizapp: {notice}", file=sys.stderr)
    return collection


def _progress() -> Callable[[int, int], None]:
    """Reports deck reading on a terminal's stderr, once it has taken a moment."""
    started = time.monotonic()

    def report(done: int, total: int) -> None:
        if sys.stderr.isatty() and time.monotonic() - started > 0.5:
            end = "\n" if done == total else ""
            print(f"\rquizapp: reading deck files: {done} of {total}", end=end, file=sys.stderr)

    return report


def _upgrading() -> Callable[[int, int], None]:
    """Says on stderr that the progress file is being upgraded, and how far it has come (the
    count on a terminal; the first and last lines anywhere)."""

    def report(done: int, total: int) -> None:
        if done == 0:
            print(
                f"quizapp: upgrading your progress file for this version: {total:,} reviews",
                file=sys.stderr,
                flush=True,
            )
        elif done == total:
            end = "\r" if sys.stderr.isatty() else ""
            print(
                f"{end}quizapp: progress file upgraded: {done:,} of {total:,} reviews",
                file=sys.stderr,
            )
        elif sys.stderr.isatty():
            print(
                f"\rquizapp: upgrading: {done:,} of {total:,} reviews",
                end="",
                file=sys.stderr,
                flush=True,
            )

    return report
