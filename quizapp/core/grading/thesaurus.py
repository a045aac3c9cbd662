"""A word's other words, from WordNet: synonyms, derived forms and irregular forms.

The lexicon in `synonyms` holds a few groups written by hand; a student's own words are
open-ended ("unsure" for uncertain, "distrust" for suspicion, "computerizing" for
computerization). This reads thesaurus.txt.gz, built from WordNet 3.0 by
.ci/build_thesaurus.py, which keeps only common words in their frequent senses.

Two words are taken for one another when one of their base forms ("computerizing" ->
"computerize") is the other's, shares a synset with it, is derived from it ("available",
"availability"), or is the next broader noun ("statement" for a declaration, never the
narrower for the broader). A plural is a noun: it meets only what its singular's noun senses
derive ("finances", financial; never "experts", expertise). One step only:
a synonym of a synonym is often another thing, and two kinds of one thing (tanks, jets) are
never one another.
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

# WordNet's rules of detachment: an ending and what replaces it (its `morphy`).
_ENDINGS = (
    ("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
    ("men", "man"), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
    ("ing", "e"), ("ing", ""), ("er", ""), ("est", ""), ("er", "e"), ("est", "e"),
)  # fmt: skip


@dataclass(frozen=True)
class Thesaurus:
    """The words of the data file.

    Attributes:
        synonyms: Each word's synonyms (words sharing a frequent synset).
        derived: Each word's derived forms, both ways.
        noun_derived: The forms derived from each noun's own senses ("finance" ->
            "financial"), which alone a plural meets ("experts" is never expertise).
        broader: Each noun's next broader nouns ("declaration" -> "statement"), one way: a
            teacher takes the broader word for the narrower, never a narrower one (a kind of
            expert, "parliamentarian", is no word for experts).
        irregular: Each irregular form's bases ("withdrew" -> "withdraw").
        loose: Each word's words in any of its frequent senses, one way: what a student may
            say for the card's word ("former" -> "old").
        opposites: Each word's antonyms in any sense ("new" -> "old"), both ways.
        words: Every word the file knows.
    """

    synonyms: dict[str, frozenset[str]]
    derived: dict[str, frozenset[str]]
    noun_derived: dict[str, frozenset[str]]
    broader: dict[str, frozenset[str]]
    irregular: dict[str, frozenset[str]]
    loose: dict[str, frozenset[str]]
    opposites: dict[str, frozenset[str]]
    words: frozenset[str]


@cache
def thesaurus() -> Thesaurus:
    """The thesaurus, read once (about 0.2 s)."""
    raw = files("quizapp.core.grading").joinpath("thesaurus.txt.gz").read_bytes()
    synonyms: dict[str, set[str]] = defaultdict(set)
    derived: dict[str, set[str]] = defaultdict(set)
    noun_derived: dict[str, set[str]] = defaultdict(set)
    broader: dict[str, set[str]] = defaultdict(set)
    irregular: dict[str, set[str]] = defaultdict(set)
    loose: dict[str, frozenset[str]] = {}
    opposites: dict[str, set[str]] = defaultdict(set)
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        kind, _, rest = line.partition(" ")
        words = rest.split()
        if kind == "=":
            for word in words:
                synonyms[word].update(w for w in words if w != word)
        elif kind == "+":
            a, b = words
            derived[a].add(b)
            derived[b].add(a)
        elif kind == "&":
            noun_derived[words[0]].add(words[1])
        elif kind == "^":  # a noun and the next broader one: the broader for the narrower
            a, b = words
            broader[a].add(b)
        elif kind == "<":
            irregular[words[0]].add(words[1])
        elif kind == "~":
            loose[words[0]] = frozenset(words[1:])
        elif kind == "!":
            opposites[words[0]].add(words[1])
            opposites[words[1]].add(words[0])
    known = frozenset(synonyms) | frozenset(derived) | frozenset(irregular)
    known |= frozenset(broader) | frozenset(w for nouns in broader.values() for w in nouns)
    return Thesaurus(
        {w: frozenset(s) for w, s in synonyms.items()},
        {w: frozenset(s) for w, s in derived.items()},
        {w: frozenset(s) for w, s in noun_derived.items()},
        {w: frozenset(s) for w, s in broader.items()},
        {w: frozenset(s) for w, s in irregular.items()},
        loose,
        {w: frozenset(s) for w, s in opposites.items()},
        known | frozenset(b for bases in irregular.values() for b in bases),
    )


# British -ise spellings, read as WordNet's American -ize ("recognised", "organisation").
_BRITISH = re.compile(r"is(e|ed|es|ing|ation|ations|er|ers)$")


@lru_cache(maxsize=1 << 14)
def base_forms(word: str) -> frozenset[str]:
    """The word and the bases WordNet's rules find for it ("computerizing" -> "computerize")."""
    book = thesaurus()
    found = {word}
    for spelling in {word, _BRITISH.sub(r"iz\1", word)}:
        if spelling in book.words:
            found.add(spelling)
        found.update(book.irregular.get(spelling, ()))
        for ending, replacement in _ENDINGS:
            if spelling.endswith(ending) and len(spelling) >= len(ending) + 2:
                base = spelling[: -len(ending)] + replacement
                if base in book.words:
                    found.add(base)
    return frozenset(found)


@lru_cache(maxsize=1 << 14)
def _synonyms(word: str) -> frozenset[str]:
    """The base forms of the word with their synonyms."""
    book = thesaurus()
    found = set(base_forms(word))
    for base in base_forms(word):
        found |= book.synonyms.get(base, frozenset())
    return frozenset(found)


@lru_cache(maxsize=1 << 15)
def _derived_from(given: str, target: str) -> bool:
    """Whether a base of one word is derived from a base of the other; a base reached from a
    plural ("experts" -> expert) is a noun, and meets only what its noun senses derive."""
    book = thesaurus()
    for one in base_forms(given):
        for other in base_forms(target):
            if other not in book.derived.get(one, ()):
                continue
            if _plural_of(given, one) and other not in book.noun_derived.get(one, ()):
                continue
            if _plural_of(target, other) and one not in book.noun_derived.get(other, ()):
                continue
            return True
    return False


def _plural_of(word: str, base: str) -> bool:
    return word != base and (word in (f"{base}s", f"{base}es") or word == f"{base[:-1]}ies")


def taken_for(given: str, target: str) -> bool:
    """Whether a teacher takes the student's word for the card's (one step in WordNet)."""
    if given == target:
        return True
    given_bases = base_forms(given)
    if any(base != target and target.endswith(base) for base in given_bases):
        return False  # a compound's head is not the compound: "power" for superpower
    if _synonyms(given) & base_forms(target) or given_bases & _synonyms(target):
        return True
    if _derived_from(given, target):
        return True
    book = thesaurus()
    return any(
        given_bases & (book.loose.get(base, frozenset()) | _broader_than(base))
        for base in base_forms(target)
    )


@cache
def _broader_than(word: str) -> frozenset[str]:
    """The next broader nouns of the word; none for a compound that ends in a word WordNet
    gives for it ("superpower", power): its first part is what sets it apart, and a broader
    noun ("country") drops it."""
    book = thesaurus()
    own = book.loose.get(word, frozenset()) | book.synonyms.get(word, frozenset())
    compound = any(other != word and word.endswith(other) for other in own)
    return frozenset() if compound else book.broader.get(word, frozenset())


def opposed(word: str, other: str) -> bool:
    """Whether WordNet gives the two words, in some form, as antonyms ("new", "old")."""
    book = thesaurus()
    return any(
        base_forms(word) & book.opposites.get(base, frozenset()) for base in base_forms(other)
    )


def contradicts(word: str, other: str) -> bool:
    """Whether the word is the antonym of the other or of an adjective WordNet calls similar
    to it both ways ("little": enormous is similar to big, whose antonym it is)."""
    if word == other:
        return False
    if opposed(word, other):
        return True
    book = thesaurus()
    bases = base_forms(word)
    for base in base_forms(other):
        for similar in book.loose.get(base, frozenset()):
            if base in book.loose.get(similar, frozenset()) and bases & book.opposites.get(
                similar, frozenset()
            ):
                return True
    return False
