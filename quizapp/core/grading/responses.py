"""Reading a student's response to each question format, and grading a matching."""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizapp.core.grading.comparison import compare_text
from quizapp.core.grading.dates import compare_dates, parse_date
from quizapp.core.grading.marking import Outcome, Verdict
from quizapp.core.grading.text import normalize, spelling_distance
from quizapp.core.scheduling.rating import Rating

LETTERS = "abcdefgh"
# Blanks of a cloze are typed into separate boxes; stored and logged joined by this mark.
BLANK_SEPARATOR = " | "
_TRUE = frozenset({"true", "t", "yes", "y"})
_FALSE = frozenset({"false", "f", "no", "n"})
_PAIR = re.compile(r"\(?(\d+)\s*[-:=>.)]*\s*([a-z])(?![a-z])\)?")
_WRITTEN_PAIR = re.compile(r"\(?(\d+)\)?\s*(?:[-:=>.)→–]+\s*|\s+)(.+)", re.DOTALL)
# Words that may join the letters of an ordering: "c then a then b".
_ORDER_WORDS = frozenset(
    {"then", "and", "first", "earliest", "last", "latest", "next", "finally", "followed", "by",
     "after", "that", "before", "order", "is", "the", "to", "from"}
)  # fmt: skip


def parse_letter(text: str, count: int) -> int | None:
    """The option index of a lone letter ("b" -> 1), or None when it is not one of `count`."""
    letter = text.strip().lower().rstrip(")")
    if len(letter) == 1 and letter in LETTERS[:count]:
        return LETTERS.index(letter)
    return None


def parse_bool(text: str) -> bool | None:
    """True for "true", "t", "yes"; False for "false", "f", "no"; None for anything else."""
    word = text.strip().lower()
    return True if word in _TRUE else False if word in _FALSE else None


def split_blanks(response: str | Sequence[str]) -> list[str]:
    """The text of each cloze blank, from the boxes or from their joined form."""
    if isinstance(response, str):
        return [part.strip() for part in response.split("|")]
    return [part.strip() for part in response]


def parse_order(text: str, count: int) -> list[int] | None:
    """Read an ordering typed as letters ("cabd", "c, a, b, d", "C > A > B > D", "c then a
    then b then d", "1) c 2) a 3) b 4) d").

    Args:
        text: The student's letters, earliest event first.
        count: How many events there are.

    Returns:
        The option indexes in the student's order, or None unless every one of the first
        `count` letters appears exactly once and nothing else does (but joining words and
        the positions numbered in order).
    """
    allowed = LETTERS[:count]
    letters: list[str] = []
    for token in re.findall(r"[a-z]+|\d+", text.lower()):
        if token in _ORDER_WORDS:
            continue
        if token.isdecimal() and int(token) == len(letters) + 1:
            continue  # a position: "1) c 2) a"
        if token.isdecimal() or not set(token) <= set(allowed):
            return None
        letters.extend(token)
    if len(letters) != count or sorted(letters) != sorted(allowed):
        return None
    return [allowed.index(c) for c in letters]


def parse_pairs(
    text: str, items: int, options: int, option_texts: Sequence[str] = ()
) -> dict[int, int] | None:
    """Read matched pairs typed as "1c 2a 3b" (also "1-c, 2-a", "1c2a3b" or "1 → c"), or,
    when `option_texts` are given, with an option written out ("1: Kosygin, 2 - Apr 1965")
    and marked with the tolerance of a typed answer.

    Args:
        text: The student's pairs.
        items: How many numbered items there are.
        options: How many lettered options there are.
        option_texts: The options' texts, in letter order.

    Returns:
        Item index to option index, or None when the text holds anything but pairs of a
        known number and a known option, or names a number twice. Items may be left out.
    """
    cleaned = text.lower().replace("→", ">").replace("–", "-")
    found = _PAIR.findall(cleaned)
    if not _PAIR.sub("", cleaned).strip(" ,;\n") and found:
        return _pairs(found, items, options)
    if not option_texts:
        return None
    written: list[tuple[str, str]] = []
    for chunk in re.split(r"[,;\n]+", text):
        if not chunk.strip():
            continue
        match = _WRITTEN_PAIR.fullmatch(chunk.strip())
        if match is None:
            return None
        value = match[2].strip()
        index = _option_index(value, option_texts[:options])
        if index is None:
            return None
        written.append((match[1], LETTERS[index]))
    return _pairs(written, items, options) if written else None


def _pairs(found: Sequence[tuple[str, str]], items: int, options: int) -> dict[int, int] | None:
    pairs: dict[int, int] = {}
    for number, letter in found:
        item = int(number) - 1
        if not 0 <= item < items or letter not in LETTERS[:options] or item in pairs:
            return None
        pairs[item] = LETTERS.index(letter)
    return pairs


def _option_index(value: str, options: Sequence[str]) -> int | None:
    """The option a written answer names: a lone letter, else the one option it is right
    for (by date or by the typed-answer rules), else the one it nearly is or names part of
    ("Kosygin" among the options shown: the student points at one of them)."""
    if len(value) == 1 and value.lower() in LETTERS[: len(options)]:
        return LETTERS.index(value.lower())
    given_date = parse_date(value)
    ranks = []
    for option in options:
        option_date = parse_date(option)
        if given_date is not None and option_date is not None:
            ranks.append(2 if compare_dates(given_date, option_date)[0] == "right" else 0)
        else:
            match = compare_text(value, option)[0]
            words = normalize(option).split()
            part = all(
                any(spelling_distance(w, o) is not None for o in words)
                for w in normalize(value).split()
            )
            ranks.append(2 if match == "right" else 1 if match == "near" or part else 0)
    for rank in (2, 1):
        if ranks.count(rank) == 1:
            return ranks.index(rank)
        if ranks.count(rank) > 1:
            return None
    return None


def format_pairs(pairs: dict[int, int]) -> str:
    """Pairs written as the student types them: "1c 2a 3b"."""
    return " ".join(f"{item + 1}{LETTERS[option]}" for item, option in sorted(pairs.items()))


def grade_matching(given: dict[int, int], key: Sequence[int]) -> Verdict:
    """Grade a matching by the share of items paired with their right option.

    Args:
        given: Item index to the option index the student paired it with (items left out
            count as wrong).
        key: For each item, the index of its right option.

    Returns:
        Correct when every pair is right; almost from half the pairs; else wrong. The
        score is the share of right pairs, and the reason names the right pairs.
    """
    right = sum(given.get(item) == option for item, option in enumerate(key))
    total = len(key)
    if right == total:
        return Verdict(Outcome.CORRECT, 1.0, Rating.GOOD, "Right.")
    answer = format_pairs(dict(enumerate(key)))
    counted = f"{right} of {total} pairs right; the answer is {answer}."
    if not given:
        return Verdict(Outcome.WRONG, 0.0, Rating.AGAIN, f"No answer: {answer}.")
    if right * 2 >= total:
        return Verdict(Outcome.ALMOST, right / total, Rating.HARD, f"Almost: {counted}")
    return Verdict(Outcome.WRONG, right / total, Rating.AGAIN, f"Wrong: {counted}")
