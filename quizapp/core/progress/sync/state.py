"""What the store remembers of syncing, in its `settings` table: this machine's id, how far
it has written its file (the last review, undo, event and exam written, by id, and the plan),
and how far it has read each other machine's file."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from quizapp.core.progress.store import Store
from quizapp.core.progress.sync.files import Mark, new_machine_id

MACHINE_KEY = "sync.machine"
WRITTEN_KEY = "sync.written"
READ_PREFIX = "sync.read."  # + another machine's file name


@dataclass
class Written:
    """How far this machine has written its file. Each log's rows have ids in the order they
    were stored; everything up to these ids is in the file (or came from it)."""

    file: str = ""  # the file's id ("": none written yet)
    bytes: int = 0
    lines: int = 0
    reviews: int = 0
    undos: int = 0
    card_events: int = 0
    setting_events: int = 0
    exams: int = 0
    plan: dict[str, str] | None = field(default=None)  # the plan as last written or taken

    def mark(self) -> Mark:
        return Mark(self.file, self.bytes, self.lines)


def machine_id(store: Store) -> str:
    """This machine's id, made (and kept) the first time it is asked for."""
    machine = store.setting(MACHINE_KEY)
    if machine is None:
        machine = new_machine_id()
        store.set_setting(MACHINE_KEY, machine)
    return machine


def set_machine_id(store: Store, machine: str) -> None:
    store.set_setting(MACHINE_KEY, machine)


def written(store: Store) -> Written:
    text = store.setting(WRITTEN_KEY)
    if text is None:
        return Written()
    try:
        return Written(**_object(text))
    except TypeError:  # written by another version: start again, which loses nothing
        return Written()


def save_written(store: Store, state: Written) -> None:
    store.set_setting(WRITTEN_KEY, json.dumps(asdict(state), sort_keys=True))


def read_marks(store: Store) -> dict[str, Mark]:
    """How far each other machine's file has been read, by file name."""
    rows = store.conn.execute(
        "SELECT key, value FROM settings WHERE substr(key, 1, ?) = ?",
        (len(READ_PREFIX), READ_PREFIX),
    )
    marks = {}
    for key, value in rows:
        try:
            marks[str(key)[len(READ_PREFIX) :]] = Mark(**_object(str(value)))
        except TypeError:
            continue  # read again from the start, which loses nothing
    return marks


def save_read_mark(store: Store, name: str, mark: Mark) -> None:
    store.set_setting(READ_PREFIX + name, json.dumps(asdict(mark), sort_keys=True))


def _object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {"": None}  # a TypeError for the caller
    return value if isinstance(value, dict) else {"": None}
