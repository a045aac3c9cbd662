"""A study session: due cards first, then new ones, graded and scheduled one at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from quizapp.core.clock import Clock
from quizapp.core.exam_load import DayLoad, day_load, plan_set
from quizapp.core.model import Deck
from quizapp.core.plan import ExamPlan, load_plan
from quizapp.core.queue import (
    SET_ASIDE_AFTER,
    StudyItem,
    build_queues,
    fails_since,
    set_aside_ids,
)
from quizapp.core.replay import fuzz_seed
from quizapp.core.scheduler import CardState, Phase, Rating, Scheduler
from quizapp.core.store import Review, Store
from quizapp.core.study_day import start_of_study_day, study_day

# Learning cards due within this window are shown again in the same session, as in Anki.
LEARN_AHEAD = timedelta(minutes=20)


@dataclass
class Answered:
    """A card answered in this session, kept so it can be undone."""

    item: StudyItem
    review_id: int
    rating: Rating


@dataclass
class Summary:
    """What a session did, for the closing screen."""

    studied: int
    correct: int
    seconds: float
    next_due: datetime | None

    @property
    def share_correct(self) -> float:
        return self.correct / self.studied if self.studied else 0.0


@dataclass
class StudySession:
    """Serves cards in order and records each answer in the store as it is given."""

    decks: Sequence[Deck]
    store: Store
    scheduler: Scheduler
    clock: Clock
    new_per_day: int = 20
    mode: str = "study"
    follow_plan: bool = True  # a study session follows the exam plan kept in the store, if any
    queue: list[StudyItem] = field(default_factory=list)
    learning: list[StudyItem] = field(default_factory=list)
    # Due cards beyond exam mode's load: served once the queue and its steps are done.
    after: list[StudyItem] = field(default_factory=list)
    answered: list[Answered] = field(default_factory=list)
    set_aside: list[StudyItem] = field(default_factory=list)  # failed too often today
    started: datetime | None = None
    _shown: StudyItem | None = None
    _plan: ExamPlan | None = None
    _load: DayLoad | None = None  # exam mode's load as the session started

    def __post_init__(self) -> None:
        self.started = self.clock()
        if self.follow_plan and self.mode == "study" and plan_set(self.store):
            self._plan = load_plan(self.store)
        if self._plan is not None:
            self._load = day_load(self._plan, self.decks, self.store, self.scheduler, self.started)
        self.queue, self.after = build_queues(
            self.decks, self.store, self.scheduler, self.started, self.new_per_day, self._plan
        )

    @property
    def exam_load(self) -> DayLoad | None:
        """Exam mode's load today, this session's answers counted; None outside exam mode."""
        load, plan = self._load, self._plan
        if load is None or plan is None:
            return None
        mine = [a.item for a in self.answered if plan.covers(a.item.deck.id)]
        first = sum(1 for item in mine if item.state.phase is Phase.NEW)
        return replace(load, answered=load.answered + len(mine), introduced=load.introduced + first)

    @property
    def current(self) -> StudyItem | None:
        """The card to show: a learning card whose step is up, else the next queued card.

        When only learning cards are left they are shown early (Anki's learn-ahead), so a
        session does not sit waiting for a one-minute step; the cards beyond exam mode's load
        come after them, so the day's plan is done first.
        """
        if self._shown is None:
            now = self.clock()
            if self.learning and (self._due(self.learning[0]) <= now or not self.queue):
                self._shown = self.learning[0]
            elif self.queue:
                self._shown = self.queue[0]
            elif self.after:
                self._shown = self.after[0]
        return self._shown

    @property
    def done(self) -> int:
        return len(self.answered)

    @property
    def total(self) -> int:
        return len(self.answered) + len(self.queue) + len(self.learning) + len(self.after)

    def preview(self) -> dict[Rating, timedelta]:
        """The wait each grade would give the current card (for Anki-style key labels)."""
        item = self.current
        if item is None:
            return {}
        return self.scheduler.preview(item.state, self.clock(), self._seed(item))

    def answer(
        self,
        rating: Rating,
        *,
        question_type: str = "flip",
        given_answer: str | None = None,
        duration_ms: int = 0,
    ) -> CardState:
        """Grade the current card: schedule it, log it, commit. Returns its new state."""
        item = self.current
        if item is None:
            raise IndexError("no card to answer")
        now = self.clock()
        state = self.scheduler.review(item.state, rating, now, self._seed(item))
        review = Review(
            deck_id=item.deck.id,
            card_id=item.card.id,
            reviewed_at=now,
            rating=int(rating),
            duration_ms=duration_ms,
            question_type=question_type,
            given_answer=given_answer,
            mode=self.mode,
        )
        review_id = self.store.record(review, state)
        # Only once it is saved: if the write fails (a full disk), the card stays to be answered.
        self._take(item)
        self.answered.append(Answered(item, review_id, rating))
        if rating is Rating.AGAIN and self._fails_today(item):
            self.set_aside.append(item)  # back on the next study day, not in a minute
        elif state.due is not None and state.due <= now + LEARN_AHEAD:
            self._requeue(StudyItem(item.deck, item.card, state))
        return state

    def undo(self) -> StudyItem | None:
        """Take back the last answer: the log records the undo, the card comes back first."""
        if not self.answered:
            return None
        last = self.answered[-1]
        # The item holds the state before the answer: what the rest of the log replays to.
        # Saved first: if the write fails, the session stays as it was.
        self.store.undo(last.review_id, last.item.state, self.clock())
        self.answered.pop()
        key = (last.item.deck.id, last.item.card.id)
        self.set_aside = [i for i in self.set_aside if (i.deck.id, i.card.id) != key]
        self.learning = [i for i in self.learning if (i.deck.id, i.card.id) != key]
        # An earlier undo may have queued the card with a state now undone too.
        self.queue = [i for i in self.queue if (i.deck.id, i.card.id) != key]
        self.after = [i for i in self.after if (i.deck.id, i.card.id) != key]
        self.queue.insert(0, last.item)
        self._shown = None
        return last.item

    def summary(self) -> Summary:
        now = self.clock()
        latest = {(a.item.deck.id, a.item.card.id): a.rating for a in self.answered}
        correct = sum(1 for rating in latest.values() if rating > Rating.AGAIN)
        return Summary(
            studied=len(latest),
            correct=correct,
            seconds=(now - (self.started or now)).total_seconds(),
            next_due=self.next_due(),
        )

    def next_due(self) -> datetime | None:
        """When the next card of these decks falls due (a card set aside: the next day)."""
        dues: list[datetime] = []
        today = self._today()
        tomorrow = self._today(timedelta(days=1))
        for deck in self.decks:
            ids = {card.id for card in deck.cards}  # not deck.card(): a scan per state
            aside = set_aside_ids(self.store, deck.id, today)
            states = self.store.states(deck.id).items()
            dues += [
                max(s.due, tomorrow) if card_id in aside else s.due
                for card_id, s in states
                if s.due is not None and card_id in ids
            ]
        return min(dues, default=None)

    def _today(self, later: timedelta = timedelta(0)) -> datetime:
        """The start of the study day, or of the one `later` after it."""
        tz, roll = self.scheduler.tz, self.scheduler.config.rollover_hour
        return start_of_study_day(study_day(self.clock(), tz, roll) + later, tz, roll)

    def _fails_today(self, item: StudyItem) -> bool:
        """Whether a card has been answered Again often enough today to be set aside."""
        fails = fails_since(self.store, item.deck.id, item.card.id, self._today())
        return fails >= SET_ASIDE_AFTER

    def _take(self, item: StudyItem) -> None:
        if self.learning and self.learning[0] is item:
            self.learning.pop(0)
        elif item in self.queue:
            self.queue.remove(item)
        else:
            self.after.remove(item)
        self._shown = None

    def _requeue(self, item: StudyItem) -> None:
        self.learning.append(item)
        self.learning.sort(key=self._due)

    @staticmethod
    def _due(item: StudyItem) -> datetime:
        assert item.state.due is not None
        return item.state.due

    @staticmethod
    def _seed(item: StudyItem) -> str:
        return fuzz_seed(item.deck.id, item.card.id)
