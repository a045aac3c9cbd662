"""Initialisms a card does not list, read as the card's own words: "NY" for New York, "CARs"
for the Central Asian Republics, "FM" for Foreign Minister.

An all-capitals token (with a plural s or a possessive) is spelt out when its letters are the
initials of a run of words in the card's answer or an alternative; the words then meet the
usual rules, so "Deputy FM of the USSR" is marked as "Deputy Foreign Minister of the USSR".
Only the card's accepted answers are read this way: an initialism the card's words do not
spell stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from quizapp.core.grading.text import plain_words, stem

# Two capitals or more, alone or with a plural s or a possessive ("CARs", "NY's").
_INITIALISM = re.compile(r"(?<![\w'’])([A-Z]{2,})(?:['’]?s)?(?![\w'’])")
_WORD = re.compile(r"[^\W\d_]+")
# Small words an initialism may pass over inside a run ("ECAFE": Economic Commission for
# Asia and the Far East); a run never starts or ends with one.
_SKIPPABLE = frozenset({"of", "for", "and", "the", "in", "on", "to", "a", "an"})
# Initialisms that already name something else are never respelt ("US" is the United States
# even on a card whose answer holds "Uzbek Soldiers").
_KNOWN = frozenset({"us", "usa", "uk", "un", "uno", "ussr", "prc", "ok"})


def spell_out(text: str, accepted: Sequence[str]) -> str:
    """`text` with each initialism of the accepted answers' words written out in full.

    Args:
        text: The student's answer, as typed (capitals tell an initialism).
        accepted: The card's answer and alternatives.

    Returns:
        The text with the initialisms replaced; the text itself when none is found.
    """
    return _INITIALISM.sub(lambda found: _words_for(found, tuple(accepted)), text)


def _words_for(found: re.Match[str], accepted: tuple[str, ...]) -> str:
    letters = found[1].lower()
    if letters in _KNOWN or letters in _own_words(accepted):
        return found[0]  # the card writes it so itself ("NYC", "POWs")
    for answer in accepted:
        run = _run(letters, tuple(_WORD.findall(answer)))
        if run is not None:
            return " ".join(run)
    return found[0]


@lru_cache(maxsize=1 << 10)
def _own_words(accepted: tuple[str, ...]) -> frozenset[str]:
    words = {word for answer in accepted for word in plain_words(answer)}
    return frozenset(words | {stem(word) for word in words})


@lru_cache(maxsize=1 << 12)
def _run(letters: str, words: tuple[str, ...]) -> tuple[str, ...] | None:
    """The first run of `words` whose initials are `letters`, small inner words optional."""
    for start, word in enumerate(words):
        if word.lower() in _SKIPPABLE:
            continue
        end = _spells(letters, words, start)
        if end is not None:
            return words[start:end]
    return None


def _spells(letters: str, words: tuple[str, ...], start: int) -> int | None:
    """Where a run from `start` spelling `letters` ends (exclusive), or None."""
    if not letters:
        return start
    if start >= len(words):
        return None
    word = words[start].lower()
    if word[0] == letters[0]:
        end = _spells(letters[1:], words, start + 1)
        if end is not None:
            return end
    # A small word may be passed over inside a run (never first: `_run` starts on another
    # word; never last: the run ends once the letters are spelt).
    return _spells(letters, words, start + 1) if word in _SKIPPABLE else None
