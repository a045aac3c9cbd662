"""Cloze text: a passage with blanks written `{{answer}}` or `{{answer|alternative|...}}`."""

from __future__ import annotations

import re

BLANK = re.compile(r"\{\{(.+?)\}\}")
GAP = "_____"


def cloze_blanks(text: str) -> list[list[str]]:
    """Each blank's accepted answers, the first being the answer to show."""
    return [[part.strip() for part in m.group(1).split("|")] for m in BLANK.finditer(text)]


def cloze_masked(text: str) -> str:
    """The passage with each blank replaced by a numbered gap."""
    counter = iter(range(1, 1000))
    return BLANK.sub(lambda _m: f"[{next(counter)}] {GAP}", text)


def cloze_filled(text: str) -> str:
    """The passage with each blank filled with its answer."""
    return BLANK.sub(lambda m: m.group(1).split("|")[0].strip(), text)
