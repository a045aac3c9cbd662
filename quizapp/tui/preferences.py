"""The look and keys of the app, kept between runs in a small JSON file in the data folder.

    {"theme": "nord", "keys": {"study.good": "3,g", "home.quiz": "ctrl+q"}}

`theme` is the last theme chosen (the palette's "Theme" command saves it); `keys` maps a
key binding's id (the help screen, `?`, names them) to the keys that replace its own, several
separated by commas, as Textual's keymaps do. The student edits `keys` by hand; the app only
writes the theme back, keeping everything else the file holds.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FILE_NAME = "interface.json"


@dataclass
class Preferences:
    """What the file says; `problem` says in words why it could not be read (defaults used)."""

    path: Path
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    problem: str | None = None
    _raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, folder: Path) -> Preferences:
        """The preferences kept in `folder`; none yet is no problem."""
        path = folder / FILE_NAME
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError) as exc:  # ValueError: not JSON, or not UTF-8
            return cls(path, problem=f"{path} could not be read ({exc}); the defaults are used")
        if problem := _problem(raw):
            return cls(path, problem=f"{path}: {problem}; the defaults are used")
        return cls(path, raw.get("theme"), dict(raw.get("keys", {})), _raw=raw)

    def save_theme(self, theme: str) -> None:
        """Keep the theme chosen; the rest of the file stays as it was.

        Raises:
            OSError: the file could not be written (nothing of it changed).
        """
        if theme == self.theme or self.problem is not None:
            return  # unchanged, or a file the student must mend is not overwritten
        raw = {**self._raw, "theme": theme}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        part = self.path.with_name(f".{self.path.name}.part")
        part.write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(part, self.path)  # all of it or none: never a half-written file
        self.theme, self._raw = theme, raw


def _problem(raw: object) -> str | None:
    """What is wrong with the file's content, in words, or None."""
    if not isinstance(raw, dict):
        return "it must hold an object with 'theme' and 'keys'"
    if not isinstance(raw.get("theme", ""), str):
        return "'theme' must be the name of a theme"
    keys = raw.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(v, str) and v.strip() for v in keys.values()
    ):
        return '\'keys\' must map binding ids to keys, as in {"study.good": "3,g"}'
    return None
