"""A right answer followed by words that place or describe it, as students answer in sentences:
"October 2000, during Putin's visit to India", "September 2000 when Yastrzhembsky visited
Pakistan", "the West European countries like Germany", "T-90 main battle tanks".

The rules for true words around an answer (`added_words`) take a word or two that qualify it
and names the card gives; a teacher reads further. The words after the answer are harmless
when they

- open with a word that places, times or illustrates it (a preposition, "during", "when",
  "while", "where", "which", "like", "such as", "because", ...), right after the answer or
  after a comma, dash, colon or bracket; or, set off by one of those, say what the answer is
  ("Masood's Northern Alliance, the anti-Taliban coalition Russia supported": an article, a
  word in lower case, and no name the card's texts do not give); or, with none of these, are
  small words that end in the thing the question asks about ("main battle tanks");
- hold nothing that denies, hedges, offers a choice or adds an item ("not", "probably", "or",
  "and", "with", "also", "but", "then", "instead");
- lean on no wrong option: hold at most half of the words that set one apart from the card's
  answers and question (`option_words`: "to the conflict" beside the eastern theatre of
  conflict names no option);
- give no figure the card does not give, and, after a date or a number, no word that moves it
  ("before", "after", "since", "over") and no number at all the card does not give; unless
  the card's question, source or explanation says the same relation of the same thing ("1962,
  after the Sino-Indian war" where the card says "after the Sino-Indian border war of 1962",
  or that it "followed" it), perhaps after a short, vague stretch of time ("a few months
  before").

Names the card does not give are allowed here: a clause that places the answer names people
and places. A second candidate beside the answer needs a joiner, a choice or a list, which
are refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from quizapp.core.grading.added_words import JOINERS
from quizapp.core.grading.numbers import number_word
from quizapp.core.grading.option_words import leans_on_option, option_words
from quizapp.core.grading.text import plain_words
from quizapp.core.grading.wording import (
    ARTICLES,
    CHOICES,
    HEDGES,
    NEGATIONS,
    PREPOSITIONS,
    RELATIONS,
    root,
    roots_of,
    same_word,
)

# Words that open a clause placing, timing or illustrating the answer.
_OPENERS = (PREPOSITIONS - JOINERS - {"against", "from", "by"}) | {
    "during", "when", "while", "where", "which", "who", "whose", "like", "such", "eg",
    "because", "since", "between", "among", "amid", "under", "following", "ie", "namely",
    "over",  # "control over the former republics"; after a date or a number it moves it
}  # fmt: skip
_NEVER = NEGATIONS | HEDGES | CHOICES | JOINERS | {
    "but", "instead", "rather", "then", "other", "another", "else", "except", "besides",
}  # fmt: skip
# After a date or a number, words that move it.
_MOVES = RELATIONS | {"within", "least", "most", "beyond", "past", "onwards", "around"}
_WORD = re.compile(r"[^\W_][\w'’ʼ.-]*")
_SEPARATORS = ",;:([-–—"


@dataclass(frozen=True)
class _CardWords:
    """The roots of the card's words, read once per answer."""

    asked: frozenset[str]  # the question's
    given: frozenset[str]  # the question's, the accepted answers', the source's, explanation's
    options: tuple[frozenset[str], ...]  # each wrong option's words, less the card's own
    said: tuple[str, ...] = ()  # the question's, source's and explanation's, in order


def in_context(
    text: str,
    is_right: Callable[[str], bool],
    *,
    accepted: Sequence[str],
    wrong: Sequence[str],
    question: str,
    context: str,
    dated: bool,
) -> bool:
    """Whether the text is a right answer (by `is_right`) followed by harmless words (see the
    module's notes). `dated` says the card's answer is a date or a number."""
    own = roots_of(question, *accepted)
    # The relations the card states: in its source and explanation, and in its question
    # ("before the U-2 spy plane incident" where it asks the month).
    said = tuple(root(w) for w in plain_words(f"{question} {context}"))
    options = option_words(wrong, own)
    card = _CardWords(roots_of(question), own | roots_of(context), options, said)
    words = list(_WORD.finditer(text))
    for i in range(1, len(words)):
        head = text[: words[i].start()].rstrip().rstrip(_SEPARATORS).rstrip()
        tail = text[words[i].start() :]
        if not plain_words(head) or plain_words(head)[-1] in _NEVER:
            continue
        first = plain_words(words[i][0])[:1]
        related = _after_interval(tail)  # "a few months before the U-2 incident"
        relation = bool(related) and related[0] in RELATIONS
        relation = relation and _card_relates(" ".join(related), card)
        opened = bool(first) and (first[0] in _OPENERS or relation)
        set_off = text[len(head) : words[i].start()].strip()[:1] in tuple(_SEPARATORS)
        described = set_off and _describes(tail, card)
        # "India's own past declarations": after a possessive, the words name another thing.
        owner = head.endswith(("'s", "’s", "s'", "s’"))
        if not opened and not described and (owner or not _ends_in_asked(tail, card)):
            continue
        # "to alignment with the Western bloc": a phrase the card says after the same word
        # may hold its "with"; a "with" of the student's own adds a second item.
        quoted = bool(first) and first[0] in _OPENERS and _card_quotes(tail, card)
        if _harmless(tail, card, dated and not relation, quoted) and is_right(head):
            return True
    return False


def _describes(tail: str, card: _CardWords) -> bool:
    """An apposition set off after the answer that says what it is: opened by an article, with
    a word in lower case that carries meaning ("the anti-Taliban coalition Russia supported";
    not "the Soviet Union", a second name), and no name the card's texts do not give."""
    raw = [m[0] for m in _WORD.finditer(tail)]
    if not raw or raw[0].lower() not in ARTICLES:
        return False
    described = [w for w in raw[1:] if w.islower() and w not in PREPOSITIONS]
    # The capitalised parts of words ("Taliban" in "anti-Taliban").
    names = [part for w in raw[1:] for part in re.split(r"[-–'’]", w) if part[:1].isupper()]
    return bool(described) and roots_of(*names) <= card.given


def _ends_in_asked(tail: str, card: _CardWords) -> bool:
    """At most three words in lower case, no article, ending in a word the question uses, or
    its common name does: "main battle tanks", "fighter jets" where the question asks which
    aircraft (not "the Soviet Union", a name)."""
    words = plain_words(tail)
    if not words or len(words) > 3 or tail != tail.lower() or ARTICLES & set(words):
        return False
    return bool({root(words[-1]), root(same_word(words[-1]))} & card.asked)


def _harmless(tail: str, card: _CardWords, dated: bool, quoted: bool = False) -> bool:
    words = plain_words(tail)
    never = _NEVER | _MOVES if dated else _NEVER
    if quoted:
        never = never - {"with"}
    if words[:1] == ["between"] and "and" in words:
        words = [w for i, w in enumerate(words) if i != words.index("and")]  # between X and Y
    if not words or any(w in never for w in words):
        return False
    if leans_on_option(map(root, words), card.options):
        return False
    for word in words:
        figure = any(c.isdigit() for c in word) or number_word(word) is not None
        if figure and (dated or any(c.isdigit() for c in word)) and root(word) not in card.given:
            return False
    return True


# The card's verb for a relation the student says with a preposition: "the embargo followed
# the clamping of the Pressler amendment" says it came after it (not "was followed by").
_SAME_RELATION = {"after": ("follow",), "before": ("preced",)}


def _card_relates(tail: str, card: _CardWords) -> bool:
    """Whether the card's question, source or explanation says what the tail says, relation
    and all: "1962, after the Sino-Indian war" where the card says "after the Sino-Indian
    border war of 1962", or "followed" it. The tail's words follow the same relation there, in
    order, a few words apart at most; a relation the card does not state is never taken on
    trust."""
    words = _content_roots(tail)
    if len(words) < 2:
        return False
    for relation in (words[0], *_SAME_RELATION.get(words[0], ())):
        for window in _said_after(card, relation, len(words) + 3):
            if window[:1] != ("by",) and _in_order(words[1:], window):
                return True
    return False


def _in_order(words: list[str], window: tuple[str, ...]) -> bool:
    rest = iter(window)
    return all(w in rest for w in words)


def _card_quotes(tail: str, card: _CardWords) -> bool:
    """Whether the card's question, source or explanation says the tail's words after the
    same opening word, in any order within twice their number of words: "to alignment with
    the US-led Western bloc" where the source says "to that of an alignment with the Western
    bloc led by the US"."""
    words = _content_roots(tail)
    return len(words) >= 3 and any(
        set(words[1:]) <= set(window) for window in _said_after(card, words[0], 2 * len(words))
    )


def _content_roots(tail: str) -> list[str]:
    return [root(w) for w in plain_words(tail) if w not in ARTICLES]


def _said_after(card: _CardWords, word: str, size: int) -> Iterator[tuple[str, ...]]:
    """The `size` words the card says after each place it says `word`."""
    for start, said in enumerate(card.said):
        if said == word:
            yield card.said[start + 1 : start + 1 + size]


# A short, vague stretch of time before a relation: it says how near, not which way.
_NEAR = frozenset({"shortly", "soon", "just", "right", "immediately"})
_FEW = frozenset({"few", "couple", "some", "several"})
_UNITS = frozenset({"days", "weeks", "months"})


def _after_interval(tail: str) -> list[str]:
    """The tail's words from its relation word on, past a vague stretch of time before it
    ("a few months", "shortly"); the tail's words as they are when none comes first."""
    words = plain_words(tail)
    rest = [w for w in words if w not in ARTICLES and w != "of"]
    if rest[:1] and rest[0] in _NEAR:
        return rest[1:]
    if len(rest) > 2 and rest[0] in _FEW and rest[1] in _UNITS:
        return rest[2:]
    return words
