"""What a sync did, in figures and in words: what went out, what came in from which machine,
settings changed on two machines at once, and lines that could not be read."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from quizapp.core.progress import json_fields as jf
from quizapp.core.progress.sync.files import file_name

HERE = "here"  # the machine of an event this one had before the sync


@dataclass
class Counts:
    """Events of each kind (sent, or added from one machine)."""

    reviews: int = 0
    undos: int = 0
    settings: int = 0  # changes of a setting
    marks: int = 0  # card events: suspended, buried, flagged, leech
    exams: int = 0
    plan: bool = False  # the exam plan (sent, or taken from the other machine)

    def __bool__(self) -> bool:
        return any(asdict(self).values())

    def add(self, other: Counts) -> None:
        self.reviews += other.reviews
        self.undos += other.undos
        self.settings += other.settings
        self.marks += other.marks
        self.exams += other.exams
        self.plan = self.plan or other.plan

    def in_words(self) -> str:
        parts = [
            _count(self.reviews, "review"),
            _count(self.undos, "undo"),
            _count(self.settings, "setting change"),
            _count(self.marks, "card mark"),
            _count(self.exams, "exam"),
            "the exam plan" if self.plan else "",
        ]
        return ", ".join(part for part in parts if part)


@dataclass(frozen=True)
class Change:
    """One change of a setting, and the machine it was made on (HERE: this one)."""

    value: str | None  # None: back to the default
    at: datetime
    machine: str

    def in_words(self) -> str:
        value = "the default" if self.value is None else self.value
        where = "here" if self.machine == HERE else f"on {self.machine}"
        return f"{value} ({where}, {self.at.astimezone():%Y-%m-%d %H:%M})"


@dataclass(frozen=True)
class SettingConflict:
    """A setting changed on two machines, neither knowing of the other: the later holds."""

    key: str
    deck: str  # "": every deck
    kept: Change
    lost: Change

    def in_words(self) -> str:
        scope = f" for deck {self.deck}" if self.deck else ""
        later = "the default" if self.kept.value is None else self.kept.value
        return (
            f"{self.key}{scope} was changed on two machines: {self.lost.in_words()} and "
            f"{self.kept.in_words()}; the later, {later}, holds"
        )


@dataclass
class SyncReport:
    """What one sync did."""

    folder: Path
    machine: str  # this machine's id, as it is after the sync
    file: str  # this machine's file in the folder
    sent: Counts = field(default_factory=Counts)
    received: dict[str, Counts] = field(default_factory=dict)  # by machine
    rescheduled: int = 0  # cards whose state changed
    conflicts: list[SettingConflict] = field(default_factory=list)
    plans_kept: dict[str, date] = field(default_factory=dict)  # machine: its exam day, not taken
    problems: list[str] = field(default_factory=list)  # lines and files that were not read
    waiting: list[str] = field(default_factory=list)  # files still arriving
    renamed_from: str | None = None  # this machine's former id, when it had to take another
    renamed_why: str = ""  # why, in words

    @property
    def came_in(self) -> bool:
        return any(self.received.values())

    def lines(self) -> list[str]:
        """The report in words, a sentence a line."""
        lines = []
        if self.renamed_from is not None:
            lines.append(
                f"This machine's file, {file_name(self.renamed_from)}, was read like another's: "
                f"{self.renamed_why}. This machine is now {self.machine}."
            )
        sent = self.sent.in_words()
        lines.append(f"Sent {sent} to {self.file}." if sent else "Nothing new to send.")
        for machine, counts in sorted(self.received.items()):
            if counts:
                lines.append(f"From {machine}: {counts.in_words()}.")
        if not self.came_in:
            lines.append("Nothing new came in.")
        if self.rescheduled:
            lines.append(f"{_count(self.rescheduled, 'card')} rescheduled.")
        lines.extend(_sentence(conflict.in_words()) for conflict in self.conflicts)
        for machine, day in sorted(self.plans_kept.items()):
            lines.append(
                f"Kept the exam plan set here; {machine}'s exam date, {day}, was not taken "
                f"(`quizapp plan --exam {day}` sets it)."
            )
        lines.extend(self.waiting)
        lines.extend(self.problems)
        return lines

    def to_dict(self) -> dict[str, Any]:
        """The report as `quizapp sync --json` prints it."""
        return {
            "folder": str(self.folder),
            "machine": self.machine,
            "file": self.file,
            "renamed_from": self.renamed_from,
            "renamed_why": self.renamed_why,
            "sent": asdict(self.sent),
            "received": {machine: asdict(counts) for machine, counts in self.received.items()},
            "rescheduled": self.rescheduled,
            "conflicts": [_conflict_json(conflict) for conflict in self.conflicts],
            "plans_kept": {machine: str(day) for machine, day in self.plans_kept.items()},
            "waiting": self.waiting,
            "problems": self.problems,
        }


def _conflict_json(conflict: SettingConflict) -> dict[str, Any]:
    def change(one: Change) -> dict[str, Any]:
        return {"value": one.value, "at": jf.iso_text(one.at), "machine": one.machine}

    return {
        "setting": conflict.key,
        "deck": conflict.deck,
        "kept": change(conflict.kept),
        "lost": change(conflict.lost),
    }


def _sentence(words: str) -> str:
    return words[:1].upper() + words[1:] + "."


def _count(number: int, thing: str) -> str:
    if not number:
        return ""
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"
