"""The four grades a review can get, as FSRS numbers them."""

from __future__ import annotations

from enum import IntEnum


class Rating(IntEnum):
    """The grade given to a review."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4
