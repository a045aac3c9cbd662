"""What each review keeps for later questions, as Anki's review log does: the study days since
the card's previous answer and the phase the card was in when answered.

With them, retention and "first seen today" are sums over the log, not a window over a
million rows. `facts` works them out as an answer is saved; `backfill` (the migration that
added them) and `refill` (after an import) replay the log. The interval an answer gave is
not kept: the card's state holds the latest, nothing asks for the earlier ones, and working
them out for an old log means replaying FSRS itself (a minute for a million reviews).
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, tzinfo
from itertools import groupby, islice

from quizapp.core.progress import review_days
from quizapp.core.progress.rows import state_from_row
from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.local_zone import local_timezone
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import (
    CardState,
    Phase,
    Scheduler,
    SchedulerConfig,
    phase_after,
)

# reviews.phase_before: the phase a card was in when answered.
PHASE_CODES = {Phase.NEW: 0, Phase.LEARNING: 1, Phase.REVIEW: 2, Phase.RELEARNING: 3}
Facts = tuple[int | None, int]  # elapsed_days (None for a card's first answer), phase_before
Progress = Callable[[int, int], None]  # (reviews done, reviews in all)
BATCH = 50_000  # reviews between two progress reports


def facts(before: CardState, at: datetime, tz: tzinfo, rollover_hour: int) -> Facts:
    """The facts of an answer given at `at` to a card in state `before`."""
    elapsed = None
    if before.last_review is not None:
        elapsed = sd.days_elapsed(before.last_review, at, tz, rollover_hour)
    return elapsed, PHASE_CODES[before.phase]


def state_before(row: tuple[object, ...] | None) -> CardState:
    """A card's saved state from its STATE_COLUMNS (a card with none saved is new)."""
    return CardState() if row is None or row[0] is None else state_from_row(row)


def backfill(conn: sqlite3.Connection, progress: Progress | None = None) -> None:
    """Fill the facts of every review by replaying the log, and count the answers of each
    study day (inside the migration's transaction), in the machine's timezone and the hour
    the student's study day starts (the `day-starts-at` setting, else the default).

    The phases follow the default steps: a deck's own steps, if the student set some, may
    have moved a few answers' cards differently (their phase before is then an estimate)."""
    config, tz = SchedulerConfig(rollover_hour=_day_start(conn)), local_timezone()
    replay_facts(conn, config, tz, None, progress)
    review_days.rebuild(conn, tz, config.rollover_hour)


def _day_start(conn: sqlite3.Connection) -> int:
    """The `day-starts-at` setting for every deck as the file keeps it, else the default."""
    row = conn.execute(
        "SELECT value FROM preferences WHERE deck_id = '' AND key = 'day-starts-at'"
    ).fetchone()
    text = str(row[0]).strip() if row is not None else ""
    return int(text) if text.isdigit() and 0 <= int(text) <= 23 else sd.DEFAULT_ROLLOVER_HOUR


def refill(
    conn: sqlite3.Connection,
    scheduler: Scheduler | Callable[[str, datetime], Scheduler],
    card_keys: Iterable[int],
    day_rule: tuple[tzinfo, int],
) -> None:
    """Work out again the facts of some cards' reviews (their log changed: an import or a
    sync), each answer under the scheduler its deck had then; and the answers of each study
    day, under `day_rule`."""
    keys = sorted(set(card_keys))
    for start in range(0, len(keys), 500):
        chunk = ", ".join(str(int(key)) for key in keys[start : start + 500])
        rows = conn.execute(
            "SELECT r.card_key, d.deck_id, r.id, r.reviewed_at, r.rating,"
            " r.id IN (SELECT review_id FROM undos) FROM reviews AS r"
            " JOIN cards AS c ON c.key = r.card_key JOIN decks AS d ON d.key = c.deck_key"
            f" WHERE r.card_key IN ({chunk}) ORDER BY r.card_key, r.reviewed_at, r.id"
        )
        conn.executemany(
            "UPDATE reviews SET elapsed_days = ?, phase_before = ? WHERE id = ?",
            list(_replayed_with(rows, scheduler)),
        )
    review_days.rebuild(conn, *day_rule)


def _replayed_with(
    rows: Iterable[tuple[int, str, int, int, int, int]],
    scheduler: Scheduler | Callable[[str, datetime], Scheduler],
) -> Iterator[tuple[int | None, int, int]]:
    for _, card_rows in groupby(rows, key=lambda row: row[0]):
        phase, step, last = Phase.NEW, 0, None
        for _, deck_id, review_id, at_ms, rating, undone in card_rows:
            at = datetime.fromtimestamp(at_ms / 1000, UTC)
            chosen = scheduler if isinstance(scheduler, Scheduler) else scheduler(deck_id, at)
            roll = chosen.config.rollover_hour
            elapsed: int | None = None
            if last is not None:
                elapsed = sd.days_elapsed(last, at, chosen.tz, roll)
            yield elapsed, PHASE_CODES[phase], review_id
            if not undone:
                phase, step = phase_after(chosen.config, phase, step, Rating(rating))
                last = at


def replay_facts(
    conn: sqlite3.Connection,
    config: SchedulerConfig,
    tz: tzinfo,
    card_keys: list[int] | None = None,
    progress: Progress | None = None,
) -> int:
    """Replay the log of some cards (all when None) and write each review's facts, under one
    scheduler's settings (`refill` takes each answer's own).

    Each card's answers are taken in time order through the scheduler's phases
    (`phase_after`); an undone answer gets the facts it had when given, and the replay goes
    on from the state before it, as the card's own state did. Returns the reviews written.
    """
    where = ""
    if card_keys is not None:
        where = f"WHERE r.card_key IN ({', '.join(str(int(k)) for k in card_keys)})"
    total = int(conn.execute(f"SELECT count(*) FROM reviews AS r {where}").fetchone()[0])
    if not total:
        return 0
    first, last = conn.execute(
        f"SELECT min(reviewed_at), max(reviewed_at) FROM reviews AS r {where}"
    ).fetchone()
    spans = sd.offset_spans(tz, config.rollover_hour, first, last)
    rows = conn.execute(
        "SELECT r.card_key, r.id, r.reviewed_at, r.rating,"
        " r.id IN (SELECT review_id FROM undos) FROM reviews AS r"
        f" {where} ORDER BY r.card_key, r.reviewed_at, r.id"
    )
    done = 0
    if progress is not None:
        progress(0, total)
    replayed = _replayed(rows, config, spans)
    while batch := list(islice(replayed, BATCH)):
        conn.executemany(
            "UPDATE reviews SET elapsed_days = ?, phase_before = ? WHERE id = ?", batch
        )
        done += len(batch)
        if progress is not None:
            progress(done, total)
    return done


def _replayed(
    rows: Iterable[tuple[int, int, int, int, int]],
    config: SchedulerConfig,
    spans: list[tuple[int, int]],
) -> Iterator[tuple[int | None, int, int]]:
    starts = [start for start, _ in spans]
    shifts = [shift for _, shift in spans]
    day_ms = sd.DAY_MS
    codes = PHASE_CODES
    ratings = {int(rating): rating for rating in Rating}
    for _, card_rows in groupby(rows, key=lambda row: row[0]):
        phase, step, last_day = Phase.NEW, 0, None
        for _, review_id, at, rating, undone in card_rows:
            day = (at + shifts[bisect_right(starts, at) - 1]) // day_ms
            elapsed: int | None = None if last_day is None else max(0, day - last_day)
            yield elapsed, codes[phase], review_id
            if not undone:
                phase, step = phase_after(config, phase, step, ratings[rating])
                last_day = day
