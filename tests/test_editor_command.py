"""Which editor opens a deck file, and how it is told the card's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.core.authoring.editor import editor_command, own_copy, renamed_to
from quizapp.core.decks.loader import parse_deck
from quizapp.core.decks.model import Deck

DECK = Path("/decks/ten.yaml")


def nothing(name: str) -> str | None:
    return None


@pytest.mark.parametrize(
    ("editor", "command"),
    [
        ("vim", ["vim", "+12", str(DECK)]),
        ("/usr/bin/nano", ["/usr/bin/nano", "+12", str(DECK)]),
        ("emacs -nw", ["emacs", "-nw", "+12", str(DECK)]),
        ("code -w", ["code", "-w", "--goto", f"{DECK}:12"]),
        ("hx", ["hx", f"{DECK}:12"]),
        ("kate", ["kate", "--line", "12", str(DECK)]),
        ("'/opt/My Editor/ed'", ["/opt/My Editor/ed", str(DECK)]),  # unknown: the file alone
    ],
)
def test_the_line_is_given_as_each_editor_takes_it(editor: str, command: list[str]) -> None:
    assert editor_command(DECK, 12, {"EDITOR": editor}, nothing, windows=False) == command


def test_visual_comes_before_editor() -> None:
    env = {"VISUAL": "nvim", "EDITOR": "nano"}
    assert editor_command(DECK, 3, env, nothing, windows=False) == ["nvim", "+3", str(DECK)]


def test_without_either_the_platforms_editor() -> None:
    found = {"nano": "/bin/nano", "vi": "/bin/vi"}
    assert editor_command(DECK, 3, {}, found.get, windows=False) == ["/bin/nano", "+3", str(DECK)]
    assert editor_command(DECK, 3, {}, nothing, windows=False) is None
    notepad = {"notepad": r"C:\Windows\notepad.exe"}.get
    assert editor_command(DECK, 3, {}, notepad, windows=True) == [
        r"C:\Windows\notepad.exe",
        str(DECK),
    ]


def test_a_windows_editor_path_keeps_its_backslashes() -> None:
    env = {"EDITOR": r'"C:\Program Files\Notepad++\notepad++.exe" -multiInst'}
    assert editor_command(DECK, 7, env, nothing, windows=True) == [
        r"C:\Program Files\Notepad++\notepad++.exe",
        "-multiInst",
        "-n7",
        str(DECK),
    ]


def deck(text: str) -> Deck:
    loaded = parse_deck(text, DECK).deck
    assert loaded is not None
    return loaded


CARDS = """\
format: 1
id: ten
title: Ten
cards:
  - {id: a, kind: concept, type: flip, question: A?, answer: a, source: s}
  - {id: b, kind: concept, type: flip, question: B?, answer: b, source: s}
  - {id: c, kind: concept, type: flip, question: C?, answer: c, source: s}
"""


def test_a_renamed_card_is_the_new_id_nearest_its_line() -> None:
    before = deck(CARDS)
    after = deck(CARDS.replace("id: b,", "id: b2,").replace("id: c,", "id: c2,"))
    assert renamed_to(before, after, "b", before.cards[1].line) == "b2"
    assert renamed_to(before, deck(CARDS.replace("id: b,", "id: a2,")), "c", 7) == "a2"
    assert renamed_to(before, deck(CARDS), "b", 6) is None
    claimed = deck(CARDS.replace("id: c,", "id: c2, was: b,").replace("  - {id: b,", "  - {id: x,"))
    assert renamed_to(before, claimed, "b", 6) == "c2"


def test_an_installed_deck_is_copied_into_the_students_folder(tmp_path: Path) -> None:
    installed = tmp_path / "installed" / "ten.yaml"
    installed.parent.mkdir()
    installed.write_text(CARDS, encoding="utf-8")
    loaded = parse_deck(CARDS, installed).deck
    assert loaded is not None
    first = own_copy(loaded, tmp_path / "data")
    assert first == tmp_path / "data" / "decks" / "ten.yaml"
    assert first.read_text(encoding="utf-8") == CARDS
    assert own_copy(loaded, tmp_path / "data").name == "ten-2.yaml"  # never over a file
