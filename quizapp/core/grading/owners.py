"""A possessive for the answer's possessive pronoun or a nation's adjective: "Russia's Afghan
policy" for their policy on Afghanistan, "India's ability to attack" for its offensive
capability; and a nation's possessive for "of" that nation: "Prime Minister of the USSR" is
the USSR's Prime Minister.

An answer that opens with "its", "their", "his" or "her" refers to someone the question
names; a student who names them ("Russia's") says the same. A nation's possessive and its
adjective say the same too: "Pakistan's successive governments" are the successive Pakistani
governments, when every other word is the card's, in its order. The owner is taken for the
pronoun only when it is the one the pronoun can mean: the card names them so in an accepted
answer, or the question names them and no other nation (or, naming no nation, gives their
words). "Pakistan's policy" on a question about Russia and Pakistan is left to the other
rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizapp.core.grading.nations import nation_words, nations
from quizapp.core.grading.text import plain_words
from quizapp.core.grading.wording import ARTICLES, roots_of

_PRONOUNS = ("its", "their", "his", "her")
_OWNER = re.compile(r"(?:the\s+)?((?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*)['’]s\s+(\S.*)")
# "Prime Minister of the Soviet Union": what is owned, then the owner after "of".
_OF_OWNER = re.compile(
    r"(?P<owned>\S.*?)\s+of\s+(?P<owner>(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)"
)


def as_possessive(text: str, accepted: Sequence[str]) -> str | None:
    """ "The Prime Minister of the USSR" in the card's word for the nation ("Soviet Prime
    Minister"), or as its possessive ("the USSR's Prime Minister") when the card has none,
    when what follows "of" is a nation and nothing more; None otherwise."""
    found = _OF_OWNER.fullmatch(text.strip())
    if found is None:
        return None
    owner = found["owner"]
    if len(nations(owner)) != 1 or not set(plain_words(owner)) <= nation_words():
        return None
    owned = re.sub(r"(?i)^the\s+", "", found["owned"])
    card_word = next(
        (w for answer in accepted for w in answer.split() if nations(w) == nations(owner)), None
    )
    return f"{card_word} {owned}" if card_word else f"{owner}'s {owned}"


def with_pronoun(text: str, accepted: Sequence[str], question: str) -> str | None:
    """The text with the owner it opens with replaced by the pronoun an accepted answer
    opens with, or None when the rule does not apply (see the module's notes)."""
    found = _OWNER.fullmatch(text.strip())
    if found is None:
        return None
    pronoun = next(
        (words[0] for words in map(plain_words, accepted) if words[:1] and words[0] in _PRONOUNS),
        None,
    )
    if pronoun is None:
        return None
    owner, rest = found[1], found[2]
    return f"{pronoun} {rest}" if _meant(owner, accepted, question) else None


def _meant(owner: str, accepted: Sequence[str], question: str) -> bool:
    """Whether the pronoun can only mean the owner: an accepted answer names them in a
    possessive ("Russia's policy on Afghanistan"), or the question names them and no other
    nation."""
    named = (_OWNER.fullmatch(answer.strip()) for answer in accepted)
    if any(found and roots_of(found[1]) == roots_of(owner) for found in named):
        return True
    asked = nations(question)
    if asked:
        return len(asked) == 1 and nations(owner) == asked
    return not nations(owner) and roots_of(owner) <= roots_of(question)


def as_nation_word(text: str, accepted: Sequence[str]) -> str | None:
    """The accepted answer that says the text's words with its nation named another way
    ("successive Pakistani governments" for "Pakistan's successive governments"), or None."""
    said = _without_nation(text)
    if said is None:
        return None
    for answer in accepted:
        if _without_nation(answer) == said and plain_words(answer) != plain_words(text):
            return answer
    return None


def _without_nation(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The one nation a text names in one word, and its other words but articles, in order."""
    words = plain_words(text)
    named = [(i, nations(w)) for i, w in enumerate(words) if nations(w)]
    if len(named) != 1 or len(named[0][1]) != 1:
        return None
    at, (nation,) = named[0]
    rest = tuple(w for i, w in enumerate(words) if i != at and w not in ARTICLES)
    return (nation, rest) if rest else None
