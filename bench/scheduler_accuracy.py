"""How well quizapp predicts recall on a real review log, against reference FSRS-6 figures.

Replays tests/data/fsrs-review-log.csv (the same file as ../shared/data/fsrs-review-log.csv:
12,580 reviews of 1,205 cards) through quizapp's own store (a temporary one, every review
recorded with Store.record) and scheduler, then scores recall predictions with quizapp's
optimizer module: default FSRS-6 parameters, and parameters the optimizer fits on the reviews
before 2024-09-05, scored on the rest. Prints log loss and RMSE(bins) beside the reference
figures of the data's README (which give log loss only) and checks each is within 0.003.

    python bench/scheduler_accuracy.py

Method, as the data's README states it: the study day starts at 04:00 at UTC-4. Its figures,
though, come from a day starting at 04:00 UTC and a held-out part starting on 2024-09-06 (that
reproduces its review counts exactly), so a second table scores that way too.
"""

from __future__ import annotations

import csv
import math
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path

from fsrs_rs_python import DEFAULT_PARAMETERS

from quizapp.core.progress.replay import fuzz_seed
from quizapp.core.progress.store import Review, Store
from quizapp.core.scheduling.optimizer import Evaluation, History, evaluate, fit, history
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Scheduler, SchedulerConfig

LOG = Path(__file__).resolve().parent.parent / "tests" / "data" / "fsrs-review-log.csv"
DECK = "fsrs-log"
UTC_MINUS_4 = timezone(timedelta(hours=-4))
SPLIT = datetime(2024, 9, 5, tzinfo=UTC)
TOLERANCE = 0.003
# The data README's reference log losses (and the number of reviews each scores).
REFERENCE = {
    "defaults": (0.4650, 6276),
    "fitted on all (in-sample)": (0.4531, 6276),
    "defaults, held out": (0.4388, 3507),
    "fitted before split, held out": (0.4341, 3507),
    "constant average (no model)": (0.527, 6276),
}


def record_log(store: Store, scheduler: Scheduler) -> int:
    """Replay the CSV into the store, review by review in time order, as the app records."""
    with LOG.open(newline="") as file:
        rows = sorted(
            (
                datetime.fromisoformat(r["review_time"]),
                r["card_id"],
                int(r["review_rating"]),
                int(float(r["review_duration"] or 0)),
            )
            for r in csv.DictReader(file)
        )
    states: dict[str, CardState] = {}
    for moment, card_id, rating, duration in rows:
        state = scheduler.review(
            states.get(card_id, CardState()), Rating(rating), moment, fuzz_seed(DECK, card_id)
        )
        states[card_id] = state
        store.record(Review(DECK, card_id, moment, rating, duration_ms=duration), state)
    return len(rows)


def constant(cards: History) -> Evaluation:
    """Log loss of predicting every scored review with the average pass rate."""
    outcomes = [r.rating > 1 for past in cards.values() for r in past[1:] if r.delta > 0]
    share = sum(outcomes) / len(outcomes)
    loss = -(share * math.log(share) + (1 - share) * math.log(1 - share))
    return Evaluation(loss, 0.0, len(outcomes))


def scores(cards: History, split: datetime) -> dict[str, Evaluation]:
    """Every row of the table, for one way of counting study days and splitting."""
    before = fit(cards, before=split)
    return {
        "defaults": evaluate(DEFAULT_PARAMETERS, cards),
        "fitted on all (in-sample)": evaluate(fit(cards), cards),
        "defaults, held out": evaluate(DEFAULT_PARAMETERS, cards, since=split),
        "fitted before split, held out": evaluate(before, cards, since=split),
        "constant average (no model)": constant(cards),
    }


def table(title: str, results: dict[str, Evaluation]) -> bool:
    """Print one table; True when every figure is within tolerance and fitting helps."""
    print(f"\n{title}")
    print(
        f"{'parameters':<32} {'scored':>7} {'log loss':>9} {'reference':>10} {'diff':>8}"
        f" {'RMSE(bins)':>11}  check"
    )
    ok = True
    for name, result in results.items():
        reference, count = REFERENCE[name]
        diff = result.log_loss - reference
        # The constant baseline is given to 3 decimals: it is context, not a check.
        passed = abs(diff) <= TOLERANCE or name.startswith("constant")
        ok &= passed
        rmse = f"{result.rmse_bins:.4f}" if result.rmse_bins else "-"
        print(
            f"{name:<32} {result.scored:>7,} {result.log_loss:>9.4f} {reference:>10.4f}"
            f" {diff:>+8.4f} {rmse:>11}  {'ok' if passed else 'OFF'} (ref. {count:,})"
        )
    better = (
        results["fitted before split, held out"].log_loss < results["defaults, held out"].log_loss
    )
    print(
        f"fitted parameters beat the defaults on the held-out reviews: {'yes' if better else 'NO'}"
    )
    return ok and better


def learning_curve(cards: History, split: datetime) -> None:
    """Held-out log loss of fits on the first N cross-day reviews: how much history a fit needs."""
    moments = sorted(
        r.at for past in cards.values() for r in past[1:] if r.delta > 0 and r.at < split
    )
    base = evaluate(DEFAULT_PARAMETERS, cards, since=split).log_loss
    print(f"\nHow much history a fit needs (held-out log loss; defaults {base:.4f}):")
    print(f"{'fitted on first N':>18} {'log loss':>9} {'vs defaults':>12}")
    for count in (100, 200, 400, 700, 1000, 1500, 2000, len(moments)):
        cutoff = moments[count - 1] + timedelta(microseconds=1)
        loss = evaluate(fit(cards, before=cutoff), cards, since=split).log_loss
        print(f"{count:>18,} {loss:>9.4f} {loss - base:>+12.4f}")


def by_day(cards: History, tz: tzinfo) -> History:
    """The same log with study days counted in another timezone."""
    reviews = [
        Review(deck, card, r.at, r.rating) for (deck, card), past in cards.items() for r in past
    ]
    reviews.sort(key=lambda review: review.reviewed_at)
    return history(reviews, tz)


def main() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "progress.sqlite3")
        scheduler = Scheduler(SchedulerConfig(), tz=UTC_MINUS_4)
        count = record_log(store, scheduler)
        cards = history(store.reviews(), scheduler.tz, scheduler.config.rollover_hour)
        store.close()
    print(
        f"Replayed {count:,} reviews of {len(cards):,} cards through quizapp's store"
        f" ({time.perf_counter() - started:.1f} s)."
    )
    ok = table(
        "Study day from 04:00 at UTC-4 (the README's method); held out: reviews from 2024-09-05",
        scores(cards, SPLIT),
    )
    table(
        "Study day from 04:00 UTC, held out from 2024-09-06 (reproduces the README's counts)",
        scores(by_day(cards, UTC), SPLIT + timedelta(days=1)),
    )
    learning_curve(cards, SPLIT)
    print(
        f"\n{'PASS' if ok else 'FAIL'}: every log loss within {TOLERANCE} of the reference and"
        " fitted parameters better on held-out reviews (first table)."
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
