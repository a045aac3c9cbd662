"""A reader that stops early (`quizapp list --json | head`) ends a command quietly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.core.paths import bundled_decks_dir

# Each prints to stdout; none of them is told the reader has gone.
COMMANDS = [
    ["list", "--json"],
    ["list"],
    ["exams", "--csv", "-"],
    ["exams", "--json"],
    ["stats", "--json"],
    ["plan", "--json"],
    ["progress", "export", "-"],
    ["backup", "--list"],
    ["check", "--format", "json", str(bundled_decks_dir())],
    ["help", "deck-format"],
]
# Commands that take no --data-dir (they read no progress).
WITHOUT_DATA = ("check", "help", "class")
CLASS_CSV = (
    "exam_id,exam_started,number,format,prompt,options,expected,given,outcome,score,reason,"
    "seconds,cards,kinds,tags,sources\n1,2027-01-05T09:00:00,1,typed,Q?,,A,A,correct,1,,3,d/a,"
    "date,x,\n"
)


def run_with_reader_gone(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[bytes]:
    """Run quizapp with its stdout a pipe whose reading end is closed before it writes."""
    process = subprocess.Popen(
        [sys.executable, "-m", "quizapp", *args, "--data-dir", str(data_dir)]
        if args[0] not in WITHOUT_DATA
        else [sys.executable, "-m", "quizapp", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=data_dir.parent,
    )
    assert process.stdout is not None
    process.stdout.close()  # the reader is gone long before Python has even started
    _, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, b"", err)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_closed_pipe_ends_the_command_quietly(args: list[str], tmp_path: Path) -> None:
    done = run_with_reader_gone(args, tmp_path / "data")
    err = done.stderr.decode()
    assert "Traceback" not in err
    assert "BrokenPipeError" not in err and "Broken pipe" not in err
    assert "Exception ignored" not in err
    assert done.returncode == 141  # as a shell reports a command ended by SIGPIPE


def test_the_class_report_ends_quietly_too(tmp_path: Path) -> None:
    results = tmp_path / "student.csv"
    results.write_text(CLASS_CSV, encoding="utf-8")
    for extra in ([], ["--json"]):
        done = run_with_reader_gone(["class", "report", str(results), *extra], tmp_path / "data")
        assert "Traceback" not in done.stderr.decode() and done.returncode == 141
