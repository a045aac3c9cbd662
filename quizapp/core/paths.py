"""Where quizapp keeps things: the data folder, the progress file, the decks, the profiles.

A profile is one student's data folder: progress, settings, exams, own decks. The default
profile is the data folder itself (what the terminal app has always used); any other lives in
`profiles/NAME/` under it, so that students sharing one machine (`quizapp serve`) each keep
their own progress.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from platformdirs import user_data_path

DATA_DIR_ENV = "QUIZAPP_DATA_DIR"
NO_BUNDLED_ENV = "QUIZAPP_NO_BUNDLED"
_YES = {"1", "true", "yes", "on"}
PROFILE_ENV = "QUIZAPP_PROFILE"
PROGRESS_FILE = "progress.sqlite3"
DEFAULT_PROFILE = "default"
PROFILES_FOLDER = "profiles"
MAX_PROFILE_NAME = 32
_NAME_MARKS = " -_"  # besides letters and digits
# Names Windows keeps for devices: a folder cannot have them there.
_DEVICE_NAMES = {"con", "prn", "aux", "nul"} | {
    f"{d}{n}" for d in ("com", "lpt") for n in range(10)
}


class ProfileNameError(ValueError):
    """A profile name that cannot be used; the message says why, in words."""


def data_dir(override: str | Path | None = None, profile: str | None = None) -> Path:
    """The data folder of a profile (the default one when None; see `profile_dir`) under the
    base folder: `--data-dir`, else $QUIZAPP_DATA_DIR, else the platform's user data dir.

    Raises:
        ProfileNameError: `profile` is not a valid name.
    """
    if override:
        base = Path(override).expanduser()
    elif from_env := os.environ.get(DATA_DIR_ENV):
        base = Path(from_env).expanduser()
    else:
        base = user_data_path("quizapp", appauthor=False)
    return base if profile is None else profile_dir(base, profile)


def profile_name(name: str) -> str:
    """The name as kept (trimmed, in Unicode's composed form), checked.

    A name is 1 to 32 letters (of any script), digits, spaces, '-' or '_', beginning and ending
    with a letter or digit: it becomes a folder name on every system.

    Raises:
        ProfileNameError: saying what is wrong with it.
    """
    name = unicodedata.normalize("NFC", name.strip())
    if not name:
        raise ProfileNameError("A profile needs a name.")
    if len(name) > MAX_PROFILE_NAME:
        raise ProfileNameError(
            f"A profile name has at most {MAX_PROFILE_NAME} characters ('{name}' has {len(name)})."
        )
    odd = sorted({c for c in name if not (c.isalnum() or c in _NAME_MARKS)})
    if odd:
        shown = " ".join(repr(c) for c in odd)
        raise ProfileNameError(
            f"A profile name holds letters, digits, spaces, '-' and '_' only"
            f" ('{name}' has {shown})."
        )
    if not (name[0].isalnum() and name[-1].isalnum()):
        raise ProfileNameError(
            f"A profile name begins and ends with a letter or digit ('{name}' does not)."
        )
    if name.casefold() in _DEVICE_NAMES:
        raise ProfileNameError(f"'{name}' is a name some systems keep for devices: choose another.")
    return name


def chosen_profile(given: str | None = None) -> str | None:
    """The profile asked for: `given` (`--profile`), else $QUIZAPP_PROFILE, else None (the
    default profile). Checked as `profile_name` checks it."""
    name = given if given is not None else os.environ.get(PROFILE_ENV) or None
    return None if name is None else profile_name(name)


def is_default_profile(name: str | None) -> bool:
    return name is None or profile_name(name).casefold() == DEFAULT_PROFILE


def profile_dir(base: Path, name: str | None) -> Path:
    """The data folder of profile `name` under the base data folder: the base itself for the
    default profile, else `profiles/NAME`. Names differing only in case are one profile (as
    they are one folder on Windows and macOS): an existing folder keeps its spelling."""
    if is_default_profile(name):
        return base
    assert name is not None
    name = profile_name(name)
    same = [n for n in profile_names(base) if n.casefold() == name.casefold()]
    return base / PROFILES_FOLDER / (same[0] if same else name)


def profile_names(base: Path) -> list[str]:
    """The profiles kept under the base data folder (the default one aside), by name."""
    try:
        entries = list((base / PROFILES_FOLDER).iterdir())
    except OSError:  # none yet, or not readable: no profile to offer
        return []
    names = []
    for entry in entries:
        try:
            valid = entry.is_dir() and profile_name(entry.name) == entry.name
        except ProfileNameError:
            valid = False
        if valid:
            names.append(entry.name)
    return sorted(names, key=str.casefold)


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
