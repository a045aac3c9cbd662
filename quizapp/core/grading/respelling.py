"""A slip in a word the card uses, put right before the other rules read the answer.

The rules for forms forgive a slip when the answer is compared word for word ("Commonweath
Conference"), but the rules that read an answer in other words, in a sentence or with a
remark compare words exactly: "the Afghan resistence against the Soviets", "To stop comunism
from spreading". A teacher reads the slip and marks the rest. So a student's word that is no
English word WordNet knows, and is a slip the forms rules forgive (one letter in a word of eight
or more, two from twelve) of exactly one word of the card's answers, question, source or
explanation, is read as that word; then the whole answer is marked again. Figures, short words,
nations, names known to be different (Iran, Iraq) and a word the card's word merely extends
("Pakistan", "Pakistani") are never respelt; a word WordNet knows ("form") is the student's
word, not a slip.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from quizapp.core.grading.nations import nations
from quizapp.core.grading.text import plain_words, slip_forgiven, spelling_distance
from quizapp.core.grading.thesaurus import base_forms, thesaurus

_WORD = re.compile(r"[^\W\d_]+")


def respelt(text: str, card_texts: Iterable[str]) -> str | None:
    """The text with each slip of a card's word put right, or None when there is none."""
    vocabulary = _long_words(tuple(card_texts))
    known = thesaurus().words
    changed = False

    def put_right(match: re.Match[str]) -> str:
        nonlocal changed
        word = match[0].lower()
        if len(word) < 7 or word in vocabulary or base_forms(word) & known or nations(word):
            return match[0]
        meant = {
            target
            for target in vocabulary
            # 0: a slip the forms rules read as no slip at all ("informaly", "informally").
            if (distance := spelling_distance(word, target)) is not None
            and slip_forgiven(distance, target)
            and not target.startswith(word)  # a form ("Pakistan", "Pakistani"), no slip
        }
        if len(meant) != 1:
            return match[0]
        changed = True
        [target] = meant
        return target.capitalize() if match[0][:1].isupper() else target

    fixed = _WORD.sub(put_right, text)
    return fixed if changed else None


@lru_cache(maxsize=256)
def _long_words(card_texts: tuple[str, ...]) -> frozenset[str]:
    """The words a slip may be of: the card's words of eight letters or more (every part of
    an answer is marked again with the same card, so this is read once)."""
    return frozenset(w for t in card_texts for w in plain_words(t) if len(w) >= 8)
