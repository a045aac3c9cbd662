"""Writing into a deck keeps the file: comments and untouched cards byte for byte, a backup."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.authoring.deck_edit import plan_edit
from quizapp.core.decks.loader import load_deck

# Hand-written: comments everywhere, folded and literal text, odd quoting, flow and block lists,
# a card in flow style, a trailing comment, keys in an order of the author's own.
HAND_WRITTEN = """\
# My deck on the alliances. Do not reorder: the class follows this order.
format: 1
id: alliances   # the id students' progress is kept by
title: 'Alliances, by hand'

cards:
  # --- 1950s ---------------------------------------------------------------
  - id: seato-year
    question: "In which year did Pakistan join SEATO?"   # asked first in class
    kind: date
    type: typed
    answer: '1954'
    date: "1954"
    source: >-
      SEATO in 1954
      and CENTO in 1955
    tags:
      - 1950s   # the decade
      - alliances

  - id: cento-year
    kind: date
    type: typed
    question: In which year did Pakistan join CENTO?
    answer: "1955"
    date: "1955"
    explanation: |
      CENTO followed SEATO.

      It was the Baghdad Pact before.
    source: "SEATO in 1954 and CENTO in 1955"

  # a one-liner, as I like them
  ONE_LINER

# end of the deck
""".replace(
    "ONE_LINER",
    '- {id: kosygin, kind: actor, type: flip, question: "Who visited in April 1968?", '
    'answer: Kosygin, source: "April 1968 saw the visit of Russian Premier Kosygin to Pakistan."}',
)

# What a colleague's sheet brings: one card changed, one new card, one the same as it was.
SHEET = [
    ["id", "question", "answer", "explanation"],
    ["seato-year", "In which year did Pakistan join SEATO?", "1954", ""],
    ["kosygin", "Who visited in April 1968?", "Alexei Kosygin", ""],
    ["tashkent", "Where was the 1966 declaration signed?", "Tashkent", "In Uzbekistan."],
]


def write_sheet(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def test_import_into_a_hand_written_deck_keeps_every_untouched_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "alliances.yaml"
    deck.write_text(HAND_WRITTEN, encoding="utf-8")
    sheet = write_sheet(tmp_path / "sheet.csv", SHEET)
    assert main(["import", str(sheet), "--to", str(deck)]) == 0
    out = capsys.readouterr().out
    after = deck.read_text(encoding="utf-8")
    before_lines = HAND_WRITTEN.splitlines(keepends=True)
    after_lines = after.splitlines(keepends=True)
    # Every comment, and every line outside the changed card, is there byte for byte.
    kosygin = next(line for line in before_lines if "{id: kosygin" in line)
    for line in before_lines:
        if line is not kosygin:
            assert line in after_lines, f"lost: {line!r}"
    untouched = HAND_WRITTEN.split("  # a one-liner")[0]
    assert after.startswith(untouched)  # header and the two cards the sheet leaves as they were
    assert after.rstrip().endswith("# end of the deck")
    # The changed card has its new answer; the new card comes after the last one.
    loaded = load_deck(deck).deck
    assert loaded is not None
    assert loaded.card("kosygin").answer == "Alexei Kosygin"  # type: ignore[union-attr]
    assert [c.id for c in loaded.cards] == ["seato-year", "cento-year", "kosygin", "tashkent"]
    assert loaded.card("kosygin").source.startswith("April 1968")  # type: ignore[union-attr]
    assert after.index("id: tashkent") > after.index("id: kosygin")
    # It says what it changed and where the old file is.
    assert "1 new, 1 updated, 1 unchanged" in out
    assert "changed card 'kosygin': answer" in out and "added 1 card(s): tashkent" in out
    assert "the old file is kept as alliances.yaml.bak" in out
    assert (tmp_path / "alliances.yaml.bak").read_text(encoding="utf-8") == HAND_WRITTEN
    # The .bak file is not a deck file: a folder of decks does not load it twice.
    assert main(["check", str(tmp_path)]) == 0


def test_a_changed_block_card_keeps_its_own_comments(tmp_path: Path) -> None:
    deck = tmp_path / "alliances.yaml"
    deck.write_text(HAND_WRITTEN, encoding="utf-8")
    sheet = write_sheet(
        tmp_path / "sheet.csv",
        [
            ["id", "question", "answer"],
            ["seato-year", "Which year did Pakistan join SEATO?", "1954"],
        ],
    )
    assert main(["import", str(sheet), "--to", str(deck)]) == 0
    after = deck.read_text(encoding="utf-8")
    # Its quoting, and its comment at the same column, on its line.
    assert (
        '    question: "Which year did Pakistan join SEATO?"      # asked first in class\n' in after
    )
    assert "      - 1950s   # the decade\n" in after
    assert "    source: >-\n      SEATO in 1954\n      and CENTO in 1955\n" in after
    assert after.split("  - id: cento-year")[1] == HAND_WRITTEN.split("  - id: cento-year")[1]


def test_importing_the_same_sheet_again_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "alliances.yaml"
    deck.write_text(HAND_WRITTEN, encoding="utf-8")
    sheet = write_sheet(tmp_path / "sheet.csv", SHEET)
    assert main(["import", str(sheet), "--to", str(deck)]) == 0
    once = deck.read_bytes()
    capsys.readouterr()
    assert main(["import", str(sheet), "--to", str(deck)]) == 0
    assert deck.read_bytes() == once
    assert "nothing changed" in capsys.readouterr().out


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    deck = tmp_path / "alliances.yaml"
    deck.write_bytes(b"\xef\xbb\xbf" + HAND_WRITTEN.replace("\n", "\r\n").encode("utf-8"))
    sheet = write_sheet(tmp_path / "sheet.csv", SHEET)
    assert main(["import", str(sheet), "--to", str(deck)]) == 0
    data = deck.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\n" not in data.replace(b"\r\n", b"")
    assert load_deck(deck).ok


def test_a_deck_edited_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "alliances.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    old = load_deck(path).deck
    assert old is not None
    edited = HAND_WRITTEN.replace("answer: Kosygin", "answer: Premier Kosygin")
    with pytest.raises(Exception, match="changed since it was read"):
        plan_edit(path, edited.encode(), old, old)
