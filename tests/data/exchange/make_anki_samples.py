"""Make the .apkg samples in this folder with Anki's own library (run by hand, not by the tests).

    python -m venv /tmp/anki-venv && /tmp/anki-venv/bin/pip install anki   # anki 26.9.3 here
    /tmp/anki-venv/bin/python tests/data/exchange/make_anki_samples.py

It builds a small Anki collection through Anki's Python API (the `anki` package on PyPI is the
library inside the desktop app): one deck, "Pakistan and the USSR", with notes of the stock
note types "Basic", "Basic (type in the answer)" and "Cloze" (one cloze note with two
deletions, one with a hint), some with HTML and tags. Then it exports the deck with
`Collection.export_anki_package`, without scheduling or media:

- `anki-current.apkg`: the current package format (`legacy=False`): `collection.anki21b`,
  the collection compressed with zstd, beside a stub `collection.anki2` that only tells old
  Ankis to update.
- `anki-legacy.apkg`: the legacy format (`legacy=True`): `collection.anki21`, an uncompressed
  schema-11 database, beside the same stub.
- `anki-2.0.apkg`: Anki can no longer write the oldest layout, in which the real collection
  is named `collection.anki2` (as Anki 2.0 and genanki write it). This file is the legacy
  export with its `collection.anki21` stored under that name and the stub left out, so the
  database is still the one Anki wrote.
- `anki-notes.txt`: the same notes as Anki's "Notes in Plain Text" export
  (`Collection.export_note_csv`, with HTML, tags, deck, note type and GUID columns), which
  starts with Anki's `#separator:tab`, `#html:true` and `#... column:N` header lines.

quizapp itself is never imported here.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions

HERE = Path(__file__).resolve().parent
DECK = "Pakistan and the USSR"
BASIC = [
    ("In which year did Pakistan join <b>SEATO</b>?", "1954", ["alliances", "1950s"]),
    ("In which year did Pakistan join CENTO?", "1955", ["alliances", "1950s"]),
    (
        "Which Soviet premier visited Pakistan in April&nbsp;1968?",
        "Alexei Kosygin<br>(Premier Kosygin)",
        ["visits"],
    ),
]
TYPED = [("Where was the 1966 declaration between India and Pakistan signed?", "Tashkent")]
CLOZE = [
    (
        "Pakistan joined {{c1::SEATO}} in 1954 and {{c2::CENTO}} in 1955.",
        "The Era of Alliances (1954-1962).",
    ),
    ("President {{c1::Ayub Khan::a Pakistani president}} visited Moscow in April 1965.", ""),
]


def build(folder: Path) -> tuple[Collection, int]:
    col = Collection(str(folder / "collection.anki2"))
    deck_id = col.decks.id(DECK)
    basic = col.models.by_name("Basic")
    for front, back, tags in BASIC:
        note = col.new_note(basic)
        note["Front"], note["Back"] = front, back
        note.tags = tags
        col.add_note(note, deck_id)
    typed = col.models.by_name("Basic (type in the answer)")
    for front, back in TYPED:
        note = col.new_note(typed)
        note["Front"], note["Back"] = front, back
        col.add_note(note, deck_id)
    cloze = col.models.by_name("Cloze")
    for text, extra in CLOZE:
        note = col.new_note(cloze)
        note["Text"], note["Back Extra"] = text, extra
        note.tags = ["cloze"]
        col.add_note(note, deck_id)
    return col, deck_id


def export(col: Collection, deck_id: int, path: Path, legacy: bool) -> None:
    options = ExportAnkiPackageOptions(
        with_scheduling=False, with_deck_configs=False, with_media=False, legacy=legacy
    )
    col.export_anki_package(out_path=str(path), options=options, limit=DeckIdLimit(deck_id))


def as_anki_2_0(legacy: Path, path: Path) -> None:
    with zipfile.ZipFile(legacy) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("collection.anki2", source.read("collection.anki21"))
        out.writestr("media", source.read("media"))


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        col, deck_id = build(Path(temp))
        try:
            export(col, deck_id, HERE / "anki-current.apkg", legacy=False)
            export(col, deck_id, HERE / "anki-legacy.apkg", legacy=True)
            col.export_note_csv(
                out_path=str(HERE / "anki-notes.txt"),
                limit=DeckIdLimit(deck_id),
                with_html=True,
                with_tags=True,
                with_deck=True,
                with_notetype=True,
                with_guid=True,
            )
        finally:
            col.close()
    as_anki_2_0(HERE / "anki-legacy.apkg", HERE / "anki-2.0.apkg")
    for name in ("anki-current.apkg", "anki-legacy.apkg", "anki-2.0.apkg", "anki-notes.txt"):
        print(name, os.path.getsize(HERE / name), "bytes")


if __name__ == "__main__":
    main()
