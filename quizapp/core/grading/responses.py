"""Reading a student's response to each question format, and grading a matching."""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizapp.core.grading.marking import Outcome, Verdict
from quizapp.core.scheduling.rating import Rating

LETTERS = "abcdefgh"
# Blanks of a cloze are typed into separate boxes; stored and logged joined by this mark.
BLANK_SEPARATOR = " | "
_TRUE = frozenset({"true", "t", "yes", "y"})
_FALSE = frozenset({"false", "f", "no", "n"})
_PAIR = re.compile(r"(\d+)\s*[-:=>.)]*\s*([a-z])")


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
    """Read an ordering typed as letters ("cabd", "c, a, b, d").

    Args:
        text: The student's letters, earliest event first.
        count: How many events there are.

    Returns:
        The option indexes in the student's order, or None unless every one of the first
        `count` letters appears exactly once and nothing else does.
    """
    letters = [c for c in text.lower() if c.isalnum()]
    allowed = LETTERS[:count]
    if len(letters) != count or sorted(letters) != sorted(allowed):
        return None
    return [allowed.index(c) for c in letters]


def parse_pairs(text: str, items: int, options: int) -> dict[int, int] | None:
    """Read matched pairs typed as "1c 2a 3b" (also "1-c, 2-a" or "1c2a3b").

    Args:
        text: The student's pairs.
        items: How many numbered items there are.
        options: How many lettered options there are.

    Returns:
        Item index to option index, or None when the text holds anything but pairs of a
        known number and a known letter, or names a number twice. Items may be left out.
    """
    cleaned = text.lower()
    found = _PAIR.findall(cleaned)
    if _PAIR.sub("", cleaned).strip(" ,;") or not found:
        return None
    pairs: dict[int, int] = {}
    for number, letter in found:
        item = int(number) - 1
        if not 0 <= item < items or letter not in LETTERS[:options] or item in pairs:
            return None
        pairs[item] = LETTERS.index(letter)
    return pairs


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
