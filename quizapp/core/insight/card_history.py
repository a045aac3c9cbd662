"""One card's history in words: reviews, lapses, recall probability now, next due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from quizapp.core.insight.timefmt import format_until
from quizapp.core.progress.store import Review, Store
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler

LAST_REVIEWS = 5


@dataclass(frozen=True)
class CardHistory:
    """What the store knows of a card."""

    state: CardState
    reviews: tuple[Review, ...]
    recall: float | None  # None for a card never studied


def card_history(
    store: Store, scheduler: Scheduler, deck_id: str, card_id: str, now: datetime
) -> CardHistory:
    """Read a card's state and reviews (on the thread that owns the store's connection)."""
    state = store.state(deck_id, card_id)
    reviews = tuple(store.reviews(deck_id, card_id))
    studied = state.phase is not Phase.NEW and state.last_review is not None
    recall = scheduler.retrievability(state, now) if studied else None
    return CardHistory(state, reviews, recall)


def history_lines(history: CardHistory, now: datetime) -> list[str]:
    """The history as lines for a person: counts, recall probability, due date, last reviews."""
    state = history.state
    if not history.reviews and state.phase is Phase.NEW:
        return ["New card: not studied yet."]
    lines = [f"Reviews: {len(history.reviews)} · lapses: {state.lapses} · {state.phase}"]
    if history.recall is not None:
        lines.append(f"Recall probability now: {history.recall:.0%}")
    if state.due is not None:
        lines.append(f"Next due: {format_until(state.due, now)}")
    recent = history.reviews[-LAST_REVIEWS:]
    if recent:
        lines.append("Last reviews:")
        for review in reversed(recent):
            when = review.reviewed_at.astimezone().strftime("%Y-%m-%d %H:%M")
            lines.append(f"  {when}  {Rating(review.rating).name.title()}  ({review.mode})")
    return lines
