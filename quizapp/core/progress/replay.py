"""Card states derived from the review log alone, by replaying it through the scheduler."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from quizapp.core.progress.store import Review
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Scheduler

# The scheduler a deck's answer at a moment was given (its settings then), for a replay.
SchedulerAt = Callable[[str, datetime], Scheduler]


def fuzz_seed(deck_id: str, card_id: str) -> str:
    """The seed that makes a card's interval fuzz the same on every replay."""
    return f"{deck_id}/{card_id}"


def replay(
    scheduler: Scheduler | SchedulerAt, reviews: Iterable[Review]
) -> dict[tuple[str, str], CardState]:
    """The state of every card after its reviews, taken in the order given (time order);
    each answer scheduled by one scheduler, or by the one its deck had at its moment."""
    states: dict[tuple[str, str], CardState] = {}
    for review in reviews:
        key = (review.deck_id, review.card_id)
        before = states.get(key, CardState())
        chosen = (
            scheduler
            if isinstance(scheduler, Scheduler)
            else scheduler(review.deck_id, review.reviewed_at)
        )
        states[key] = chosen.review(
            before, Rating(review.rating), review.reviewed_at, fuzz_seed(*key)
        )
    return states


def replay_card(scheduler: Scheduler | SchedulerAt, reviews: Iterable[Review]) -> CardState:
    """One card's state after the given reviews of it."""
    states = replay(scheduler, reviews)
    return next(iter(states.values()), CardState())
