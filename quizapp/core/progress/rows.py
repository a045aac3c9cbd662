"""How the progress store writes a card's state and a review in its rows, and reads them back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from quizapp.core.scheduling.scheduler import CardState, Phase

# The state columns of the cards table, in the order `state_columns` gives them.
STATE_COLUMNS = "phase, step, stability, difficulty, due, last_review, reps, lapses"


def to_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def from_ms(value: int | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value / 1000, UTC)


@dataclass(frozen=True)
class Review:
    """One answered card, as the log keeps it."""

    deck_id: str
    card_id: str
    reviewed_at: datetime
    rating: int
    duration_ms: int = 0
    question_type: str = "flip"
    given_answer: str | None = None
    mode: str = "study"
    id: int | None = None


def counts_as_studied(phase: str | None, retired: int) -> int:
    """1 when a card with this phase counts as studied in its deck's `studied` figure."""
    return int(phase is not None and phase != Phase.NEW and not retired)


def same_state(a: CardState, b: CardState) -> bool:
    """Whether two states are saved alike (a state just worked out holds microseconds)."""
    return state_columns(a) == state_columns(b)


def state_columns(state: CardState) -> tuple[object, ...]:
    """A state as its row holds it (times in whole milliseconds), in STATE_COLUMNS order."""
    return (
        str(state.phase),
        state.step,
        state.stability,
        state.difficulty,
        None if state.due is None else to_ms(state.due),
        None if state.last_review is None else to_ms(state.last_review),
        state.reps,
        state.lapses,
    )


def state_from_row(row: tuple[Any, ...]) -> CardState:
    """A state from its row's STATE_COLUMNS."""
    phase, step, stability, difficulty, due, last_review, reps, lapses = row
    return CardState(
        phase=Phase(phase),
        step=step,
        stability=stability,
        difficulty=difficulty,
        due=from_ms(due),
        last_review=from_ms(last_review),
        reps=reps,
        lapses=lapses,
    )
