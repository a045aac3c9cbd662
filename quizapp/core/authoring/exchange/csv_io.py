"""CSV and TSV: Anki and Quizlet text exports in, our own columns out.

Columns are named by a header row, by Anki's `#columns:` line, or by `--columns`; without any,
the first column is the question and the second the answer (Quizlet's term and definition).
Anki's header lines (`#separator:Tab`, `#html:true`, `#tags column:3`, ...) are understood.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

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
from quizapp.core.decks.cloze import cloze_filled
from quizapp.core.decks.model import Card, Deck, QuestionType

COLUMNS = (
    "question answer id kind type alternatives wrong date explanation source tags events deck"
).split()
ALIASES = {
    "front": "question",
    "term": "question",
    "text": "question",
    "back": "answer",
    "definition": "answer",
    "back extra": "explanation",
    "extra": "explanation",
    "notes": "explanation",
    "guid": "guid",
    "notetype": "notetype",
    "": "skip",
    "-": "skip",
    "skip": "skip",
}
KNOWN = set(COLUMNS) | set(ALIASES.values()) | {"guid", "notetype", "skip"}
ANKI_COLUMNS = {"tags": "tags", "guid": "guid", "notetype": "notetype", "deck": "deck"}
SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ", "colon": ":"}
LIST_SEPARATOR = "|"


def column_name(name: str) -> str | None:
    """Our name for a column header, or None when it names nothing we know."""
    key = name.strip().lower()
    if key in ALIASES:
        return ALIASES[key]
    return key if key in COLUMNS else None


def read_csv(
    path: Path,
    data: bytes,
    delimiter: str | None = None,
    columns: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> Imported:
    """Read a CSV or TSV file of cards.

    Args:
        path: The file, for messages.
        data: Its bytes (UTF-8, a BOM allowed).
        delimiter: The separator; from the file's `#separator:` line or sniffed when None.
        columns: Our column names in file order ('skip' for a column to ignore).
        progress: Called as rows are read.

    Raises:
        ExchangeError: the file is not text, or a row cannot be a card (with its line).
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExchangeError(path, f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    if "\x00" in text:
        raise ExchangeError(path, "the file holds binary data, not CSV text")
    lines = text.splitlines(keepends=True)
    options, skipped = _anki_header(lines)
    body = "".join(lines[skipped:])
    delimiter = options.get("separator") or delimiter or _sniff(body)
    if len(delimiter) != 1:  # the csv module takes one character only
        named = f"#separator:{options.get('separator', '')}"
        raise ExchangeError(path, f"the header line '{named}' names no separator; use tab or ,")
    rows = list(_rows(path, body, delimiter, first_line=skipped + 1))
    names = list(columns) if columns else []
    if not names and "columns" in options:
        names = [column_name(n) or "skip" for n in options["columns"].split(delimiter)]
    if not names and rows and _is_header(rows[0][1]):
        names = [column_name(cell) or "skip" for cell in rows[0][1]]
        rows = rows[1:]
    if not names:
        names = _anki_columns(path, options, max((len(row) for _, row in rows), default=0))
    for name in names:
        if name not in KNOWN:
            known = ", ".join(COLUMNS)
            raise ExchangeError(path, f"unknown column name '{name}'; use: {known}, skip")
    if "question" not in names:
        raise ExchangeError(path, "no question column; name the columns with --columns")
    html = options.get("html", "").lower() == "true"
    imported = Imported()
    for done, (line, row) in enumerate(rows, start=1):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(names) and any(cell.strip() for cell in row[len(names) :]):
            raise ExchangeError(
                path,
                f"{len(row)} columns but only {len(names)} named ({', '.join(names)}); "
                "name them all with --columns question,answer,...",
                line,
            )
        cells = {name: cell for name, cell in zip(names, row, strict=False) if name != "skip"}
        if html:
            cells = {k: html_to_text(v) if k != "events" else v for k, v in cells.items()}
        imported.cards.append(check_card(_card(path, line, cells), path, line))
        if progress:
            progress(done, len(rows))
    if not imported.cards:
        raise ExchangeError(path, "no cards found")
    return imported


def _anki_header(lines: list[str]) -> tuple[dict[str, str], int]:
    options: dict[str, str] = {}
    count = 0
    for line in lines:
        if not line.startswith("#") or ":" not in line:
            break
        key, _, value = line[1:].rstrip("\r\n").partition(":")
        value = SEPARATORS.get(value.strip().lower(), value) if key == "separator" else value
        options[key.strip().lower()] = value
        count += 1
    return options, count


def _anki_columns(path: Path, options: dict[str, str], width: int) -> list[str]:
    """Columns from Anki's `#tags column:6`-style lines; the other columns are the note's
    fields in order (question, answer, then an extra text). Without them: question, answer."""
    fixed: dict[int, str] = {}
    for key, value in options.items():
        if key.endswith(" column"):
            if not value.strip().isdigit() or int(value) < 1:
                raise ExchangeError(path, f"the header line '#{key}:{value}' needs a column number")
            fixed[int(value) - 1] = ANKI_COLUMNS.get(key.removesuffix(" column"), "skip")
    if not fixed:
        return ["question", "answer"]
    fields = iter(("question", "answer", "explanation"))
    return [fixed[i] if i in fixed else next(fields, "skip") for i in range(width)]


def _sniff(body: str) -> str:
    first = next((line for line in body.splitlines() if line.strip()), "")
    counts = {sep: first.count(sep) for sep in ("\t", ",", ";")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _rows(path: Path, body: str, delimiter: str, first_line: int):
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    line = first_line
    try:
        for row in reader:
            yield line, row
            line = first_line + reader.line_num
    except csv.Error as exc:
        raise ExchangeError(path, f"not valid CSV: {exc}", line) from None


def _is_header(row: list[str]) -> bool:
    names = [column_name(cell) for cell in row]
    return "question" in names and "answer" in names and all(n is not None for n in names)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]


def _card(path: Path, line: int, cells: dict[str, str]) -> Card:
    question = cells.get("question", "").strip()
    answer = cells.get("answer", "").strip()
    if "kind" in cells and cells.get("kind"):  # our own export: every field has a column
        return _full_card(path, line, cells)
    if not question:
        raise ExchangeError(path, "the question is empty", line)
    # An Anki note's GUID gives the id its .apkg import gives, so either import updates it.
    guid = cells.get("guid", "").strip()
    card_id = (cells.get("id") or "").strip() or (
        stable_id("anki", guid) if guid else stable_id("csv", question)
    )
    if "{{c" in question:  # an Anki cloze note exported as text
        from quizapp.core.authoring.exchange.apkg_read import cloze_card

        extra = cells.get("explanation") or answer
        return cloze_card(card_id, question, extra, cells.get("tags", ""))
    if not answer:
        raise ExchangeError(path, "the answer is empty", line)
    return plain_card(
        card_id,
        question,
        answer,
        alternatives=_split(cells.get("alternatives", "")),
        wrong=_split(cells.get("wrong", "")),
        explanation=cells.get("explanation", ""),
        tags=cells.get("tags", "").replace(LIST_SEPARATOR, " ").split(),
        qtype=_plain_type(cells),
    )


def _plain_type(cells: dict[str, str]) -> QuestionType | None:
    """Flip for Anki's and Quizlet's cards; typed for Anki's "type in the answer" note type."""
    if cells.get("wrong"):
        return None  # choice when there are enough wrong options
    typed = "type in" in cells.get("notetype", "").lower()
    return QuestionType.TYPED if typed else QuestionType.FLIP


def _full_card(path: Path, line: int, cells: dict[str, str]) -> Card:
    fields: dict[str, object] = {
        key: value.strip() for key, value in cells.items() if key in COLUMNS and value.strip()
    }
    fields.pop("deck", None)
    for key in ("alternatives", "wrong"):
        if key in fields:
            fields[key] = _split(str(fields[key]))
    if "tags" in fields:
        fields["tags"] = str(fields["tags"]).split()
    if "events" in fields:
        try:
            fields["events"] = json.loads(str(fields["events"]))
        except json.JSONDecodeError as exc:
            raise ExchangeError(path, f"the events column is not JSON: {exc.msg}", line) from None
    if fields.get("type") == QuestionType.CLOZE:
        fields["text"] = fields.pop("question", "")
        fields.pop("answer", None)
    if fields.get("type") == QuestionType.CHRONOLOGY:
        fields.pop("answer", None)
    fields.setdefault("id", stable_id("csv", str(fields.get("question", ""))))
    try:
        return card_from_fields(fields, path)
    except ExchangeError as exc:
        raise ExchangeError(path, exc.message, line) from None


def write_csv(decks: Sequence[Deck], progress: Progress | None = None) -> str:
    """Every card of the decks as CSV with a header row; lists are joined with ' | '."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    total, done = sum(len(d.cards) for d in decks), 0
    for deck in decks:
        for card in deck.cards:
            writer.writerow(_row(deck, card))
            done += 1
            if progress:
                progress(done, total)
    return out.getvalue()


def _row(deck: Deck, card: Card) -> list[str]:
    question, answer, events = card.question, card.answer, ""
    if card.type is QuestionType.CLOZE:
        question, answer = card.text, cloze_filled(card.text)
    if card.type is QuestionType.CHRONOLOGY:
        ordered = sorted(card.events, key=lambda e: e.date)
        answer = "\n".join(f"{e.date}: {e.text}" for e in ordered)
        events = json.dumps([vars(e) for e in card.events], ensure_ascii=False)
    values = {
        "question": question,
        "answer": answer,
        "id": card.id,
        "kind": str(card.kind),
        "type": str(card.type),
        "alternatives": f" {LIST_SEPARATOR} ".join(card.alternatives),
        "wrong": f" {LIST_SEPARATOR} ".join(card.wrong),
        "date": card.date or "",
        "explanation": card.explanation,
        "source": card.source,
        "tags": " ".join(card.tags),
        "events": events,
        "deck": deck.id,
    }
    return [values[name] for name in COLUMNS]
