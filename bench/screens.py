"""The screens a heavy user opens after home, timed from the key to their first figures.

Each run starts the app in a pseudo-terminal on a fresh copy of the 1,000,000-review progress
file (no exam date set, today's cards still to study), waits for home, presses the screen's
key and times until a text its figures (or first page, or first card) show arrives:

- statistics: `s`, until "Streak:" (the line written once every figure is counted);
- exam plan: `p`, the exam date typed (30 days ahead), then enter, until "Predicted recall"
  (the forecast, the search for the answers a day included);
- cram: `c`, then enter on the options box, until "question 1 of";
- browse: `b`, until "card(s) match" (the count written with the first page of cards);
- study all: `a`, until "card 1 of"; the app's peak memory then.

And the command line as whole processes: `quizapp stats --json` and `quizapp plan --exam DATE
--json`, a fresh copy of the progress file for each plan.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pty_frames import Terminal, start

HOME = b"All decks"
PLAN_DAYS = 30


def _fresh(work: Path) -> Path:
    data = work / "data-screens"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir()
    shutil.copy(work / "data-100k" / "progress.sqlite3", data / "progress.sqlite3")
    shutil.copytree(work / "data-100k" / "cache", data / "cache")
    return data


def _type(terminal: Terminal, text: bytes) -> None:
    for char in text:
        os.write(terminal.fd, bytes([char]))
        time.sleep(0.01)
    terminal.drain(0.2)


def _exam_day() -> bytes:
    return (date.today() + timedelta(days=PLAN_DAYS)).isoformat().encode()


def _stats(t: Terminal) -> float:
    return t.press(b"s", b"Streak:", timeout=120)


def _plan(t: Terminal) -> float:
    t.press(b"p", b"Exam date", timeout=60)
    t.drain(0.3)
    _type(t, _exam_day())
    return t.press(b"\r", b"Predicted recall", timeout=300)


def _cram(t: Terminal) -> float:
    t.press(b"c", b"due or not", timeout=60)
    t.drain(0.3)
    return t.press(b"\r", b"question 1 of", timeout=120)


def _browse(t: Terminal) -> float:
    return t.press(b"b", b"card(s) match", timeout=120)


def _study_all(t: Terminal) -> float:
    return t.press(b"a", b"card 1 of", timeout=120)


SCREENS: dict[str, Callable[[Terminal], float]] = {
    "stats_ms_100k": _stats,
    "plan_ms_100k": _plan,
    "cram_ms_100k": _cram,
    "browse_ms_100k": _browse,
    "study_all_ms_100k": _study_all,
}


def screens(work: Path, app: Callable[[Path], list[str]], repeats: int) -> dict[str, Any]:
    """The median of `repeats` runs of each screen, interleaved; study all's peak memory."""
    times: dict[str, list[float]] = {key: [] for key in SCREENS}
    peaks: list[float] = []
    for _ in range(repeats):
        for key, open_screen in SCREENS.items():
            terminal = start(app(_fresh(work)))
            try:
                terminal.wait_for(HOME, timeout=60)
                terminal.drain(0.5)  # home settled: its footer and counts drawn
                times[key].append(open_screen(terminal) * 1000)
            finally:
                peak = terminal.close()
            if key == "study_all_ms_100k":
                peaks.append(peak)
    figures: dict[str, Any] = {k: round(statistics.median(v), 1) for k, v in times.items()}
    figures["peak_rss_mb_100k_study_all"] = round(max(peaks), 1)
    figures["screen_runs"] = repeats
    return figures


def command_line(work: Path, cli: Callable[[Path], list[str]], repeats: int) -> dict[str, Any]:
    """`quizapp stats --json` and `quizapp plan --exam DATE --json`, whole processes (median
    of `repeats`, wall time from start to exit)."""
    stats, plans = [], []
    for _ in range(repeats):
        data = _fresh(work)
        started = time.perf_counter()
        subprocess.run([*cli(data), "stats", "--json"], check=True, capture_output=True)
        stats.append(time.perf_counter() - started)
        started = time.perf_counter()
        exam = ["plan", "--exam", _exam_day().decode(), "--json"]
        subprocess.run([*cli(data), *exam], check=True, capture_output=True)
        plans.append(time.perf_counter() - started)
    return {
        "stats_cli_s_100k": round(statistics.median(stats), 2),
        "plan_cli_s_100k": round(statistics.median(plans), 2),
        "plan_days_ahead": PLAN_DAYS,
    }
