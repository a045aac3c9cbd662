"""Fitting FSRS parameters to a student's own review history ("Optimize my schedule").

The log is read as Anki's optimizer reads it: each card's reviews in time order, the gap before
each counted in study days. fsrs-rs (through fsrs-rs-python, no torch) fits the parameters on
every review made a day or more after the card's previous one, with everything before it as its
history. Predictions are scored by replaying the log, as tests/test_fsrs_replay.py does, and not
with `FSRS.evaluate`, whose result depends on the order of the items it is given.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Protocol

from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS, FSRSItem, FSRSReview

from quizapp.core.scheduling.fsrs_memory import Memory, forgetting_curve, next_memory
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.study_day import DEFAULT_ROLLOVER_HOUR, days_elapsed

# In the py-fsrs log, fits on its first 100-1,000 cross-day reviews predicted the later reviews
# worse than the defaults, and fits on 1,500 or more better (bench/scheduler_accuracy.py prints
# this learning curve): below this, the defaults are the better bet.
MIN_REVIEWS = 1500
CLIP = 1e-6


@dataclass(frozen=True)
class LoggedReview:
    """One review as the optimizer sees it: when, the grade, study days since the last one."""

    at: datetime
    rating: int
    delta: int


History = dict[tuple[str, str], list[LoggedReview]]


class AnswerInLog(Protocol):
    """What the optimizer reads of a review in the store's log."""

    @property
    def deck_id(self) -> str: ...
    @property
    def card_id(self) -> str: ...
    @property
    def reviewed_at(self) -> datetime: ...
    @property
    def rating(self) -> int: ...


@dataclass(frozen=True)
class Evaluation:
    """How well parameters predicted recall: log loss and RMSE(bins) over `scored` reviews."""

    log_loss: float
    rmse_bins: float
    scored: int


@dataclass(frozen=True)
class Optimization:
    """The outcome of "Optimize my schedule"."""

    reviews: int  # cross-day reviews in the log: what a fit learns from
    enough: bool
    before: Evaluation | None = None  # current parameters on the whole log
    after: Evaluation | None = None  # fitted parameters on the whole log
    parameters: tuple[float, ...] | None = None  # the fitted ones
    adopted: bool = False  # fitted parameters predict the log better than the current ones

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready summary."""
        return {
            "reviews": self.reviews,
            "needed": MIN_REVIEWS,
            "enough": self.enough,
            "before": None if self.before is None else self.before.__dict__,
            "after": None if self.after is None else self.after.__dict__,
            "adopted": self.adopted,
            "parameters": None if self.parameters is None else list(self.parameters),
        }


def history(
    reviews: Iterable[AnswerInLog], tz: tzinfo, rollover_hour: int = DEFAULT_ROLLOVER_HOUR
) -> History:
    """Group a log (in time order) by card, with study days elapsed before each review.

    Args:
        reviews: The store's log, oldest first, undone reviews left out.
        tz: The student's timezone, where study days roll over.
        rollover_hour: The local hour a study day starts.

    Returns:
        Each card's reviews in order; the first has delta 0.
    """
    cards: History = {}
    for review in reviews:
        past = cards.setdefault((review.deck_id, review.card_id), [])
        delta = 0 if not past else days_elapsed(past[-1].at, review.reviewed_at, tz, rollover_hour)
        past.append(LoggedReview(review.reviewed_at, review.rating, delta))
    return cards


def scored_count(cards: History) -> int:
    """The reviews a fit learns from: those a study day or more after the card's previous one."""
    return sum(1 for past in cards.values() for i, r in enumerate(past) if i and r.delta > 0)


def training_items(cards: History, before: datetime | None = None) -> list[FSRSItem]:
    """One FSRS item per cross-day review: that review with all the card's earlier ones.

    Args:
        cards: The log by card.
        before: Only reviews earlier than this moment (to hold the rest out), if given.

    Returns:
        The items fsrs-rs trains on, card by card.
    """
    items: list[FSRSItem] = []
    for past in cards.values():
        sequence: list[FSRSReview] = []
        for index, review in enumerate(past):
            if before is not None and review.at >= before:
                break
            sequence.append(FSRSReview(review.rating, review.delta))
            if index and review.delta > 0:
                items.append(FSRSItem(list(sequence)))
    return items


def fit(cards: History, before: datetime | None = None) -> tuple[float, ...]:
    """Fit FSRS-6 parameters on the log (reviews earlier than `before` only, if given).

    Raises:
        ValueError: There is no cross-day review to learn from.
    """
    items = training_items(cards, before)
    if not items:
        raise ValueError("no review made a day or more after the card's previous one")
    fitted = FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(items)
    return tuple(float(value) for value in fitted)


def evaluate(
    parameters: Sequence[float], cards: History, since: datetime | None = None
) -> Evaluation:
    """Score parameters by replaying every card and predicting each cross-day review.

    Each review a study day or more after the card's previous one is predicted with the recall
    probability just before it; same-day reviews update memory as FSRS-6 short-term reviews.

    Args:
        parameters: The FSRS parameters to score.
        cards: The log by card.
        since: Score only reviews at or after this moment (history before it still replayed).

    Returns:
        Log loss (probabilities clipped to [1e-6, 1 - 1e-6]) and RMSE(bins) as fsrs-rs
        defines it: reviews binned by interval, review count and lapses, then the
        count-weighted root mean square of (mean predicted - mean actual) over the bins.
    """
    loss, scored = 0.0, 0
    bins: dict[tuple[int, int, int], list[float]] = {}
    for past in cards.values():
        memory: Memory | None = None
        long_term = lapses = 0
        for review in past:
            if memory is not None and review.delta > 0:
                long_term += 1
                if since is None or review.at >= since:
                    recall = forgetting_curve(parameters, review.delta, memory.stability)
                    recall = min(max(recall, CLIP), 1 - CLIP)
                    passed = review.rating > Rating.AGAIN
                    loss -= math.log(recall if passed else 1 - recall)
                    scored += 1
                    cell = bins.setdefault(_bin(review.delta, long_term, lapses), [0.0, 0.0, 0])
                    cell[0] += recall
                    cell[1] += passed
                    cell[2] += 1
                lapses += review.rating == Rating.AGAIN
            memory = next_memory(parameters, memory, Rating(review.rating), review.delta, 0.9)
    if not scored:
        return Evaluation(0.0, 0.0, 0)
    square = sum((p / n - a / n) ** 2 * n for p, a, n in bins.values())
    return Evaluation(loss / scored, math.sqrt(square / scored), scored)


def _bin(delta: int, long_term: int, lapses: int) -> tuple[int, int, int]:
    # fsrs-rs FSRSItem::r_matrix_index: log-spaced bins of interval, length and lapse count.
    def rust_round(value: float) -> int:  # halves away from zero, as f64::round
        return math.floor(value + 0.5)

    length = long_term + 1
    delta_bin = rust_round(2.48 * 3.62 ** math.floor(math.log(delta, 3.62)) * 100)
    length_bin = rust_round(1.99 * 1.89 ** math.floor(math.log(length, 1.89)))
    lapse_bin = rust_round(1.65 * 1.73 ** math.floor(math.log(lapses, 1.73))) if lapses else 0
    return delta_bin, length_bin, lapse_bin


def optimize(cards: History, current: Sequence[float]) -> Optimization:
    """Fit parameters to the log and compare them with the current ones on the same reviews.

    Args:
        cards: The student's log by card (read on the thread that owns the store).
        current: The parameters in use now.

    Returns:
        The fit and both evaluations, or only the count when the log is too short; the fitted
        parameters are adopted only if they predict the log better.
    """
    count = scored_count(cards)
    if count < MIN_REVIEWS:
        return Optimization(reviews=count, enough=False)
    fitted = fit(cards)
    before, after = evaluate(current, cards), evaluate(fitted, cards)
    return Optimization(count, True, before, after, fitted, after.log_loss < before.log_loss)
