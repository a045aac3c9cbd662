"""Which format a file is in, and the reader or writer for it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.core.authoring.exchange.base import ExchangeError, Imported, Progress
from quizapp.core.authoring.writer import write_atomic

if TYPE_CHECKING:
    from quizapp.core.authoring.exchange.worksheet import SheetOptions
    from quizapp.core.decks.model import Deck

IMPORT_FORMATS = ("csv", "tsv", "gift", "aiken", "apkg", "json")
EXPORT_FORMATS = ("apkg", "csv", "excel", "quizlet", "gift", "json", "markdown")
_BY_SUFFIX = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".gift": "gift",
    ".apkg": "apkg",
    ".colpkg": "apkg",
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
}
MAX_IMPORT_BYTES = 256 * 1024 * 1024


def import_format(path: Path, data: bytes) -> str:
    """The format of a file to import, from its name or, for .txt, its content.

    Raises:
        ExchangeError: the format cannot be told; the message says to use --format.
    """
    known = _BY_SUFFIX.get(path.suffix.lower())
    if known in IMPORT_FORMATS:
        return known
    if data.startswith(b"PK\x03\x04"):
        return "apkg"
    text = data[:65536].decode("utf-8", "replace")
    if re.search(r"^ANSWER:\s*[A-Za-z]\s*$", text, re.MULTILINE):
        return "aiken"
    if "$CATEGORY:" in text or re.search(r"\{\s*(?:[=~#]|(?:T|F|TRUE|FALSE)\s*[}#])", text):
        return "gift"
    if "\t" in text:
        return "tsv"
    if "," in text or ";" in text:
        return "csv"
    raise ExchangeError(path, "cannot tell the format; give --format csv, tsv, gift, aiken or apkg")


def read_cards(
    path: Path,
    fmt: str | None = None,
    columns: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> Imported:
    """Read the cards of a file in another tool's format.

    Raises:
        ExchangeError: the file cannot be read or is not valid in its format.
    """
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise ExchangeError(path, "the file is too large to import (over 256 MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise ExchangeError(path, f"cannot read the file: {exc.strerror or exc}") from None
    fmt = fmt or import_format(path, data)
    if columns and fmt not in ("csv", "tsv"):
        raise ExchangeError(path, "--columns applies to csv and tsv files only")
    if fmt in ("csv", "tsv"):
        from quizapp.core.authoring.exchange.csv_io import read_csv

        return read_csv(path, data, "\t" if fmt == "tsv" else None, columns, progress)
    if fmt == "gift":
        from quizapp.core.authoring.exchange.gift import read_gift

        return read_gift(path, data, progress)
    if fmt == "aiken":
        from quizapp.core.authoring.exchange.aiken import read_aiken

        return read_aiken(path, data, progress)
    if fmt == "apkg":
        from quizapp.core.authoring.exchange.apkg_read import read_apkg

        return read_apkg(path, data, progress)
    if fmt == "json":
        from quizapp.core.authoring.exchange.json_io import read_json

        return read_json(path, data, progress)
    raise ExchangeError(path, f"unknown format '{fmt}'; use one of {', '.join(IMPORT_FORMATS)}")


def export_format(path: Path) -> str:
    """The export format a file name asks for.

    Raises:
        ExchangeError: the name does not say; the message says to use --format.
    """
    if path.suffix.lower() == ".gift" or path.suffix.lower() == ".txt":
        return "gift"
    if path.suffix.lower() == ".tsv":
        return "quizlet"
    known = _BY_SUFFIX.get(path.suffix.lower())
    if known in EXPORT_FORMATS:
        return known
    raise ExchangeError(
        path,
        "cannot tell the format from the name; give --format " + ", ".join(EXPORT_FORMATS),
    )


def export_paths(path: Path, fmt: str) -> list[Path]:
    """The files an export writes (a worksheet writes its answer key too)."""
    if fmt == "markdown":
        from quizapp.core.authoring.exchange.worksheet import answer_key_path

        return [path, answer_key_path(path)]
    return [path]


def export_decks(
    decks: Sequence[Deck],
    path: Path,
    fmt: str,
    progress: Progress | None = None,
    sheet: SheetOptions | None = None,
) -> list[Path]:
    """Write the decks to `path` in `fmt`; returns the files written (a worksheet writes two).

    Raises:
        OSError: a file cannot be written (nothing is left half-written).
    """
    if fmt == "apkg":
        from quizapp.core.authoring.exchange.apkg_write import write_apkg

        path.parent.mkdir(parents=True, exist_ok=True)
        write_apkg(decks, path, progress)
        return [path]
    if fmt == "markdown":
        from quizapp.core.authoring.exchange.worksheet import answer_key_path, write_worksheet

        text, key = write_worksheet(decks, progress, sheet)
        write_atomic(path, text)
        write_atomic(answer_key_path(path), key)
        return [path, answer_key_path(path)]
    writers = {
        "csv": "csv_write:write_csv",
        "excel": "csv_write:write_excel",
        "quizlet": "csv_write:write_quizlet",
        "gift": "gift:write_gift",
        "json": "json_io:write_json",
    }
    if fmt not in writers:
        raise ExchangeError(path, f"unknown format '{fmt}'; use one of {', '.join(EXPORT_FORMATS)}")
    module, function = writers[fmt].split(":")
    from importlib import import_module

    writer = getattr(import_module(f"quizapp.core.authoring.exchange.{module}"), function)
    write_atomic(path, writer(decks, progress))
    return [path]


__all__ = ["Imported", "export_decks", "import_format", "read_cards"]
