"""Source passages against reference texts: where a misquote comes closest, and how it differs.

A passage must appear in one of the texts with only white space different. When it does not,
the closest passage of the texts is found (rapidfuzz's best partial alignment) and the first
differences are marked in brackets, naming look-alike characters (a straight apostrophe for a
curly one, a hyphen for a dash) that the eye does not see.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

LOOK_ALIKES = {
    "'": "a straight apostrophe",
    "’": "a curly apostrophe",
    "‘": "a curly opening quote",
    '"': "a straight double quote",
    "“": "a curly opening double quote",
    "”": "a curly closing double quote",
    "-": "a hyphen",
    "–": "an en dash",
    "—": "an em dash",
    "…": "an ellipsis character",
    "\xa0": "a no-break space",
}
MAX_DIFFERENCES = 3
CONTEXT = 12


@dataclass(frozen=True)
class Reference:
    """A reference text: its name (a file name) and its text."""

    name: str
    text: str
    folded: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "folded", fold_space(self.text))


@dataclass(frozen=True)
class Closest:
    """The passage of a text that comes closest to a misquote."""

    name: str
    line: int
    passage: str
    score: float


def fold_space(text: str) -> str:
    """White space folded, nothing else (as the source checker compares passages)."""
    return re.sub(r"\s+", " ", text).strip()


def found_in(passage: str, texts: Sequence[Reference]) -> bool:
    folded = fold_space(passage)
    return any(folded in reference.folded for reference in texts)


def closest(passage: str, texts: Sequence[Reference]) -> Closest | None:
    """The closest passage of any text, or None when nothing is even near (score under 60)."""
    from rapidfuzz import fuzz

    folded = fold_space(passage)
    best: Closest | None = None
    for reference in texts:
        found = fuzz.partial_ratio_alignment(folded, reference.folded, score_cutoff=60)
        if found is None or (best is not None and found.score <= best.score):
            continue
        window = _widen(reference.folded, found.dest_start, found.dest_end, folded).strip()
        line = _line_of(reference.text, window)
        best = Closest(reference.name, line, window, found.score)
    return best


def _widen(text: str, start: int, end: int, passage: str) -> str:
    """The aligned window, grown by a margin and then cropped to what matches the passage.

    The alignment is as long as the passage; a text with words the passage lacks (or the
    other way round) would otherwise be cut short or padded with unrelated words.
    """
    margin = max(10, len(passage) // 4)
    low, high = max(0, start - margin), min(len(text), end + margin)
    window = text[low:high]
    blocks = [
        b
        for b in SequenceMatcher(None, passage, window, autojunk=False).get_matching_blocks()
        if b.size >= 3
    ]
    if not blocks:
        return text[start:end]
    first, last = blocks[0], blocks[-1]
    # Keep the text's words whole at both ends, and what the passage has before its first match.
    begin = max(0, first.b - first.a)
    finish = min(len(window), last.b + last.size + (len(passage) - last.a - last.size))
    while begin > 0 and window[begin - 1] != " ":
        begin -= 1
    while finish < len(window) and window[finish] not in " .,;:":
        finish += 1
    return window[begin:finish]


def _line_of(text: str, folded_window: str) -> int:
    """The line of the original text where the window starts (its first words found)."""
    words = folded_window.split()[:4]
    if not words:
        return 1
    pattern = r"\s+".join(map(re.escape, words))
    match = re.search(pattern, text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def differences(passage: str, text: str) -> list[str]:
    """The first places where the passage differs from the text, marked in brackets."""
    a, b = fold_space(passage), fold_space(text)
    found = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        mine = a[max(0, i1 - CONTEXT) : i1] + "[" + a[i1:i2] + "]" + a[i2 : i2 + CONTEXT]
        theirs = b[max(0, j1 - CONTEXT) : j1] + "[" + b[j1:j2] + "]" + b[j2 : j2 + CONTEXT]
        note = _look_alike(a[i1:i2], b[j1:j2])
        found.append(f'"{mine}" where the text has "{theirs}"{note}')
        if len(found) == MAX_DIFFERENCES:
            break
    return found


def _look_alike(mine: str, theirs: str) -> str:
    if len(mine) == 1 and len(theirs) == 1 and (mine in LOOK_ALIKES or theirs in LOOK_ALIKES):
        return f" ({LOOK_ALIKES.get(mine, repr(mine))} for {LOOK_ALIKES.get(theirs, repr(theirs))})"
    return ""
