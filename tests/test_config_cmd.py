"""`quizapp config`: settings listed, read, set and reset; errors in words; `list --json`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from progress_support import deck_args

from quizapp.cli import main
from quizapp.core.collection import Collection
from quizapp.core.scheduling.rating import Rating
from quizapp.core.sessions.study import StudySession
from quizapp.core.settings.definitions import DEFINITIONS

TEN = [f"c{n}" for n in range(10)]


@pytest.fixture
def args(write_deck: Callable[..., Path], deck_dir: Path, data_dir: Path) -> list[str]:
    write_deck("ten", TEN)
    return deck_args(deck_dir, data_dir)


def output(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_deck_of_ten_with_three_new_cards_a_day(
    args: list[str], deck_dir: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Acceptance 1, through the commands and a session on the same store."""
    status, out, _ = output(capsys, "config", "--deck", "ten", "new-per-day", "3", *args)
    assert status == 0 and out == "new-per-day for deck ten: 3 (this deck)\n"
    collection = Collection.open([deck_dir], data_dir)
    try:
        c = collection
        study = StudySession(c.decks, c.store, c.scheduler, c.clock)
        introduced = set()
        while study.current is not None:
            introduced.add(study.current.card.id)
            study.answer(Rating.EASY)
        assert introduced == {"c0", "c1", "c2"}
    finally:
        collection.close()
    _, out, _ = output(capsys, "list", "--json", *args)
    (ten,) = json.loads(out)
    assert (ten["new"], ten["new_today"], ten["learning"], ten["review_due"]) == (7, 0, 0, 0)
    _, out, _ = output(capsys, "config", "--deck", "ten", "--json", *args)
    shown = json.loads(out)
    assert shown["new-per-day"] == 3 and shown["retention"] == 0.9
    _, out, _ = output(capsys, "config", "--json", *args)
    assert json.loads(out)["new-per-day"] == 20  # every deck's is untouched


def test_the_listing_says_value_origin_and_meaning(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    output(capsys, "config", "retention", "85%", *args)
    status, out, _ = output(capsys, "config", "--deck", "ten", *args)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("Settings for deck ten")
    retention = next(line for line in lines if line.split()[0] == "retention")
    assert retention.split()[1:3] == ["0.85", "all"] and "the recall FSRS aims for" in retention
    assert len([line for line in lines if line.startswith("  ")]) == len(DEFINITIONS)
    _, out, _ = output(capsys, "config", "learning-steps", *args)
    assert out == "1m 10m\n"


def test_reset_goes_back_to_every_decks_value_then_the_default(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    output(capsys, "config", "new-per-day", "10", *args)
    output(capsys, "config", "--deck", "ten", "new-per-day", "3", *args)
    _, out, _ = output(capsys, "config", "--reset", "new-per-day", "--deck", "ten", *args)
    assert out == "new-per-day for deck ten: 10 (all decks)\n"
    _, out, _ = output(capsys, "config", "--reset", "new-per-day", *args)
    assert out == "new-per-day for every deck: 20 (default)\n"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["retention", "1.5"], "retention is from 0.70 to 0.99"),
        (["learning-steps", "10m 1m"], "steps go from the shortest to the longest"),
        (["colour", "blue"], "no setting named 'colour'"),
        (["--deck", "nine", "retention", "0.8"], "no deck named 'nine'"),
        (["--deck", "ten", "day-starts-at", "5"], "one setting for every deck"),
        (["--reset"], "--reset takes a setting's name"),
        (["--reset", "retention", "0.8"], "--reset takes a setting's name"),
    ],
)
def test_errors_are_said_in_words_with_exit_status_1(
    args: list[str], capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    status, out, err = output(capsys, "config", *argv, *args)
    assert status == 1 and out == ""
    assert words in err and "Traceback" not in err


def test_settings_survive_a_progress_export_and_import_into_an_empty_folder(
    args: list[str], deck_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Acceptance 6."""
    output(capsys, "config", "--deck", "ten", "new-per-day", "3", *args)
    output(capsys, "config", "retention", "0.85", *args)
    output(capsys, "config", "day-starts-at", "6", *args)
    _, before, _ = output(capsys, "config", "--deck", "ten", "--json", *args)
    path = tmp_path / "progress.jsonl"
    assert output(capsys, "progress", "export", str(path), *args)[0] == 0
    elsewhere = deck_args(deck_dir, tmp_path / "empty")
    status, out, _ = output(capsys, "progress", "import", str(path), *elsewhere)
    assert status == 0 and "3 setting change(s)" in out
    _, after, _ = output(capsys, "config", "--deck", "ten", "--json", *elsewhere)
    assert json.loads(after) == json.loads(before)
    assert json.loads(after)["day-starts-at"] == 6
