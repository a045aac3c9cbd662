"""Command-line mistakes end in one line on stderr and exit status 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.cli import main


@pytest.mark.parametrize("command", [["list"], ["stats"], ["plan"], ["exams"], ["study"]])
def test_a_data_dir_that_is_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    in_the_way = tmp_path / "data"
    in_the_way.write_text("not a folder", encoding="utf-8")
    assert main([*command, "--data-dir", str(in_the_way)]) == 2
    err = capsys.readouterr().err
    assert err == f"quizapp: error: cannot use {in_the_way}: a file is where a folder should be\n"


@pytest.mark.parametrize("minutes", ["nan", "inf"])
def test_exam_minutes_must_be_a_plain_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], minutes: str
) -> None:
    args = ["exam", "--data-dir", str(tmp_path / "data"), "--count", "3", "--minutes", minutes]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        f"quizapp: error: --minutes must be a plain number (got {minutes})\n"
    )


def test_new_under_a_file_names_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    in_the_way = tmp_path / "notes"
    in_the_way.write_text("", encoding="utf-8")
    assert main(["new", str(in_the_way / "deck.yaml")]) == 2
    err = capsys.readouterr().err
    assert f"{in_the_way} is a file, not a folder" in err and "already exists" not in err


def test_exam_minutes_beyond_a_week(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["exam", "--data-dir", str(tmp_path / "data"), "--count", "3", "--minutes", "1e13"]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        "quizapp: error: An exam lasts at most 10080 minutes (a week).\n"
    )
