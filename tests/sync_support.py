"""Machines for the sync tests: a progress store each, a name of their own, answers and undos
given as the app gives them."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from quizapp.core.progress.replay import fuzz_seed
from quizapp.core.progress.store import Review, Store
from quizapp.core.progress.sync.merge import sync_with
from quizapp.core.progress.sync.report import SyncReport
from quizapp.core.progress.sync.state import set_machine_id
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Scheduler


class Machine:
    """One of the student's machines: its own data folder and progress store."""

    def __init__(self, data: Path, name: str, scheduler: Scheduler) -> None:
        self.data = data
        self.name = name
        self.store = Store.open(data / "progress.sqlite3")
        set_machine_id(self.store, name)
        self.scheduler = scheduler
        # The answer an undo takes back: its id, and the states before and after it.
        self.last: tuple[int, CardState, CardState] | None = None

    def answer(self, card: str, rating: Rating, at: datetime, deck: str = "d") -> None:
        before = self.store.state(deck, card)
        after = self.scheduler.review(before, rating, at, fuzz_seed(deck, card))
        self.last = (self.store.record(Review(deck, card, at, int(rating)), after), before, after)

    def undo(self, at: datetime) -> None:
        """Take back the last answer, as the app does: not if its card changed since (a sync
        brought answers given elsewhere), which raises AnsweredElsewhereError."""
        assert self.last is not None
        review_id, before, after = self.last
        self.last = None
        self.store.undo(review_id, before, at, expected=after)

    def sync(self, folder: Path) -> SyncReport:
        return sync_with(self.store, self.scheduler, folder)

    def reviews(self) -> list[Review]:
        """The log, undone reviews left out, without the store's ids."""
        return [replace(review, id=None) for review in self.store.reviews()]

    def review(self, review_id: int) -> Review:
        return next(r for r in self.store.reviews(undone=True) if r.id == review_id)

    def close(self) -> None:
        self.store.close()
