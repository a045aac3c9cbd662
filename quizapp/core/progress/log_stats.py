"""Counts over the review log, in SQL, for statistics, plans and study sessions.

Times are bucketed by quarter hour (`QUARTER_MS`) where callers fold them into study days:
every timezone offset is a whole number of quarter hours. Undone reviews never count.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from quizapp.core.progress.rows import to_ms
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.study_day import QUARTER_MS

NOT_UNDONE = "id NOT IN (SELECT review_id FROM undos)"


def in_decks(store: Store, ids: Sequence[str]) -> tuple[str, list[str]]:
    """A condition on the reviews table, and its parameters: the review is of a card of these
    decks. When they are all the decks the store has seen, the condition is simply true: the
    lookup it saves costs more than the rest of a query over a long log."""
    known = {deck_id for (deck_id,) in store.conn.execute("SELECT deck_id FROM decks")}
    if known <= set(ids):
        return "1", []
    marks = ", ".join("?" for _ in ids)
    condition = (
        "card_key IN (SELECT c.key FROM cards AS c JOIN decks AS d ON d.key = c.deck_key"
        f" WHERE d.deck_id IN ({marks}))"
    )
    return condition, list(ids)


def answers_since(store: Store, ids: Sequence[str], since: datetime | None = None) -> int:
    """Answers given in these decks (at or after `since`, if given)."""
    if not ids:
        return 0
    condition, params = in_decks(store, ids)
    after = "" if since is None else " AND reviewed_at >= ?"
    sql = f"SELECT count(*) FROM reviews WHERE {condition} AND {NOT_UNDONE}{after}"
    args = params if since is None else [*params, to_ms(since)]
    return int(store.conn.execute(sql, args).fetchone()[0])


def answers_by_quarter(store: Store, ids: Sequence[str], since: datetime) -> list[tuple[int, int]]:
    """(quarter hour, answers) for the answers in these decks since a moment."""
    condition, params = in_decks(store, ids)
    rows = store.conn.execute(
        f"SELECT reviewed_at / {QUARTER_MS}, count(*) FROM reviews"
        f" WHERE {condition} AND {NOT_UNDONE} AND reviewed_at >= ? GROUP BY 1",
        [*params, to_ms(since)],
    )
    return [(int(bucket), int(count)) for bucket, count in rows]


def repeats_by_quarter(
    store: Store, ids: Sequence[str], since: datetime
) -> list[tuple[int, int, bool, int]]:
    """(quarter hour, quarter hour of the card's previous answer, passed, answers) for the
    answers since a moment to cards answered before; passed is any grade but Again."""
    # LAG over each card's log gives the previous answer.
    condition, params = in_decks(store, ids)
    rows = store.conn.execute(
        f"SELECT at / {QUARTER_MS}, prev / {QUARTER_MS}, rating > 1, count(*) FROM ("
        "  SELECT reviewed_at AS at, rating, LAG(reviewed_at) OVER ("
        "    PARTITION BY card_key ORDER BY reviewed_at, id) AS prev"
        f"  FROM reviews WHERE {condition} AND {NOT_UNDONE}"
        ") WHERE prev IS NOT NULL AND at >= ? GROUP BY 1, 2, 3",
        [*params, to_ms(since)],
    )
    return [(int(at), int(prev), bool(ok), int(count)) for at, prev, ok, count in rows]


def answer_quarters_before(store: Store, ids: Sequence[str], before: datetime) -> set[int]:
    """The quarter hours with an answer in these decks before a moment."""
    condition, params = in_decks(store, ids)
    rows = store.conn.execute(
        f"SELECT DISTINCT reviewed_at / {QUARTER_MS} FROM reviews"
        f" WHERE {condition} AND {NOT_UNDONE} AND reviewed_at < ?",
        [*params, to_ms(before)],
    )
    return {int(bucket) for (bucket,) in rows}


def due_before(store: Store, deck_id: str, before: datetime) -> list[tuple[str, int]]:
    """(card id, due in ms) of a deck's cards due before a moment."""
    rows = store.conn.execute(
        "SELECT card_id, due FROM card_states WHERE deck_id = ? AND due < ?",
        (deck_id, to_ms(before)),
    )
    return [(str(card_id), int(due)) for card_id, due in rows]


def most_lapses(store: Store, deck_ids: Sequence[str]) -> list[tuple[str, str, int, int]]:
    """(deck id, card id, lapses, reps) of the cards with lapses in these decks, most first."""
    marks = ", ".join("?" for _ in deck_ids)
    rows = store.conn.execute(
        "SELECT deck_id, card_id, lapses, reps FROM card_states"
        f" WHERE deck_id IN ({marks}) AND lapses > 0"
        " ORDER BY lapses DESC, reps DESC, deck_id, card_id",
        list(deck_ids),
    )
    return [(str(d), str(c), int(lapses), int(reps)) for d, c, lapses, reps in rows]


def fails_since(store: Store, deck_id: str, card_id: str, since: datetime) -> int:
    """One card's Again answers in study sessions since a moment (through the card's own
    index entries: answering stays fast in any collection)."""
    row = store.conn.execute(
        "SELECT count(*) FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
        " JOIN reviews AS r ON r.card_key = c.key JOIN labels AS m ON m.key = r.mode"
        " WHERE d.deck_id = ? AND c.card_id = ? AND r.reviewed_at >= ? AND r.rating = 1"
        " AND m.text = 'study' AND r.id NOT IN (SELECT review_id FROM undos)",
        (deck_id, card_id, to_ms(since)),
    ).fetchone()
    return int(row[0])


def answered_since(store: Store, deck_id: str, card_ids: set[str], since: datetime) -> set[str]:
    """Which of these cards of a deck were answered at or after a moment (in any mode; an
    undone answer restored the card's last review, so it does not count)."""
    if not card_ids:
        return set()
    rows = store.conn.execute(
        "SELECT c.card_id FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
        " WHERE d.deck_id = ? AND c.last_review >= ?",
        (deck_id, to_ms(since)),
    )
    return {str(row[0]) for row in rows} & card_ids
