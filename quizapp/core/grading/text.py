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
     "kozyrev", "seato", "cento", "nato", "austria", "australia", "sudan", "sweden", "swiss"}
)  # fmt: skip
# Spellings that differ only in how a Russian or Urdu name was written in Latin letters
# (Rutskoi/Rutskoy, Aleksandr/Alexander, Khrushchev/Kruschev, Liaquat/Liaqat) fold alike.
_TRANSLITERATIONS = (
    ("shch", "sh"), ("sch", "sh"), ("tch", "ch"), ("kh", "k"), ("zh", "z"), ("ks", "x"),
    ("ph", "f"), ("ck", "k"), ("qu", "k"), ("q", "k"), ("w", "v"), ("ou", "u"), ("oo", "u"),
    ("ee", "i"), ("dh", "d"), ("y", "i"),
)  # fmt: skip
# Slips the marker forgives in full: one edit in a word of 8 letters or more, two from 12.
_RIGHT_EDITS = ((12, 2), (8, 1))
# Slips it half forgives: one edit from 4 letters, two from 8, three from 12.
_NEAR_EDITS = ((12, 3), (8, 2), (4, 1))


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
    words = plain_words(text)
    # An article followed by a one-letter word is an initial ("A. Q. Khan"), so keep it.
    if len(words) > 1 and words[0] in _ARTICLES and len(words[1]) > 1:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1 << 16)
def plain_words(text: str) -> list[str]:
    """The words of `text` folded as `normalize` folds them, leading article kept."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ").replace("%", " percent ")
    text = re.sub(r"['’ʼ`´](?=\d\d\b)", " ", text)  # "April '92": the year stays a number
    text = re.sub(r"['’ʼ`´]", "", text)  # "Pakistan's" -> "pakistans", not "pakistan s"
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # thousands separators
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", "", text)  # "U.S.S.R." -> "ussr"; "1.2" kept
    return _TOKEN.findall(text)


def compact(text: str) -> str:
    """Return `normalize(text)` without spaces, so "Shanghai-5" equals "Shanghai5".

    Args:
        text: Any text.

    Returns:
        The normalised text with its spaces removed.
    """
    return normalize(text).replace(" ", "")


def stem(word: str) -> str:
    """A plural's singular, roughly: "mills" -> "mill", "countries" -> "country"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 16)
def transliterate(word: str) -> str:
    """The word with its Latin spelling of Russian or Urdu sounds folded, doubles single."""
    if word.startswith("ye"):
        word = "e" + word[2:]  # Yeltsin/Eltsin, Yevgeny/Evgeny
    for spelt, folded in _TRANSLITERATIONS:
        word = word.replace(spelt, folded)
    word = re.sub(r"(.)\1+", r"\1", word)
    return re.sub(r"c(?=[aou]|$)", "k", word)


def _word_distance(given: str, target: str) -> int | None:
    """Edit distance between two words if it is a plausible misspelling, else None."""
    if given == target:
        return 0
    if any(c.isdigit() for c in given + target):
        return None  # numbers and years are never fuzzy: 1956 is not 1965
    if stem(given) == stem(target):
        return 0  # a plural or a possessive for a singular ("war's", "wars"), or the reverse
    if min(len(given), len(target)) < 4:
        return None  # too short to tell a typo from another word
    if given in _DISTINCT_NAMES and target in _DISTINCT_NAMES:
        return None
    folded_given, folded_target = transliterate(given), transliterate(target)
    if folded_given == folded_target:
        return 0
    if folded_given[0] != folded_target[0]:
        return None  # "export" is no slip for "import", nor "unipolar" for "bipolar"
    # OSA counts a swap of neighbours as one edit ("Yelstin" -> "Yeltsin").
    distance = int(OSA.distance(folded_given, folded_target))
    longest = max(len(given), len(target))
    limit = next((edits for size, edits in _NEAR_EDITS if longest >= size), 0)
    return distance if distance <= limit else None


def slip_forgiven(distance: int, target: str) -> bool:
    """Whether a slip of `distance` edits in the word `target` counts as right."""
    if distance == 0:
        return True
    return any(len(target) >= size and distance <= edits for size, edits in _RIGHT_EDITS)


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
    slips = word_slips(given.split(), target.split())
    return None if slips is None else sum(slips)


def word_slips(given: list[str], target: list[str]) -> list[int] | None:
    """The edits in each word when `given` misspells `target` word for word, else None."""
    if not given or len(given) != len(target):
        return None
    slips = []
    for g, t in zip(given, target, strict=True):
        distance = _word_distance(g, t)
        if distance is None:
            return None
        slips.append(distance)
    return slips


def slips_forgiven(given: list[str], target: list[str]) -> bool | None:
    """True when every word of `given` is `target`'s or a forgiven slip of it; False when
    some are only near misses; None when they are not a misspelling at all."""
    slips = word_slips(given, target)
    if slips is None:
        return None
    return all(slip_forgiven(d, t) for d, t in zip(slips, target, strict=True))
