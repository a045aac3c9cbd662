"""Where quizapp keeps things: the data folder, the progress file, the decks."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

DATA_DIR_ENV = "QUIZAPP_DATA_DIR"
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


def default_deck_paths(folder: Path) -> list[Path]:
    """The bundled decks plus the user's decks folder when it exists."""
    paths = [bundled_decks_dir()]
    own = user_decks_dir(folder)
    if own.is_dir():
        paths.append(own)
    return paths
