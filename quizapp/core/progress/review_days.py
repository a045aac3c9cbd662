"""Answers per study day, kept as they are given: the statistics of a whole collection read a
row a day, not the log.

`review_days` holds, for each study day with answers, the answers, the repeats (answers to a
card last answered on an earlier study day) and the repeats passed (any grade but Again),
undone answers left out. Its days are those of one rule (timezone and rollover hour), kept in
the settings as `review_days_rule`; a store answering under another rule counts them again
(`ensure_rule`), and a reader under another rule counts the log itself.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, tzinfo

from quizapp.core.scheduling import study_day as sd

RULE_SETTING = "review_days_rule"
NOT_UNDONE = "id NOT IN (SELECT review_id FROM undos)"


def rule_text(tz: tzinfo, rollover_hour: int) -> str:
    return f"{tz}|{rollover_hour}"


def day_of(moment: datetime, tz: tzinfo, rollover_hour: int) -> int:
    return sd.day_number(sd.study_day(moment, tz, rollover_hour))


def count_answer(
    conn: sqlite3.Connection, day: int, elapsed: int | None, rating: int, sign: int = 1
) -> None:
    """Add an answer to its day's counts (sign -1: take an undone one away)."""
    repeat = int(elapsed is not None and elapsed > 0)
    conn.execute(
        "INSERT INTO review_days (day, answers, repeats, passed) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (day) DO UPDATE SET answers = answers + excluded.answers,"
        " repeats = repeats + excluded.repeats, passed = passed + excluded.passed",
        (day, sign, sign * repeat, sign * repeat * int(rating > 1)),
    )


def ensure_rule(conn: sqlite3.Connection, tz: tzinfo, rollover_hour: int) -> None:
    """Count the days again (inside a write transaction) if they follow another rule."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (RULE_SETTING,)).fetchone()
    if row is None or row[0] != rule_text(tz, rollover_hour):
        rebuild(conn, tz, rollover_hour)


def rebuild(conn: sqlite3.Connection, tz: tzinfo, rollover_hour: int) -> None:
    """Count every study day's answers from the log (inside a write transaction)."""
    from quizapp.core.progress.log_stats import day_expression

    conn.execute("DELETE FROM review_days")
    first, last = conn.execute("SELECT min(reviewed_at), max(reviewed_at) FROM reviews").fetchone()
    if first is not None:
        day = day_expression("reviewed_at", sd.offset_spans(tz, rollover_hour, first, last))
        conn.execute(
            "INSERT INTO review_days (day, answers, repeats, passed)"
            f" SELECT {day} AS d, count(*), ifnull(sum(elapsed_days > 0), 0),"
            f" ifnull(sum(elapsed_days > 0 AND rating > 1), 0) FROM reviews WHERE {NOT_UNDONE}"
            " GROUP BY d"
        )
    conn.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
        (RULE_SETTING, rule_text(tz, rollover_hour)),
    )


def read_days(
    conn: sqlite3.Connection, tz: tzinfo, rollover_hour: int
) -> list[tuple[int, int, int, int]] | None:
    """(day number, answers, repeats, passed) of every study day, or None when the days kept
    follow another rule."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (RULE_SETTING,)).fetchone()
    if row is None or row[0] != rule_text(tz, rollover_hour):
        return None
    rows = conn.execute("SELECT day, answers, repeats, passed FROM review_days WHERE answers > 0")
    return [(int(d), int(n), int(r), int(p)) for d, n, r, p in rows]


def undo_answer(conn: sqlite3.Connection, review_id: int, tz: tzinfo, rollover_hour: int) -> None:
    """Take an answer about to be marked undone away from its day's counts."""
    row = conn.execute(
        "SELECT reviewed_at, elapsed_days, rating FROM reviews WHERE id = ?", (review_id,)
    ).fetchone()
    if row is not None:
        moment = datetime.fromtimestamp(row[0] / 1000, UTC)
        count_answer(conn, day_of(moment, tz, rollover_hour), row[1], row[2], -1)
