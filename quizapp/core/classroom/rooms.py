"""Where rounds live and what they are called: a short room code, one file per round in the
data folder's `rounds/` (the base folder's, shared by every profile on the machine)."""

from __future__ import annotations

import random
from pathlib import Path

ROUNDS_FOLDER = "rounds"
# No I or O (read as 1 and 0 from a projector's far side).
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 5


class RoomCodeError(ValueError):
    """A code that names no round here; the message says what to check."""


def rounds_folder(base: Path) -> Path:
    return base / ROUNDS_FOLDER


def new_code(folder: Path, rng: random.Random) -> str:
    """A room code no round in the folder has."""
    while True:
        code = "".join(rng.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))
        if not round_path(folder, code).exists():
            return code


def normal_code(typed: str) -> str:
    """The code as kept (upper case, without spaces).

    Raises:
        RoomCodeError: it cannot be a room code.
    """
    code = "".join(typed.split()).upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_LETTERS for c in code):
        raise RoomCodeError(
            f"'{typed}' is not a room code: a code is {CODE_LENGTH} letters, as the teacher's "
            "screen shows it"
        )
    return code


def round_path(folder: Path, code: str) -> Path:
    return folder / f"{code}.sqlite3"


def results_folder(folder: Path, code: str) -> Path:
    """Where a round's exam CSVs are written, one per student."""
    return folder / f"{code}-results"
