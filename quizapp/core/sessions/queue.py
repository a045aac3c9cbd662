"""Which cards a study session serves: due cards first, then new ones, within each deck's
limits (new cards and reviews a day), new ones in deck order or a random order of the day."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from quizapp.core.decks.lazy_cards import deck_fingerprint, deck_index
from quizapp.core.decks.model import Card, Deck
from quizapp.core.progress.day_counts import DayTally, day_tallies
from quizapp.core.progress.marks import FLAG_COLOURS
from quizapp.core.progress.rows import to_ms
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler
from quizapp.core.scheduling.study_day import start_of_study_day, study_day
from quizapp.core.sessions.items import StudyItem
from quizapp.core.sessions.siblings import resting_siblings
from quizapp.core.settings.study_settings import StudySettings, settings_from

if TYPE_CHECKING:  # the exam modules load when a plan is used: home's start-up needs none
    from quizapp.core.planning.exam_load import DayLoad
    from quizapp.core.planning.plan import ExamPlan


@dataclass(frozen=True)
class StudyFilter:
    """Filtered study: only the cards that pass every choice made, scheduled as usual (unlike
    cram, answers are the reviews they would be in a plain session)."""

    tags: tuple[str, ...] = ()  # any of them, the card's own or its deck's
    kinds: tuple[str, ...] = ()  # any of them
    flag: int | None = None  # 0: any flag; 1-4: that colour
    # Cards due by the end of the study day this many days ahead are served now (reviewing
    # ahead); new cards are left out.
    due_within: int | None = None

    def keeps(self, deck: Deck, card: Card, flag: int) -> bool:
        """Whether a card (with its flag) is one of the selection's."""
        wanted = {tag.casefold() for tag in self.tags}
        if wanted and not wanted & {tag.casefold() for tag in (*card.tags, *deck.tags)}:
            return False
        if self.kinds and str(card.kind) not in self.kinds:
            return False
        return self.flag is None or (flag != 0 and self.flag in (0, flag))

    def words(self) -> str:
        """The choices, in words ("tag 1990s, flagged red, due within 3 days")."""
        parts = [f"tag {' or '.join(self.tags)}"] if self.tags else []
        parts += [f"kind {' or '.join(self.kinds)}"] if self.kinds else []
        if self.flag is not None:
            parts.append(f"flagged {FLAG_COLOURS[self.flag]}" if self.flag else "flagged")
        if self.due_within is not None:
            days = "day" if self.due_within == 1 else "days"
            parts.append(f"due within {self.due_within} {days}")
        return ", ".join(parts) or "every card"


@dataclass(frozen=True)
class DeckCounts:
    """How many cards of a deck there are, never studied, and due now; and what today offers
    (Anki's three numbers): new cards within the day's limit, cards in learning, reviews due
    within the day's limit. Cards set aside (suspended, buried) are in none but `cards`."""

    cards: int
    new: int
    due: int
    new_today: int = 0
    learning: int = 0
    review_due: int = 0


def offered(cards: int, tally: DayTally, settings: StudySettings) -> DeckCounts:
    """A deck's counts under its settings: today's limits less what today has used."""
    new = max(0, cards - tally.studied - tally.new_set_aside)
    return DeckCounts(
        cards=cards,
        new=new,
        due=tally.due,
        new_today=min(new, max(0, settings.new_per_day - tally.introduced)),
        learning=tally.learning,
        review_due=min(tally.review_due, max(0, settings.reviews_per_day - tally.reviewed)),
    )


def phase_counts(items: Sequence[StudyItem]) -> tuple[int, int, int]:
    """Different cards among `items`: new, in learning or relearning, in review."""
    phases = list({(i.deck.id, i.card_id): i.phase for i in items}.values())  # once a card
    new, review = phases.count(Phase.NEW), phases.count(Phase.REVIEW)
    return new, len(phases) - new - review, review


def new_card_order(deck: Deck, order: str, day: date) -> list[Card]:
    """A deck's cards in the order new ones are introduced: the deck's, or a random one fixed
    for the deck and the study day (the same all day, so a session started again agrees)."""
    return [deck.cards[number] for number in new_card_numbers(deck, order, day)]


def new_card_numbers(deck: Deck, order: str, day: date) -> list[int]:
    """`new_card_order` as places in the deck's file, its cards left unread (a shuffle
    moves places as it moves cards: the order is the same)."""
    numbers = list(range(len(deck_index(deck).ids)))
    if order == "random":
        random.Random(f"{deck.id}/{day.isoformat()}").shuffle(numbers)
    return numbers


def deck_counts(deck: Deck, states: dict[str, CardState], now: datetime) -> DeckCounts:
    """Counts for the home screen and `quizapp list`; cards no longer in the deck are ignored."""
    new = due = 0
    for card in deck.cards:
        state = states.get(card.id)
        if state is None or state.phase is Phase.NEW:
            new += 1
        elif state.due is not None and state.due <= now:
            due += 1
    return DeckCounts(cards=len(deck.cards), new=new, due=due)


def build_queue(
    decks: Sequence[Deck],
    store: Store,
    scheduler: Scheduler,
    now: datetime,
    new_per_day: int | None = None,
    plan: ExamPlan | None = None,
    only: StudyFilter | None = None,
) -> list[StudyItem]:
    """Due cards (most overdue first), then new cards within each deck's limits
    (`build_queues`, in one list)."""
    first, then = build_queues(decks, store, scheduler, now, new_per_day, plan, only)
    return first + then


def build_queues(
    decks: Sequence[Deck],
    store: Store,
    scheduler: Scheduler,
    now: datetime,
    new_per_day: int | None = None,
    plan: ExamPlan | None = None,
    only: StudyFilter | None = None,
    load: DayLoad | None = None,
) -> tuple[list[StudyItem], list[StudyItem]]:
    """A session's cards: due cards (most overdue first), then new cards; cards suspended or
    buried (the store's marks) left out. With a filter, only its cards (`StudyFilter`; no
    exam plan then).

    Each deck keeps to its own settings: new cards a day (`new_per_day` instead, if given) and
    reviews a day, less those answered earlier today, and its new-card order. Cards in
    learning are never held back.

    While an exam plan is ahead, the decks it covers are served by the exam-aware queue
    instead (`exam_queue.choose`, within the day's load), ahead of the other decks. The load
    is `load` if given: a session on some of the exam's decks is given the whole day's load,
    counted over every deck the exam covers, not a day's load of its own.

    Returns:
        The cards to serve first, and then the due cards of the exam's decks that the day's
        load leaves out: a due card is always served, once the plan's cards are done.
    """
    due: list[StudyItem] = []
    new: list[StudyItem] = []
    tz, roll = scheduler.tz, scheduler.config.rollover_hour
    day = study_day(now, tz, roll)
    today = start_of_study_day(day, tz, roll)
    exam: list[StudyItem] = []
    beyond: list[StudyItem] = []
    if plan is not None and only is None and plan.active(day):
        covered = [d for d in decks if plan.covers(d.id)]
        exam, beyond = _exam_items(covered, store, scheduler, now, plan, today, load)
        decks = [d for d in decks if not plan.covers(d.id)]
    due_by, with_new = now, True
    if only is not None and only.due_within is not None:
        due_by = start_of_study_day(day + timedelta(days=only.due_within + 1), tz, roll)
        with_new = False
    tomorrow = start_of_study_day(day + timedelta(days=1), tz, roll)
    tallies = day_tallies(store, [deck.id for deck in decks], now, today, tomorrow)
    kept = store.preferences()
    for deck in decks:
        limits = settings_from(kept, deck.id)
        tally = tallies[deck.id]
        allowance = limits.new_per_day if new_per_day is None else new_per_day
        allowance = max(0, allowance - tally.introduced) if with_new else 0
        room = max(0, limits.reviews_per_day - tally.reviewed)
        serve = _Serving(deck, store, now, only, resting_siblings(deck, store, today))
        due += serve.due(due_by, room)
        new += serve.new(new_card_numbers(deck, limits.new_order, day), allowance)
    never = to_ms(now)
    due.sort(key=lambda item: item.due_ms(never))
    return exam + due + new, beyond


class _Serving:
    """What a queue takes of one deck, found from its card index and the store's rows: states
    are built for the cards served only, and cards are read when shown (`StudyItem.at`)."""

    def __init__(
        self, deck: Deck, store: Store, now: datetime, only: StudyFilter | None, resting: set[str]
    ) -> None:
        self.deck, self.store, self.now, self.only = deck, store, now, only
        self.ids = deck_index(deck).ids
        self.places = {card_id: number for number, card_id in enumerate(self.ids)}
        self.marks = store.marks(deck.id)  # the few marked cards
        self.resting = resting

    def keeps(self, card_id: str, number: int) -> bool:
        """Not set aside, not resting for its sibling, and one of the filter's cards."""
        mark = self.marks.get(card_id)
        if card_id in self.resting or (mark is not None and mark.set_aside(self.now)):
            return False
        if self.only is None:
            return True
        return self.only.keeps(self.deck, self.deck.cards[number], mark.flag if mark else 0)

    def rows(
        self, due_by: datetime, after: datetime | None = None
    ) -> list[tuple[int, tuple[Any, ...]]]:
        """(place, row) of the deck's cards past new due by `due_by` (after `after`), in
        file order."""
        found = []
        for row in self.store.queue_rows(self.deck.id, due_by, after):
            number = self.places.get(row[0])
            if number is not None:  # else no longer in the deck's file
                found.append((number, row))
        found.sort(key=lambda pair: pair[0])
        return found

    def item(self, number: int, row: tuple[Any, ...] | None) -> StudyItem:
        return StudyItem.at(self.deck, number, self.ids[number], None if row is None else row[1:])

    def due(self, due_by: datetime, room: int) -> list[StudyItem]:
        """Cards in learning due by `due_by`, then the `room` reviews due soonest."""
        learning: list[tuple[int, tuple[Any, ...]]] = []
        reviews: list[tuple[int, tuple[Any, ...]]] = []
        for number, row in self.rows(due_by):
            if self.keeps(row[0], number):
                (reviews if row[1] == Phase.REVIEW else learning).append((number, row))
        reviews.sort(key=lambda pair: pair[1][5])  # due, file order among equals
        return [self.item(number, row) for number, row in learning + reviews[:room]]

    def new(self, order: list[int], allowance: int) -> list[StudyItem]:
        """Up to `allowance` new cards, in `order` (places in the deck)."""
        if allowance <= 0 or self.store.all_studied(
            self.deck.id, deck_fingerprint(self.deck), len(self.ids)
        ):
            return []
        studied = self.store.studied_ids(self.deck.id)
        saved = {row[0]: row for row in self.store.new_rows(self.deck.id)}
        served: list[StudyItem] = []
        for number in order:
            card_id = self.ids[number]
            if card_id in studied or not self.keeps(card_id, number):
                continue
            served.append(self.item(number, saved.get(card_id)))
            if len(served) == allowance:
                break
        return served


def learning_soon(
    decks: Sequence[Deck],
    store: Store,
    now: datetime,
    until: datetime,
    only: StudyFilter | None = None,
) -> list[StudyItem]:
    """Cards in learning whose step falls due after `now` and by `until`, soonest first.

    A session shows them early once nothing else is left (Anki's learn-ahead), as it does the
    steps of the cards it answered itself: a session opened again a few minutes after another
    would otherwise say there is nothing to study while home counts them in learning.
    """
    if only is not None and only.due_within is not None:
        return []  # reviewing ahead has queued them already
    soon: list[StudyItem] = []
    for deck in decks:
        serve = _Serving(deck, store, now, only, set())
        for number, row in serve.rows(until, after=now):
            if row[1] != Phase.REVIEW and serve.keeps(row[0], number):
                soon.append(serve.item(number, row))
    return sorted(soon, key=lambda item: item.due_ms(to_ms(until)))


def _exam_items(
    decks: Sequence[Deck],
    store: Store,
    scheduler: Scheduler,
    now: datetime,
    plan: ExamPlan,
    today: datetime,
    load: DayLoad | None,
) -> tuple[list[StudyItem], list[StudyItem]]:
    """The covered decks' cards the day's load chooses, and their other due cards."""
    from quizapp.core.planning.bring_forward import still_waiting
    from quizapp.core.planning.day_owed import due_by
    from quizapp.core.planning.exam_load import day_load
    from quizapp.core.planning.exam_queue import choose, then_due

    load = load or day_load(plan, decks, store, scheduler, now)
    assert load is not None  # the plan is active
    pairs: list[tuple[tuple[str, str], CardState]] = []
    places: dict[tuple[str, str], tuple[Deck, int]] = {}
    new = CardState()
    for deck in decks:  # the cards' ids from the card index: no card is read
        states = store.states(deck.id)
        aside = store.set_aside_now(deck.id, now) | resting_siblings(deck, store, today)
        for number, card_id in enumerate(deck_index(deck).ids):
            if card_id not in aside:
                pairs.append(((deck.id, card_id), states.get(card_id, new)))
                places[(deck.id, card_id)] = (deck, number)
    # Today's answers and new cards in these decks, in any session, come out of the load.
    unseen: set[tuple[str, str]] | None = None
    if load.final:  # the final pass: the cards not answered since it began
        roll = scheduler.config.rollover_hour
        since = start_of_study_day(load.final_start or load.day, scheduler.tz, roll)
        unseen = {k for k, s in pairs if s.last_review is None or s.last_review < since}
    chosen = choose(
        pairs,
        scheduler,
        now,
        plan.exam_day,
        load.answers_left,
        load.new_left,
        unseen,
        load.final_left,
    )
    # Cards the student brought forward come first, until answered.
    forward = still_waiting([(key, state.last_review) for key, state in pairs], store)
    if forward:
        chosen = forward + [key for key in chosen if key not in set(forward)]
    # Every other due card after them: in the final pass, those past the day's share too
    # (its new cards come first in the share, `pass_order`, and a due card is never withheld).
    served = then_due(pairs, chosen, now)
    state_of = dict(pairs)

    def item(key: tuple[str, str]) -> StudyItem:
        deck, number = places[key]
        return StudyItem.at(deck, number, key[1], None, state_of[key])

    # The cards due first: when their reviews cost more answers than foreseen, the day's new
    # cards and reviews ahead are what waits (`within_load`), not answers over the load.
    # Cards brought forward stay first.
    first = [item(key) for key in chosen[len(forward) :]]
    first.sort(key=lambda item: item.state.phase is Phase.NEW or not due_by(item.state, now))
    first = [item(key) for key in forward] + first
    return first, [item(key) for key in served[len(chosen) :]]
