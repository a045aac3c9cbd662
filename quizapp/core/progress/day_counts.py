"""Today's counts of every deck at once, from the store: what home and `quizapp list` show.

A few queries whatever the number of decks, each counted in an index (the due index, the
learning cards' partial index) or reading only the few cards marked or answered today.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from quizapp.core.progress.rows import to_ms
from quizapp.core.progress.store import Store


@dataclass(frozen=True)
class DayTally:
    """A deck's cards as today's study sees them (cards still in the deck file only).

    A card set aside is suspended or buried (a study session buries a card failed
    SET_ASIDE_AFTER times in a day): it is in none of the counts but `studied`,
    `new_set_aside` and the two of today's answers.
    """

    studied: int = 0  # past new
    due: int = 0  # due now, any phase
    review_due: int = 0  # in review, due now
    learning: int = 0  # in learning or relearning, due before the study day ends
    new_set_aside: int = 0  # never studied, and suspended or buried now
    introduced: int = 0  # first answered today (not undone)
    reviewed: int = 0  # answered today, first answered on an earlier day


LEARNING = "c.phase IN ('learning', 'relearning')"  # the partial index cards_learning's


def day_tallies(
    store: Store, deck_ids: Sequence[str], now: datetime, day_start: datetime, day_end: datetime
) -> dict[str, DayTally]:
    """Each deck's tally (a deck the store has never seen has an empty one)."""
    tallies = {deck_id: DayTally() for deck_id in deck_ids}
    if not deck_ids:
        return tallies
    now_ms, start_ms, end_ms = to_ms(now), to_ms(day_start), to_ms(day_end)
    counted = "c.deck_key = d.key AND c.retired = 0"
    decks = store.conn.execute(
        "SELECT d.key, d.deck_id, d.studied,"
        f" (SELECT count(*) FROM cards AS c WHERE {counted} AND c.due <= ?)"
        f" FROM decks AS d WHERE d.deck_id IN ({', '.join('?' for _ in deck_ids)})",
        (now_ms, *deck_ids),
    ).fetchall()
    keys = {int(row[0]) for row in decks}
    # Cards in learning due today, of every deck in one pass over their partial index.
    learning = {
        int(deck_key): (int(due_now), int(due_today))
        for deck_key, due_now, due_today in store.conn.execute(
            "SELECT c.deck_key, count(*) FILTER (WHERE c.due <= ?), count(*)"
            f" FROM cards AS c INDEXED BY cards_learning WHERE {LEARNING} AND c.retired = 0"
            " AND c.due < ? GROUP BY c.deck_key",
            (now_ms, end_ms),
        )
    }
    # The cards set aside now, (deck key, card key) -> (phase, due); and today's answers.
    aside: dict[tuple[int, int], tuple[str | None, int | None]] = {}
    for deck_key, card_key, phase, due in store.conn.execute(
        "SELECT c.deck_key, c.key, c.phase, c.due FROM cards AS c INDEXED BY cards_marked"
        " WHERE (c.suspended != 0 OR c.buried_until IS NOT NULL OR c.flag != 0 OR c.leech != 0)"
        " AND (c.suspended != 0 OR c.buried_until > ?) AND c.retired = 0",
        (now_ms,),
    ):
        if deck_key in keys:
            aside[(deck_key, card_key)] = (phase, due)
    introduced = dict.fromkeys(keys, 0)
    reviewed = dict.fromkeys(keys, 0)
    # A card answered before today is found at its first review, read first: one row each.
    for deck_key, before in store.conn.execute(
        "SELECT c.deck_key,"
        " EXISTS (SELECT 1 FROM reviews AS r WHERE r.card_key = c.key AND r.reviewed_at < ?"
        "  AND r.id NOT IN (SELECT review_id FROM undos))"
        " FROM cards AS c INDEXED BY cards_by_last_review"
        " WHERE c.last_review >= ? AND c.retired = 0",
        (start_ms, start_ms),
    ):
        if deck_key not in keys:
            continue
        if before:
            reviewed[deck_key] += 1
        else:
            introduced[deck_key] += 1
    out: dict[int, list[tuple[str | None, int | None]]] = {key: [] for key in keys}
    for (deck_key, _), card in aside.items():
        out[deck_key].append(card)
    for deck_key, deck_id, studied, due_now in decks:
        learning_now, learning_today = learning.get(deck_key, (0, 0))
        cards = out[deck_key]
        due_out = [phase for phase, due in cards if due is not None and due <= now_ms]
        learning_out = sum(
            1
            for phase, due in cards
            if phase in ("learning", "relearning") and due is not None and due < end_ms
        )
        tallies[deck_id] = DayTally(
            studied=int(studied),
            due=int(due_now) - len(due_out),
            review_due=int(due_now) - learning_now - due_out.count("review"),
            learning=learning_today - learning_out,
            new_set_aside=sum(1 for phase, _ in cards if phase in (None, "new")),
            introduced=introduced[deck_key],
            reviewed=reviewed[deck_key],
        )
    return tallies
