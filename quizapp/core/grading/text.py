"""Text normalisation and spelling closeness for tolerant grading."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import OSA

_ARTICLES = frozenset({"the", "a", "an"})
# Runs of letters/digits, keeping a decimal point between digits ("1.2" stays one token).
_TOKEN = re.compile(r"(?:[^\W_]|(?<=\d)\.(?=\d))+")
# Real names close in spelling: a student who writes one of these means it; not a typo.
_DISTINCT_NAMES = frozenset(
    {"iran", "iraq", "india", "russia", "prussia", "khan", "khar", "bhutto", "butt", "kosygin",
     "kozyrev", "seato", "cento", "nato"}
)  # fmt: skip


@lru_cache(maxsize=1 << 16)  # answers and options are compared many times over
def normalize(text: str) -> str:
    """Reduce text to a canonical form for comparison.

    Folds case and accents, drops punctuation (apostrophes and abbreviation dots join, other
    marks separate words), collapses spacing and drops one leading article.

    Args:
        text: Any text, typically a student's answer or a card's answer.

    Returns:
        Lower-case words separated by single spaces; "" when nothing is left.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ")
    text = re.sub(r"['’ʼ`´]", "", text)  # "Pakistan's" -> "pakistans", not "pakistan s"
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # thousands separators
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", "", text)  # "U.S.S.R." -> "ussr"; "1.2" kept
    words = _TOKEN.findall(text)
    # An article followed by a one-letter word is an initial ("A. Q. Khan"), so keep it.
    if len(words) > 1 and words[0] in _ARTICLES and len(words[1]) > 1:
        words = words[1:]
    return " ".join(words)


def compact(text: str) -> str:
    """Return `normalize(text)` without spaces, so "Shanghai-5" equals "Shanghai5".

    Args:
        text: Any text.

    Returns:
        The normalised text with its spaces removed.
    """
    return normalize(text).replace(" ", "")


def _word_distance(given: str, target: str) -> int | None:
    """Edit distance between two words if it is a plausible misspelling, else None."""
    if given == target:
        return 0
    if any(c.isdigit() for c in given + target):
        return None  # numbers and years are never fuzzy: 1956 is not 1965
    if min(len(given), len(target)) < 4:
        return None  # too short to tell a typo from another word
    if given in _DISTINCT_NAMES and target in _DISTINCT_NAMES:
        return None
    # OSA counts a swap of neighbours as one edit ("Yelstin" -> "Yeltsin").
    distance = OSA.distance(given, target)
    return distance if distance <= (1 if max(len(given), len(target)) < 8 else 2) else None


def spelling_distance(given: str, target: str) -> int | None:
    """Total edits if `given` is a misspelling of `target`, word for word, else None.

    Both arguments must already be normalised. The words must correspond one to one, so a
    subset ("Ali" for "Sardar Assef Ali") or an extra word never counts as a misspelling.

    Args:
        given: The student's normalised answer.
        target: A normalised accepted answer.

    Returns:
        The summed edit distance (0 when equal), or None when the answers differ too much.
    """
    given_words, target_words = given.split(), target.split()
    if not given_words or len(given_words) != len(target_words):
        return None
    total = 0
    for g, t in zip(given_words, target_words, strict=True):
        distance = _word_distance(g, t)
        if distance is None:
            return None
        total += distance
    return total
