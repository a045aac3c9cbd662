"""Card states derived from the review log alone, by replaying it through the scheduler."""

from __future__ import annotations

from collections.abc import Iterable

from quizapp.core.progress.store import Review
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Scheduler


def fuzz_seed(deck_id: str, card_id: str) -> str:
    """The seed that makes a card's interval fuzz the same on every replay."""
    return f"{deck_id}/{card_id}"


def replay(scheduler: Scheduler, reviews: Iterable[Review]) -> dict[tuple[str, str], CardState]:
    """The state of every card after its reviews, taken in the order given (time order)."""
    states: dict[tuple[str, str], CardState] = {}
    for review in reviews:
        key = (review.deck_id, review.card_id)
        before = states.get(key, CardState())
        states[key] = scheduler.review(
            before, Rating(review.rating), review.reviewed_at, fuzz_seed(*key)
        )
    return states


def replay_card(scheduler: Scheduler, reviews: Iterable[Review]) -> CardState:
    """One card's state after the given reviews of it."""
    states = replay(scheduler, reviews)
    return next(iter(states.values()), CardState())
