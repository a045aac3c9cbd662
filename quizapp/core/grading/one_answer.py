"""A wrong option set beside the answer as a part of its own: "Prime Minister - Governor
General", "1994, 1999", "British policy (Indian policy)".

A teacher reads two candidates set side by side as a second answer, whichever comes first: the
student has not chosen. So when a part of the text set off by a comma, semicolon, dash, slash
or brackets is one of the card's wrong options (by the rules that make answers right), the
answer is wrong, before any rule reads the rest; unless that part is also a part of an accepted
answer (a card whose wrong option is half of its answer). "India, not Pakistan" denies the
option; its part "not Pakistan" is no option.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from quizapp.core.grading.text import normalize, plain_words

_PARTS = re.compile(r",(?!\d{3}\b)|;|\s[-–—]+\s|[()\[\]/]")


def offers_an_option(text: str, accepted: Sequence[str], is_option: Callable[[str], bool]) -> bool:
    """Whether a part of the text set off from the rest is a wrong option (see the notes)."""
    parts = [part.strip() for part in _PARTS.split(text) if plain_words(part)]
    if len(parts) < 2:
        return False
    answers = [f" {normalize(answer)} " for answer in accepted]
    return any(
        is_option(part) and not any(f" {normalize(part)} " in answer for answer in answers)
        for part in parts
    )
