"""Whose it is: a nation the student names that the card's answers do not.

"The Russian Interior Minister" is no answer to a card whose answer is Pakistan's Interior
Minister, though the question speaks of a Russian envoy and so lets its words stand around an
answer. When the card's accepted answers name a nation, an answer naming another nation
(Soviet and Russian are told apart, as the article tells them) names someone else's office,
army or policy, and the rules that forgive words around an answer must not forgive it.
"""

from __future__ import annotations

from collections.abc import Sequence

from quizapp.core.grading.text import plain_words

# Each nation's words as `plain_words` folds them (possessives lose their apostrophe).
_NATIONS: dict[str, tuple[str, ...]] = {
    "pakistan": ("pakistan", "pakistans", "pakistani", "pakistanis"),
    "russia": ("russia", "russias", "russian", "russians"),
    "soviet union": ("soviet", "soviets", "ussr", "ussrs"),
    "india": ("india", "indias", "indian", "indians"),
    "united states": ("us", "usa", "american", "americans", "america", "americas"),
    "china": ("china", "chinas", "chinese"),
    "afghanistan": ("afghanistan", "afghanistans", "afghan", "afghans"),
}
_NATION_OF = {word: nation for nation, words in _NATIONS.items() for word in words}


# The other words of a nation's name ("the Soviet Union", "the United States").
_NAME_WORDS = frozenset({"the", "union", "united", "states", "federation", "republic"})


# A nation's name of two words, read as another word for the nation ("the Soviet Union" as
# "USSR"), as a student's "from the USSR" is read for the card's "Soviet".
_TWO_WORD_NAMES = {
    ("soviet", "union"): "ussr",
    ("united", "states"): "usa",
    ("russian", "federation"): "russia",
}


def fold_nation_names(words: Sequence[str]) -> list[str]:
    """The folded words with each nation's name of two words as one word ("soviet union" ->
    "ussr"), so that its second word is no word added."""
    folded: list[str] = []
    for word in words:
        pair = (folded[-1], word) if folded else None
        if pair in _TWO_WORD_NAMES:
            folded[-1] = _TWO_WORD_NAMES[pair]
        else:
            folded.append(word)
    return folded


def nation_words() -> frozenset[str]:
    """Every word a nation's name may hold, folded."""
    return frozenset(_NATION_OF) | _NAME_WORDS


def same_nation(word: str, other: str) -> bool:
    """Whether two folded words name one nation ("afghanistans", "afghan")."""
    nation = _NATION_OF.get(word)
    return nation is not None and nation == _NATION_OF.get(other)


def nations(text: str) -> set[str]:
    """The nations a text names."""
    return {_NATION_OF[w] for w in plain_words(text) if w in _NATION_OF}


def another_nation(given: str, accepted: Sequence[str], question: str = "") -> str:
    """A nation the student names that no accepted answer names, when they name one; or "".

    A nation the question names may stand after the answer ("the pro-Indian lobby in
    Russia"), not before a word of it ("the Russian Interior Minister"), nor as its owner
    after "of" ("the Premier of Pakistan"), nor after the two words an answer names its own
    nation after ("domestic problems in Russia" where an answer says "domestic problems in
    Pakistan")."""
    own = set().union(*(nations(answer) for answer in accepted))
    if not own:
        return ""
    asked = nations(question)
    answer_words = {w for answer in accepted for w in plain_words(answer)}
    before_own = {
        (said[j - 2], said[j - 1])
        for said in map(plain_words, accepted)
        for j in range(2, len(said))
        if _NATION_OF.get(said[j]) in own
    }
    words = plain_words(given)
    for i, word in enumerate(words):
        nation = _NATION_OF.get(word)
        if nation is None or nation in own:
            continue
        # "the Russian Premier" and "the Premier of Russia" both name whose office it is.
        qualifies = i + 1 < len(words) and words[i + 1] in answer_words
        qualifies |= i >= 2 and words[i - 1] == "of" and words[i - 2] in answer_words
        qualifies |= i >= 2 and (words[i - 2], words[i - 1]) in before_own
        if nation not in asked or qualifies:
            return nation
    return ""
