"""An answer of several parts, each part's accepted wordings taken together.

A card whose answer lists things ("greater empathy and deeper cooperation") and whose
alternatives give other wordings of each part ("more empathy and deeper cooperation",
"greater empathy and closer cooperation") accepts each part in any of its wordings: the
author who accepts "more" for greater in one alternative and "closer" for deeper in another
accepts "more empathy and closer cooperation". The parts are read by position, among the
accepted answers of the same number of parts; answers with a figure (dates such as
"3-5 July, 1994") are left alone, and at most `_MOST` wordings are made.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import product

from quizapp.core.grading.comparison import same_text

_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.IGNORECASE)
_MOST = 64


def _parts(answer: str) -> list[str] | None:
    if any(c.isdigit() for c in answer):
        return None
    parts = [p.strip() for p in _SPLIT.split(answer.strip())]
    return parts if len(parts) > 1 and all(parts) else None


def combined_answers(accepted: Sequence[str], wrong: Sequence[str] = ()) -> list[str]:
    """The accepted answers' parts in every combination the answers do not already give,
    each joined as "a, b and c"; never one of the card's wrong options."""
    by_size: dict[int, list[list[str]]] = {}
    for answer in accepted:
        parts = _parts(answer)
        if parts is not None:
            by_size.setdefault(len(parts), []).append(parts)
    known = {a.strip().lower() for a in accepted}
    made: list[str] = []
    for size, answers in sorted(by_size.items()):
        if len(answers) < 2:
            continue
        choices = [list(dict.fromkeys(parts[i] for parts in answers)) for i in range(size)]
        for combination in product(*choices):
            if len({part.lower() for part in combination}) < size:
                continue  # a part twice: alternatives that list the parts in another order
            text = ", ".join(combination[:-1]) + " and " + combination[-1]
            if text.lower() not in known and not any(same_text(text, w) for w in wrong):
                known.add(text.lower())
                made.append(text)
            if len(made) >= _MOST:
                return made
    return made
