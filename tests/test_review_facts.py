"""What each review keeps (days since the card's previous answer, the phase before) and the
answers a day: kept as answers are given, undone and imported, and filled in for a progress
file of the previous schema by its upgrade, nothing else changed."""

from __future__ import annotations

import sqlite3
from datetime import timedelta, tzinfo
from pathlib import Path

import pytest
from progress_support import answer, local, progress_file_at

from quizapp.core.clock import FakeClock
from quizapp.core.insight.stats import log_days
from quizapp.core.progress.marks import MarkKind
from quizapp.core.progress.parameters import save_parameters
from quizapp.core.progress.replay import fuzz_seed, replay
from quizapp.core.progress.review_days import read_days
from quizapp.core.progress.schema import BACKFILLS, SCHEMA_VERSION
from quizapp.core.progress.store import Review, Store
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import Scheduler

PREVIOUS = min(BACKFILLS) - 1  # the schema before the reviews kept their facts


def history(store: Store, scheduler: Scheduler, clock: FakeClock, tz: tzinfo) -> None:
    """Reviews over three weeks of study days (late-night answers among them), an undo, a
    regrade, settings and card events, fitted parameters, an exam and a rename."""
    start = clock()
    ratings = [Rating.GOOD, Rating.AGAIN, Rating.GOOD, Rating.HARD, Rating.EASY, Rating.GOOD]
    for day in range(21):
        for number, card in enumerate(("a", "b", "c", "d")):
            if (day + number) % 3:
                continue
            at = local(start + timedelta(days=day), 2 if day % 4 == 0 else 19, tz, number)
            answer(store, scheduler, "d", card, ratings[(day + number) % len(ratings)], at)
    at = start + timedelta(days=22)
    before = store.state("d", "a")
    review_id = answer(store, scheduler, "d", "a", Rating.AGAIN, at)
    store.undo(review_id, before, at + timedelta(seconds=5))  # undone: the card as before
    regraded = scheduler.review(
        replay(scheduler, store.reviews("d", "c")).get(("d", "c")) or store.state("d", "c"),
        Rating.GOOD,
        at,
        fuzz_seed("d", "c"),
    )
    store.regrade(
        answer(store, scheduler, "d", "c", Rating.AGAIN, at),
        Review("d", "c", at, int(Rating.GOOD)),
        regraded,
        at + timedelta(seconds=9),
    )
    store.set_preference("retention", "0.85", at)
    store.mark([("d", "d")], MarkKind.FLAG, at, 2)
    store.mark([("d", "a")], MarkKind.SUSPEND, at)
    save_parameters(store, scheduler.config.parameters)
    with store.batch():
        store.conn.execute(
            "INSERT INTO exams (started_at, ended_at, minutes, questions, answered, correct,"
            " score, timed_out, rescheduled, decks, selection, seed)"
            " VALUES (1, 2, 10, 1, 1, 1, 1.0, 0, 1, 'd', '', 7)"
        )
        store.conn.execute(
            "INSERT INTO exam_answers VALUES (1, 1, 'typed', 'Q?', '', 'A', 'A', 'right', 1.0,"
            " '', 900, 'd/a', 'date', '', '')"
        )


def tables(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    names = [
        name
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not name.startswith("sqlite_")
    ]
    return {
        name: sorted(conn.execute(f"SELECT * FROM {name}").fetchall(), key=repr) for name in names
    }


def older_copy(source: Path, target: Path) -> None:
    """`source` (the current schema) as the quizapp before PREVIOUS + 1 wrote it: the tables
    of schema PREVIOUS, their columns copied over, nothing else."""
    older = progress_file_at(target, PREVIOUS)
    older.execute(f"ATTACH DATABASE '{source}' AS now")
    older.execute("BEGIN")
    for (name,) in older.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table'"
    ).fetchall():
        columns = ", ".join(row[1] for row in older.execute(f"PRAGMA main.table_info({name})"))
        older.execute(f"INSERT INTO main.{name} ({columns}) SELECT {columns} FROM now.{name}")
    older.execute("COMMIT")
    older.execute("DETACH DATABASE now")
    older.close()


def test_upgrading_a_previous_file_keeps_everything_and_fills_the_facts(
    tmp_path: Path, scheduler: Scheduler, clock: FakeClock, fixed_tz: tzinfo
) -> None:
    # The same history written by this quizapp: what the upgrade must come to.
    written = Store.open(tmp_path / "now" / "progress.sqlite3")  # the machine's study days
    history(written, scheduler, clock, fixed_tz)
    written.close()
    expected = tables(sqlite3.connect(tmp_path / "now" / "progress.sqlite3"))
    assert len(expected["reviews"]) > 20 and len(expected["undos"]) == 2
    assert expected["review_days"] and expected["card_events"] and expected["exams"]
    older_copy(tmp_path / "now" / "progress.sqlite3", tmp_path / "old" / "progress.sqlite3")
    assert "review_days" not in tables(sqlite3.connect(tmp_path / "old" / "progress.sqlite3"))

    heard: list[tuple[int, int]] = []
    upgraded = Store.open(tmp_path / "old" / "progress.sqlite3", lambda *n: heard.append(n))
    try:
        assert upgraded.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        reviews = len(expected["reviews"])
        assert heard[0] == (0, reviews) and heard[-1] == (reviews, reviews)
        # Every row of every table as this quizapp writes it: nothing lost, the facts filled.
        assert tables(upgraded.conn) == expected
        # And the states are still what the log replays to.
        replayed = replay(scheduler, upgraded.reviews())
        for card in "abcd":
            assert upgraded.state("d", card) == replayed[("d", card)]
    finally:
        upgraded.close()


def test_the_answers_a_day_follow_answers_undos_and_imports(
    store: Store, scheduler: Scheduler, clock: FakeClock, fixed_tz: tzinfo
) -> None:
    """The kept counts equal the log counted afresh, whatever was done since."""
    store.day_rule = (scheduler.tz, scheduler.config.rollover_hour)
    history(store, scheduler, clock, fixed_tz)
    tz, roll = store.day_rule

    def kept_and_counted() -> tuple[object, object]:
        kept = read_days(store.conn, tz, roll)
        assert kept is not None
        store.conn.execute("UPDATE settings SET value = 'other' WHERE key = 'review_days_rule'")
        counted = log_days(store, ["d"], scheduler, clock())  # the log itself
        store.conn.execute(
            "UPDATE settings SET value = ? WHERE key = 'review_days_rule'", (f"{tz}|{roll}",)
        )
        return {d: (a, r, p) for d, a, r, p in kept}, {
            day.toordinal() - 719163: (c.answers, c.repeats, c.passed) for day, c in counted.items()
        }

    kept, counted = kept_and_counted()
    assert (
        kept == counted
        and sum(a for a, _, _ in kept.values())
        == store.conn.execute(
            "SELECT count(*) FROM reviews WHERE id NOT IN (SELECT review_id FROM undos)"
        ).fetchone()[0]
    )
    # An import of an older answer to a card counts it, and what the card's next answer
    # followed changes with it.
    at = clock() - timedelta(days=3)
    store.add_reviews([(Review("d", "a", at, int(Rating.GOOD)), None)])
    store.refill_facts(scheduler, [("d", "a")])
    kept, counted = kept_and_counted()
    assert kept == counted
    first = store.conn.execute(
        "SELECT elapsed_days, phase_before FROM reviews AS r JOIN cards AS c ON c.key = r.card_key"
        " WHERE c.card_id = 'a' ORDER BY r.reviewed_at LIMIT 2"
    ).fetchall()
    # Apr 28 in the afternoon, then 02:00 on May 1: two study days (Apr 30 until 04:00).
    assert first == [(None, 0), (2, 1)]


@pytest.mark.parametrize("hour", [2, 3, 5, 23])
def test_a_reviews_days_since_the_last_are_counted_in_study_days(
    store: Store, scheduler: Scheduler, clock: FakeClock, fixed_tz: tzinfo, hour: int
) -> None:
    store.day_rule = (scheduler.tz, scheduler.config.rollover_hour)
    evening = local(clock(), 22, fixed_tz)
    answer(store, scheduler, "d", "x", Rating.GOOD, evening)
    later = local(evening + timedelta(days=1), hour, fixed_tz)
    answer(store, scheduler, "d", "x", Rating.GOOD, later)
    rows = store.conn.execute("SELECT elapsed_days, phase_before FROM reviews ORDER BY id")
    # 02:00 and 03:00 the next morning are the same study day (it starts at 04:00).
    assert rows.fetchall() == [(None, 0), (0 if hour < 4 else 1, 1)]
