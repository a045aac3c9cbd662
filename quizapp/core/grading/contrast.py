"""An answer set against another thing, which the student denies: "India, not Pakistan".

The negation there touches the other thing, not the answer: the answer is marked as given when
it is right on its own and what is denied is not itself right or near (the marker judges both
parts as whole answers to the card).
"""

from __future__ import annotations

import re

_CONTRAST = re.compile(
    r"(?i)^(?P<said>.*?\w.*?)\s*(?:,|;|:|\s-)\s*(?:but\s+|and\s+)?not\s+(?P<denied>.*\w.*)$"
)


def read_contrast(given: str) -> tuple[str, str] | None:
    """What the student says and what they deny, or None when the text is no contrast."""
    found = _CONTRAST.match(given.strip())
    return None if found is None else (found["said"], found["denied"])
