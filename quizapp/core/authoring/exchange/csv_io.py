"""CSV and TSV: Anki, Quizlet, Kahoot and Quizizz sheets in, our own columns out.

Columns are named by a header row, by Anki's `#columns:` line, or by `--columns`; without any,
the first column is the question and the second the answer (Quizlet's term and definition).
Anki's header lines (`#separator:Tab`, `#html:true`, `#tags column:3`, ...) are understood.
A column may be named more than once (`wrong,wrong,wrong`): each keeps its value. Kahoot's and
Quizizz's sheets name their options `Answer 1..4` or `Option 1..5` and the right one by its
number in `Correct answer`; `Wrong 1..3` columns hold wrong options. In one cell, several
alternatives or wrong options are separated by `|`, tags by spaces, commas or `|`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Sequence
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
from quizapp.core.decks.model import Card, QuestionType

COLUMNS = (
    "question answer id kind type alternatives wrong date explanation source tags events deck "
    "deck_tags"
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
    "question text": "question",
    "correct": "correct",
    "correct answer": "correct",
    "correct answers": "correct",
    "correct answer(s)": "correct",
    "correct option": "correct",
    "right answer": "correct",
    "": "skip",
    "-": "skip",
    "skip": "skip",
}
KNOWN = set(COLUMNS) | set(ALIASES.values()) | {"guid", "notetype", "skip", "option", "correct"}
# Several columns of one kind: `Wrong 1`, `Incorrect answer 2`; `Option A`, `Answer 3`.
_NUMBERED_WRONG = re.compile(r"(?:wrong|incorrect)(?: answer| option)?\s*[0-9a-e]?")
_NUMBERED_OPTION = re.compile(r"(?:option|choice|answer)\s*([0-9]|[a-e])")
LIST_COLUMNS = ("wrong", "alternatives", "option")
HEADER_SEARCH_ROWS = 5  # a sheet's header may follow a title row or two (Kahoot's template)
ANKI_COLUMNS = {"tags": "tags", "guid": "guid", "notetype": "notetype", "deck": "deck"}
SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ", "colon": ":"}
LIST_SEPARATOR = "|"


def column_name(name: str) -> str | None:
    """Our name for a column header, or None when it names nothing we know."""
    key = " ".join(name.strip().lower().split())
    key = key.split(" - ")[0].strip()  # Kahoot: "Question - max 120 characters"
    if key in ALIASES:
        return ALIASES[key]
    if _NUMBERED_WRONG.fullmatch(key):
        return "wrong"
    if _NUMBERED_OPTION.fullmatch(key):
        return "option"
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
    header = _header_row(rows)
    imported = Imported()
    if header:
        first, last = rows[0][0], rows[header - 1][0]
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        imported.notices.append(f"{path}: {where}, before the header row, skipped")
    if header is not None:
        if names:  # named with --columns: the sheet's own header row is not a card
            rows = rows[header + 1 :]
        else:
            names = [column_name(cell) or "skip" for cell in rows[header][1]]
            rows = rows[header + 1 :]
    if not names:
        names = _anki_columns(path, options, max((len(row) for _, row in rows), default=0))
    for name in names:
        if name not in KNOWN:
            known = ", ".join(COLUMNS)
            raise ExchangeError(path, f"unknown column name '{name}'; use: {known}, skip")
    if "question" not in names:
        raise ExchangeError(path, "no question column; name the columns with --columns")
    if "correct" in names and "option" not in names:  # `Correct` beside `Wrong 1..3`
        names = ["answer" if name == "correct" else name for name in names]
    if "option" in names and "correct" not in names:
        raise ExchangeError(path, "option columns but no 'correct' column saying which is right")
    html = options.get("html", "").lower() == "true"
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
        cells, lists = _cells(names, row)
        if html:
            cells = {k: html_to_text(v) if k != "events" else v for k, v in cells.items()}
            lists = {k: [html_to_text(v) for v in vs] for k, vs in lists.items()}
        if lists.get("option"):
            cells |= _from_options(path, line, lists.pop("option"), cells.pop("correct", ""))
        for key, values in lists.items():
            cells[key] = LIST_SEPARATOR.join(v for v in values if v.strip())
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


def _rows(
    path: Path, body: str, delimiter: str, first_line: int
) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    line = first_line
    try:
        for row in reader:
            yield line, row
            line = first_line + reader.line_num
    except csv.Error as exc:
        raise ExchangeError(path, f"not valid CSV: {exc}", line) from None


def _is_header(row: list[str]) -> bool:
    """A row of column names: a question column, the answer (or options), the rest known or
    blank, or at least as many known names as not (Kahoot's and Quizizz's extra columns)."""
    names = [column_name(cell) for cell in row]
    if "question" not in names or not {"answer", "option", "correct"} & set(names):
        return False
    known = sum(n is not None for n in names)
    return all(n is not None for n in names) or known >= len([c for c in row if c.strip()]) / 2


def _header_row(rows: list[tuple[int, list[str]]]) -> int | None:
    """The index of the header row among the first rows, or None when there is none."""
    for index, (_, row) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if _is_header(row):
            return index
    return None


def _cells(names: list[str], row: list[str]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The row's cells by column name: list columns keep every value, in order."""
    cells: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    for name, cell in zip(names, row, strict=False):
        if name == "skip":
            continue
        if name in LIST_COLUMNS:
            lists.setdefault(name, []).append(cell)
        elif name == "tags" and name in cells:
            cells[name] += " " + cell
        elif cell.strip() or name not in cells:
            cells[name] = cell
    return cells, lists


def _from_options(path: Path, line: int, options: list[str], correct: str) -> dict[str, str]:
    """Answer and wrong options from option columns and the `correct` column, which names
    the right option by its number (1-5), its letter (A-E) or its text; several right
    options ("1,3") are all accepted, the first shown as the answer."""
    shown = [o.strip() for o in options]
    picked = []
    for token in (t.strip() for t in re.split(r"[,;|]", correct) if t.strip()):
        if token.isdigit() and 1 <= int(token) <= len(shown):
            picked.append(int(token) - 1)
        elif len(token) == 1 and token.lower() in "abcde"[: len(shown)]:
            picked.append("abcde".index(token.lower()))
        elif token.casefold() in [o.casefold() for o in shown]:
            picked.append([o.casefold() for o in shown].index(token.casefold()))
        else:
            raise ExchangeError(
                path, f"the correct answer '{token}' is not an option number, letter or text", line
            )
    picked = [i for i in dict.fromkeys(picked) if shown[i]]
    if not picked:
        raise ExchangeError(path, "no correct option given (a number, a letter or its text)", line)
    right = [shown[i] for i in picked]
    wrong = [o for i, o in enumerate(shown) if o and i not in picked]
    return {
        "answer": right[0],
        "alternatives": LIST_SEPARATOR.join(right[1:]),
        "wrong": LIST_SEPARATOR.join(wrong),
    }


def split_tags(value: str) -> list[str]:
    """Tags from one cell: separated by spaces, commas or `|`."""
    return [tag for tag in re.split(r"[\s,|]+", value) if tag]


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
        tags=split_tags(cells.get("tags", "")),
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
    deck_tags = set(split_tags(str(fields.pop("deck_tags", ""))))
    for key in ("alternatives", "wrong"):
        if key in fields:
            fields[key] = _split(str(fields[key]))
    if "tags" in fields:
        fields["tags"] = [t for t in split_tags(str(fields["tags"])) if t not in deck_tags]
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
