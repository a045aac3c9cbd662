"""Predicted exam-day recall of the cards an exam covers, overall and by deck, kind and tag."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from quizapp.core.scheduling import study_day as sd
from quizapp.core.scheduling.scheduler import Scheduler

if TYPE_CHECKING:
    from quizapp.core.planning.plan import PlannedCards


@dataclass(frozen=True)
class Readiness:
    """Predicted exam-day recall of a group of cards (a deck, a kind, a tag or all)."""

    name: str
    cards: int
    recall: float  # mean predicted recall on exam day; new cards count as 0
    ready: int  # cards at or above the target


def readiness(
    cards: PlannedCards, scheduler: Scheduler, exam_day: date, target: float
) -> tuple[Readiness, list[Readiness], list[Readiness], list[Readiness]]:
    """Predicted exam-day recall overall and by deck, kind and tag (new cards count as 0).

    Returns:
        (overall, by deck in deck order, by kind and by tag, each sorted by name).
    """
    import numpy as np

    recalls = exam_recalls(cards, scheduler, exam_day)
    ready = recalls >= target

    def groups(names: list[str], members: Any, of: Any) -> list[Readiness]:
        """Readiness of each named group; `members[i]` is in group `of[i]`."""
        count = np.bincount(of, minlength=len(names))
        total = np.bincount(of, weights=recalls[members], minlength=len(names))
        hits = np.bincount(of, weights=ready[members], minlength=len(names))
        return [
            Readiness(name, int(n), float(t / n), int(h))
            for name, n, t, h in zip(names, count, total, hits, strict=True)
            if n
        ]

    everyone = np.arange(len(cards))
    overall = Readiness(
        "all", len(cards), float(recalls.mean()) if len(cards) else 0.0, int(ready.sum())
    )
    decks = groups(cards.deck_ids, everyone, np.array(cards.deck_of, dtype=np.int64))
    kind_names = sorted(set(cards.kinds))
    code = {name: i for i, name in enumerate(kind_names)}
    kinds = groups(kind_names, everyone, np.array([code[k] for k in cards.kinds], dtype=np.int64))
    tag_names = sorted({tag for tags in cards.tags for tag in tags})
    code = {name: i for i, name in enumerate(tag_names)}
    holders = [(i, code[tag]) for i, tags in enumerate(cards.tags) for tag in tags]
    pairs = np.array(holders, dtype=np.int64).reshape(-1, 2)
    tags = groups(tag_names, pairs[:, 0], pairs[:, 1])
    return overall, decks, kinds, tags


def exam_recalls(cards: PlannedCards, scheduler: Scheduler, exam_day: date) -> Any:
    """Each card's predicted exam-day recall with no further review (`exam_recall`; new: 0),
    worked out in arrays."""
    import numpy as np

    from quizapp.core.planning.array_forecast import Model

    columns = cards.memories(scheduler)
    known = ~np.isnan(columns.stability) & ~np.isnan(columns.last)
    recall = np.zeros(len(cards))
    elapsed = np.maximum(0, sd.day_number(exam_day) - columns.last[known])
    recall[known] = Model(scheduler.config.parameters).recall(elapsed, columns.stability[known])
    return recall
