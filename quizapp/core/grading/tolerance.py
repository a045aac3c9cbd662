"""Numbers with a tolerance: a typed number card whose answers within a margin are right.

GIFT's numerical questions (`{#3.14:0.01}`, `{#70..90}`) come in as such cards.
"""

from __future__ import annotations

import re

from quizapp.core.grading.marking import Outcome, Verdict
from quizapp.core.scheduling.rating import Rating

_NUMBER = re.compile(r"^\s*([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+)\s*$")


def read_number(text: str) -> float | None:
    """A plain number as typed ('3.14', '1,500', '-2'), or None."""
    found = _NUMBER.match(text)
    return float(found.group(1).replace(",", "")) if found else None


def grade_within(given: str, answer: str, tolerance: str) -> Verdict | None:
    """Right when `given` is a number within `tolerance` of `answer`; wrong when it is a number
    outside; None when it is not a plain number (then the usual marking applies)."""
    got, right, margin = read_number(given), read_number(answer), read_number(tolerance)
    if got is None or right is None or margin is None:
        return None
    if abs(got - right) <= margin + 1e-9 * max(1.0, abs(right)):
        return Verdict(Outcome.CORRECT, 1.0, Rating.GOOD, "Right.")
    return Verdict(
        Outcome.WRONG,
        0.0,
        Rating.AGAIN,
        f"Wrong: the answer is {answer} (give or take {tolerance}).",
    )
