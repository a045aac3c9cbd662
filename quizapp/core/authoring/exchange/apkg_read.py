"""Reading Anki packages (.apkg): basic and cloze notes, from every package format.

A package is a zip holding the collection as SQLite: `collection.anki2` (legacy) or
`collection.anki21` (Anki 2.1), or `collection.anki21b` (current, zstd-compressed, beside a
stub `collection.anki2` that only asks old Ankis to update). Notes are read from the `notes`
table, which all of them share; field names come from `col.models` (legacy) or `fields`.
"""

from __future__ import annotations

import html
import io
import json
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from quizapp.core.authoring.exchange.base import (
    ExchangeError,
    Imported,
    Progress,
    card_from_fields,
    check_card,
    html_to_text,
    plain_card,
    stable_id,
)
from quizapp.core.decks.model import Card, Kind, QuestionType

MEMBERS = ("collection.anki21b", "collection.anki21", "collection.anki2")
MAX_COLLECTION_BYTES = 512 * 1024 * 1024
SQLITE_MAGIC = b"SQLite format 3\x00"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
META_FIELD = "Quizapp"
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::([^{}]*?))?\}\}", re.DOTALL)
_STUB = "please update to the latest anki version"


def read_apkg(path: Path, data: bytes, progress: Progress | None = None) -> Imported:
    """Read the basic and cloze notes of an Anki package as cards.

    Raises:
        ExchangeError: the file is not a package, or its collection cannot be read.
    """
    database = _collection_bytes(path, data)
    with tempfile.TemporaryDirectory(prefix="quizapp-apkg-") as folder:
        copy = Path(folder) / "collection.sqlite"
        copy.write_bytes(database)
        try:
            conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
            try:
                return _read_notes(path, conn, progress)
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise ExchangeError(path, f"the Anki collection cannot be read: {exc}") from None


def _collection_bytes(path: Path, data: bytes) -> bytes:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        if data.startswith(b"PK"):
            raise ExchangeError(
                path, "the package is truncated or damaged: its zip archive cannot be read"
            ) from None
        raise ExchangeError(path, "not an Anki package: the file is not a zip archive") from None
    with archive:
        names = set(archive.namelist())
        member = next((m for m in MEMBERS if m in names), None)
        if member is None:
            raise ExchangeError(
                path, "not an Anki package: it holds no collection.anki21b, .anki21 or .anki2"
            )
        try:
            info = archive.getinfo(member)
            if info.file_size > MAX_COLLECTION_BYTES:
                raise ExchangeError(path, "the collection is too large to import (over 512 MB)")
            raw = archive.read(member)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise ExchangeError(path, f"the package is damaged: {exc}") from None
    if raw.startswith(ZSTD_MAGIC):
        raw = _unzstd(path, raw)
    if not raw.startswith(SQLITE_MAGIC):
        raise ExchangeError(path, f"the package's {member} is not an SQLite database")
    return raw


def _unzstd(path: Path, raw: bytes) -> bytes:
    import zstandard

    decompressor = zstandard.ZstdDecompressor().decompressobj()
    try:
        out = decompressor.decompress(raw)
    except zstandard.ZstdError as exc:
        raise ExchangeError(path, f"the compressed collection is damaged: {exc}") from None
    if not decompressor.eof:
        raise ExchangeError(path, "the compressed collection is damaged: it is cut short")
    if len(out) > MAX_COLLECTION_BYTES:
        raise ExchangeError(path, "the collection is too large to import (over 512 MB)")
    return out


def _read_notes(path: Path, conn: sqlite3.Connection, progress: Progress | None) -> Imported:
    models = _models(conn)
    rows = conn.execute("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id").fetchall()
    if len(rows) == 1 and _STUB in html_to_text(rows[0][4]).lower():
        raise ExchangeError(
            path, "this package holds only Anki's 'please update' stub, not the real collection"
        )
    imported = Imported(title=_deck_title(conn))
    for done, (note_id, guid, mid, tags, flds) in enumerate(rows, start=1):
        name, field_names, is_cloze = models.get(mid, ("", [], False))
        values = flds.split("\x1f")
        fields = dict(zip(field_names, values, strict=False))
        card = _card(path, guid or str(note_id), name, values, fields, is_cloze, tags.split())
        if card is None:
            imported.notices.append(f"{path}: note {note_id} has no text question; skipped")
        else:
            imported.cards.append(check_card(card, path))
        if progress:
            progress(done, len(rows))
    if not imported.cards:
        raise ExchangeError(path, "the package holds no notes that can be imported")
    return imported


def _models(conn: sqlite3.Connection) -> dict[int, tuple[str, list[str], bool]]:
    """Note type id -> (name, field names in order, is cloze)."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    found: dict[int, tuple[str, list[str], bool]] = {}
    if "notetypes" in tables and "fields" in tables:
        names = dict(conn.execute("SELECT id, name FROM notetypes"))
        fields: dict[int, list[str]] = {}
        for ntid, name in conn.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
            fields.setdefault(ntid, []).append(name)
        for ntid, name in names.items():
            found[ntid] = (name, fields.get(ntid, []), False)
        return found
    row = conn.execute("SELECT models FROM col").fetchone()
    for key, model in json.loads(row[0] if row and row[0] else "{}").items():
        ordered = sorted(model.get("flds", []), key=lambda f: f.get("ord", 0))
        found[int(key)] = (
            model.get("name", ""),
            [f["name"] for f in ordered],
            model.get("type") == 1,
        )
    return found


def _deck_title(conn: sqlite3.Connection) -> str:
    """The name of the deck most cards are in ('' when unknown)."""
    try:
        row = conn.execute(
            "SELECT did, count(*) AS n FROM cards GROUP BY did ORDER BY n DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return ""
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "decks" in tables:
            name = conn.execute("SELECT name FROM decks WHERE id = ?", (row[0],)).fetchone()
            return str(name[0]).replace("\x1f", "::") if name else ""
        decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0] or "{}")
        return str(decks.get(str(row[0]), {}).get("name", ""))
    except (sqlite3.DatabaseError, json.JSONDecodeError, TypeError):
        return ""


def _card(
    path: Path,
    guid: str,
    model: str,
    values: list[str],
    fields: dict[str, str],
    is_cloze: bool,
    tags: list[str],
) -> Card | None:
    meta = _meta(fields.get(META_FIELD, ""))
    if meta is not None:  # a note quizapp exported: what Anki does not show is in its metadata
        return _own_card(path, guid, meta, fields, tags)
    card_id = stable_id("anki", guid)
    first = html_to_text(values[0]) if values else ""
    if is_cloze or _CLOZE.search(values[0] if values else ""):
        extra = html_to_text(values[1]) if len(values) > 1 else ""
        return cloze_card(card_id, values[0], extra, " ".join(tags))
    answer = html_to_text(values[1]) if len(values) > 1 else ""
    if not first or not answer:
        return None
    qtype = QuestionType.TYPED if "type" in model.lower() else QuestionType.FLIP
    return plain_card(card_id, first, answer, tags=tags, qtype=qtype)


def _own_card(
    path: Path, guid: str, meta: dict[str, Any], fields: dict[str, str], tags: list[str]
) -> Card:
    """A note quizapp exported: the visible fields win (they may have been edited in Anki)."""
    shown = {key: html_to_text(value) for key, value in fields.items()}
    data = {
        key: value
        for key, value in meta.items()
        if key not in ("blanks", "source_from_events", "deck_tags")
    }
    deck_tags = set(meta.get("deck_tags") or ())
    tags = [tag for tag in tags if tag not in deck_tags]
    data |= {"explanation": shown.get("Explanation") or shown.get("Back Extra", "")}
    source = "" if meta.get("source_from_events") else shown.get("Source", "")
    data |= {"source": source, "tags": tags}
    if data.get("type") == QuestionType.CLOZE:
        blanks = iter(meta.get("blanks") or [])
        data["text"] = cloze_card("x", fields.get("Text", ""), blanks=blanks).text
    elif data.get("type") == QuestionType.TRUE_FALSE:
        data |= {"question": shown.get("Question", ""), "answer": shown.get("Answer", "").lower()}
    elif data.get("type") != QuestionType.CHRONOLOGY:
        data |= {"question": shown.get("Question", ""), "answer": shown.get("Answer", "")}
    else:
        data["question"] = shown.get("Question", "")
    return card_from_fields(data, path, f"note {guid}: ")


def _meta(value: str) -> dict[str, Any] | None:
    if not value.strip():
        return None
    try:
        # Written escaped (`text_to_html`): unescaped in full, tags too if Anki added some.
        data = json.loads(html_to_text(value) if "<" in value else html.unescape(value))
    except json.JSONDecodeError:
        return None
    return data if isinstance(data, dict) and "id" in data else None


def cloze_card(
    card_id: str,
    text: str,
    extra: str = "",
    tags: str = "",
    blanks: Iterator[list[str]] | None = None,
) -> Card:
    """An Anki cloze text (`{{c1::answer::hint}}`) as our cloze card (`{{answer::hint}}`).

    `blanks` gives each deletion's accepted answers as quizapp exported them; they are kept
    while the deletion still reads as the first of them.
    """

    def blank(match: re.Match[str]) -> str:
        answer = html_to_text(match.group(1)).replace("|", "/")
        accepted = next(blanks, None) if blanks is not None else None
        if isinstance(accepted, list) and accepted and accepted[0] == answer:
            answer = "|".join(map(str, accepted))
        hint = html_to_text(match.group(2) or "").replace("}", ")")
        return "{{" + answer + (f"::{hint}" if hint else "") + "}}"

    passage = html_to_text(_CLOZE.sub(blank, text))
    return Card(
        id=card_id,
        kind=Kind.CONCEPT,
        type=QuestionType.CLOZE,
        text=passage,
        explanation=html_to_text(extra),
        tags=tuple(tags.split()),
    )
