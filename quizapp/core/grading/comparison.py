"""A student's typed text against one accepted answer: right, near or wrong, and why.

The rules, in order: the same text; the same words once harmless ones are set aside
(`wording.core`); the same sum or number; the same person with initials; the same list in
another order; the same words in another order; then spelling, where a slip in a long word is
forgiven in full and a larger one earns half. Dates are compared in `periods`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from rapidfuzz.distance import OSA

from quizapp.core.grading.amounts import Amount, compare_amounts, parse_amount
from quizapp.core.grading.dates import Match
from quizapp.core.grading.durations import parse_duration, same_duration
from quizapp.core.grading.names import initials_match
from quizapp.core.grading.numbers import (
    is_ordinal,
    lone_number_slip,
    number_word,
    numbers_in_words,
)
from quizapp.core.grading.periods import read_range
from quizapp.core.grading.text import (
    compact,
    normalize,
    plain_words,
    slip_forgiven,
    slips_forgiven,
    spelling_distance,
    stem,
    word_slips,
)
from quizapp.core.grading.wording import ARTICLES, NUMBER_TRAILERS, core, expand, root, roots_of

# Words that may join a phrase's parts in either order: "the steel mill in Karachi".
_LINKS = frozenset({"in", "of", "for", "at", "the", "a", "an"})
_UNIT_WORDS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years"})
_LIST_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bplus\b)\s*", re.IGNORECASE)


def same_text(a: str, b: str) -> bool:
    """Equal once normalised, or without spaces ("G. W. Bush" and "G.W. Bush")."""
    return normalize(a) == normalize(b) or compact(a) == compact(b)


def _quantity(words: list[str], units: frozenset[str] | None) -> Amount | None:
    """The sum or number the words give, after trailing unit words (any, when `units` is
    None; else only those in `units`)."""
    kept = list(words)
    while kept:
        found = parse_amount(" ".join(kept))
        if found is not None and len(kept) < len(words) and is_ordinal(kept[-1]):
            return None  # an ordinal names a thing ("a Third World power"), no count of it
        if found is not None or len(kept) == 1 or not kept[-1].isalpha():
            return found
        if units is not None and root(kept[-1]) not in units:
            return None
        kept.pop()
    return None


def _number_slip(words: list[str], units: frozenset[str]) -> Amount | None:
    """A lone number word misspelt ("tenn", "fife priorities"), as the number it is nearest."""
    if not words or any(root(w) not in units for w in words[1:]):
        return None
    value = lone_number_slip(words[0])
    return None if value is None else Amount(float(value), None)


def _active(words: list[str]) -> list[str]:
    """ "Western powers led by the US" as "US-led Western powers" is written."""
    for i, word in enumerate(words[:-2]):
        if word == "led" and words[i + 1] == "by" and i > 0:
            return [*words[i + 2 :], "led", *words[:i]]
    return words


def _same_bag(given: list[str], target: list[str]) -> bool:
    """The same words in another order around a link word ("the steel mill in Karachi" for
    "Karachi steel mill"); without one, order may carry meaning ("India over Pakistan")."""
    if not _LINKS & {*given, *target} - ARTICLES:
        return False
    bag_given = Counter(stem(w) for w in given if w not in _LINKS)
    bag_target = Counter(stem(w) for w in target if w not in _LINKS)
    return sum(bag_target.values()) >= 2 and bag_given == bag_target


def _turned_round(given: list[str], target: list[str]) -> tuple[Match, str] | None:
    """A phrase turned round a link word with its words misspelt or in another form ("the
    bilateral era" for "the era of bilateralism"): each word paired with its nearest."""
    if not _LINKS & {*given, *target} - ARTICLES:
        return None
    left = [w for w in target if w not in _LINKS]
    pairs = []
    for word in (w for w in given if w not in _LINKS):
        close = [(d, t) for t in left if (d := spelling_distance(word, t)) is not None]
        if not close:
            return None
        pairs.append(min(close))
        left.remove(min(close)[1])
    if left or len(pairs) < 2:
        return None
    if all(slip_forgiven(d, t) for d, t in pairs):
        return "right", "spelling"
    return "near", "check the words"


def _parts(text: str) -> list[str]:
    return [p for p in _LIST_SPLIT.split(text) if normalize(p)]


def _list_match(given: str, target: str, echo: frozenset[str]) -> tuple[Match, str] | None:
    """Lists ("Dhaka and Karachi"): the same items in any order are right, some of them a
    near miss; None when the answer is no list."""
    targets, givens = _parts(target), _parts(given)
    if len(targets) < 2:
        return None
    left = list(targets)
    for part in givens:
        found = next((t for t in left if compare_text(part, t, echo)[0] == "right"), None)
        if found is None:
            return None
        left.remove(found)
    if not left:
        return "right", ""
    return "near", f"{len(givens)} of {len(targets)} named"


def compare_text(
    given: str, target: str, echo: frozenset[str] = frozenset(), *, question: str | None = None
) -> tuple[Match, str]:
    """Compare a student's answer with one accepted answer.

    Args:
        given: What the student typed (no negation or hedge: `marking` deals with those).
        target: The accepted answer.
        echo: The question's words, which may surround the answer without changing it.
        question: The question, when known: a number alone answers an answer with words
            after its number ("the two communist giants") only when the question asks a
            count or names those words.

    Returns:
        "right", "near" or "wrong", and a note for the student ("" when there is none).
    """
    if same_text(given, target):
        return "right", ""
    if question is not None:
        given = _without_models(given, question, target)
    target_range = read_range(target)
    # A range's years in two digits fall in the century of the card's range ("'63 to '78").
    century = target_range[0].year // 100 * 100 if target_range is not None else None
    given_range = read_range(given, century)
    if given_range is not None and target_range is not None:
        return ("right", "") if given_range == target_range else ("wrong", "")
    given_words, target_words = expand(plain_words(given)), expand(plain_words(target))
    given_core, target_core = _active(core(given_words, echo)), _active(core(target_words, echo))
    if given_core == target_core or "".join(given_core) == "".join(target_core):
        return "right", ""
    # Durations keep their articles ("half a century") and may repeat the question's unit.
    spoken = [w for w in given_words if w in _UNIT_WORDS or root(w) not in echo]
    while spoken[:1] and spoken[0] in ("after", "for", "in", "the", "it", "was", "is"):
        spoken = spoken[1:]
    given_span, target_span = parse_duration(spoken), parse_duration(target_words)
    if given_span is not None and target_span is not None:
        return ("right", "") if same_duration(given_span, target_span) else ("wrong", "")
    # Sums read from the text as written first: "$" and "-" are gone from the words.
    target_sum = parse_amount(target)
    if target_sum is None and (
        question is None or _count_asked(given_words, target_words, question)
    ):
        # "three agreements" when the question asks how many; not "the two communist giants",
        # which names them: "two" is no answer to what they are called.
        target_sum = _quantity(target_core, None)
    if target_sum is not None:
        allowed = echo | NUMBER_TRAILERS | {root(w) for w in target_words}
        counted = given_core[1:] if given_core[:1] in (["after"], ["for"]) else given_core
        given_sum = parse_amount(given) or _quantity(counted, allowed)
        if given_sum is None:
            slipped = _number_slip(counted, allowed)
            if slipped is not None:
                right = compare_amounts(slipped, [target_sum])[0] == "right"
                return ("right", "spelling") if right else ("wrong", "")
        else:
            return compare_amounts(given_sum, [target_sum])
    if initials_match(_named(given_words, echo), _named(target_words, echo)):
        return "right", ""
    listed = _list_match(given, target, echo)
    if listed is not None:
        return listed
    if _same_bag(given_core, target_core):
        return "right", ""
    if numbers_in_words(given_core) == numbers_in_words(target_core):
        return "right", ""  # a number in figures for words, among other words ("over 4 decades")
    turned = _turned_round(given_core, target_core)
    if turned is not None:
        return turned
    forgiven = slips_forgiven(given_core, target_core)
    if forgiven is None and _slip_in_a_short_part(given_core, target_core, target):
        forgiven = False  # "Adnan Ali Sha": half, as a slip in a longer part of a name is
    if forgiven is None and len(target_core) != len(given_core):
        # Spaces in the wrong places ("Yastr zhembsky"): right when forgiven, never half.
        joined = slips_forgiven(["".join(given_core)], ["".join(target_core)])
        forgiven = True if joined else None
    if forgiven is None:
        return "wrong", ""
    if forgiven and word_slips(given_core, target_core) == [0] * len(target_core):
        return "right", ""  # forms only: a plural or a possessive ("the Cold War's")
    return ("right", "spelling") if forgiven else ("near", "check the spelling")


def _slip_in_a_short_part(given: list[str], target: list[str], written: str) -> bool:
    """Whether the words are a name of several words ("Adnan Ali Shah") with a slip of one
    letter in a part too short for the slip rules ("Sha", "Aly"), and every other part the
    name's own or a slip of it: a near miss, as a slip in a longer part is. The short part
    must begin as the name's does, so another name ("Adnan Ali Khan") is never near it."""
    words = written.split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return False
    if not len(given) == len(target) == len(words):
        return False
    slipped = False
    for g, t in zip(given, target, strict=True):
        if spelling_distance(g, t) is not None:
            continue
        if min(len(g), len(t)) >= 4 or g[:1] != t[:1] or int(OSA.distance(g, t)) != 1:
            return False
        slipped = True
    return slipped


def _named(words: list[str], echo: frozenset[str]) -> list[str]:
    """A name's words: `core` keeps a leading "a" that is an initial ("A. Kozyrev")."""
    if len(words) == 2 and words[0] == "a":
        return words
    return core(words, echo)


def best(results: Sequence[tuple[Match, str, str]]) -> tuple[Match, str, str]:
    """The best of several (match, note, answer) results: right, else near, else wrong."""
    rank = {"right": 2, "near": 1, "wrong": 0}
    return max(results, key=lambda r: rank[r[0]])


_COUNT_ASKED = re.compile(
    r"(?i)\bhow\s+(?:many|much|long|old|often|far)\b|\bnumber\s+of\b|\bwhat\s+(?:number|amount|sum|share|figure|price|percentage)\b"
)


def _count_asked(given_words: list[str], target_words: list[str], question: str) -> bool:
    """Whether a number may answer for an answer that is a number with words after it: the
    student says those words too, or the question asks a count or names them."""
    words = [
        w for w in target_words if w.isalpha() and w not in ARTICLES and number_word(w) is None
    ]
    if not words or all(root(w) in {root(g) for g in given_words} for w in words):
        return True
    if _COUNT_ASKED.search(question):
        return True
    asked = roots_of(question)
    return all(root(w) in asked for w in words)


# A model's name with a figure in it, as the question writes it: "Su-30", "MiG-29K", "T-90".
_MODEL = re.compile(r"\b[A-Za-z]+-\d+[A-Za-z]*\b")


def _without_models(given: str, question: str, target: str) -> str:
    """The student's text without the models the question names ("140 Su-30 MKI fighters"
    is 140 fighters): their figures are names, not a second number. Kept when the answer
    itself names a model."""
    if _MODEL.search(target):
        return given
    kept = given
    for model in set(_MODEL.findall(question)):
        kept = re.sub(rf"(?i)(?<![\w-]){re.escape(model)}(?![\w-])", " ", kept)
    return " ".join(kept.split()) or given
