"""The full crash test: answer cards in a subprocess, SIGKILL it at random moments, 200 times.

Each child opens the collection (the bundled decks, one data folder for all runs) and answers
cards through a real study session, printing a review's id only once `answer` has returned:
the moment the app shows the card as answered. It is killed after a random delay, which lands
anywhere: while it starts, migrates, writes the deck cache or a backup, or inside an answer.
After every kill: `PRAGMA integrity_check` is ok, the collection opens without a notice of
damage, and every review printed is in the log. Every 25 kills, and at the end, the app itself
is started in a pseudo-terminal and must draw its home screen.

Usage: python bench/crash_kill.py [--kills 200] [--seed 1] [--keep DIR]
tests/test_crash.py runs fewer kills in CI.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pty_frames import first_frame  # noqa: E402

from quizapp.core.collection import Collection  # noqa: E402

CHILD = """
import sys
from datetime import UTC, datetime, timedelta
from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.scheduling.rating import Rating
from quizapp.core.sessions.study import StudySession

collection = Collection.open(None, sys.argv[1])
print("open", flush=True)
# A clock that goes on from the last review, a minute an answer and a day a session, so
# every run has cards to answer (the real clock would leave none after the first runs).
last = collection.store.conn.execute("SELECT max(reviewed_at) FROM reviews").fetchone()[0]
start = datetime.now(UTC) if last is None else datetime.fromtimestamp(last / 1000, UTC)
clock = FakeClock(start + timedelta(minutes=1))
ratings = [Rating.AGAIN, Rating.GOOD, Rating.GOOD, Rating.HARD, Rating.EASY]
n = 0
while True:
    session = StudySession(collection.decks, collection.store, collection.scheduler, clock, 40)
    while session.current is not None:
        item = session.current
        session.answer(ratings[n % 5], question_type="typed", given_answer=f"answer {n}")
        print("answered", session.answered[-1].review_id, item.deck.id, item.card.id, flush=True)
        clock.advance(minutes=1)
        n += 1
        if n % 11 == 0:
            session.undo()
    clock.advance(days=1)
"""


def one_run(data: Path, delay: float) -> list[tuple[int, str, str]]:
    """Start a child, kill it after `delay` seconds; the reviews it reported answered."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    out, err = child.communicate(timeout=60)
    if child.returncode != -signal.SIGKILL:
        raise SystemExit(f"the child ended by itself ({child.returncode}):\n{err.decode()}")
    answered = []
    for line in out.splitlines(keepends=True):
        words = line.split()
        if line.endswith(b"\n") and words and words[0] == b"answered":
            answered.append((int(words[1]), words[2].decode(), words[3].decode()))
    return answered


def check(data: Path, answered: dict[int, tuple[str, str]], run: int) -> None:
    progress = data / "progress.sqlite3"
    if progress.exists():
        conn = sqlite3.connect(progress)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
        if result != "ok":
            raise SystemExit(f"run {run}: integrity_check says {result}")
    collection = Collection.open(None, data)
    try:
        if collection.notices:
            raise SystemExit(f"run {run}: not opened cleanly: {collection.notices}")
        logged = {r.id: (r.deck_id, r.card_id) for r in collection.store.reviews(undone=True)}
    finally:
        collection.close()
    lost = {i: card for i, card in answered.items() if logged.get(i) != card}
    if lost:
        raise SystemExit(f"run {run}: {len(lost)} answered review(s) not in the log: {lost}")


def app_starts(data: Path) -> float:
    ms, _ = first_frame([sys.executable, "-m", "quizapp", "--data-dir", str(data)], b"All decks")
    return ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="use this data folder and keep it")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="quizapp-crash-") as scratch:
        data = args.keep or Path(scratch) / "data"
        answered: dict[int, tuple[str, str]] = {}
        started = time.monotonic()
        for run in range(1, args.kills + 1):
            # Mostly short: many kills land while the child opens; some after many answers.
            delay = rng.choice([rng.uniform(0.0, 0.4), rng.uniform(0.3, 1.2)])
            for review_id, deck, card in one_run(data, delay):
                answered[review_id] = (deck, card)
            check(data, answered, run)
            if run % 25 == 0 or run == args.kills:
                ms = app_starts(data)
                print(
                    f"{run} kills: {len(answered)} answered reviews all in the log, "
                    f"integrity ok; the app drew its home in {ms:.0f} ms",
                    flush=True,
                )
        minutes = (time.monotonic() - started) / 60
        print(f"passed: {args.kills} kills, {len(answered)} reviews kept, {minutes:.1f} min")


if __name__ == "__main__":
    main()
