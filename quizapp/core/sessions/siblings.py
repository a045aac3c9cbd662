"""Reversed cards and their siblings: never both on the same study day.

Once one of the two is answered, the other waits for the next study day: the queue leaves it
out (the log says its sibling was answered today), and it is buried in the store, so that
every session, and the card's info, say so.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from quizapp.core.decks.lazy_cards import deck_index
from quizapp.core.decks.model import Deck
from quizapp.core.progress.database import StoreUnavailableError
from quizapp.core.progress.log_stats import answered_since
from quizapp.core.progress.marks import MarkKind
from quizapp.core.progress.store import Store, to_ms

if TYPE_CHECKING:
    from quizapp.core.sessions.items import StudyItem


class Queues(Protocol):
    """What of a session the sibling rule changes."""

    store: Store
    queue: list[StudyItem]
    learning: list[StudyItem]
    after: list[StudyItem]


def resting_siblings(deck: Deck, store: Store, today: datetime) -> set[str]:
    """Cards whose sibling (the same card asked the other way round) was answered since the
    study day began (found from the deck's card index: no card is read)."""
    index = deck_index(deck)
    siblings = {c: s for c, s in zip(index.ids, index.siblings, strict=True) if s}
    if not siblings:
        return set()
    return {siblings[a] for a in answered_since(store, deck.id, set(siblings), today)}


def rest_sibling(
    session: Queues, item: StudyItem, now: datetime, tomorrow: datetime
) -> tuple[tuple[StudyItem, ...], str | None]:
    """Keep an answered card's sibling out until `tomorrow` (the next study day's start):
    taken out of the session, and buried in the store.

    Returns:
        The sibling's items taken out, and its id if the bury was saved.
    """
    sibling = item.card.sibling_id
    if sibling is None:
        return (), None
    key = (item.deck.id, sibling)
    lists = (session.queue, session.learning, session.after)
    rested = tuple(i for items in lists for i in items if (i.deck.id, i.card_id) == key)
    for items in lists:
        items[:] = [i for i in items if i not in rested]
    try:
        buried = session.store.mark([key], MarkKind.BURY, now, to_ms(tomorrow)) > 0
    except StoreUnavailableError:
        buried = False  # the answer is saved; the queue leaves the sibling out today anyway
    return rested, sibling if buried else None


def wake_sibling(
    session: Queues,
    item: StudyItem,
    rested: tuple[StudyItem, ...],
    buried: str | None,
    at: datetime,
) -> None:
    """Undo what answering `item` did to its sibling (an undo of that answer, at `at`)."""
    session.queue.extend(rested)
    if buried is not None:
        try:
            session.store.mark([(item.deck.id, buried)], MarkKind.UNBURY, at)
        except StoreUnavailableError:
            pass  # the undo is saved; the sibling stays buried until tomorrow
