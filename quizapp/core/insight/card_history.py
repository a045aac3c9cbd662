"""One card's history in words: reviews, lapses, recall probability now, next due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from quizapp.core.insight.timefmt import format_until
from quizapp.core.progress.marks import FLAG_COLOURS, Marks
from quizapp.core.progress.store import Review, Store
from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.intervals import format_interval
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler
from quizapp.core.scheduling.study_day import SET_ASIDE_AFTER

LAST_REVIEWS = 5


@dataclass(frozen=True)
class CardHistory:
    """What the store knows of a card."""

    state: CardState
    reviews: tuple[Review, ...]
    recall: float | None  # the model's recall probability now; None for a card never studied
    steps: int = 0  # steps of its learning or relearning phase, when it is in one
    set_aside: bool = False  # buried after being missed too often today
    marks: Marks = Marks()  # suspended, buried, flag, leech


def card_history(
    store: Store, scheduler: Scheduler, deck_id: str, card_id: str, now: datetime
) -> CardHistory:
    """Read a card's state and reviews (on the thread that owns the store's connection)."""
    state = store.state(deck_id, card_id)
    reviews = tuple(store.reviews(deck_id, card_id))
    studied = state.phase is not Phase.NEW and state.last_review is not None
    recall = scheduler.recall_now(state, now) if studied else None
    tz, roll = scheduler.tz, scheduler.config.rollover_hour
    today = sd.start_of_study_day(sd.study_day(now, tz, roll), tz, roll)
    marks = store.card_marks(deck_id, card_id)
    failed = sum(
        r.rating == Rating.AGAIN and r.mode == "study" and r.reviewed_at >= today for r in reviews
    )
    aside = marks.buried(now) and failed >= SET_ASIDE_AFTER
    return CardHistory(state, reviews, recall, _steps(scheduler, state), aside, marks)


def _steps(scheduler: Scheduler, state: CardState) -> int:
    """How many steps the card's learning or relearning phase has (0 in the others)."""
    if state.phase is Phase.LEARNING:
        return len(scheduler.config.learning_steps)
    if state.phase is Phase.RELEARNING:
        return len(scheduler.config.relearning_steps)
    return 0


def history_lines(history: CardHistory, now: datetime) -> list[str]:
    """The history as lines for a person: counts, the model's state and recall probability
    now, due date or why it is set aside, flag and leech, last reviews."""
    state = history.state
    if not history.reviews and state.phase is Phase.NEW:
        return ["New card: not studied yet.", *mark_lines(history, now)]
    phase = str(state.phase)
    if history.steps:
        phase += f" (step {min(state.step, history.steps - 1) + 1} of {history.steps})"
    lines = [f"Reviews: {len(history.reviews)} · lapses: {state.lapses} · {phase}"]
    if state.stability is not None and state.difficulty is not None:
        # Stability: the time after a review until recall falls to 90%.
        stable = format_interval(timedelta(days=state.stability))
        lines.append(f"Memory (FSRS): stability {stable} · difficulty {state.difficulty:.1f} of 10")
    if history.recall is not None:
        lines.append(f"Recall probability now: {history.recall:.0%}")
    lines += mark_lines(history, now)
    if state.due is not None and not history.marks.set_aside(now):
        lines.append(f"Next due: {format_until(state.due, now)}")
    recent = history.reviews[-LAST_REVIEWS:]
    if recent:
        lines.append("Last reviews:")
        for review in reversed(recent):
            when = review.reviewed_at.astimezone().strftime("%Y-%m-%d %H:%M")
            lines.append(f"  {when}  {Rating(review.rating).name.title()}  ({review.mode})")
    return lines


def mark_lines(history: CardHistory, now: datetime) -> list[str]:
    """Whether the card is suspended or buried, flagged, or a leech, in words."""
    marks, lines = history.marks, []
    if marks.suspended:
        lines.append("Suspended: in no session until it is unsuspended")
    if history.set_aside:
        lines.append(f"Set aside until tomorrow: missed {SET_ASIDE_AFTER} times today")
    elif marks.buried(now):
        lines.append("Buried until the next study day")
    if marks.flag:
        lines.append(f"Flag: {FLAG_COLOURS[marks.flag]}")
    if marks.leech:
        lines.append("Leech: forgotten again and again; edit it, split it or add a mnemonic")
    return lines
