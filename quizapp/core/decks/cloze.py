"""Cloze text: a passage with blanks written `{{answer}}` or `{{answer|alternative|...}}`.

A blank may end with a hint for the student, `{{Kosygin::a premier}}` (as Anki writes hints):
the gap then shows it, and it is never an accepted answer.
"""

from __future__ import annotations

import re

BLANK = re.compile(r"\{\{(.+?)\}\}")
GAP = "_____"
HINT = "::"


def blank_parts(inner: str) -> tuple[list[str], str]:
    """A blank's accepted answers (the first to show) and its hint ('' for none)."""
    answers, _, hint = inner.partition(HINT)
    return [part.strip() for part in answers.split("|")], hint.strip()


def cloze_blanks(text: str) -> list[list[str]]:
    """Each blank's accepted answers, the first being the answer to show."""
    return [blank_parts(m.group(1))[0] for m in BLANK.finditer(text)]


def cloze_masked(text: str) -> str:
    """The passage with each blank replaced by a numbered gap (and its hint, if any)."""
    counter = iter(range(1, 1000))

    def gap(match: re.Match[str]) -> str:
        hint = blank_parts(match.group(1))[1]
        return f"[{next(counter)}] {GAP}" + (f" ({hint})" if hint else "")

    return BLANK.sub(gap, text)


def cloze_filled(text: str) -> str:
    """The passage with each blank filled with its answer."""
    return BLANK.sub(lambda m: blank_parts(m.group(1))[0][0], text)
