"""A word that qualifies each part of the answer: "economic development and national defence"
for development and defence, "the Soviet-backed proxy regime" is not one of them (a name).

The rules for words around an answer (`added_words`) take a word or two before it as a whole;
students also qualify the parts of an answer inside it. The answer's words are then all there,
in order (a name written with its capitals, as the answers give it), and before each of them
stands at most one word that is in lower case, no number,
no word that denies, hedges, offers a choice, adds an item or moves a date, no word that makes
another thing of the word after it ("deputy", "anti", "former"), no word of a wrong option
the card's answers do not use, and no antonym of an answer's word ("new" where one says old).
A word before an article takes the answer as its object and is no qualifier ("encourage the
spread of communism").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizapp.core.grading.added_words import CHANGERS, NEVER_ADDED
from quizapp.core.grading.numbers import number_word
from quizapp.core.grading.text import plain_words
from quizapp.core.grading.thesaurus import opposed
from quizapp.core.grading.wording import ARTICLES, PREPOSITIONS, root

_WORD = re.compile(r"[^\W_][\w'’ʼ-]*")
_NOT_QUALIFIERS = NEVER_ADDED | CHANGERS | ARTICLES | PREPOSITIONS


def qualified(given: str, accepted: Sequence[str], wrong: Sequence[str] = ()) -> bool:
    """Whether `given` is an accepted answer of two words or more with a qualifying word
    before some of its words (see the module's notes)."""
    raw = [m[0] for m in _WORD.finditer(given)]
    names = {w for word in raw if word != word.lower() for w in plain_words(word)}
    own = {root(w) for answer in accepted for w in plain_words(answer)}
    if any(root(name) not in own for name in names):
        return False  # a name the answers do not give is the other rules' to judge
    words = plain_words(given)
    if _governs(words, own):
        return False
    options = {root(w) for option in wrong for w in plain_words(option)} - own
    # A word against one of the answers' ("new" where an answer says old) is no qualifier.
    answers = {w for answer in accepted for w in plain_words(answer)}
    options |= {root(w) for w in words if any(opposed(w, a) for a in answers)}
    for answer in accepted:
        target = [w for w in plain_words(answer) if w not in ARTICLES]
        if len(target) >= 2 and _fits(words, target, options | names):
            return True
    return False


def _fits(words: list[str], target: list[str], options: set[str]) -> bool:
    """Whether `words` are `target` with at most one qualifier before each target word, none
    of them in `options` (a wrong option's words, and the names written in the answer)."""
    words = [w for w in words if w not in ARTICLES]
    i = 0
    added = 0
    for want in target:
        if i < len(words) and root(words[i]) == root(want):
            i += 1
            continue
        if (
            i + 1 < len(words)
            and root(words[i + 1]) == root(want)
            and _qualifies(words[i], options)
        ):
            i += 2
            added += 1
            continue
        return False
    return i == len(words) and added > 0


def _qualifies(word: str, options: set[str]) -> bool:
    if word in _NOT_QUALIFIERS or root(word) in options:
        return False
    return word.isalpha() and number_word(word) is None


def _governs(words: list[str], own: set[str]) -> bool:
    """Whether a word of the student's before an article takes the answer as its object
    rather than qualifying it ("encourage the spread"): it may say the opposite of the
    answer. No qualifier stands before an article."""
    return any(
        words[i + 1] in ARTICLES and word not in ARTICLES and root(word) not in own
        for i, word in enumerate(words[:-1])
    )
