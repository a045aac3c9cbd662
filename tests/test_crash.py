"""Killing quizapp with SIGKILL right after a grade loses no answered review."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from platform_support import needs_sigkill

from quizapp.core.progress.store import Store

RUNS = 20

# Answers cards as fast as it can; an id is printed only once `record` has returned, which is
# when the app tells the student the answer is saved.
ANSWERER = """
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from quizapp.core.scheduling.scheduler import CardState, Phase
from quizapp.core.progress.store import Review, Store

path, run = Path(sys.argv[1]), sys.argv[2]
store = Store.open(path)
start = datetime(2024, 5, 1, 10, tzinfo=UTC)
n = 0
while True:
    at = start + timedelta(seconds=n)
    state = CardState(phase=Phase.LEARNING, due=at + timedelta(minutes=1), last_review=at, reps=n)
    review = Review("deck", f"card-{n % 13}", at, 1 + n % 4, given_answer=f"{run}-{n}")
    review_id = store.record(review, state)
    print(review_id, run, n, flush=True)
    n += 1
"""


def reported(line: bytes, run: int, lines: list[bytes], err: bytes) -> tuple[int, str]:
    """The review id and answer an answerer's line reports ("<id> <run> <n>")."""
    try:
        review_id, run_text, n = line.decode().split()
        if run_text != str(run):
            raise ValueError(f"the line is from run {run_text}")
        return int(review_id), f"{run}-{n}"
    except ValueError as exc:
        raise AssertionError(
            f"run {run}: cannot read the answerer's line {line!r} ({exc});"
            f" all it printed: {b''.join(lines)!r}; its stderr: {err.decode(errors='replace')!r}"
        ) from None


@needs_sigkill
def test_sigkill_after_a_grade_loses_no_review(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    rng = random.Random(20240501)
    printed: dict[int, str] = {}
    for run in range(RUNS):
        child = subprocess.Popen(
            [sys.executable, "-c", ANSWERER, str(path), str(run)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
        )
        assert child.stdout is not None and child.stderr is not None
        # Let it save a random number of answers (none at all: killed while opening), then
        # kill it: it is then somewhere inside the next `record`, or between two.
        lines: list[bytes] = []
        for _ in range(rng.randint(0, 40)):
            line = child.stdout.readline()
            if not line:
                break
            lines.append(line)
        os.kill(child.pid, signal.SIGKILL)
        # Read on through child.stdout: communicate() would read the pipe itself, skipping
        # what readline had buffered and starting mid-line (it failed so under load).
        out, err = child.stdout.read(), child.stderr.read()
        child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL, err.decode()
        lines += out.splitlines(keepends=True)
        for line in lines:
            if line.endswith(b"\n"):  # a line cut by the kill was never fully reported
                review_id, answer = reported(line, run, lines, err)
                printed[review_id] = answer

        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
        store = Store.open(path)
        try:
            logged = {r.id: r.given_answer for r in store.reviews()}
        finally:
            store.close()
        missing = {i: a for i, a in printed.items() if logged.get(i) != a}
        assert missing == {}, f"run {run}: answered reviews lost"
    assert len(printed) > RUNS  # the runs did answer cards
