"""Where quizapp keeps things: the data folder, the progress file, the decks."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

DATA_DIR_ENV = "QUIZAPP_DATA_DIR"
NO_BUNDLED_ENV = "QUIZAPP_NO_BUNDLED"
_YES = {"1", "true", "yes", "on"}
PROGRESS_FILE = "progress.sqlite3"


def data_dir(override: str | Path | None = None) -> Path:
    """The data folder: `--data-dir`, else $QUIZAPP_DATA_DIR, else the platform's user data dir."""
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return user_data_path("quizapp", appauthor=False)


def progress_path(folder: Path) -> Path:
    return folder / PROGRESS_FILE


def user_decks_dir(folder: Path) -> Path:
    """The student's own decks, loaded beside the bundled ones."""
    return folder / "decks"


def bundled_decks_dir() -> Path:
    """The decks that ship with quizapp: inside the installed package, or the source checkout's."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "bundled_decks"
    return installed if installed.is_dir() else package.parent / "decks"


def docs_dir() -> Path:
    """The documents that ship with quizapp (the deck format): inside the installed package,
    or the source checkout's docs folder."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "docs"
    return installed if installed.is_dir() else package.parent / "docs"


def bundled_decks_shown(no_bundled: bool = False, setting: bool | None = None) -> bool:
    """Whether the decks that ship with quizapp are loaded beside the user's own.

    A class's copy of quizapp hides them: `--no-bundled` on the command line (`no_bundled`),
    else a setting (`setting`: True shows them, False hides them, None when not set; for the
    settings kept in the progress store, which a caller that has the store passes here),
    else $QUIZAPP_NO_BUNDLED set to 1, true, yes or on. By default they are shown.
    """
    if no_bundled:
        return False
    if setting is not None:
        return setting
    return os.environ.get(NO_BUNDLED_ENV, "").strip().lower() not in _YES


def default_deck_paths(folder: Path, show_bundled: bool | None = None) -> list[Path]:
    """The bundled decks (unless hidden: `bundled_decks_shown`) plus the user's decks folder
    when it exists."""
    shown = bundled_decks_shown() if show_bundled is None else show_bundled
    paths = [bundled_decks_dir()] if shown else []
    own = user_decks_dir(folder)
    if own.is_dir():
        paths.append(own)
    return paths
