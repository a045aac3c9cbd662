"""Other words for the same thing: a small lexicon of groups a teacher takes for one another.

The marker reads forms; a student's own words for the answer ("a famine" for a food crisis,
"Vice Foreign Minister" for Deputy Foreign Minister) are another matter. When an answer does
not match as written, the marker reads it a second time through this lexicon, with the card's
answers, wrong options and question: each member of a group becomes the group's head, and
the ordinary rules compare the readings again.

The groups are generic and each holds only words that mean the same thing wherever the
article uses them: never Soviet and Russian, economic and trade, or a word whose sense the
article sets apart. A group reads a card only when

- the card itself speaks of the thing: one of the group's members is in its answer, an
  alternative or its question (so "several thousand" is never read as "thousands", which the
  number rules take for 1,000, on a card that has no thousands), and
- the card does not set two members against each other: a card whose accepted answers use
  one member and whose wrong options another (Deputy Foreign Minister right, Vice Foreign
  Minister wrong) means the difference, and the group is off for it.

A word with another sense elsewhere (`fighters`: combatants or aircraft) is read in a group
only when the card uses one of the group's plain members (`freedom fighters`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Group:
    """Words for one thing.

    Attributes:
        head: What every member is read as (lower case).
        members: Each member's forms, "|"-separated ("prisoner|prisoners"); the forms of one
            member are one word, so a card using two of them sets nothing against anything.
        ambiguous: Forms read as the head only when the card uses one of `members`.
    """

    head: str
    members: tuple[str, ...]
    ambiguous: tuple[str, ...] = ()


# In the order they are read: a later group reads what an earlier one wrote ("atomic arms"
# becomes "nuclear weapons" before the group of nuclear weapons reads it).
GROUPS: tuple[Group, ...] = (
    Group("nuclear", ("nuclear", "atomic")),
    Group("weapons", ("weapons|weapon|weaponry", "arms|armaments")),
    Group("nuclear weapons", ("nuclear weapons", "nukes|nuke", "nuclear arsenal|nuclear arsenals")),
    Group("deputy", ("deputy", "vice")),
    Group(
        "interior minister",
        (
            "interior minister|interior ministers|minister of interior|minister of the interior"
            "|minister for interior|minister for the interior",
            "home minister|home ministers",
        ),
    ),
    # Before the troops: "soldiers held captive" are prisoners of war, not troops.
    Group(
        "pows",
        (
            "prisoners of war|prisoner of war",
            "pows|pow|pow's",
            "prisoners|prisoner",
            "captives|captive soldiers|soldiers held captive",
        ),
    ),
    Group(
        "rebels",
        ("freedom fighters|freedom fighter", "rebels|rebel", "militants", "insurgents|insurgent"),
        ambiguous=("fighters|fighter",),
    ),
    Group(
        "support",
        (
            "support|supports|supporting|supported",
            "help|helps|helping|helped",
            "aid|aiding|aided",
            "backing|backed",
            "assistance",
        ),
    ),
    Group(
        "food crisis",
        (
            "food crisis|food crises",
            "food shortage|food shortages|shortage of food|shortages of food",
            "famine|famines",
        ),
    ),
    Group("thousands", ("thousands", "several thousand")),
    # A quantity of a thing that is not counted: "a huge amount of soul searching".
    Group(
        "much",
        (
            "much",
            "a great deal of|a good deal of|great deal of",
            "a lot of|lots of",
            "a huge amount of|a large amount of|a great amount of|a vast amount of"
            "|huge amounts of|large amounts of",
        ),
    ),
    Group("talks", ("talks", "negotiations|negotiation", "dialogue|dialog")),
    Group("troops", ("troops", "soldiers|soldier", "armed forces|forces")),
    Group("withdrawal", ("withdrawal|withdrawals", "pull out|pullout|pull outs|pullouts")),
    Group("visit", ("visit|visits", "trip|trips")),
    # Between states: "ties with India" are relations with it ("relation" alone is no member:
    # "in relation to" relates nothing).
    Group("relations", ("relations", "relationship|relationships", "ties")),
    # What is done to relations: to upgrade them is to improve them (a better relation, not a
    # higher rank, wherever the article says either).
    Group(
        "improve",
        ("improve|improves|improving|improved", "upgrade|upgrades|upgrading|upgraded"),
    ),
    # A regime another power installs and controls.
    Group("proxy", ("proxy|proxies", "puppet|puppets")),
    Group("periphery", ("periphery|peripheries", "borders", "borderlands|borderland")),
    # The US-led camp: "the West" is read so only on a card that speaks of it ("West Germany"
    # on such a card becomes no right answer: it names a nation the card does not).
    Group(
        "western powers",
        (
            "western powers|western power",
            # (not "western nations" too: the thesaurus reads nations as countries already)
            "western countries|western country",
            "western bloc",
            "western camp",
            "western world",
        ),
        ambiguous=("west",),
    ),
    # "benefit to both sides" is mutual benefit; "funds agreed by both sides", mutually agreed.
    # The head keeps a link word, so that the words may stand in either order around it.
    Group(
        "of both sides",
        (
            "mutually|mutual",
            "by both sides|to both sides|for both sides|of both sides|on both sides"
            "|by both parties|to both parties|for both parties|by both countries"
            "|to both countries|for both countries",
        ),
    ),
)

_APOSTROPHE = "['’ʼ]"


def _pattern(forms: Iterable[str]) -> re.Pattern[str]:
    """Any of the forms as whole words, longest first; a space between words may be written
    as a hyphen ("pull-out"), an apostrophe any way ("POW’s")."""
    alternatives = []
    for form in sorted(forms, key=len, reverse=True):
        words = [re.escape(w).replace("'", _APOSTROPHE) for w in form.split()]
        alternatives.append(r"[\s\-]+".join(words))
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})(?![^\W_])", re.IGNORECASE)


@dataclass(frozen=True)
class _Compiled:
    group: Group
    members: tuple[re.Pattern[str], ...]
    every: re.Pattern[str]  # members and ambiguous forms
    plain: re.Pattern[str]  # members only


def _compile(group: Group) -> _Compiled:
    members = tuple(_pattern(m.split("|")) for m in group.members)
    plain = [f for m in group.members for f in m.split("|")]
    ambiguous = [f for a in group.ambiguous for f in a.split("|")]
    return _Compiled(group, members, _pattern([*plain, *ambiguous]), _pattern(plain))


_COMPILED = tuple(_compile(group) for group in GROUPS)


def _used(compiled: _Compiled, texts: Iterable[str]) -> set[int]:
    """Which members (by index) the texts use."""
    return {i for i, p in enumerate(compiled.members) for t in texts if p.search(t)}


@dataclass(frozen=True)
class Reading:
    """A card's texts and a student's answer, each read through the groups on for the card.

    Attributes:
        answer: The student's answer, read.
        accepted: The card's answer and alternatives, read.
        wrong: The card's wrong options, read.
        question: The question, read.
        groups: The heads of the groups that read the card.
    """

    answer: str
    accepted: tuple[str, ...]
    wrong: tuple[str, ...]
    question: str
    groups: tuple[str, ...]


def read_through(
    answer: str, accepted: Sequence[str], wrong: Sequence[str] = (), question: str = ""
) -> Reading:
    """The answer and the card read through the lexicon (see the module's notes on which
    groups read a card)."""
    return _read(answer, tuple(accepted), tuple(wrong), question)


@lru_cache(maxsize=1 << 12)
def _read(answer: str, accepted: tuple[str, ...], wrong: tuple[str, ...], question: str) -> Reading:
    texts = [answer, *accepted, *wrong, question]
    n = len(accepted)
    heads = []
    for compiled in _COMPILED:
        card_side = texts[1 : 1 + n]
        if not _used(compiled, [*card_side, texts[-1]]):
            continue  # the card does not speak of the thing
        right, wrong_used = _used(compiled, card_side), _used(compiled, texts[1 + n : -1])
        if right and wrong_used - right:
            continue  # the card sets two members against each other
        head = compiled.group.head
        texts = [compiled.every.sub(head, text) for text in texts]
        heads.append(head)
    return Reading(
        texts[0], tuple(texts[1 : 1 + n]), tuple(texts[1 + n : -1]), texts[-1], tuple(heads)
    )


def sets_apart(accepted: Sequence[str], wrong: Sequence[str]) -> bool:
    """Whether the card sets two members of a group against each other (its accepted answers
    use one, its wrong options another): it means the difference between words for one
    thing, and no reading in other words suits it."""
    for compiled in _COMPILED:
        right, wrong_used = _used(compiled, accepted), _used(compiled, wrong)
        if right and wrong_used - right:
            return True
    return False
