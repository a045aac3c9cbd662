"""The progress store: round trip, pragmas, migrations, damage, replay and undo."""

from __future__ import annotations

import random
import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.progress import database
from quizapp.core.progress.database import DamagedStoreError, StoreBusyError
from quizapp.core.progress.replay import fuzz_seed, replay
from quizapp.core.progress.schema import APPLICATION_ID, SCHEMA_VERSION
from quizapp.core.progress.store import Review, Store
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler, SchedulerConfig

DECK = "deck"


def answer(
    store: Store,
    scheduler: Scheduler,
    card_id: str,
    rating: Rating,
    at: datetime,
    deck_id: str = DECK,
) -> tuple[int, CardState]:
    """Grade a card as the app does: schedule from the stored state, record both at once."""
    before = store.state(deck_id, card_id)
    after = scheduler.review(before, rating, at, fuzz_seed(deck_id, card_id))
    review = Review(deck_id, card_id, at, int(rating), duration_ms=1500, given_answer="x")
    return store.record(review, after), after


def study_history(store: Store, scheduler: Scheduler, start: datetime) -> dict[str, CardState]:
    """A few weeks of study of five cards with mixed grades; returns the final states."""
    rng = random.Random(7)
    final: dict[str, CardState] = {}
    now = start
    for day in range(30):
        now = start + timedelta(days=day, minutes=rng.randint(0, 600), microseconds=rng.random())
        for card_id in ("a", "b", "c", "d", "e"):
            if scheduler.is_due(store.state(DECK, card_id), now):
                rating = Rating(rng.choice([1, 2, 3, 3, 3, 4]))
                _, final[card_id] = answer(store, scheduler, card_id, rating, now)
                now += timedelta(seconds=rng.randint(5, 90), microseconds=rng.randint(0, 999_999))
    return final


@pytest.fixture
def fuzzed(fixed_tz) -> Scheduler:
    """The real configuration (with fuzz), in the fixed timezone."""
    return Scheduler(SchedulerConfig(), tz=fixed_tz)


def test_round_trip_keeps_states_and_log(
    data_dir: Path, fuzzed: Scheduler, clock: FakeClock
) -> None:
    path = data_dir / "progress.sqlite3"
    store = Store.open(path)
    final = study_history(store, fuzzed, clock())
    count = store.review_count()
    assert count > 20
    store.close()

    reopened = Store.open(path)
    try:
        states = reopened.states(DECK)
        assert set(states) == set(final)
        for card_id, state in final.items():
            # The store keeps times to the millisecond; everything else exactly.
            assert states[card_id] == _to_ms(state)
        assert reopened.review_count() == count
        first = reopened.reviews(DECK)[0]
        assert (first.duration_ms, first.given_answer, first.mode) == (1500, "x", "study")
        assert first.question_type == "flip"
        assert first.reviewed_at.tzinfo is not None
    finally:
        reopened.close()


def _to_ms(state: CardState) -> CardState:
    def cut(moment: datetime | None) -> datetime | None:
        return (
            None
            if moment is None
            else moment.replace(microsecond=moment.microsecond // 1000 * 1000)
        )

    return CardState(
        state.phase,
        state.step,
        state.stability,
        state.difficulty,
        cut(state.due),
        cut(state.last_review),
        state.reps,
        state.lapses,
    )


def test_pragmas(store: Store) -> None:
    def pragma(name: str) -> object:
        return store.conn.execute(f"PRAGMA {name}").fetchone()[0]

    assert str(pragma("journal_mode")).lower() == "wal"
    assert pragma("user_version") == SCHEMA_VERSION
    assert pragma("application_id") == APPLICATION_ID
    assert pragma("busy_timeout") == database.BUSY_TIMEOUT_MS > 0


def test_an_empty_database_is_migrated(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / "progress.sqlite3"
    sqlite3.connect(path).close()  # a valid SQLite file at user_version 0, without tables
    store = Store.open(path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert {"reviews", "undos", "card_states", "settings"} <= tables
    finally:
        store.close()


def test_a_zero_byte_file_is_migrated(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / "progress.sqlite3"
    path.touch()
    store = Store.open(path)
    store.close()
    assert Store.open(path).review_count() == 0


def test_a_new_migration_is_applied_to_an_existing_database(
    data_dir: Path, clock: FakeClock, scheduler: Scheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data_dir / "progress.sqlite3"
    store = Store.open(path)
    answer(store, scheduler, "a", Rating.GOOD, clock())
    store.close()

    upgrade = "ALTER TABLE reviews ADD COLUMN device TEXT; CREATE TABLE extra (x INTEGER)"
    monkeypatch.setattr(database, "MIGRATIONS", (*database.MIGRATIONS, upgrade))
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    store = Store.open(path)
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        columns = {r[1] for r in store.conn.execute("PRAGMA table_info(reviews)")}
        assert "device" in columns
        assert store.review_count() == 1  # the data survived
        assert store.state(DECK, "a").phase is Phase.LEARNING
    finally:
        store.close()


def test_a_database_from_a_newer_quizapp_is_refused(data_dir: Path) -> None:
    path = data_dir / "progress.sqlite3"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(DamagedStoreError, match="newer quizapp"):
        Store.open(path)


def test_random_bytes_are_refused(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / "progress.sqlite3"
    path.write_bytes(random.Random(1).randbytes(8192))
    with pytest.raises(DamagedStoreError, match="not a readable progress file"):
        Store.open(path)


def test_another_programs_database_is_refused(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / "progress.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('someone')")
    conn.commit()
    conn.close()
    with pytest.raises(DamagedStoreError, match="another program"):
        Store.open(path)
    # Refusing it must not have touched it.
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT name FROM contacts").fetchall() == [("someone",)]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    conn.close()


def test_collection_sets_a_damaged_store_aside_and_starts_fresh(
    data_dir: Path, collection: Collection, open_collection: Callable[..., Collection]
) -> None:
    deck_paths = [collection.decks[0].path]
    collection.close()
    path = data_dir / "progress.sqlite3"
    garbage = random.Random(2).randbytes(4096)
    path.write_bytes(garbage)

    reopened = open_collection(*deck_paths)
    kept = data_dir / "progress.sqlite3.damaged-20240501-100000"  # the fake clock's UTC time
    assert kept.read_bytes() == garbage
    assert len(reopened.notices) == 1
    assert str(kept) in reopened.notices[0]
    assert "could not be used" in reopened.notices[0]
    assert reopened.store.review_count() == 0
    assert reopened.decks[0].id == "sample"
    # The fresh store works.
    answer(reopened.store, reopened.scheduler, "a", Rating.GOOD, reopened.clock())
    assert reopened.store.review_count() == 1


def _assert_replay_matches(store: Store, scheduler: Scheduler) -> int:
    replayed = replay(scheduler, store.reviews())
    stored = store.states(DECK)
    for card_id, state in stored.items():
        assert replayed.get((DECK, card_id), CardState()) == state, card_id
    assert {card_id for _, card_id in replayed} <= set(stored)
    return len(stored)


def test_states_are_derivable_by_replaying_the_log(
    store: Store, fuzzed: Scheduler, clock: FakeClock
) -> None:
    study_history(store, fuzzed, clock())
    assert _assert_replay_matches(store, fuzzed) == 5


def test_replay_still_matches_after_undos(
    store: Store, fuzzed: Scheduler, clock: FakeClock
) -> None:
    study_history(store, fuzzed, clock())
    now = clock() + timedelta(days=40, microseconds=321)
    # Answer a card twice and take the second answer back, as the session's `u` does.
    first_id, first = answer(store, fuzzed, "a", Rating.AGAIN, now)
    second_id, _ = answer(store, fuzzed, "a", Rating.GOOD, now + timedelta(minutes=11))
    store.undo(second_id, first, now + timedelta(minutes=12))
    assert store.state(DECK, "a") == _to_ms(first)
    _assert_replay_matches(store, fuzzed)
    # Take the first back as well: the card returns to what the earlier log implies.
    earlier = [r for r in store.reviews() if r.id != first_id]
    before = replay(fuzzed, earlier)[(DECK, "a")]
    store.undo(first_id, before, now + timedelta(minutes=13))
    _assert_replay_matches(store, fuzzed)


def test_undo_keeps_both_rows_in_the_log(
    store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    review_id, _ = answer(store, scheduler, "a", Rating.GOOD, clock())
    undone_at = clock() + timedelta(seconds=5)
    store.undo(review_id, CardState(), undone_at)

    assert store.reviews() == []
    assert [r.id for r in store.reviews(undone=True)] == [review_id]
    assert store.review_count() == 1
    rows = store.conn.execute("SELECT review_id, undone_at FROM undos").fetchall()
    assert rows == [(review_id, int(undone_at.timestamp() * 1000))]
    assert store.state(DECK, "a") == CardState()
    # An undone first review does not count as introducing the card today.
    assert store.introduced_since(DECK, clock() - timedelta(hours=1)) == set()


def test_undo_of_an_unknown_review_changes_nothing(store: Store, clock: FakeClock) -> None:
    with pytest.raises(KeyError):
        store.undo(999, CardState(), clock())
    assert store.conn.execute("SELECT count(*) FROM undos").fetchone()[0] == 0


def test_settings_round_trip(store: Store) -> None:
    assert store.setting("desired_retention") is None
    assert store.setting("desired_retention", "0.9") == "0.9"
    store.set_setting("desired_retention", "0.85")
    assert store.setting("desired_retention") == "0.85"


def test_a_locked_file_is_busy_not_damaged(
    data_dir: Path,
    clock: FakeClock,
    write_deck: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data_dir.mkdir()
    path = data_dir / "progress.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")  # a rollback-journal file another program holds
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    try:
        with pytest.raises(StoreBusyError, match="in use by another program"):
            Store.open(path)
        # The collection must not set a busy file aside as damaged.
        with pytest.raises(StoreBusyError):
            Collection.open([write_deck("sample")], data_dir, clock)
        assert path.exists()
        assert [p.name for p in data_dir.iterdir() if "damaged" in p.name] == []
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_introduced_since_counts_only_cards_first_answered_since(
    store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    answer(store, scheduler, "a", Rating.GOOD, clock() - timedelta(days=2))
    answer(store, scheduler, "a", Rating.GOOD, clock())  # reviewed today, introduced before
    answer(store, scheduler, "b", Rating.GOOD, clock())
    answer(store, scheduler, "c", Rating.AGAIN, clock() + timedelta(minutes=1))
    answer(store, scheduler, "c", Rating.GOOD, clock() + timedelta(minutes=2))
    assert store.introduced_since(DECK, clock() - timedelta(hours=1)) == {"b", "c"}
    assert store.introduced_since(DECK, clock() - timedelta(days=3)) == {"a", "b", "c"}


def test_a_reader_sees_one_moment_of_the_log_and_cannot_write(
    store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    answer(store, scheduler, "a", Rating.GOOD, clock())
    with Store.reading(store.path) as reader:
        assert reader.review_count() == 1
        answer(store, scheduler, "b", Rating.GOOD, clock())  # the app answers meanwhile
        assert reader.review_count() == 1
        with pytest.raises(sqlite3.OperationalError):
            reader.conn.execute("DELETE FROM reviews")
    assert store.review_count() == 2


def test_a_reading_stops_its_query_once_asked_to(store: Store) -> None:
    errors: list[str] = []
    started, stop = threading.Event(), threading.Event()
    long_count = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000000)"
        " SELECT count(*) FROM n"
    )

    def asked() -> bool:
        started.set()  # the query runs: SQLite asks as it goes
        return stop.is_set()

    def count() -> None:
        with Store.reading(store.path, stop=asked) as reader:
            assert reader.review_count() == 0  # a short query, not stopped
            try:
                reader.conn.execute(long_count).fetchone()
            except sqlite3.OperationalError as exc:
                errors.append(str(exc))

    thread = threading.Thread(target=count)
    thread.start()
    assert started.wait(10)
    stop.set()
    thread.join(10)  # the whole count would take minutes
    assert not thread.is_alive()
    assert errors == ["interrupted"]


def test_a_reading_asked_to_stop_before_its_query_never_runs_it(store: Store) -> None:
    with Store.reading(store.path, stop=lambda: True) as reader:
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            reader.conn.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                " WHERE i < 300000000) SELECT count(*) FROM n"
            ).fetchone()
