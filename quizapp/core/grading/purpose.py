"""A purpose said in another of its forms: "so as to strengthen its defences", "strengthening
its defences" and "because it wanted to strengthen its defences" for to strengthen its
defences; "to get economic aid" for economic aid's sake ("for economic aid").

Students say what a thing was for in several grammatical forms that mean the same. Both the
student's text and the card's answers, alternatives and wrong options are read into one form:

- the words that only mark a purpose go: "in order to", "so as to", "so that it could",
  "because it wanted to" become "to"; "because it needed" becomes "for";
- a verb of getting before what is got ("to get", "to obtain", "to gain", "to secure") is
  "for": to get economic aid is for economic aid;
- a verb in -ing, alone or after "for", is the verb after "to" ("strengthening" is "to
  strengthen"), when the thesaurus knows its base as a word;
- a possessive pronoun is "its" (the article calls Pakistan "her").

Nothing else changes, so a wrong purpose stays wrong ("to weaken its defences"). Where the
question does not ask why or what for, the card's -ing word is read as a purpose only when the
student's words say what was to be done ("to", "should", a verb in -ing): otherwise it names a
thing ("engineering equipment" is no purpose, and "Russian engineers" no answer to it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizapp.core.grading.thesaurus import base_forms

_SUBJECT = r"(?:it|they|he|she|pakistan|russia|india|the\s+\w+)"
_MARKERS = (
    (re.compile(r"(?i)\b(?:in\s+order\s+to|so\s+as\s+to)\b"), "to"),
    (re.compile(rf"(?i)\bso\s+that\s+{_SUBJECT}\s+(?:could|would|might|can|may)\b"), "to"),
    (
        re.compile(rf"(?i)\bbecause\s+{_SUBJECT}\s+(?:wanted|wished|hoped|sought|needed)\s+to\b"),
        "to",
    ),
    (re.compile(rf"(?i)\bbecause\s+{_SUBJECT}\s+(?:wanted|needed|sought)\b"), "for"),
    (re.compile(r"(?i)\bto\s+(?:get|obtain|gain|secure|acquire|receive|win)\b"), "for"),
    (re.compile(r"(?i)\b(?:her|his|their)\b"), "its"),
)
_GERUND = re.compile(r"(?i)^(?:for\s+)?([a-z]+ing)\b")


def purpose_form(text: str) -> str:
    """The text with its purpose in one form (see the module's notes)."""
    read = " ".join(text.split())
    for pattern, replacement in _MARKERS:
        read = pattern.sub(replacement, read)
    found = _GERUND.match(read)
    if found is not None:
        verb = found[1].lower()
        bases = sorted(b for b in base_forms(verb) if b != verb and not b.endswith("ing"))
        if bases:
            read = f"to {bases[0]}{read[found.end() :]}"
    return read


_ASKS_WHY = re.compile(
    r"(?i)\b(?:why|what\s+for|for\s+what|purpose|aims?|aimed|objectives?|goals?|intend\w*|"
    r"wanted|wish\w*|sought|seeking|so\s+as|in\s+order|reason|motive\w*|to\s+what\s+end)\b"
)
# Words of the student's that say what was to be done: "to buy arms", "should rethink".
_AIM_WORDS = re.compile(r"(?i)\b(?:to|should|would|could|must|\w{3,}ing)\b")


def read_as_purpose(
    given: str, accepted: Sequence[str], wrong: Sequence[str], question: str = ""
) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
    """The student's text and the card's answers and wrong options in one form of purpose,
    or None when reading them so changes nothing, or changes only the card's words where
    neither the question nor the student speaks of an aim (see the module's notes)."""
    read = purpose_form(given)
    answers = tuple(purpose_form(a) for a in accepted)
    if read == given and answers == tuple(accepted):
        return None
    if read == given and not (_ASKS_WHY.search(question) or _AIM_WORDS.search(given)):
        return None  # "engineering equipment" names a thing: no purpose to read
    return read, answers, tuple(purpose_form(w) for w in wrong)
