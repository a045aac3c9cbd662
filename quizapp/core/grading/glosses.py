"""A word glossed in brackets: "Premier (prime minister) of the Soviet Union", "the CIS
(Commonwealth of Independent States)".

Students explain a word they fear is unclear by putting its other name in brackets right
after it. A teacher reads both: the answer is right when it is right without the brackets and
right again with the bracketed words in place of the word or words they follow. What the
brackets add that is not the same thing ("Germany (East and West)") is left to the rules for
remarks and details.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_BRACKETED = re.compile(r"\s*\(([^()]+)\)|\s*\[([^\[\]]+)\]")
_WORD = re.compile(r"\S+")
# How many of the words before the brackets the gloss may stand for ("prime minister" for
# "Premier", "Commonwealth of Independent States" for "the CIS").
_MOST_WORDS = 3


def glossed(text: str, right: Callable[[str], bool]) -> bool:
    """Whether the text is right without a bracketed part and right again with that part in
    place of the words it follows (see the module's notes)."""
    for match in _BRACKETED.finditer(text):
        gloss = (match[1] or match[2]).strip()
        before, after = text[: match.start()], text[match.end() :]
        if not gloss or not right(f"{before}{after}".strip()):
            continue
        words = [found.start() for found in _WORD.finditer(before)]
        for count in range(1, min(_MOST_WORDS, len(words)) + 1):
            replaced = f"{before[: words[-count]]}{gloss}{after}".strip()
            if right(replaced):
                return True
    return False
