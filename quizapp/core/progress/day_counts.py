"""Today's counts of every deck at once, from the store: what home and `quizapp list` show.

Four queries whatever the number of decks, each through an index (the due index, the
learning and marked cards' partial indexes, the last review's index): no card is read but the
few in learning, marked, or answered today.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from quizapp.core.progress.rows import to_ms
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.study_day import SET_ASIDE_AFTER


@dataclass(frozen=True)
class DayTally:
    """A deck's cards as today's study sees them (cards still in the deck file only).

    A card set aside is suspended, buried, or failed SET_ASIDE_AFTER times today: it is in
    none of the counts but `studied`, `new_set_aside` and the two of today's answers.
    """

    studied: int = 0  # past new
    due: int = 0  # due now, any phase
    review_due: int = 0  # in review, due now
    learning: int = 0  # in learning or relearning, due before the study day ends
    new_set_aside: int = 0  # never studied, and suspended or buried now
    introduced: int = 0  # first answered today (not undone)
    reviewed: int = 0  # answered today, first answered on an earlier day


@dataclass
class _Card:
    phase: str | None
    due: int | None


def day_tallies(
    store: Store, deck_ids: Sequence[str], now: datetime, day_start: datetime, day_end: datetime
) -> dict[str, DayTally]:
    """Each deck's tally (a deck the store has never seen has an empty one)."""
    if not deck_ids:
        return {}
    now_ms, start_ms, end_ms = to_ms(now), to_ms(day_start), to_ms(day_end)
    marks = ", ".join("?" for _ in deck_ids)
    decks = store.conn.execute(
        "SELECT d.key, d.deck_id, d.studied, (SELECT count(*) FROM cards AS c"
        "  WHERE c.deck_key = d.key AND c.retired = 0 AND c.due <= ?)"
        f" FROM decks AS d WHERE d.deck_id IN ({marks})",
        (now_ms, *deck_ids),
    ).fetchall()
    keys = [int(key) for key, *_ in decks]
    if not keys:
        return {deck_id: DayTally() for deck_id in deck_ids}
    in_keys = f"c.deck_key IN ({', '.join('?' for _ in keys)})"
    learning: dict[int, dict[int, _Card]] = {key: {} for key in keys}
    for deck_key, card_key, phase, due in store.conn.execute(
        "SELECT c.deck_key, c.key, c.phase, c.due FROM cards AS c"
        f" WHERE c.phase IN ('learning', 'relearning') AND c.retired = 0 AND {in_keys}",
        keys,
    ):
        learning[deck_key][card_key] = _Card(phase, due)
    aside: dict[int, dict[int, _Card]] = {key: {} for key in keys}
    for deck_key, card_key, phase, due in store.conn.execute(
        "SELECT c.deck_key, c.key, c.phase, c.due FROM cards AS c"
        " WHERE (c.suspended != 0 OR c.buried_until IS NOT NULL OR c.flag != 0 OR c.leech != 0)"
        f" AND (c.suspended != 0 OR c.buried_until > ?) AND c.retired = 0 AND {in_keys}",
        (now_ms, *keys),
    ):
        aside[deck_key][card_key] = _Card(phase, due)
    introduced = dict.fromkeys(keys, 0)
    reviewed = dict.fromkeys(keys, 0)
    for deck_key, card_key, phase, due, first, fails in store.conn.execute(
        "SELECT c.deck_key, c.key, c.phase, c.due,"
        " (SELECT min(r.reviewed_at) FROM reviews AS r WHERE r.card_key = c.key"
        "  AND r.id NOT IN (SELECT review_id FROM undos)),"
        " (SELECT count(*) FROM reviews AS r JOIN labels AS m ON m.key = r.mode"
        "  WHERE r.card_key = c.key AND r.reviewed_at >= ? AND r.rating = 1"
        "  AND m.text = 'study' AND r.id NOT IN (SELECT review_id FROM undos))"
        f" FROM cards AS c WHERE c.last_review >= ? AND c.retired = 0 AND {in_keys}",
        (start_ms, start_ms, *keys),
    ):
        if first is not None and first >= start_ms:
            introduced[deck_key] += 1
        else:
            reviewed[deck_key] += 1
        if fails >= SET_ASIDE_AFTER:
            aside[deck_key][card_key] = _Card(phase, due)
    tallies = {deck_id: DayTally() for deck_id in deck_ids}
    for deck_key, deck_id, studied, due_now in decks:
        out = aside[deck_key]
        kept = {k: c for k, c in learning[deck_key].items() if k not in out}
        due_out = [c for c in out.values() if c.due is not None and c.due <= now_ms]
        learning_due_now = sum(
            1 for c in learning[deck_key].values() if c.due is not None and c.due <= now_ms
        )
        review_due = due_now - learning_due_now - sum(1 for c in due_out if c.phase == "review")
        tallies[deck_id] = DayTally(
            studied=int(studied),
            due=int(due_now) - len(due_out),
            review_due=review_due,
            learning=sum(1 for c in kept.values() if c.due is not None and c.due < end_ms),
            new_set_aside=sum(1 for c in out.values() if c.phase in (None, "new")),
            introduced=introduced[deck_key],
            reviewed=reviewed[deck_key],
        )
    return tallies
