"""Every setting a student can change: its name, default, what it means, and its check.

Names are the ones `quizapp config` takes (hyphenated). A value is written and kept as text;
`Definition.parse` reads it, raising `SettingError` with what is wrong in words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from quizapp.core.progress.sync import SYNC_FOLDER


class SettingError(ValueError):
    """A value a setting cannot take; the message says why, in words."""


@dataclass(frozen=True)
class Definition:
    """One setting."""

    key: str
    default: str
    meaning: str  # one line, for `quizapp config` and the settings screen
    parse: Callable[[str], object]
    per_deck: bool = True  # False: one value for every deck


def whole(low: int, high: int, what: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise SettingError(f"{what} is a whole number, not {text!r}") from None
        if not low <= value <= high:
            raise SettingError(f"{what} is from {low} to {high}, not {value}")
        return value

    return parse


def retention(text: str) -> float:
    """A share from 0.70 to 0.99; "90%" is read as 0.90."""
    raw = text.strip()
    try:
        value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise SettingError(f"retention is a share such as 0.9 or 90%, not {text!r}") from None
    if not 0.70 <= value <= 0.99:
        raise SettingError(
            f"retention is from 0.70 to 0.99 (70% to 99%), not {raw}: below, too much is "
            "forgotten; above, reviews grow without end"
        )
    return round(value, 4)


_STEP = re.compile(r"^(\d+(?:\.\d+)?)([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def steps(text: str) -> tuple[timedelta, ...]:
    """Steps as Anki writes them: "1m 10m", "10m 1h 1d"; "" or "none" for no steps."""
    words = text.replace(",", " ").split()
    if words in ([], ["none"]):
        return ()
    found = []
    for word in words:
        match = _STEP.match(word)
        if match is None:
            raise SettingError(
                f"a step is a number and a unit (s, m, h or d), as in '1m 10m', not {word!r}"
            )
        step = timedelta(**{_UNITS[match.group(2)]: float(match.group(1))})
        if not timedelta(seconds=1) <= step <= timedelta(days=365):
            raise SettingError(f"a step is from 1s to 365d, not {word}")
        found.append(step)
    if found != sorted(found):
        raise SettingError("steps go from the shortest to the longest")
    return tuple(found)


def choice(*allowed: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = text.strip().lower()
        if value not in allowed:
            raise SettingError(f"one of {', '.join(allowed)}, not {text!r}")
        return value

    return parse


DEFINITIONS: dict[str, Definition] = {
    d.key: d
    for d in (
        Definition("new-per-day", "20", "new cards a day", whole(0, 9999, "new cards a day")),
        Definition(
            "reviews-per-day", "200", "reviews a day at most", whole(0, 99999, "reviews a day")
        ),
        Definition("retention", "0.9", "the recall FSRS aims for (0.70-0.99)", retention),
        Definition("learning-steps", "1m 10m", "steps of a new card before it graduates", steps),
        Definition("relearning-steps", "10m", "steps of a forgotten card", steps),
        Definition(
            "day-starts-at",
            "4",
            "the hour a study day starts (0-23), for every deck",
            whole(0, 23, "the hour a study day starts"),
            per_deck=False,
        ),
        Definition(
            "new-order", "deck", "new cards in deck order or random", choice("deck", "random")
        ),
        Definition(
            "leech-lapses",
            "8",
            "lapses in a card's recent history that make it a leech",
            whole(1, 99, "leech lapses"),
        ),
        Definition(
            "leech-action",
            "tag",
            "what a leech gets: tag (tagged and flagged) or suspend",
            choice("tag", "suspend"),
        ),
        Definition(
            "bundled-decks",
            "shown",
            "the decks that ship with quizapp: shown or hidden (a class's copy), from next start",
            choice("shown", "hidden"),
            per_deck=False,
        ),
    )
}


def folder(text: str) -> str:
    """A folder's path as written ("~" for the home folder); "" for none."""
    value = text.strip()
    if "\n" in value:
        raise SettingError("a folder's path is one line")
    return value


# Where this machine finds the folder it shares with the student's other machines; one for
# every deck, and never synced itself (another machine finds the folder elsewhere).
DEFINITIONS[SYNC_FOLDER] = Definition(
    SYNC_FOLDER,
    "",
    "a folder your other machines share (Syncthing, Dropbox, a USB stick): the app syncs "
    "with it when it starts and quits",
    folder,
    per_deck=False,
)


def definition(key: str) -> Definition:
    """The setting named `key`; SettingError names the known ones otherwise."""
    found = DEFINITIONS.get(key)
    if found is None:
        raise SettingError(f"no setting named {key!r} (settings: {', '.join(DEFINITIONS)})")
    return found
