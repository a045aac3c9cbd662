"""The student's text said another way, to be marked again as a whole answer.

Each reading keeps what the student claims and changes only how it is said:

- a possessive for the answer's possessive pronoun, or a nation after "of" as its owner
  (`owners`: "Russia's Afghan policy", "Prime Minister of the USSR"), or a nation's
  possessive for its adjective ("Pakistan's successive governments");
- a pair of words for one thing said once: "the hostility and enmity of the Cold War years"
  is its hostility, where each word of the pair is the other's synonym in the thesaurus
  (two items, "trade and investment", are no synonyms of one another);
- a comma between two words in lower case, the text's only comma, as "and": "a constructive,
  pragmatic footing" is a constructive and pragmatic one (a list is judged as a list);
- a possessive pronoun that points back to the nation the student's sentence names before it,
  where the card's answers have none: "Russia wanted to upgrade its relations with Pakistan"
  says whose relations by naming Russia already (the nation stays and is judged).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizapp.core.grading.nations import nations
from quizapp.core.grading.owners import as_nation_word, as_possessive, with_pronoun
from quizapp.core.grading.text import plain_words
from quizapp.core.grading.thesaurus import taken_for

_PAIR = re.compile(r"\b([^\W\d_]{4,})\s+and\s+([^\W\d_]{4,})\b")
_COMMA = re.compile(r"\b([a-z]{3,}),\s+([a-z]{3,})\b")
_POINTING_BACK = re.compile(r"\s+(?:its|their)\b(?=\s+[a-z])")


def rereadings(text: str, accepted: Sequence[str], question: str) -> list[str]:
    """The other ways of saying the text that the rules above find (see the module's notes)."""
    found = (
        with_pronoun(text, accepted, question),
        as_possessive(text, accepted),
        as_nation_word(text, accepted),
    )
    readings = [reading for reading in found if reading is not None]
    for other in (one_for_two(text), comma_as_and(text), owner_said(text, accepted)):
        if other != text:
            readings.append(other)
    return readings


def one_for_two(text: str) -> str:
    """The text with each pair of synonyms joined by "and" said once."""

    def once(found: re.Match[str]) -> str:
        first, second = found[1].lower(), found[2].lower()
        same = first != second and taken_for(first, second) and taken_for(second, first)
        return found[1] if same else found[0]

    return _PAIR.sub(once, text)


def comma_as_and(text: str) -> str:
    """The text with its only comma, between two words in lower case, read as "and"."""
    return _COMMA.sub(r"\1 and \2", text) if text.count(",") == 1 else text


def owner_said(text: str, accepted: Sequence[str]) -> str:
    """The text without the one possessive pronoun that follows the one nation it names, when
    no accepted answer has such a pronoun."""
    found = list(_POINTING_BACK.finditer(text))
    if len(found) != 1 or any({"its", "their"} & set(plain_words(a)) for a in accepted):
        return text
    at = found[0]
    if len(nations(text[: at.start()])) != 1:
        return text
    return f"{text[: at.start()]}{text[at.end() :]}"
