"""The sync folder's side: each machine's file, its first line, reading complete lines, writing.

A machine's file is `quizapp-<machine>.jsonl`, a progress export (`transfer`) that only its
machine appends to. Its first line also names the machine and the file itself (a random id:
a file replaced by another one is noticed). Another tool (Syncthing, Dropbox, a copy to a USB
stick) may be part-way through copying a file: only lines that end in a newline are read, and
the rest waits for the next sync.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.core.progress.transfer import FORMAT, VERSION

PREFIX, SUFFIX = "quizapp-", ".jsonl"
HOST_LENGTH = 20  # of a machine id's readable part


class SyncFileError(ValueError):
    """A file in the sync folder that cannot be read as a machine's file (message in words)."""


def file_name(machine: str) -> str:
    return f"{PREFIX}{machine}{SUFFIX}"


def new_machine_id(host: str | None = None) -> str:
    """A name for this machine: its host name, as a file name takes it, and six random hex
    digits (two machines with one host name, a cloned lab machine say, still differ)."""
    raw = (host if host is not None else socket.gethostname()).split(".")[0].lower()
    readable = re.sub(r"[^a-z0-9]+", "-", raw).strip("-")[:HOST_LENGTH].strip("-")
    return f"{readable or 'machine'}-{secrets.token_hex(3)}"


def new_file_id() -> str:
    return secrets.token_hex(8)


@dataclass(frozen=True)
class Header:
    """What a machine's file says of itself on its first line."""

    machine: str
    file: str  # the file's random id


def header_line(header: Header) -> str:
    head = {"format": FORMAT, "version": VERSION, "machine": header.machine, "file": header.file}
    return json.dumps(head) + "\n"


def read_header(text: str) -> Header:
    """The first line of a machine's file.

    Raises:
        SyncFileError: it is not one, or a newer quizapp wrote it.
    """
    try:
        head = json.loads(text)
    except ValueError:
        head = None
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        raise SyncFileError("it is not a quizapp sync file (left alone)")
    version = head.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise SyncFileError(
            f"a newer quizapp wrote it (format version {version}; this one reads up to "
            f"{VERSION}): update quizapp here to read it"
        )
    machine, file_id = head.get("machine"), head.get("file")
    if not isinstance(machine, str) or not machine or not isinstance(file_id, str):
        raise SyncFileError("its first line names no machine (is it a progress export?)")
    return Header(machine, file_id)


@dataclass(frozen=True)
class Mark:
    """How far a file has been read: its id, and the bytes and lines read so far."""

    file: str
    bytes: int
    lines: int


@dataclass
class Chunk:
    """The complete lines of a file not read before."""

    path: Path
    header: Header | None
    start: Mark  # where reading started (bytes 0: the whole file)
    end: Mark  # after the last complete line
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, text)
    waiting: int = 0  # bytes after the last complete line: still being copied
    problem: str | None = None  # why the file was not read


def read_new(path: Path, mark: Mark | None) -> Chunk:
    """The complete lines of `path` after `mark` (all of them if the file is not the one the
    mark was taken on, or is shorter now).

    Raises:
        OSError: the file cannot be read.
    """
    with path.open("rb") as stream:
        first = stream.readline()
        if not first.endswith(b"\n"):  # not even the first line has arrived whole
            nothing = Mark("", 0, 0)
            return Chunk(path, None, nothing, nothing, waiting=len(first))
        try:
            header = read_header(first.decode("utf-8", errors="replace"))
        except SyncFileError as exc:
            nothing = Mark("", 0, 0)
            return Chunk(path, None, nothing, nothing, problem=str(exc))
        size = os.fstat(stream.fileno()).st_size
        if mark is None or mark.file != header.file or mark.bytes > size or mark.bytes == 0:
            mark = Mark(header.file, len(first), 1)
        stream.seek(mark.bytes)
        data = stream.read()
    complete = data.rfind(b"\n") + 1
    lines = [
        (mark.lines + number, raw.decode("utf-8", errors="replace"))
        for number, raw in enumerate(data[:complete].splitlines(), 1)
    ]
    end = Mark(header.file, mark.bytes + complete, mark.lines + len(lines))
    return Chunk(path, header, mark, end, lines, len(data) - complete)


def others(folder: Path, own: str) -> list[Path]:
    """The other machines' files in the folder (and any copy a syncing tool made of one when
    two machines changed it at once: it is read like the others), in name order."""
    return sorted(
        path for path in folder.glob(f"{PREFIX}*{SUFFIX}") if path.name != own and path.is_file()
    )


def create(path: Path, header: Header, lines: Iterable[str]) -> int:
    """Write a new file whole: under a temporary name, then renamed, so no other machine ever
    sees it half written. Returns its size."""
    temporary = path.with_name(f".{path.name}.partial")
    with temporary.open("wb") as stream:
        stream.write(header_line(header).encode("utf-8"))
        for line in lines:
            stream.write(line.encode("utf-8"))
        stream.flush()
        os.fsync(stream.fileno())
        size = stream.tell()
    os.replace(temporary, path)
    return size


def append(path: Path, lines: Iterable[str]) -> int:
    """Add lines to the end of this machine's file, on the disk before returning (a USB stick
    may be pulled out next). Returns the file's new size."""
    with path.open("ab") as stream:
        stream.write("".join(lines).encode("utf-8"))
        stream.flush()
        os.fsync(stream.fileno())
        return stream.tell()
