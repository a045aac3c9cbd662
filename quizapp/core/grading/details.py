"""Details the card itself gives, set off after a right answer: "three agreements - trade,
economic cooperation, cultural", "frontline: Soviet troops in Afghanistan".

Students often go on past the answer with what the text says about it. The rules for true
words around an answer (`added_words`) judge a word or two that qualify it; this judges a
part set off by a dash, colon, comma, semicolon or bracket after an answer that is right on
its own. The part is harmless when each of its words is a small word, or a word the card's
question, answers, source or explanation gives (in any form, in a word the thesaurus takes for
it, or as a place for its adjective: "Eastern Europe" for Eastern European); and it holds
no number or name the card does not give, no word of a wrong option, nothing that denies,
hedges or offers a choice, and no name at all when the answer is itself a name (a second name
there is another candidate).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizapp.core.grading.text import plain_words
from quizapp.core.grading.thesaurus import base_forms, taken_for
from quizapp.core.grading.wording import (
    ARTICLES,
    CHOICES,
    HEDGES,
    NEGATIONS,
    PREPOSITIONS,
    RELATIONS,
    root,
    roots_of,
)

# The answer, a separator, then the details ("Karachi: then the capital" has its own rule).
_SET_OFF = re.compile(r"^(?P<said>.*?\w.*?)\s*(?:\s[-–—]+\s|[-–—]{2}|:|;|,|\()\s*(?P<rest>.*\w.*)$")
_SMALL = ARTICLES | PREPOSITIONS | {
    "and", "its", "their", "his", "her", "it", "they", "also", "only", "just",
}  # fmt: skip
# The verbs of a sentence of the student's ("it was signed at Tashkent").
_BEING = frozenset({"is", "was", "are", "were", "has", "had", "have", "been", "be"})
_NEVER = NEGATIONS | HEDGES | CHOICES | RELATIONS
_WORD = re.compile(r"[^\W_][\w'’ʼ]*")


def split_details(text: str) -> tuple[str, str] | None:
    """The answer and the details set off after it, or None when nothing is set off."""
    found = _SET_OFF.match(text.strip())
    return None if found is None else (found["said"], found["rest"].rstrip(") "))


def card_gives(
    details: str,
    *,
    accepted: Sequence[str],
    wrong: Sequence[str],
    question: str,
    context: str,
    names: bool = False,
) -> bool:
    """Whether every word of the details is a small word or one the card gives, with no
    number, name or wrong option the card does not give (see the module's notes). `names`
    lets a sentence of the student's name what the card gives ("it was signed at Tashkent"):
    a name there is no second candidate."""
    words = plain_words(details)
    if not words or any(w in _NEVER for w in words):
        return False
    own = roots_of(question, *accepted)
    # A word's forms meet through their bases too: "paid" and "pay", "refit" and "refitting".
    given = own | roots_of(context) | _base_roots(question, context, *accepted)
    options = roots_of(*wrong) - own
    answer_names = any(_names(answer) for answer in accepted)
    # Beside an answer that is a name, any other name is another candidate; a list of names
    # is one too, unless the answer names nothing ("partly (Chechnya and Dagestan)": the
    # names are where it happened, not answers).
    if not names and _names(details) and answer_names:
        return False
    card_words = {w for text in (question, context, *accepted) for w in plain_words(text)}
    for word in words:
        if word in _SMALL or (names and word in _BEING):
            continue
        if root(word) in options:
            return False
        # The card's word in another form or another word for it ("abolition", "abolishing").
        if not ({root(word)} | _base_roots(word)) & given and not _taken(word, card_words):
            return False
    return True


def _taken(word: str, card_words: set[str]) -> bool:
    """Whether the thesaurus takes the word for one of the card's, or the two are a place
    and its adjective ("Europe", "European"; "Asia", "Asian")."""
    if len(word) <= 3:
        return False
    return any(
        taken_for(word, other) or word in _adjectives(other) or other in _adjectives(word)
        for other in card_words
        if len(other) > 3
    )


def _adjectives(place: str) -> tuple[str, str]:
    return f"{place}n", f"{place.removesuffix('e')}ean"


def _names(text: str) -> list[str]:
    """The capitalised words of a text (an answer's opening "The" counts: stricter)."""
    return [m[0] for m in _WORD.finditer(text) if m[0][:1].isupper()]


def _base_roots(*texts: str) -> frozenset[str]:
    """The roots of the bases WordNet finds for the texts' words ("paid" -> pay)."""
    return frozenset(root(b) for text in texts for w in plain_words(text) for b in base_forms(w))
