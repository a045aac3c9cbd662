"""A study session: due cards first, then new ones, graded and scheduled one at a time.

Another instance may study the same collection at once: a card is shown, answered and undone
only while its saved state is the one this session holds, so no answer is given twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from quizapp.core.clock import Clock
from quizapp.core.decks.model import Deck
from quizapp.core.planning.exam_load import DayLoad
from quizapp.core.progress.log_stats import fails_since
from quizapp.core.progress.marks import MarkKind, Marks
from quizapp.core.progress.replay import fuzz_seed
from quizapp.core.progress.store import AnsweredElsewhereError, Review, Store, same_state
from quizapp.core.questions.prompts import study_question
from quizapp.core.questions.question import Question
from quizapp.core.questions.selection import Entry
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler
from quizapp.core.scheduling.study_day import SET_ASIDE_AFTER, start_of_study_day, study_day
from quizapp.core.sessions.exam_day import ExamDay, exam_day
from quizapp.core.sessions.exam_room import ExamRoom
from quizapp.core.sessions.items import StudyItem
from quizapp.core.sessions.leeches import Leech
from quizapp.core.sessions.queue import StudyFilter, build_queues, learning_soon, phase_counts
from quizapp.core.sessions.set_aside import Marked, after_lapse, mark_item, next_due
from quizapp.core.sessions.siblings import rest_sibling, wake_sibling
from quizapp.core.sessions.summary import Summary, summarise
from quizapp.core.settings.study_settings import deck_scheduler

# Learning cards due within this window are shown early when nothing else is left, as in Anki.
LEARN_AHEAD = timedelta(minutes=20)


@dataclass
class Answered:
    """A card answered in this session, kept so it can be undone."""

    item: StudyItem
    review_id: int
    rating: Rating
    after: CardState  # the state the answer saved: an undo expects to find it
    marks_before: Marks | None = None  # the card's marks, when the answer changed them
    rested: tuple[StudyItem, ...] = ()  # its sibling's items, taken out of the session
    buried: str | None = None  # the sibling it buried until the next study day


@dataclass
class StudySession:
    """Serves cards in order and records each answer in the store as it is given."""

    decks: Sequence[Deck]
    store: Store
    scheduler: Scheduler
    clock: Clock
    new_per_day: int | None = None  # None: each deck's own setting
    mode: str = "study"
    follow_plan: bool = True  # a study session follows the exam plan kept in the store, if any
    only: StudyFilter | None = None  # filtered study: only these cards (no exam plan then)
    # Every deck loaded (None: the session's): exam mode's load is the day's over them all.
    every_deck: Sequence[Deck] | None = None
    queue: list[StudyItem] = field(default_factory=list)
    learning: list[StudyItem] = field(default_factory=list)
    # Due cards beyond exam mode's load: served once the queue and its steps are done.
    after: list[StudyItem] = field(default_factory=list)
    answered: list[Answered] = field(default_factory=list)
    # Answers and cards suspended, buried or flagged, latest last: what undo takes back.
    undoable: list[Answered | Marked] = field(default_factory=list)
    set_aside: list[StudyItem] = field(default_factory=list)  # buried: failed too often today
    leech: Leech | None = None  # the card the last answer found to be a leech
    started: datetime | None = None
    # Cards found answered by another instance since they were queued, and passed over.
    elsewhere: set[tuple[str, str]] = field(default_factory=set)
    _shown: StudyItem | None = None
    _exam: ExamDay | None = None  # the exam plan followed, if one was ahead at the start
    _room: ExamRoom = field(default_factory=ExamRoom)  # exam mode's room for cards that wait

    def __post_init__(self) -> None:
        self.started = at = self.clock()
        if self.follow_plan and self.only is None and self.mode == "study":
            counted = self.every_deck or self.decks
            self._exam = exam_day(self.store, self.scheduler, counted, at)
        plan, load = (None, None) if self._exam is None else (self._exam.plan, self._exam.start)
        self.queue, self.after = build_queues(
            self.decks, self.store, self.scheduler, at, self.new_per_day, plan, self.only, load
        )
        self.learning = learning_soon(self.decks, self.store, at, at + LEARN_AHEAD, self.only)

    @property
    def exam_load(self) -> DayLoad | None:
        """Exam mode's load today as home says it now (`ExamDay.load`); None outside it."""
        if self._exam is None:
            return None
        load = self._exam.load(self.clock(), len(self.answered), len(self.undoable))
        # Nothing left, though the plan was asked for more at this answer: the answers left
        # fit no card, and the day is done.
        over = not (self._shown or self.queue or self.learning or self.after)
        if load is not None and over and self._exam.topped == len(self.answered):
            return self._exam.close(load)
        return load

    @property
    def kind(self) -> str:
        """What the session is, for the study header: exam, filtered or normal."""
        if self._exam is not None:  # an exam plan was ahead when the session started
            return "exam"
        return "filtered" if self.only is not None else "normal"

    def left_today(self) -> tuple[int, int, int]:
        """The cards still to come today, as Anki counts them: new, in learning, to review."""
        shown = [] if self._shown is None else [self._shown]
        return phase_counts([*shown, *self.queue, *self.learning, *self.after])

    def scheduler_for(self, item: StudyItem) -> Scheduler:
        """The scheduler for a card: its deck's settings now (a change applies from the next
        answer) over this session's scheduler."""
        return deck_scheduler(self.store, item.deck.id, self.scheduler)

    @property
    def current(self) -> StudyItem | None:
        """The card to show: a learning card whose step is up, else the next queued card.

        When only learning cards are left they are shown early (Anki's learn-ahead), so a
        session does not sit waiting for a one-minute step; the cards beyond exam mode's load
        come after them, so the day's plan is done first; once its answers are given, new cards
        and reviews ahead wait (`exam_room`). A card whose saved state has changed since it
        was queued (another instance answered it), or that has been suspended or buried since,
        is passed over.
        """
        while self._shown is None:
            now = self.clock()
            if not self.queue and self._exam is not None:  # the day's load may ask more
                self._exam.top_up(self, now)
            self.queue = self._room.trim(self, now)
            if self.learning and (self._due(self.learning[0]) <= now or not self.queue):
                item = self.learning[0]
            elif self.queue:
                item = self.queue[0]
            elif self.after:
                item = self.after[0]
            else:
                return None
            saved = self.store.state(item.deck.id, item.card_id)
            if not same_state(saved, item.state):
                self._answered_elsewhere(item, saved)
            elif self.store.card_marks(item.deck.id, item.card_id).set_aside(now):
                self._drop(item)  # suspended or buried elsewhere since it was queued
            else:
                self._shown = item
        return self._shown

    @property
    def done(self) -> int:
        return len(self.answered)

    @property
    def total(self) -> int:
        return len(self.answered) + len(self.queue) + len(self.learning) + len(self.after)

    def question(self) -> Question | None:
        """How the current card is asked (marked by `Question.grade`, as in every mode). A
        choice's options are drawn in a new order each time the card comes back (the seed
        counts its reviews), the same again on a redraw."""
        item = self.current
        if item is None:
            return None
        return study_question(Entry(item.deck, item.card), f"{self._seed(item)}#{item.state.reps}")

    def preview(self) -> dict[Rating, timedelta]:
        """The wait each grade would give the current card (for Anki-style key labels)."""
        item = self.current
        if item is None:
            return {}
        return self.scheduler_for(item).preview(item.state, self.clock(), self._seed(item))

    def answer(
        self,
        rating: Rating,
        *,
        question_type: str | None = None,
        given_answer: str | None = None,
        duration_ms: int = 0,
    ) -> CardState:
        """Grade the current card: schedule it, log it, commit. Returns its new state.

        The review's question type is the format the card was asked in, unless given.

        Raises:
            AnsweredElsewhereError: another instance answered the card since it was queued;
                nothing was saved and the session has moved on.
        """
        item = self.current
        if item is None:
            raise IndexError("no card to answer")
        if question_type is None:
            asked = self.question()
            assert asked is not None  # there is a current card
            question_type = str(asked.format)
        now = self.clock()
        state = self.scheduler_for(item).review(item.state, rating, now, self._seed(item))
        review = Review(
            deck_id=item.deck.id,
            card_id=item.card_id,
            reviewed_at=now,
            rating=int(rating),
            duration_ms=duration_ms,
            question_type=question_type,
            given_answer=given_answer,
            mode=self.mode,
        )
        try:
            # One transaction: the answer, and the bury it may bring, are kept together.
            with self.store.batch():
                review_id = self.store.record(review, state, expected=item.state)
                buried = rating is Rating.AGAIN and self._fails_today(item)
                marks_before, self.leech = (
                    after_lapse(self, item, state, now, buried)
                    if rating is Rating.AGAIN
                    else (None, None)
                )
        except AnsweredElsewhereError:
            self._answered_elsewhere(item, self.store.state(item.deck.id, item.card_id))
            raise
        # Only once it is saved: if the write fails (a full disk), the card stays to be answered.
        self._take(item)
        rested, buried_sibling = rest_sibling(self, item, now, self._today(timedelta(days=1)))
        answered = Answered(item, review_id, rating, state, marks_before, rested, buried_sibling)
        self.answered.append(answered)
        self.undoable.append(answered)
        if buried:
            self.set_aside.append(item)  # back on the next study day, not in a minute
        suspended = self.leech is not None and self.leech.action == "suspend"
        if not (buried or suspended) and state.due is not None and state.due <= now + LEARN_AHEAD:
            self._requeue(StudyItem(item.deck, item.card, state))
        return state

    def mark(self, kind: MarkKind, colour: int = 0) -> Marked | None:
        """Suspend, bury or flag (`colour`, 0 to clear) the current card (`set_aside.mark_item`):
        what was done, to be undone, or None. A card suspended or buried leaves the session."""
        item = self.current
        marked = None if item is None else mark_item(self, item, kind, self.clock(), colour)
        if marked is not None:
            self.undoable.append(marked)
            if marked.leaves:
                self._drop(marked.item)
        return marked

    @property
    def next_undo(self) -> Answered | Marked | None:
        """What `undo` would take back (None: nothing)."""
        return self.undoable[-1] if self.undoable else None

    def undo(self) -> StudyItem | None:
        """Take back the last answer, or the last card suspended, buried or flagged: the log
        records the undo, and a card that left the session comes back first.

        Raises:
            AnsweredElsewhereError: another instance has answered the card since; its
                answer stands and this one cannot be taken back.
        """
        last = self.next_undo
        if last is None:
            return None
        if isinstance(last, Marked):
            self.store.restore_marks({last.key: last.before}, self.clock())
            self.undoable.pop()
            if last.leaves:
                self._drop(last.item)
                self.queue.insert(0, last.item)
                self._shown = None
            return last.item
        # The item holds the state before the answer: what the rest of the log replays to.
        # Saved first: if the write fails, the session stays as it was.
        now = self.clock()
        key = (last.item.deck.id, last.item.card_id)
        with self.store.batch():
            self.store.undo(last.review_id, last.item.state, now, expected=last.after)
            if last.marks_before is not None:  # the answer buried the card: it is back
                self.store.restore_marks({key: last.marks_before}, now)
        self.answered.pop()
        self.undoable.pop()
        self.set_aside = [i for i in self.set_aside if (i.deck.id, i.card_id) != key]
        self._drop(last.item)  # an earlier undo may have queued it with a state now undone
        self.queue.insert(0, last.item)
        wake_sibling(self, last.item, last.rested, last.buried, self.clock())
        self._shown = None
        return last.item

    def deck_edited(self, deck: Deck, renamed: Mapping[str, str] | None = None) -> None:
        """Go on with a deck's new version (its file was edited): queued cards become the
        new text of the same card, a renamed one under its new id (with the state saved for
        it: its progress, if it was carried over); a card no longer in the deck leaves the
        session. The card shown stays shown, if it is still in the deck."""
        renamed = renamed or {}

        def fresh(item: StudyItem) -> StudyItem | None:
            if item.deck.id != deck.id:
                return item
            card_id = renamed.get(item.card_id, item.card_id)
            card = deck.card(card_id)
            if card is None:
                return None
            same = card_id == item.card_id
            return StudyItem(deck, card, item.state if same else self.store.state(deck.id, card_id))

        def kept(items: list[StudyItem]) -> list[StudyItem]:
            return [new for new in map(fresh, items) if new is not None]

        shown = self._shown
        self.queue, self.learning = kept(self.queue), kept(self.learning)
        self.after, self.set_aside = kept(self.after), kept(self.set_aside)
        self._room.held = kept(self._room.held)
        for answered in self.answered:  # an undo brings back the card as it is now
            answered.item = fresh(answered.item) or answered.item
        self.undoable = [
            replace(u, item=fresh(u.item) or u.item) if isinstance(u, Marked) else u
            for u in self.undoable
        ]
        self.decks = [deck if d.id == deck.id else d for d in self.decks]
        self._shown = None
        if shown is not None:
            key = (shown.deck.id, renamed.get(shown.card_id, shown.card_id))
            listed = (*self.learning, *self.queue, *self.after)
            self._shown = next((i for i in listed if (i.deck.id, i.card_id) == key), None)

    def summary(self) -> Summary:
        """Answers and cards so far; cards left (those beyond exam mode's load too)."""
        now = self.clock()
        left = {(i.deck.id, i.card_id) for i in (*self.queue, *self.learning, *self.after)}
        return summarise(
            [((a.item.deck.id, a.item.card_id), a.rating > Rating.AGAIN) for a in self.answered],
            (now - (self.started or now)).total_seconds(),
            self.next_due(),
            left=len(left),
            elsewhere=len(self.elsewhere),
            selection="" if self.only is None else self.only.words(),
            exam="" if (load := self.exam_load) is None else load.words(),
        )

    def next_due(self) -> datetime | None:
        """When the next card of these decks (of the selection, in filtered study) falls due
        (`set_aside.next_due`)."""
        return next_due(self.decks, self.store, self.clock(), self.only)

    def _answered_elsewhere(self, item: StudyItem, saved: CardState) -> None:
        """Pass over a card (the one shown) whose saved state is not the one queued. It stays
        first, with the saved state, if new or due now; else the other instance has it."""
        next(p for p in (self.learning, self.queue, self.after) if item in p).remove(item)
        if saved.phase is Phase.NEW or (saved.due is not None and saved.due <= self.clock()):
            self.queue.insert(0, StudyItem(item.deck, item.card, saved))
        else:
            self.elsewhere.add((item.deck.id, item.card_id))
        self._shown = None

    def _today(self, later: timedelta = timedelta(0)) -> datetime:
        """The start of the study day, or of the one `later` after it."""
        tz, roll = self.scheduler.tz, self.scheduler.config.rollover_hour
        return start_of_study_day(study_day(self.clock(), tz, roll) + later, tz, roll)

    def _fails_today(self, item: StudyItem) -> bool:
        """Whether a card has been answered Again often enough today to be set aside."""
        fails = fails_since(self.store, item.deck.id, item.card_id, self._today())
        return fails >= SET_ASIDE_AFTER

    def _drop(self, item: StudyItem) -> None:
        """Take a card out of the session, wherever it waits."""
        key = (item.deck.id, item.card_id)
        for place in (self.queue, self.learning, self.after):
            place[:] = [i for i in place if (i.deck.id, i.card_id) != key]
        self._shown = None

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
        return fuzz_seed(item.deck.id, item.card_id)
