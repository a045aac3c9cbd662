"""Cards brought forward: those FSRS would next show only after the exam although their
predicted exam-day recall is under the target (`budget.due_after_exam`), put into the queue
at the student's word. Each is kept with the moment it was brought forward, and the exam
queue serves it first until it has been answered since then. No card's state changes: the
answer is a real review, scheduled as any other.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from quizapp.core.progress.plan_settings import BROUGHT_KEY
from quizapp.core.progress.rows import from_ms, to_ms
from quizapp.core.progress.store import Store


def bring_forward(store: Store, cards: Sequence[str], now: datetime) -> None:
    """Keep these cards ("deck/card") for the queue from now, with those brought before."""
    kept = brought(store)
    kept.update({card: now for card in cards})
    data = {card: to_ms(moment) for card, moment in kept.items()}
    store.set_setting(BROUGHT_KEY, json.dumps(data))


def brought(store: Store) -> dict[str, datetime]:
    """The cards brought forward ("deck/card"), each with the moment it was."""
    raw = store.setting(BROUGHT_KEY)
    try:
        data = json.loads(raw or "{}")
        return {str(card): from_ms(int(ms)) or datetime.min for card, ms in data.items()}
    except (ValueError, AttributeError, TypeError):
        return {}


def still_waiting(
    states: Sequence[tuple[tuple[str, str], datetime | None]], store: Store
) -> list[tuple[str, str]]:
    """Of the cards brought forward, those among `states` ((deck, card) and last review) not
    answered since, in the order they were brought."""
    kept = brought(store)
    if not kept:
        return []
    last = dict(states)
    waiting = []
    for name, at in kept.items():
        deck, _, card = name.partition("/")
        key = (deck, card)
        if key in last:
            seen = last[key]
            if seen is None or seen < at:
                waiting.append(key)
    return waiting


def brought_words(count: int) -> str:
    """What bringing cards forward did, in words."""
    if count == 0:
        return "No card falls due only after the exam under the target: nothing to bring forward."
    cards = "card comes" if count == 1 else "cards come"
    return f"Brought forward: {count} {cards} first in your next study session."
