"""The answer in a sentence of the student's: "Russia has a strong industrial base", "the war
broke out in '65", "they were signed by the Soviets".

A student who answers in a full sentence puts a subject and a verb before the answer. The
sentence head is harmless when it only repeats what the question says: its subject is a
pronoun or the question's own words ("the war", "Russia"), and its verbs are auxiliaries
("has", "would"), a few verbs that only place or hold a thing ("lies", "remained") or the
question's own verbs in any form ("broke out" for "break out"). What follows the head is then
marked as the answer. A head that brings anything else (a name or word the question does not
give, a number, a negation) is no head: the answer is marked as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from quizapp.core.grading.details import card_gives
from quizapp.core.grading.nations import nations
from quizapp.core.grading.question_phrases import (
    SETS_APART,
    WORD,
    without_question_opening,
    without_question_tail,
)
from quizapp.core.grading.text import plain_words
from quizapp.core.grading.thesaurus import base_forms
from quizapp.core.grading.wording import (
    ARTICLES,
    CHOICES,
    HEDGES,
    NEGATIONS,
    PREPOSITIONS,
    RELATIONS,
    root,
    roots_of,
    text_roots,
)

_PRONOUNS = frozenset(
    {"it", "they", "he", "she", "this", "that", "these", "those", "there", "we", "i", "you"}
)
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "your"})
# Verbs that say a thing is, has, holds or lies somewhere, and the auxiliaries before a verb.
_PLAIN_VERBS = frozenset(
    {"is", "was", "are", "were", "be", "been", "being", "am", "has", "have", "had", "having",
     "do", "does", "did", "would", "will", "can", "could", "should", "shall", "may", "might",
     "must", "lie", "lies", "lay", "lying", "remain", "remains", "remained", "became", "become",
     "becomes"}
)  # fmt: skip
_ADVERBS = frozenset({"also", "still", "then", "so"})
# Subjects of at most this many words: a longer run before the answer is no subject.
_MOST_SUBJECT = 4
_MOST_VERBS = 4


def read_in_sentence(
    text: str,
    *,
    accepted: Sequence[str],
    wrong: Sequence[str],
    question: str,
    context: str,
    right: Callable[[str], bool],
    dated: bool = False,
    work: str = "",
) -> str | None:
    """How the text holds a right answer in a sentence of the student's, for the verdict's
    reason, or None: after a head that repeats the question ("Russia has a sound industrial
    base"), before a phrase of the question ("... by and large"), or followed by a sentence
    whose words the card gives ("the Soviets, it was signed at Tashkent"). `right` marks a
    part of the text as a whole answer to the card; `dated` says the card's answer is a date or
    a number, which any plain verb may lead to ("he went in Apr. '65"); the head's verbs may
    be those of the work the card teaches (`work`) too."""
    rest = after_head(text, question, accepted, context, any_verb=dated, wrong=wrong, work=work)
    if rest is not None and right(rest):
        return "in a sentence of your own"
    rest = without_question_tail(text, question)
    if rest is None:
        rest = without_question_opening(text, question, accepted)
    if rest is not None and right(rest):
        return "with the question's words"
    clause = trailing_clause(text)
    if clause is None or not right(clause[0]):
        return None
    gives = card_gives(
        clause[1], accepted=accepted, wrong=wrong, question=question, context=context, names=True
    )
    return "with details the card gives" if gives else None


def after_head(
    text: str,
    question: str,
    accepted: Sequence[str],
    context: str = "",
    *,
    any_verb: bool = False,
    wrong: Sequence[str] = (),
    work: str = "",
) -> str | None:
    """What follows the sentence head the text opens with, or None when it opens with none.

    The head must end where the answer begins: at an article, a preposition, a possessive,
    a figure or a word of an accepted answer; "it would cut the overall cost" is no head
    and "the overall cost" (a verb the question does not give is no harmless word).

    Args:
        text: The student's answer (no hedge or choice left).
        question: The card's question, whose words the subject and verbs may repeat.
        accepted: The card's accepted answers.
        context: The card's source and explanation, whose verbs the head may use too ("he
            issued an edict" where the source says the edict was issued).
        any_verb: Whether any word in lower case may be a verb of the head: where the answer
            is a date or a number, what the student says happened does not change it ("the
            USSR ended in December 1991"); the head still ends at a preposition or a figure.
        wrong: The card's wrong options, whose words are no head's ("arms sales and ..." where
            arms sales are an option: a second candidate, not a verb of the work's).
        work: What the work the card teaches says, whose verbs the head may use as well.
    """
    spans = [(m.start(), m.end(), m[0]) for m in WORD.finditer(text)]
    words = [plain_words(w)[0] if plain_words(w) else "" for _, _, w in spans]
    asked = roots_of(question)
    subject = _subject_length(words, asked, nations(question))
    asked |= roots_of(context) | text_roots(work)
    if subject == 0:
        return None
    answer_words = {w for answer in accepted for w in plain_words(answer)}
    option_words = {w for option in wrong for w in plain_words(option)} - answer_words
    verbs = 0
    while subject + verbs < len(words) and verbs < _MOST_VERBS:
        word = words[subject + verbs]
        if word in PREPOSITIONS or word in answer_words:
            break  # where the answer begins
        if word in option_words:
            return None
        if not (_is_verb(word, asked) or (any_verb and _plain_word(spans[subject + verbs][2]))):
            break
        verbs += 1
    if not any(w not in _ADVERBS for w in words[subject : subject + verbs]):
        return None  # no verb at all
    rest_start = subject + verbs
    if rest_start >= len(words):
        return None
    opening = words[rest_start]
    if not (
        opening in ARTICLES
        or opening in PREPOSITIONS
        or opening in _POSSESSIVES
        or opening in answer_words
        or not opening.isalpha()
    ):
        return None
    # From the end of the head, so that what opens the rest ("'65") stays with it.
    rest = text[spans[rest_start - 1][1] :].strip()
    return rest if plain_words(rest) else None


def _subject_length(words: list[str], asked: frozenset[str], asked_nations: set[str]) -> int:
    """How many words the subject takes: one pronoun, or a few words the question gives; a
    nation's name stands for its people ("Russia" where the question says "the Russians")."""
    if not words:
        return 0
    if words[0] in _PRONOUNS:
        return 1
    length = 0
    while length < min(len(words), _MOST_SUBJECT):
        word = words[length]
        if word in ARTICLES or word in _POSSESSIVES:
            length += 1
            continue
        if word in NEGATIONS or word.isdecimal():
            break
        if root(word) not in asked and not nations(word) & asked_nations:
            break
        length += 1
    # The subject ends on a word the question gives, not on an article.
    while length and (words[length - 1] in ARTICLES or words[length - 1] in _POSSESSIVES):
        length -= 1
    return length


# Words that deny, hedge, offer a choice, add an item, move a date or number, or are no verb.
_NO_PLAIN_VERB = NEGATIONS | HEDGES | CHOICES | RELATIONS | SETS_APART | ARTICLES | PREPOSITIONS


def _plain_word(word: str) -> bool:
    """A word in lower case that neither denies, hedges, offers a choice, adds an item nor
    moves a date or number ("before")."""
    return word.isalpha() and word.islower() and word not in _NO_PLAIN_VERB


def _is_verb(word: str, asked: frozenset[str]) -> bool:
    """An auxiliary or plain verb, or a word of the question or the card's source in any
    form."""
    if word in _PLAIN_VERBS or word in _ADVERBS:
        return True
    if word in NEGATIONS or word in ARTICLES or word in SETS_APART or word.isdecimal():
        return False  # "Germany and Yugoslavia": a joiner the question uses is no verb
    forms = {word, *base_forms(word)}
    return any(root(form) in asked for form in forms)


def trailing_clause(text: str) -> tuple[str, str] | None:
    """The answer and a sentence of the student's set off after it ("the Soviets, it was
    signed at Tashkent"), or None when no sentence with a pronoun subject and a verb follows
    a comma, a semicolon or a dash."""
    found = _CLAUSE.match(text.strip())
    if found is None:
        return None
    return found["said"], found["clause"]


_CLAUSE = re.compile(
    r"(?i)^(?P<said>.*?\w.*?)\s*(?:,|;|\s[-–—]+)\s*"
    r"(?P<clause>(?:it|they|he|she|this|that)\s+(?:is|was|are|were|has|had|have)\b.*\w.*)$"
)
