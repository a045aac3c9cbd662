"""Helpers for the statistics, plan and optimizer tests: progress written through the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

import pytest

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.decks.model import Deck
from quizapp.core.progress.marks import Marks
from quizapp.core.progress.replay import fuzz_seed
from quizapp.core.progress.schema import APPLICATION_ID, MIGRATIONS
from quizapp.core.progress.store import Review, Store
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler
from quizapp.core.scheduling.study_day import SET_ASIDE_AFTER, start_of_study_day, study_day
from quizapp.core.sessions.queue import DeckCounts


def local(day: datetime, hour: int, tz: tzinfo, minute: int = 0) -> datetime:
    """A moment at a local hour of the calendar day of `day` (in `tz`)."""
    base = day.astimezone(tz)
    return base.replace(hour=hour, minute=minute, second=0, microsecond=0)


def answer(
    store: Store, scheduler: Scheduler, deck_id: str, card_id: str, rating: Rating, at: datetime
) -> int:
    """Grade a card as the app does: schedule from the stored state, record both at once."""
    before = store.state(deck_id, card_id)
    after = scheduler.review(before, rating, at, fuzz_seed(deck_id, card_id))
    return store.record(Review(deck_id, card_id, at, int(rating)), after)


def learn(store: Store, scheduler: Scheduler, deck_id: str, card_id: str, at: datetime) -> None:
    """Good through both learning steps (1 and 10 minutes): the card graduates."""
    answer(store, scheduler, deck_id, card_id, Rating.GOOD, at)
    answer(store, scheduler, deck_id, card_id, Rating.GOOD, at + timedelta(minutes=10))


def put_state(
    store: Store,
    deck_id: str,
    card_id: str,
    at: datetime,
    *,
    stability: float = 10.0,
    due: datetime | None = None,
    lapses: int = 0,
    reps: int = 3,
    phase: Phase = Phase.REVIEW,
) -> None:
    """Record one Good review at `at` that leaves exactly this state (for hand-made figures)."""
    state = CardState(
        phase=phase,
        stability=stability,
        difficulty=5.0,
        due=due or at + timedelta(days=30),
        last_review=at,
        reps=reps,
        lapses=lapses,
    )
    store.record(Review(deck_id, card_id, at, int(Rating.GOOD)), state)


def cli_collection(
    monkeypatch: pytest.MonkeyPatch,
    module: object,
    clock: FakeClock,
    scheduler: Scheduler,
) -> Callable[..., Collection]:
    """Make a CLI command open its collection on the fake clock and the test's scheduler."""
    opened: list[Collection] = []
    real = module.open_collection  # type: ignore[attr-defined]

    def open_(args: object) -> Collection:
        collection = real(args)
        collection.clock = clock
        collection.scheduler = scheduler
        opened.append(collection)
        return collection

    monkeypatch.setattr(module, "open_collection", open_)
    return open_


def deck_args(deck_dir: Path, data_dir: Path) -> list[str]:
    return ["--decks", str(deck_dir), "--data-dir", str(data_dir)]


def progress_file_at(path: Path, version: int) -> sqlite3.Connection:
    """A progress file made by an older quizapp: its first `version` migrations only.

    Rows go in with SQL, in that version's layout; opening it with `Store.open` then runs the
    later migrations, as a student's upgrade does.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:version]:
        conn.executescript(migration)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {version}")
    return conn


def counted_card_by_card(
    deck: Deck,
    store: Store,
    scheduler: Scheduler,
    now: datetime,
    new_per_day: int = 20,
    reviews_per_day: int = 200,
) -> DeckCounts:
    """A deck's counts worked out the slow way, card by card from states, marks and the log:
    what `Collection.all_counts` must say."""
    tz, roll = scheduler.tz, scheduler.config.rollover_hour
    day = study_day(now, tz, roll)
    start = start_of_study_day(day, tz, roll)
    end = start_of_study_day(day + timedelta(days=1), tz, roll)
    states, marks = store.states(deck.id), store.marks(deck.id)
    history: dict[str, list[Review]] = {}
    for review in store.reviews(deck.id):
        history.setdefault(review.card_id, []).append(review)
    new = due = review_due = learning = introduced = reviewed = 0
    for card in deck.cards:
        state = states.get(card.id, CardState())
        mine = history.get(card.id, [])
        today = [r for r in mine if r.reviewed_at >= start]
        if mine and mine[0].reviewed_at >= start:
            introduced += 1
        elif today:
            reviewed += 1
        fails = sum(r.rating == Rating.AGAIN and r.mode == "study" for r in today)
        if marks.get(card.id, Marks()).set_aside(now) or fails >= SET_ASIDE_AFTER:
            continue
        if state.phase is Phase.NEW:
            new += 1
            continue
        assert state.due is not None
        if state.due <= now:
            due += 1
            review_due += state.phase is Phase.REVIEW
        if state.phase in (Phase.LEARNING, Phase.RELEARNING) and state.due < end:
            learning += 1
    return DeckCounts(
        cards=len(deck.cards),
        new=new,
        due=due,
        new_today=min(new, max(0, new_per_day - introduced)),
        learning=learning,
        review_due=min(review_due, max(0, reviews_per_day - reviewed)),
    )
