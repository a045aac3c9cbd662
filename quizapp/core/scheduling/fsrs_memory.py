"""FSRS-6 memory states through fsrs-rs (the crate Anki ships): updates and recall."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from fsrs_rs_python import FSRS, MemoryState

from quizapp.core.scheduling.rating import Rating


class Memory(NamedTuple):
    """An FSRS memory state."""

    stability: float
    difficulty: float


@lru_cache(maxsize=8)
def _model(parameters: tuple[float, ...]) -> FSRS:
    return FSRS(list(parameters))


def next_outcomes(
    parameters: Sequence[float], memory: Memory | None, days_elapsed: int, desired_retention: float
) -> dict[Rating, tuple[Memory, float]]:
    """Ask FSRS what each grade would do to a memory state.

    Args:
        parameters: The FSRS-6 parameters (21 weights).
        memory: The state before the review; None for a card never reviewed.
        days_elapsed: Study days since the last review; 0 makes FSRS-6's short-term update.
        desired_retention: The recall probability intervals aim for.

    Returns:
        For each grade, the new memory state and its interval in (fractional) days.
    """
    current = None if memory is None else MemoryState(memory.stability, memory.difficulty)
    states = _model(tuple(parameters)).next_states(current, desired_retention, days_elapsed)
    items = (states.again, states.hard, states.good, states.easy)
    return {
        rating: (Memory(item.memory.stability, item.memory.difficulty), item.interval)
        for rating, item in zip(Rating, items, strict=True)
    }


def next_memory(
    parameters: Sequence[float],
    memory: Memory | None,
    rating: Rating,
    days_elapsed: int,
    desired_retention: float,
) -> Memory:
    """Return the memory state after a review graded `rating` (see `next_outcomes`)."""
    return next_outcomes(parameters, memory, days_elapsed, desired_retention)[rating][0]


def forgetting_curve(parameters: Sequence[float], elapsed_days: float, stability: float) -> float:
    """Return FSRS-6's recall probability R = (1 + F*t/S)^-w20, F = 0.9^(1/-w20) - 1.

    Args:
        parameters: The FSRS parameters; w20 is the curve's decay (0.5 if absent, as FSRS-5).
        elapsed_days: Study days since the last review.
        stability: The memory's stability in days (R is 0.9 when t == S).

    Returns:
        The probability of recall, in (0, 1].
    """
    decay = -parameters[20] if len(parameters) > 20 else -0.5
    factor = 0.9 ** (1 / decay) - 1
    return float((1 + factor * elapsed_days / stability) ** decay)
