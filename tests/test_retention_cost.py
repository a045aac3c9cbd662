"""What a retention costs: reviews a day simulated from the collection's own cards."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.planning.retention_cost import RETENTIONS, reviews_a_day, workload
from quizapp.core.progress.marks import MarkKind
from quizapp.core.scheduling.rating import Rating
from quizapp.core.sessions.study import StudySession


def test_higher_retention_asks_more_reviews_and_studied_cards_count(
    write_deck: Callable[..., Path],
    deck_dir: Path,
    open_collection: Callable[..., Collection],
    clock: FakeClock,
) -> None:
    write_deck("forty", [f"c{n}" for n in range(40)])
    collection = open_collection(deck_dir)
    deck = collection.decks[0]
    fresh = workload([deck], collection.store, collection.scheduler, clock(), 0)
    assert (fresh.new_cards, fresh.studied_count) == (40, 0)
    assert reviews_a_day(fresh, 0.9) == 0  # nothing studied, nothing introduced
    for _ in range(10):
        study = StudySession([deck], collection.store, collection.scheduler, clock)
        while study.current is not None:
            study.answer(Rating.GOOD)
            clock.advance(minutes=11)
        clock.advance(days=1)
    collection.store.mark([("forty", "c39")], MarkKind.SUSPEND, clock())
    load = workload([deck], collection.store, collection.scheduler, clock(), 0)
    assert (load.new_cards, load.studied_count) == (0, 39)  # the suspended card left out
    costs = [reviews_a_day(load, retention) for retention in RETENTIONS]
    assert costs == sorted(costs) and costs[0] > 0
    assert reviews_a_day(load, 0.9) == reviews_a_day(load, 0.9)  # seeded: the same each time
