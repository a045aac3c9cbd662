"""`quizapp suspend|unsuspend|bury|unbury|flag CARD...` and the counts `list --json` gives."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import flip_card

from quizapp.cli import main
from quizapp.core.collection import Collection
from quizapp.core.progress.marks import MarkKind
from quizapp.core.sessions.study import StudySession


@pytest.fixture
def ten(write_deck: Callable[..., Path], deck_dir: Path, data_dir: Path) -> list[str]:
    """The common options of a collection holding the deck 'ten', cards c0 to c9."""
    write_deck("ten", [flip_card(f"c{n}") for n in range(10)])
    return ["--decks", str(deck_dir), "--data-dir", str(data_dir)]


def listed(options: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["list", "--json", *options]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    return row


def queued(options: list[str]) -> set[str]:
    collection = Collection.open([Path(options[1])], options[3])
    try:
        c = collection
        study = StudySession(c.decks, c.store, c.scheduler, c.clock, new_per_day=100)
        return {item.card.id for item in study.queue}
    finally:
        collection.close()


def test_suspend_shows_in_list_and_keeps_the_card_from_sessions_until_unsuspended(
    ten: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = listed(ten, capsys)
    assert (before["new"], before["suspended"]) == (10, 0)
    assert main(["suspend", "ten/c9", *ten]) == 0
    assert capsys.readouterr().out == "Suspended: ten/c9.\n"
    after = listed(ten, capsys)
    assert (after["new"], after["suspended"], after["buried"]) == (9, 1, 0)
    assert (after["flagged"], after["leeches"]) == (0, 0)
    assert "c9" not in queued(ten) and len(queued(ten)) == 9
    assert main(["suspend", "ten/c9", *ten]) == 0
    assert capsys.readouterr().out == "Already suspended: ten/c9.\n"
    assert main(["unsuspend", "ten/c9", *ten]) == 0
    assert capsys.readouterr().out == "Unsuspended: ten/c9.\n"
    assert listed(ten, capsys)["new"] == 10
    assert "c9" in queued(ten)


def test_bury_flag_and_their_undoing(ten: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bury", "ten/c1", "ten/c2", *ten]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Buried: ten/c1, ten/c2.\nBack on the next study day: ")
    row = listed(ten, capsys)
    assert (row["new"], row["buried"]) == (8, 2)
    assert main(["flag", "ten/c3", "--color", "2", *ten]) == 0
    assert capsys.readouterr().out == "Flagged orange (2): ten/c3.\n"
    assert listed(ten, capsys)["flagged"] == 1
    assert main(["flag", "ten/c3", "--clear", *ten]) == 0
    assert main(["unbury", "ten/c1", "ten/c2", *ten]) == 0
    capsys.readouterr()
    row = listed(ten, capsys)
    assert (row["new"], row["buried"], row["flagged"]) == (10, 0, 0)
    collection = Collection.open([Path(ten[1])], ten[3])
    try:
        kinds = [event.kind for event in collection.store.card_events("ten")]
    finally:
        collection.close()
    assert kinds == [MarkKind.BURY] * 2 + [MarkKind.FLAG] * 2 + [MarkKind.UNBURY] * 2


@pytest.mark.parametrize(
    ("card", "words"),
    [
        ("ten/c99", "deck 'ten' has no card with the id 'c99'"),
        ("tne/c1", "no deck with the id 'tne' (decks: ten)"),
        ("c1", "'c1' is not a card: name one as DECK-ID/CARD-ID, e.g. ten/c9"),
    ],
)
def test_an_unknown_card_is_an_error_in_words_and_nothing_changes(
    ten: list[str], capsys: pytest.CaptureFixture[str], card: str, words: str
) -> None:
    assert main(["suspend", "ten/c1", card, *ten]) == 1
    assert capsys.readouterr().err == f"quizapp: error: {words}\n"
    assert listed(ten, capsys)["suspended"] == 0


def test_flag_needs_a_colour_or_clear(ten: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["flag", "ten/c1", *ten])
    assert stop.value.code == 2
    assert "one of the arguments --color --clear is required" in capsys.readouterr().err
