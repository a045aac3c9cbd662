"""Another office: a word before the card's office that makes it someone else's.

"Russian Vice President" is no answer to a card whose answer is the Russian President, though
its words hold the answer and a word beside it: a vice, deputy, acting or assistant president
or minister holds another office. When the student's words put such a word before an office
the card's answers name ("President", "Foreign Minister"), and no accepted answer puts it
there, the answer names another office, and the rules that forgive words around an answer
must not forgive it. "Former" and "ex" are left to those rules: they say when, not which
office ("former Prime Minister Nawaz Sharif").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizapp.core.grading.text import plain_words

# Words that make an office another one, each with the words that mean the same.
_SECOND_IN_RANK = {
    "vice": "deputy", "deputy": "deputy", "acting": "acting", "interim": "acting",
    "caretaker": "acting", "assistant": "assistant",
}  # fmt: skip
_OFFICES = frozenset(
    {"president", "minister", "premier", "secretary", "chairman", "ambassador", "chief",
     "governor", "commander", "leader", "speaker", "envoy", "consul", "chancellor"}
)  # fmt: skip
_REACH = 3  # "Deputy Foreign Minister", "Vice Prime Minister": the office within three words


def another_office(given: str, accepted: Sequence[str]) -> bool:
    """Whether the student's words put a word of lower or passing rank ("vice", "deputy",
    "acting") before an office the card's answers name, where no accepted answer does."""
    answers = [_words(answer) for answer in accepted]
    offices = {w for words in answers for w in words if w in _OFFICES}
    allowed = {rank for words in answers for rank in _ranks_before(words, _OFFICES)}
    return bool(_ranks_before(_words(given), offices) - allowed)


def _ranks_before(words: list[str], offices: set[str] | frozenset[str]) -> set[str]:
    """The ranks (`_SECOND_IN_RANK`'s values) the words put within reach before an office."""
    return {
        _SECOND_IN_RANK[word]
        for i, word in enumerate(words)
        if word in _SECOND_IN_RANK and offices & set(words[i + 1 : i + 1 + _REACH])
    }


def _words(text: str) -> list[str]:
    """The folded words, hyphenated ones apart ("vice-president" as vice, president)."""
    return plain_words(re.sub(r"[-‐–]", " ", text))
