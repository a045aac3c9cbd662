"""What a session did, for its closing screen: answers and cards (or questions) apart."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Summary:
    """What a session did, for the closing screen: answers and cards (or questions) apart.

    A card failed and answered again counts once among the cards and at every answer.
    """

    answers: int
    answers_right: int
    items: int  # different cards (questions, in a quiz) answered
    items_right_always: int  # right at every answer
    items_right_at_last: int  # wrong at least once, right at their last answer
    seconds: float
    next_due: datetime | None
    left: int = 0  # cards (questions) still to come when the student stopped
    unit: str = "card"
    elsewhere: int = 0  # cards skipped: another instance answered them meanwhile
    selection: str = ""  # filtered study: its choices, in words
    exam: str = ""  # exam mode: the day's load, in words

    @property
    def share_right(self) -> float:
        return self.answers_right / self.answers if self.answers else 0.0

    @property
    def items_wrong(self) -> int:
        """Answered wrong the last time."""
        return self.items - self.items_right_always - self.items_right_at_last

    @property
    def ended_early(self) -> bool:
        return self.left > 0


def summarise(
    outcomes: Sequence[tuple[Hashable, bool]],
    seconds: float,
    next_due: datetime | None,
    *,
    left: int = 0,
    unit: str = "card",
    elsewhere: int = 0,
    selection: str = "",
    exam: str = "",
) -> Summary:
    """A summary of answers given in order, each as (the card or question, right or not)."""
    history: dict[Hashable, list[bool]] = {}
    for key, right in outcomes:
        history.setdefault(key, []).append(right)
    return Summary(
        answers=len(outcomes),
        answers_right=sum(right for _, right in outcomes),
        items=len(history),
        items_right_always=sum(all(h) for h in history.values()),
        items_right_at_last=sum(h[-1] and not all(h) for h in history.values()),
        seconds=seconds,
        next_due=next_due,
        left=left,
        unit=unit,
        elsewhere=elsewhere,
        selection=selection,
        exam=exam,
    )
