"""Cards set aside from sessions: suspended until undone, buried until the next study day.

A card is buried by hand, or by the study session when it is answered Again SET_ASIDE_AFTER
times in a study day (showing it again a minute later only loops). Either way it is an event
in the card's log (`Store.mark`), and the card is out of every session and count until it
is back. Quiz, exam and cram sessions draw their questions from the cards on offer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from quizapp.core.decks.model import Deck
from quizapp.core.progress.marks import MarkKind, Marks, apply_event
from quizapp.core.progress.rows import from_ms
from quizapp.core.progress.store import Store
from quizapp.core.questions.selection import Entry
from quizapp.core.scheduling.scheduler import CardState, Scheduler
from quizapp.core.scheduling.study_day import next_study_day
from quizapp.core.sessions.items import StudyItem
from quizapp.core.sessions.leeches import Leech, check_leech
from quizapp.core.sessions.queue import StudyFilter


@dataclass(frozen=True)
class Marked:
    """A card suspended, buried or flagged in a study session, kept so it can be undone."""

    item: StudyItem
    kind: MarkKind
    before: Marks  # what an undo brings back

    @property
    def key(self) -> tuple[str, str]:
        return self.item.deck.id, self.item.card_id

    @property
    def leaves(self) -> bool:
        """Whether the card left the session."""
        return self.kind in (MarkKind.SUSPEND, MarkKind.BURY)


class Session(Protocol):
    """What of a study session setting cards aside reads."""

    store: Store

    def scheduler_for(self, item: StudyItem) -> Scheduler: ...


def after_lapse(
    session: Session, item: StudyItem, state: CardState, now: datetime, bury: bool
) -> tuple[Marks | None, Leech | None]:
    """After an Again, inside the answer's transaction: bury the card until the next study day
    (`bury`: it was answered Again SET_ASIDE_AFTER times today), and mark it if it has become
    a leech (`leeches.check_leech`).

    Returns:
        The card's marks before, if they changed (for an undo); the leech, if it is one now.
    """
    key = (item.deck.id, item.card_id)
    store, scheduler = session.store, session.scheduler_for(item)
    before = store.card_marks(*key)
    if bury:
        store.mark([key], MarkKind.BURY, now, bury_until(scheduler, now))
    leech = check_leech(store, scheduler, *key, state, now)
    return (before if bury or leech else None), leech


def mark_item(
    session: Session, item: StudyItem, kind: MarkKind, now: datetime, colour: int = 0
) -> Marked | None:
    """Suspend, bury or flag a session's card (`mark_cards`); None if nothing changed."""
    key = (item.deck.id, item.card_id)
    changed = mark_cards(session.store, session.scheduler_for(item), [key], kind, now, colour)
    return Marked(item, kind, changed[key]) if key in changed else None


def bury_until(scheduler: Scheduler, now: datetime) -> int:
    """The value of a bury event made at `now`: the start of the next study day, in ms."""
    back = next_study_day(now, scheduler.tz, scheduler.config.rollover_hour)
    return int(back.timestamp() * 1000)


def next_due(
    decks: Sequence[Deck], store: Store, now: datetime, only: StudyFilter | None = None
) -> datetime | None:
    """When the next card of these decks (of the filter's cards, if given) falls due: a
    buried card once it is back, a suspended card never."""
    if only is None:  # found in SQL, no card or state built (a whole collection: at once)
        found = [store.next_due_ms(deck.id, now) for deck in decks]
        soonest = min((ms for ms in found if ms is not None), default=None)
        return None if soonest is None else from_ms(soonest)
    dues: list[datetime] = []
    for deck in decks:
        cards = {card.id: card for card in deck.cards}
        marks = store.marks(deck.id)
        for card_id, state in store.states(deck.id).items():
            mark = marks.get(card_id, Marks())
            card = cards.get(card_id)
            if state.due is None or card is None or mark.suspended:
                continue
            if only is not None and not only.keeps(deck, card, mark.flag):
                continue
            back = mark.buried_until if mark.buried(now) else None
            dues.append(state.due if back is None else max(state.due, back))
    return min(dues, default=None)


def on_offer(entries: Sequence[Entry], store: Store, now: datetime) -> list[Entry]:
    """The entries whose cards are neither suspended nor buried at `now`."""
    aside = {deck_id: store.set_aside_now(deck_id, now) for deck_id in {e.deck.id for e in entries}}
    return [e for e in entries if e.card.id not in aside[e.deck.id]]


def mark_cards(
    store: Store,
    scheduler: Scheduler,
    cards: Iterable[tuple[str, str]],
    kind: MarkKind,
    now: datetime,
    colour: int = 0,
) -> dict[tuple[str, str], Marks]:
    """Suspend, unsuspend, bury (until the next study day), unbury or flag (`colour`, 0 to
    clear) cards, each change an event, all in one transaction.

    Returns:
        The marks before of the cards it changed (for an undo, `Store.restore_marks`); a card
        already so marked is not among them.
    """
    value = {MarkKind.BURY: bury_until(scheduler, now), MarkKind.FLAG: colour}.get(kind)
    keys = list(dict.fromkeys(cards))
    marks = {deck_id: store.marks(deck_id) for deck_id in {deck_id for deck_id, _ in keys}}
    before = {key: marks[key[0]].get(key[1], Marks()) for key in keys}
    changed = {k: m for k, m in before.items() if apply_event(m, kind, value) != m}
    if changed:
        store.mark(changed, kind, now, value)
    return changed
