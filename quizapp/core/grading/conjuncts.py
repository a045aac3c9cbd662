"""The answer said twice, joined by "and": "The Soviets ignored it and gave no reply".

"And" adds an item, and an added item is another candidate (`added_words`). But when each
side of the one "and" is a right answer on its own, the student has said the answer twice in
other words, as a teacher reads it, and named nothing else. A side that is no right answer
alone ("Karachi and Lahore", "ignored it and sent arms") leaves the whole to the other rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_AND = re.compile(r"(?i)\s+and\s+")


def said_twice(text: str, right: Callable[[str], bool]) -> bool:
    """Whether the text is two right answers joined by a single "and"."""
    sides = _AND.split(text.strip().rstrip("."))
    if len(sides) != 2 or not all(side.strip() for side in sides):
        return False
    return all(right(side.strip()) for side in sides)
