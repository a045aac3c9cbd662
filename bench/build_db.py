"""Build a progress file with a long history for the benchmarks: 10 reviews of each card.

For the decks bench/gen_decks.py makes (100 x 1,000 cards: 1,000,000 reviews). Each card's
ten reviews go through quizapp's own scheduler (FSRS-6 with fuzz), from a first sight to a
long interval, so states, due dates and the log agree as they would after a year of study;
each card's history is then moved by whole days to end within the last two months, so some
cards are due now and most are not. The rows are written in one transaction, straight into
quizapp's tables (writing a million reviews one commit at a time would take an hour), as the
quizapp before the reviews kept their facts wrote them; `upgrade` then migrates the file.
"""

from __future__ import annotations

import random
import sqlite3
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizapp.core.progress.replay import fuzz_seed
from quizapp.core.progress.schema import APPLICATION_ID, BACKFILLS, MIGRATIONS
from quizapp.core.progress.store import Store, to_ms
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler

REVIEWS_PER_CARD = 10
STYLES = ("typed", "choice", "truefalse", "cloze", "flip")  # gen_decks.py's, by index % 5
ANSWERS = ("1954", "Treaty alliance border 123", "false", "1954 | treaty", None)
Row = tuple[int, int, int, int, str, str | None]  # card index, at, rating, ms, type, answer


def _deck_history(deck: int, cards: int, now_ms: int) -> tuple[list[tuple], list[Row]]:
    """One deck's card states and review rows (run in a worker process)."""
    rng = random.Random(deck)
    scheduler = Scheduler()
    now = datetime.fromtimestamp(now_ms / 1000, UTC)
    states, rows = [], []
    for index in range(cards):
        deck_id, card_id = f"bench-deck-{deck:03d}", f"d{deck}-card-{index:05d}"
        style = index % 5
        state, at, history = CardState(), now - timedelta(days=3000), []
        for _ in range(REVIEWS_PER_CARD):
            rating = rng.choices(list(Rating), weights=(10, 10, 70, 10))[0]
            state = scheduler.review(state, rating, at, fuzz_seed(deck_id, card_id))
            history.append((at, rating))
            assert state.due is not None
            at = state.due + timedelta(hours=rng.uniform(0, 30))
        # Move the history by whole days so it ends in the last 60 days (study days stay whole).
        end = now - timedelta(days=rng.uniform(0, 60))
        shift = timedelta(days=(end - history[-1][0]).days)
        for moment, rating in history:
            answer = ANSWERS[style]
            ms = rng.randint(2000, 20000)
            rows.append((index, to_ms(moment + shift), int(rating), ms, STYLES[style], answer))
        assert state.due is not None and state.last_review is not None
        states.append(
            (
                index,
                str(state.phase),
                state.step,
                state.stability,
                state.difficulty,
                to_ms(state.due + shift),
                to_ms(state.last_review + shift),
                state.reps,
                state.lapses,
            )
        )
    return states, rows


def build(path: Path, decks: int = 100, cards: int = 1000, now: datetime | None = None) -> int:
    """Write the progress file at `path` (which must not exist); returns the reviews written.

    The file is written as the quizapp before the reviews kept their facts wrote it (the
    schema before the first backfill's); `upgrade` brings it up to date as a student's
    upgrade does, replaying the log.
    """
    older_schema(path, min(BACKFILLS) - 1)
    now_ms = to_ms(now or datetime.now(UTC))
    with ProcessPoolExecutor() as pool:
        histories = list(pool.map(_deck_history, range(decks), [cards] * decks, [now_ms] * decks))
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN")
    labels = {text: key for key, text in enumerate(("study", *STYLES), 1)}
    conn.executemany(
        "INSERT INTO labels (key, text) VALUES (?, ?)", [(k, t) for t, k in labels.items()]
    )
    log: list[tuple] = []
    for deck, (states, rows) in enumerate(histories):
        deck_key = deck + 1
        studied = sum(1 for s in states if s[1] != Phase.NEW)
        conn.execute(
            "INSERT INTO decks (key, deck_id, studied) VALUES (?, ?, ?)",
            (deck_key, f"bench-deck-{deck:03d}", studied),
        )
        conn.executemany(
            "INSERT INTO cards (key, deck_key, card_id, phase, step, stability, difficulty, due,"
            " last_review, reps, lapses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (deck * cards + s[0] + 1, deck_key, f"d{deck}-card-{s[0]:05d}", *s[1:])
                for s in states
            ],
        )
        log += [(deck * cards + r[0] + 1, *r[1:]) for r in rows]
    log.sort(key=lambda row: row[1])  # the log is written in time order, as it happens
    conn.executemany(
        "INSERT INTO reviews (card_key, reviewed_at, rating, duration_ms, question_type,"
        " given_answer, mode) VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((key, at, rating, ms, labels[kind], answer, labels["study"])
         for key, at, rating, ms, kind, answer in log),
    )  # fmt: skip
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return len(log)


def older_schema(path: Path, version: int) -> None:
    """An empty progress file of an older schema: its first `version` migrations."""
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:version]:
        conn.executescript(migration)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


def upgrade(path: Path) -> float:
    """Open the file with quizapp (its migrations run, the log replayed); the seconds taken."""
    started = time.perf_counter()
    Store.open(path).close()
    return time.perf_counter() - started


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1])
    written = build(target)
    print(f"{written} reviews written to {target}; upgraded in {upgrade(target):.1f} s")
