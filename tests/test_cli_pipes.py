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
]


def run_with_reader_gone(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[bytes]:
    """Run quizapp with its stdout a pipe whose reading end is closed before it writes."""
    process = subprocess.Popen(
        [sys.executable, "-m", "quizapp", *args, "--data-dir", str(data_dir)]
        if args[0] != "check"
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
