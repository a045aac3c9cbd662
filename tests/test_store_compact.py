"""The compact store (schema 3): an older file is migrated whole, counts come from counters.

Home counts are read from `decks.studied` and the due index instead of every card's state;
they must say exactly what counting the states card by card says, through studying, undoing,
deck edits (removed and re-added cards) and reopening.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from progress_support import counted_card_by_card

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.progress.marks import MarkKind
from quizapp.core.progress.schema import APPLICATION_ID, MIGRATIONS
from quizapp.core.progress.store import Review, Store, to_ms
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase
from quizapp.core.sessions.study import StudySession
from quizapp.core.settings.study_settings import change_setting

T0 = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)


def old_database(path: Path) -> None:
    """A progress file as quizapp wrote it before schema 3: text ids on every row."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    for version, migration in enumerate(MIGRATIONS[:2], 1):
        conn.executescript(migration)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    rows = [
        ("d1", "a", to_ms(T0), 3, 1200, "typed", "1954", "study"),
        ("d1", "a", to_ms(T0 + timedelta(minutes=10)), 3, 900, "typed", "1954", "study"),
        ("d1", "b", to_ms(T0 + timedelta(minutes=1)), 1, 3000, "choice", None, "quiz"),
        ("d2", "x", to_ms(T0 + timedelta(minutes=2)), 4, 500, "flip", None, "study"),
    ]
    conn.executemany(
        "INSERT INTO reviews (deck_id, card_id, reviewed_at, rating, duration_ms,"
        " question_type, given_answer, mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("INSERT INTO undos VALUES (3, ?)", (to_ms(T0 + timedelta(minutes=5)),))
    states = [
        ("d1", "a", "review", 0, 3.2, 5.1, to_ms(T0 + timedelta(days=3)), to_ms(T0), 2, 0),
        ("d1", "b", "new", 0, None, None, None, None, 0, 0),
        ("d2", "x", "review", 0, 8.0, 3.0, to_ms(T0 + timedelta(days=8)), to_ms(T0), 1, 0),
    ]
    conn.executemany("INSERT INTO card_states VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", states)
    conn.close()


def test_an_older_file_is_migrated_without_loss(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    old_database(path)
    store = Store.open(path)
    try:
        log = [
            (r.deck_id, r.card_id, r.rating, r.question_type, r.mode, r.given_answer)
            for r in store.reviews(undone=True)
        ]
        assert log == [
            ("d1", "a", 3, "typed", "study", "1954"),
            ("d1", "b", 1, "choice", "quiz", None),
            ("d2", "x", 4, "flip", "study", None),
            ("d1", "a", 3, "typed", "study", "1954"),
        ]
        assert [r.card_id for r in store.reviews()] == ["a", "x", "a"]  # b's review was undone
        assert store.state("d1", "a").due == T0 + timedelta(days=3)
        assert store.state("d1", "b").phase is Phase.NEW
        assert set(store.states("d1")) == {"a", "b"}
        # The counters: a is studied, b (new again after its undo) is not.
        assert store.deck_counts("d1", T0 + timedelta(days=4)) == (1, 1)
        assert store.deck_counts("d2", T0 + timedelta(days=4)) == (1, 0)
        # Readers of the old table still work, through the view.
        rows = store.conn.execute("SELECT deck_id, card_id FROM card_states ORDER BY 1, 2")
        assert rows.fetchall() == [("d1", "a"), ("d1", "b"), ("d2", "x")]
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        store.close()


def test_a_review_costs_few_bytes(tmp_path: Path) -> None:
    """Ids are stored once, not on every row: under 60 bytes a review, cards included.

    (Text ids on every row took about 150; bench/run.py measures a million reviews.)
    """
    store = Store.open(tmp_path / "progress.sqlite3")

    def size() -> int:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        return pages * store.conn.execute("PRAGMA page_size").fetchone()[0]

    try:
        empty = size()
        state = CardState(Phase.REVIEW, 0, 3.0, 5.0, T0 + timedelta(days=3), T0, 1, 0)
        count = 5000
        for n in range(count):  # 500 cards in 5 decks, 10 reviews each
            card = n % 500
            deck_id, card_id = f"deck-identifier-{card % 5}", f"card-identifier-{card:04d}"
            at = T0 + timedelta(seconds=n)
            store.record(Review(deck_id, card_id, at, 3, 4000, "typed", "an answer"), state)
        assert (size() - empty) / count < 80
    finally:
        store.close()


def test_counts_agree_with_counting_card_by_card(
    write_deck: Callable[..., Path], deck_dir: Path, data_dir: Path, clock: FakeClock
) -> None:
    """Through answers, undos, cards suspended and buried, limits changed and deck edits."""
    rng = random.Random(5)
    ids = [f"c{n}" for n in range(20)]
    write_deck("history", ids)
    for round_ in range(12):
        collection = Collection.open([deck_dir], data_dir, clock)
        try:
            deck = collection.decks[0]
            new_limit, review_limit = rng.choice([2, 3, 5]), rng.choice([1, 3, 200])
            change_setting(collection.store, "new-per-day", str(new_limit), clock(), "history")
            change_setting(collection.store, "reviews-per-day", str(review_limit), clock())
            steps = rng.choice(["1m 10m", "1m 1d"])
            change_setting(collection.store, "learning-steps", steps, clock())
            session = StudySession([deck], collection.store, collection.scheduler, clock)
            for _ in range(rng.randint(0, 24)):
                if session.current is None:
                    break
                session.answer(Rating(rng.choice([1, 1, 1, 3, 3, 4])))
                clock.advance(minutes=rng.choice([1, 2, 11]))
                if rng.random() < 0.2:
                    session.undo()
            marked = [("history", card) for card in rng.sample(ids, 2)]
            collection.store.mark(marked[:1], MarkKind.SUSPEND, clock())
            until = clock() + timedelta(hours=rng.choice([1, 30]))
            collection.store.mark(marked[1:], MarkKind.BURY, clock(), to_ms(until))
            for _ in range(3):
                now = clock() + timedelta(days=rng.choice([0, 0, 1, 5, 30]))
                expected = counted_card_by_card(
                    deck, collection.store, collection.scheduler, now, new_limit, review_limit
                )
                assert collection.counts(deck, now) == expected, round_
            if rng.random() < 0.5:
                collection.store.mark(marked[:1], MarkKind.UNSUSPEND, clock())
        finally:
            collection.close()
        clock.advance(days=rng.choice([1, 3]))
        # Edit the deck: drop some cards, bring some back, add new ones.
        kept = [card for card in ids if rng.random() < 0.8]
        ids = kept + [f"n{round_}-{n}" for n in range(rng.randint(0, 2))]
        write_deck("history", ids)
