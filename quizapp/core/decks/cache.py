"""Parsed decks kept on disk, so start-up never parses a deck file that has not changed.

One cache file per deck file, under the data folder's `cache/decks`. It is keyed by the deck
file's size, modification time and inode, and holds three marshalled sections of plain
tuples: a small header (the deck's fields, its problems, the card count) read at start-up, an
index of the cards (ids, kinds, types, tags: what counts and lists need, `deck_index`), and the
cards, read only when a deck's cards are first used (`LazyCards`).

A file changed within RACY_NS of its caching could have been edited again without its time
changing (timestamps are coarse), so such an entry is trusted only if the file's content hash
still matches. The cache is dropped when quizapp's deck-reading code changes (`code_stamp`).
"""

from __future__ import annotations

import marshal
import os
import stat
import struct
import time
import zlib
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from quizapp import __version__
from quizapp.core.decks.lazy_cards import (
    CardIndex,
    LazyCards,
    deck_card_ids,
    deck_fingerprint,
    deck_index,
    ids_fingerprint,
    index_of,
)
from quizapp.core.decks.loader import MAX_DECK_BYTES, LoadResult, load_deck, parse_deck_quickly
from quizapp.core.decks.model import Card, ChronologyEvent, Deck, Kind, QuestionType, Reference
from quizapp.core.decks.problems import Problem, Severity

MAGIC = b"QZDC"
RACY_NS = 2_000_000_000  # coarser than any file system's timestamps (FAT: 2 s)
# The modules whose code decides what a deck file loads as: a change to any drops the cache.
# (Read as files, not through the modules: they are not imported until a deck is parsed.)
READER_MODULES = (
    "loader.py",
    "card_reader.py",
    "node_reader.py",
    "validation.py",
    "model.py",
    "problems.py",
    "yaml_nodes.py",
    "cloze.py",
    "cache.py",
    "lazy_cards.py",
    "codes.py",
    "yaml_words.py",
)
_stamp: str | None = None
# What other modules take from here (the lazy cards and their index live in lazy_cards.py).
__all__ = [
    "CardIndex",
    "DeckCache",
    "LazyCards",
    "code_stamp",
    "deck_card_ids",
    "deck_fingerprint",
    "deck_index",
    "ids_fingerprint",
]


def code_stamp() -> str:
    """A digest of the deck-reading code (or the version, if its source cannot be read)."""
    global _stamp
    if _stamp is None:
        digest = zlib.crc32(__version__.encode())
        for name in READER_MODULES:
            try:
                digest = zlib.crc32((Path(__file__).parent / name).read_bytes(), digest)
            except OSError:
                digest = zlib.crc32(name.encode(), digest)
        _stamp = f"{__version__}-{digest:08x}"
    return _stamp


class DeckCache:
    """The parsed-deck cache in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # What this instance found, by path and file key: a second look reads no file again.
        self._found: dict[Path, tuple[tuple[int, int, int], LoadResult]] = {}

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> DeckCache:
        return cls(data_dir / "cache" / "decks")

    def load(self, path: Path) -> LoadResult:
        """The deck at `path`: from the cache when the file is unchanged, else parsed and cached."""
        try:
            info = path.stat()
        except OSError:
            return load_deck(path)  # it reports why the file cannot be read
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_DECK_BYTES:
            return load_deck(path)
        cached = self._lookup(path, info)
        if cached is not None:
            return cached
        try:
            data = path.read_bytes()
        except OSError:
            return load_deck(path)
        result = parse_deck_quickly(data, path)
        if len(data) != info.st_size or not self._save(path, info, data, result):
            return result
        # Hand back the cached form: the parsed cards are freed until a session needs them.
        return self._lookup(path, info, trust=True) or result

    def lookup(self, path: Path) -> LoadResult | None:
        """The cached deck at `path` when the file is unchanged, else None (never parses)."""
        try:
            info = path.stat()
        except OSError:
            return None
        return self._lookup(path, info) if stat.S_ISREG(info.st_mode) else None

    # Files --------------------------------------------------------------------------------

    def _file(self, path: Path) -> Path:
        resolved = str(path.resolve())
        # A readable start of the name; the header holds the whole path, so a clash is harmless.
        return self.folder / f"{path.stem[:40]}-{zlib.crc32(resolved.encode()):08x}.qdc"

    def _lookup(
        self, path: Path, info: os.stat_result, *, trust: bool = False
    ) -> LoadResult | None:
        found = self._found.get(path)
        if found is not None and found[0] == _key(info):
            return replace(found[1], problems=list(found[1].problems))  # callers add problems
        result = self._read(path, info, trust)
        # Remembered only once settled: an edit within the same timestamp tick keeps the key.
        if result is not None and time.time_ns() > info.st_mtime_ns + RACY_NS:
            self._found[path] = (_key(info), replace(result, problems=list(result.problems)))
        return result

    def _read(self, path: Path, info: os.stat_result, trust: bool) -> LoadResult | None:
        cache_file = self._file(path)
        header = _read_header(cache_file)
        if header is None:
            return None
        stamp, resolved, key, cached_at, digest, body = header
        if stamp != code_stamp() or resolved != str(path.resolve()) or key != _key(info):
            return None
        if info.st_mtime_ns + RACY_NS > cached_at and not trust:
            # Changed shortly before it was cached: only its content can tell.
            try:
                data = path.read_bytes()
            except OSError:
                return None
            if _digest(data) != digest:
                return None
            if time.time_ns() > info.st_mtime_ns + RACY_NS:
                self._rewrite(cache_file, header)  # settled now: stop hashing it every start
        try:
            return _result_from(
                path,
                body,
                lambda: _read_cards(cache_file, path, key),
                lambda: _read_index(cache_file, key),
            )
        except (TypeError, ValueError, KeyError, IndexError):
            return None

    def _save(self, path: Path, info: os.stat_result, data: bytes, result: LoadResult) -> bool:
        try:
            body, cards, index = _result_to(result)
            header = (code_stamp(), str(path.resolve()), _key(info), time.time_ns(), _digest(data))
            sections = _section(marshal.dumps(index)) + marshal.dumps(cards)
            _write(self._file(path), (*header, body), sections)
        except (ValueError, OSError):
            return False  # a cache that cannot be written only costs a parse next time
        return True

    def _rewrite(self, cache_file: Path, header: tuple[Any, ...]) -> None:
        try:
            with cache_file.open("rb") as handle:
                _skip_header(handle)
                cards = handle.read()
            _write(cache_file, (*header[:3], time.time_ns(), *header[4:]), cards)
        except (ValueError, OSError):
            pass


def _key(info: os.stat_result) -> tuple[int, int, int]:
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def _digest(data: bytes) -> str:
    return f"{len(data)}-{zlib.crc32(data):08x}-{zlib.adler32(data):08x}"


def _write(cache_file: Path, header: tuple[Any, ...], sections: bytes) -> None:
    """Write a cache file atomically: another instance reads the old one or the new one.

    `sections`: the index section (`_section`), then the marshalled cards."""
    head = marshal.dumps(header)
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    temporary = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.tmp")
    with temporary.open("wb") as handle:
        handle.write(MAGIC + struct.pack(">I", len(head)) + head + sections)
    os.replace(temporary, cache_file)


def _section(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def _skip_header(handle: Any) -> bytes:
    start = handle.read(8)
    if len(start) != 8 or start[:4] != MAGIC:
        raise ValueError("not a deck cache file")
    (size,) = struct.unpack(">I", start[4:])
    body: bytes = handle.read(size)
    return body


def _read_section(handle: Any) -> bytes:
    start = handle.read(4)
    if len(start) != 4:
        raise ValueError("a deck cache file cut short")
    (size,) = struct.unpack(">I", start)
    data: bytes = handle.read(size)
    return data


def _read_header(cache_file: Path) -> tuple[Any, ...] | None:
    try:
        with cache_file.open("rb") as handle:
            header = marshal.loads(_skip_header(handle))
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return header if isinstance(header, tuple) and len(header) == 6 else None


def _read_cards(cache_file: Path, path: Path, key: tuple[int, int, int]) -> tuple[Any, ...] | None:
    """The cards section, if the cache file still belongs to the same version of the deck."""
    try:
        with cache_file.open("rb") as handle:
            header = marshal.loads(_skip_header(handle))
            if header[2] != key:
                return None
            _read_section(handle)  # the index
            cards = marshal.loads(handle.read())
    except (OSError, ValueError, EOFError, TypeError, IndexError):
        return None
    return cards if isinstance(cards, tuple) else None


def _read_index(cache_file: Path, key: tuple[int, int, int]) -> CardIndex | None:
    """The index section, if the cache file still belongs to the same version of the deck."""
    try:
        with cache_file.open("rb") as handle:
            header = marshal.loads(_skip_header(handle))
            if header[2] != key:
                return None
            index = CardIndex(*marshal.loads(_read_section(handle)))
    except (OSError, ValueError, EOFError, TypeError, IndexError):
        return None
    return index


# Plain tuples out of the model and back ----------------------------------------------------

_CARD_FIELDS = tuple(f.name for f in fields(Card))
_KIND, _TYPE, _EVENTS = (_CARD_FIELDS.index(name) for name in ("kind", "type", "events"))
_DECK_FIELDS = tuple(f.name for f in fields(Deck) if f.name not in ("path", "cards", "work"))
_PROBLEM_FIELDS = tuple(f.name for f in fields(Problem) if f.name != "path")
# `replaces` is not the file's: it depends on the other decks loaded with it.
_RESULT_FIELDS = tuple(
    f.name for f in fields(LoadResult) if f.name not in ("path", "deck", "problems", "replaces")
)


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return str(value)  # enums are str subclasses, which marshal refuses
    if isinstance(value, tuple):
        return tuple(_plain(item) for item in value)
    if isinstance(value, (ChronologyEvent, Reference)):
        return tuple(_plain(getattr(value, f.name)) for f in fields(value))
    return value


def _result_to(
    result: LoadResult,
) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]]:
    problems = tuple(
        tuple(_plain(getattr(p, name)) for name in _PROBLEM_FIELDS) for p in result.problems
    )
    extras = tuple(_plain(getattr(result, name)) for name in _RESULT_FIELDS)
    deck = result.deck
    if deck is None:
        return (None, problems, extras, 0, ""), (), ((), (), (), ())
    head = tuple(_plain(getattr(deck, name)) for name in _DECK_FIELDS)
    cards = tuple(tuple(_plain(getattr(c, name)) for name in _CARD_FIELDS) for c in deck.cards)
    index = tuple(index_of(deck.cards))
    return (head, problems, extras, len(cards), deck_fingerprint(deck)), cards, index


def _result_from(
    path: Path,
    body: tuple[Any, ...],
    read_cards: Callable[[], tuple[Any, ...] | None],
    read_index: Callable[[], CardIndex | None],
) -> LoadResult:
    head, problems, extras, count, fingerprint = body
    result = LoadResult(
        path,
        problems=[_problem(path, values) for values in problems],
        **dict(zip(_RESULT_FIELDS, extras, strict=True)),
    )
    if head is None:
        return result
    values = dict(zip(_DECK_FIELDS, head, strict=True))
    values["reference"] = Reference(*values["reference"])

    def load() -> tuple[Card, ...]:
        rows = read_cards()
        if rows is None:  # the cache file changed under us: read the deck again
            fresh = load_deck(path).deck
            return tuple(fresh.cards) if fresh else ()
        return tuple(_card(row) for row in rows)

    cards = LazyCards(count, fingerprint, load, read_index)
    result.deck = Deck(path=path, cards=cards, **values)  # type: ignore[arg-type]
    return result


def _problem(path: Path, values: tuple[Any, ...]) -> Problem:
    named = dict(zip(_PROBLEM_FIELDS, values, strict=True))
    named["severity"] = Severity(named["severity"])
    return Problem(path, **named)


def _card(row: tuple[Any, ...]) -> Card:
    values = list(row)
    values[_KIND], values[_TYPE] = Kind(values[_KIND]), QuestionType(values[_TYPE])
    if values[_EVENTS]:
        values[_EVENTS] = tuple(ChronologyEvent(*event) for event in values[_EVENTS])
    return Card(*values)
