"""Editing a card where it is written: the student's editor, opened at the card's line.

Which editor: $VISUAL, else $EDITOR, else the platform's (`editor`, `nano` or `vi` on POSIX,
`notepad` on Windows). How to name a line differs between editors; those not known here are
opened on the file alone.
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

from quizapp.core.authoring.writer import write_atomic
from quizapp.core.decks.model import Deck
from quizapp.core.paths import user_decks_dir

POSIX_FALLBACKS = ("editor", "nano", "vi")
WINDOWS_FALLBACKS = ("notepad",)
# Editors that take `+LINE FILE` (vi and its kin, nano, emacs and most terminal editors).
PLUS_LINE = frozenset(
    "vi vim nvim gvim mvim view vim.basic vim.tiny nvi elvis nano rnano pico emacs emacsclient"
    " mg jed joe jmacs jpico jstar kak micro ne mcedit vis gedit pluma xed".split()
)
COLON_LINE = frozenset("hx helix subl sublime_text zed".split())  # FILE:LINE
GOTO = frozenset("code code-insiders codium vscodium cursor".split())  # --goto FILE:LINE
LINE_OPTION = frozenset("kate idea pycharm charm".split())  # --line LINE FILE


def editor_command(
    path: Path,
    line: int,
    env: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
    windows: bool = os.name == "nt",
) -> list[str] | None:
    """The command that opens `path` at `line` in the student's editor; None if none is found.

    $VISUAL and $EDITOR may hold options (`code -w`, `emacs -nw`), split as a shell would.
    """
    env = os.environ if env is None else env
    words: list[str] = []
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            words = _split(value, windows)
            break
    if not words:
        fallbacks = WINDOWS_FALLBACKS if windows else POSIX_FALLBACKS
        found = next((which(name) for name in fallbacks if which(name)), None)
        if found is None:
            return None
        words = [found]
    return [*words, *at_line(words[0], path, line)]


def at_line(program: str, path: Path, line: int) -> list[str]:
    """The arguments that open `path` at `line` in this editor (the file alone if unknown)."""
    name = Path(program.replace("\\", "/")).name.lower().removesuffix(".exe")
    file = str(path)
    if line < 1:
        return [file]
    if name in PLUS_LINE:
        return [f"+{line}", file]
    if name in COLON_LINE:
        return [f"{file}:{line}"]
    if name in GOTO:
        return ["--goto", f"{file}:{line}"]
    if name in LINE_OPTION:
        return ["--line", str(line), file]
    if name == "notepad++":
        return [f"-n{line}", file]
    return [file]


def _split(value: str, windows: bool) -> list[str]:
    if not windows:
        return shlex.split(value)
    # Windows paths hold backslashes that POSIX quoting would eat; quotes are only grouping.
    return [word.strip('"') for word in shlex.split(value, posix=False)]


def is_installed(path: Path, bundled: Path) -> bool:
    """Whether a deck file is one installed with quizapp (never edited in place)."""
    return Path(os.path.realpath(path)).is_relative_to(Path(os.path.realpath(bundled)))


def own_copy(deck: Deck, data_dir: Path) -> Path:
    """Copy an installed deck into the student's decks folder, to be edited there.

    A deck of the student's with the id of an installed one replaces it, progress and all.
    The copy keeps the file's name, unless a file of that name is already there.

    Raises:
        OSError: the copy cannot be written.
    """
    folder = user_decks_dir(data_dir)
    target = folder / deck.path.name
    number = 2
    while target.exists():
        target = folder / f"{deck.path.stem}-{number}{deck.path.suffix}"
        number += 1
    write_atomic(target, deck.path.read_bytes())
    return target


def renamed_to(old: Deck, new: Deck, card_id: str, line: int) -> str | None:
    """The id a card has after an edit that changed it: the card of the new version that
    claims it (`was:`), else the one nearest its old line among the ids new to the deck."""
    for card in new.cards:
        if card_id in card.was:
            return card.id
    before = {card.id for card in old.cards}
    fresh = [c for c in new.cards if c.id not in before and not c.reverse_of]
    if not fresh:
        return None
    return min(fresh, key=lambda card: abs(card.line - line)).id
