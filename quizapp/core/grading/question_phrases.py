"""Phrases of the question a student repeats around the answer: "the world community by and
large" (a tail), "security threats faced by the member states" (an opening).

A student who copies a run of the question's words into the answer says nothing the question
does not say. The run is two words or more, as the question has them in a row, and names no
thing of its own: no capital, no number, no negation, no word of an accepted answer. A tail
says how or where ("by and large"); an opening leads to the answer as the question does
("faced by" before whom). What remains is marked as the whole answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizapp.core.grading.text import plain_words
from quizapp.core.grading.wording import ARTICLES, NEGATIONS

# Words after which a phrase is a second candidate, not a remark.
SETS_APART = frozenset({"then", "and", "or", "also", "with", "not", "nor", "plus"})
WORD = re.compile(r"[^\W_][\w'’ʼ-]*")
_LONGEST = 5


def _phrases(question: str) -> set[tuple[str, ...]]:
    asked = plain_words(question)
    return {
        tuple(asked[i : i + n]) for n in range(2, _LONGEST + 1) for i in range(len(asked) - n + 1)
    }


def _names_nothing(spans: list[re.Match[str]]) -> bool:
    return not any(m[0][:1].isupper() or m[0][:1].isdigit() for m in spans)


def without_question_tail(text: str, question: str) -> str | None:
    """The text without a phrase of the question it ends on ("the world community by and
    large" on a question that asks who "by and large" holds them responsible), or None when
    it ends on none. The phrase is two words or more, as the question has them in a row, and
    says how or where rather than naming a thing: no capital, no number, no article to open
    it, and nothing before it that sets it apart as a second candidate ("then")."""
    spans = list(WORD.finditer(text))
    words = [" ".join(plain_words(m[0])) for m in spans]
    phrases = _phrases(question)
    for size in range(min(_LONGEST, len(words) - 1), 1, -1):
        tail = tuple(words[-size:])
        if tail not in phrases or tail[0] in ARTICLES or words[-size - 1] in SETS_APART:
            continue
        if not _names_nothing(spans[-size:]):
            continue
        if not any(w in NEGATIONS for w in tail):
            return text[: spans[-size].start()].rstrip(" ,;:-")
    return None


def without_question_opening(text: str, question: str, accepted: Sequence[str] = ()) -> str | None:
    """The text without a phrase of the question it opens with ("security threats faced by"
    before the member states, where the question asks who else faces them), or None when it
    opens with none. An article may come first; the phrase is two words or more as the
    question has them in a row, ends on no article and no joiner, and names nothing (no
    capital, number or negation, no word of an accepted answer); the longest is taken."""
    spans = list(WORD.finditer(text))
    words = [" ".join(plain_words(m[0])) for m in spans]
    phrases = _phrases(question)
    answer_words = {w for answer in accepted for w in plain_words(answer)}
    first = 1 if words[:1] and words[0] in ARTICLES else 0
    for size in range(min(_LONGEST, len(words) - first - 1), 1, -1):
        head = tuple(words[first : first + size])
        if head not in phrases or head[-1] in ARTICLES or head[-1] in SETS_APART:
            continue
        if not _names_nothing(spans[: first + size]) or answer_words & set(head):
            continue
        if not any(w in NEGATIONS for w in head):
            return text[spans[first + size].start() :].strip()
    return None
