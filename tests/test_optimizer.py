"""Fitting FSRS to a student's log: history in study days, scoring, fitting, keeping."""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path

import pytest
from progress_support import answer, cli_collection, deck_args, learn, local

from quizapp.cli import main, optimize_cmd
from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.progress.fitting import adopt
from quizapp.core.progress.parameters import load_parameters, save_parameters
from quizapp.core.progress.store import Review, Store
from quizapp.core.scheduling.fsrs_memory import forgetting_curve, next_memory
from quizapp.core.scheduling.optimizer import (
    MIN_REVIEWS,
    LoggedReview,
    _bin,
    evaluate,
    fit,
    history,
    optimize,
    scored_count,
    training_items,
)
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import Scheduler, SchedulerConfig

LOG = Path(__file__).parent / "data" / "fsrs-review-log.csv"
UTC_MINUS_4 = timezone(timedelta(hours=-4))
DEFAULTS = SchedulerConfig().parameters


@pytest.fixture(scope="module")
def log_reviews() -> list[Review]:
    """The py-fsrs log as Review rows, in time order."""
    with LOG.open(newline="") as file:
        rows = [
            Review(
                "log",
                r["card_id"],
                datetime.fromisoformat(r["review_time"]),
                int(r["review_rating"]),
            )
            for r in csv.DictReader(file)
        ]
    return sorted(rows, key=lambda review: review.reviewed_at)


def test_history_counts_study_days(fixed_tz: tzinfo, clock: FakeClock) -> None:
    evening = local(clock(), 23, fixed_tz)
    reviews = [
        Review("d", "a", evening, 3),
        Review("d", "a", evening + timedelta(minutes=10), 3),  # same study day
        Review("d", "b", evening + timedelta(minutes=11), 1),
        Review("d", "a", local(clock() + timedelta(days=1), 9, fixed_tz), 1),  # next morning
        Review("d", "a", local(clock() + timedelta(days=2), 3, fixed_tz), 3),  # 03:00: same day
    ]
    cards = history(reviews, fixed_tz)
    assert [r.delta for r in cards[("d", "a")]] == [0, 0, 1, 0]
    assert [r.delta for r in cards[("d", "b")]] == [0]
    assert scored_count(cards) == 1
    items = training_items(cards)
    # FSRSReview shows its fields only in its repr.
    assert [repr(item) for item in items] == [
        "FSRSItem { reviews: [FSRSReview { rating: 3, delta_t: 0 },"
        " FSRSReview { rating: 3, delta_t: 0 }, FSRSReview { rating: 1, delta_t: 1 }] }"
    ]
    assert training_items(cards, before=evening + timedelta(hours=1)) == []


def test_evaluate_scores_each_cross_day_review(fixed_tz: tzinfo) -> None:
    start = datetime(2024, 5, 1, 10, tzinfo=fixed_tz)
    cards = {
        ("d", "a"): [
            LoggedReview(start, 3, 0),
            LoggedReview(start + timedelta(days=2), 3, 2),
            LoggedReview(start + timedelta(days=7), 1, 5),
        ]
    }
    result = evaluate(DEFAULTS, cards)
    first = DEFAULTS[2]  # stability after a first Good: w2
    recall = forgetting_curve(DEFAULTS, 2, first)
    assert result.scored == 2
    # The first scored review alone: log loss -ln(R); its bin has one pass predicted at R.
    only = evaluate(DEFAULTS, {("d", "a"): cards[("d", "a")][:2]})
    assert only.log_loss == pytest.approx(-math.log(recall))
    assert only.rmse_bins == pytest.approx(1 - recall)
    late = evaluate(DEFAULTS, cards, since=start + timedelta(days=6))
    assert late.scored == 1 and late.log_loss > only.log_loss  # a lapse predicted unlikely


def test_rmse_bins_follow_fsrs_rs() -> None:
    # FSRSItem::r_matrix_index: interval, review count and lapse bins.
    assert _bin(1, 1, 0) == (248, 4, 0)
    assert _bin(5, 1, 0) == (898, 4, 0)
    assert _bin(30, 3, 1) == (3250, 7, 2)
    assert _bin(30, 6, 3) == (3250, 13, 5)


def test_replay_matches_the_reference_and_a_fit_improves_it(log_reviews: list[Review]) -> None:
    cards = history(log_reviews, UTC_MINUS_4)
    defaults = evaluate(DEFAULTS, cards)
    # As tests/test_fsrs_replay.py: 6,372 scored reviews at 04:00 at UTC-4, 0.4650 +- 0.003.
    assert defaults.scored == scored_count(cards) == 6372
    assert defaults.log_loss == pytest.approx(0.4650, abs=0.003)
    split = datetime(2024, 9, 5, tzinfo=UTC)
    held_out = evaluate(DEFAULTS, cards, since=split)
    fitted = evaluate(fit(cards, before=split), cards, since=split)
    assert held_out.scored == fitted.scored == 3646
    assert fitted.log_loss < held_out.log_loss and fitted.rmse_bins < held_out.rmse_bins
    result = optimize(cards, DEFAULTS)
    assert result.enough and result.adopted and result.reviews == 6372
    assert result.after is not None and result.before == defaults
    assert result.after.log_loss == pytest.approx(0.4531, abs=0.003)
    assert result.parameters is not None and len(result.parameters) == len(DEFAULTS)


def test_too_little_history_keeps_the_defaults(log_reviews: list[Review]) -> None:
    cards = history(log_reviews[:2000], UTC_MINUS_4)
    assert scored_count(cards) < MIN_REVIEWS
    result = optimize(cards, DEFAULTS)
    assert not result.enough and result.parameters is None and not result.adopted
    assert result.to_dict()["needed"] == MIN_REVIEWS


def test_parameters_are_kept_and_used_by_the_collection(
    store: Store, data_dir: Path, deck_dir: Path, write_deck: Callable[..., Path]
) -> None:
    write_deck("sample")
    fitted = tuple(value * 1.01 for value in DEFAULTS)
    save_parameters(store, fitted)
    assert load_parameters(store) == pytest.approx(fitted)
    collection = Collection.open([deck_dir], data_dir)
    try:
        assert collection.scheduler.config.parameters == pytest.approx(fitted)
    finally:
        collection.close()
    store.set_setting("fsrs_parameters", "[1, 2]")  # damaged: the defaults again
    assert load_parameters(store) is None
    collection = Collection.open([deck_dir], data_dir)
    try:
        assert collection.scheduler.config.parameters == DEFAULTS
    finally:
        collection.close()


def test_adopt_recomputes_memory_but_keeps_due_dates(
    store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    learn(store, scheduler, "d", "a", clock())
    answer(store, scheduler, "d", "a", Rating.GOOD, clock() + timedelta(days=3))
    before = store.state("d", "a")
    fitted = tuple(DEFAULTS[:2]) + (DEFAULTS[2] * 2,) + tuple(DEFAULTS[3:])  # w2: first Good
    cards = history(store.reviews(), scheduler.tz)
    adopt(store, fitted, cards, scheduler.tz)
    after = store.state("d", "a")
    assert load_parameters(store) == pytest.approx(fitted)
    assert after.stability is not None and before.stability is not None
    assert after.stability > before.stability
    assert (after.due, after.reps, after.phase) == (before.due, before.reps, before.phase)


def test_adopt_replays_answers_given_while_the_fit_ran(
    store: Store, scheduler: Scheduler, clock: FakeClock
) -> None:
    learn(store, scheduler, "d", "a", clock())
    learn(store, scheduler, "d", "b", clock())
    cards = history(store.reviews(), scheduler.tz)  # read for the fit
    answer(store, scheduler, "d", "a", Rating.AGAIN, clock() + timedelta(days=4))  # meanwhile
    answered = store.state("d", "a")
    fitted = tuple(DEFAULTS[:2]) + (DEFAULTS[2] * 2,) + tuple(DEFAULTS[3:])
    adopt(store, fitted, cards, scheduler.tz)
    full = history(store.reviews(), scheduler.tz)
    for card_id in ("a", "b"):
        memory = None
        for review in full[("d", card_id)]:
            memory = next_memory(fitted, memory, Rating(review.rating), review.delta, 0.9)
        assert memory is not None
        state = store.state("d", card_id)
        assert (state.stability, state.difficulty) == pytest.approx(
            (memory.stability, memory.difficulty)
        )
    after = store.state("d", "a")
    assert (after.due, after.reps, after.lapses) == (answered.due, answered.reps, answered.lapses)


def test_optimize_from_the_command_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    write_deck: Callable[..., Path],
    deck_dir: Path,
    data_dir: Path,
    clock: FakeClock,
    scheduler: Scheduler,
) -> None:
    write_deck("sample")
    store = Store.open(data_dir / "progress.sqlite3")
    learn(store, scheduler, "sample", "a", clock())
    answer(store, scheduler, "sample", "a", Rating.GOOD, clock() + timedelta(days=2))
    store.close()
    cli_collection(monkeypatch, optimize_cmd, clock, scheduler)
    assert main(["optimize", "--json", *deck_args(deck_dir, data_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["enough"] is False and data["reviews"] == 1 and data["needed"] == MIN_REVIEWS
    assert main(["optimize", *deck_args(deck_dir, data_dir)]) == 0
    assert "Not enough history yet: 1 review(s)" in capsys.readouterr().out
