"""Counts over the review log, in SQL, for statistics, plans and study sessions.

Times are counted in study days by SQL arithmetic (`day_expression`, from the spans of
`study_day.offset_spans`), so no query hands the log itself to Python. Undone reviews never
count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from quizapp.core.progress.rows import to_ms
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.study_day import DAY_MS

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


def day_expression(column: str, spans: Sequence[tuple[int, int]]) -> str:
    """SQL for the study day number (`study_day.day_number`) of a time column in ms.

    `spans` come from `study_day.offset_spans` over the column's range; they are chosen by
    a balanced tree of comparisons (a log of years has a few dozen). A day before 1970 is
    counted from a shifted epoch: SQLite's division truncates towards zero.
    """

    def pick(low: int, high: int) -> str:
        if low == high:
            shift = int(spans[low][1]) + _BIAS_DAYS * DAY_MS
            return f"({column} + {shift}) / {DAY_MS} - {_BIAS_DAYS}"
        middle = (low + high + 1) // 2
        return (
            f"CASE WHEN {column} < {int(spans[middle][0])} THEN {pick(low, middle - 1)}"
            f" ELSE {pick(middle, high)} END"
        )

    return pick(0, len(spans) - 1)


_BIAS_DAYS = 1_000_000  # about 2,700 years: every moment Python's datetime can hold


def log_range(store: Store, ids: Sequence[str]) -> tuple[int, int] | None:
    """The first and last answer times (ms) in these decks, None for none."""
    condition, params = in_decks(store, ids)
    row = store.conn.execute(
        f"SELECT min(reviewed_at), max(reviewed_at) FROM reviews WHERE {condition}", params
    ).fetchone()
    return None if row is None or row[0] is None else (int(row[0]), int(row[1]))


def answers_by_day(
    store: Store, ids: Sequence[str], spans: Sequence[tuple[int, int]]
) -> list[tuple[int, int, int, int]]:
    """(study day number, answers, repeats, passed) of every study day with answers in
    these decks; a repeat is an answer to a card last answered on an earlier study day, and
    passed is any grade but Again. One pass over the log (its kept facts, no window)."""
    condition, params = in_decks(store, ids)
    day = day_expression("reviewed_at", spans)
    rows = store.conn.execute(
        f"SELECT {day} AS day, count(*), sum(elapsed_days > 0),"
        " sum(elapsed_days > 0 AND rating > 1) FROM reviews"
        f" WHERE {condition} AND {NOT_UNDONE} GROUP BY day",
        params,
    )
    return [(int(d), int(n), int(r or 0), int(p or 0)) for d, n, r, p in rows]


def due_by_day_number(
    store: Store, ids: Sequence[str], spans: Sequence[tuple[int, int]], before: datetime
) -> list[tuple[int, int]]:
    """(study day number, cards) of the cards of these decks due before a moment: the decks'
    own cards (not retired), studied. `spans` cover the moments from which days matter: an
    earlier due (an overdue card) counts on a day before the first span's."""
    marks = ", ".join("?" for _ in ids)
    day = day_expression("c.due", spans)
    rows = store.conn.execute(
        f"SELECT {day} AS day, count(*) FROM cards AS c JOIN decks AS d ON d.key = c.deck_key"
        f" WHERE d.deck_id IN ({marks}) AND c.retired = 0 AND c.phase IS NOT NULL"
        " AND c.due < ? GROUP BY day",
        [*ids, to_ms(before)],
    )
    return [(int(d), int(n)) for d, n in rows]


def due_before(store: Store, deck_id: str, before: datetime) -> list[tuple[str, int]]:
    """(card id, due in ms) of a deck's cards due before a moment."""
    rows = store.conn.execute(
        "SELECT card_id, due FROM card_states WHERE deck_id = ? AND due < ?",
        (deck_id, to_ms(before)),
    )
    return [(str(card_id), int(due)) for card_id, due in rows]


def stable_memories(
    store: Store, deck_id: str, stability: float, now: datetime
) -> list[tuple[str, float, int]]:
    """(card id, stability, last review in ms) of a deck's cards held at least this stable
    and last reviewed no longer ago than their stability (a recall of about 90% or more):
    the candidates for mastery, found in SQL."""
    rows = store.conn.execute(
        "SELECT c.card_id, c.stability, c.last_review FROM decks AS d"
        " JOIN cards AS c ON c.deck_key = d.key WHERE d.deck_id = ? AND c.stability >= ?"
        " AND c.last_review IS NOT NULL AND ? - c.last_review <= c.stability * ?",
        (deck_id, stability, to_ms(now), DAY_MS * 1.001),
    )
    return [(str(card), float(s), int(last)) for card, s, last in rows]


def most_lapses(
    store: Store, deck_ids: Sequence[str], limit: int
) -> list[tuple[str, str, int, int]]:
    """(deck id, card id, lapses, reps) of the cards with the most lapses in these decks
    (cards their decks still hold), most first, at most `limit`."""
    marks = ", ".join("?" for _ in deck_ids)
    rows = store.conn.execute(
        "SELECT d.deck_id, c.card_id, c.lapses, c.reps FROM cards AS c"
        " JOIN decks AS d ON d.key = c.deck_key"
        f" WHERE d.deck_id IN ({marks}) AND c.lapses > 0 AND c.retired = 0"
        " ORDER BY c.lapses DESC, c.reps DESC, d.deck_id, c.card_id LIMIT ?",
        [*deck_ids, limit],
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


def first_seen_since(store: Store, deck_id: str, since: datetime, before: datetime) -> set[str]:
    """Cards of a deck answered at or after `before` but not from `since` until then: the
    cards a final pass that began at `since` saw first on the day that began at `before`."""
    rows = store.conn.execute(
        "SELECT c.card_id FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
        " JOIN reviews AS r ON r.card_key = c.key"
        " WHERE d.deck_id = ? AND c.last_review >= ?"
        " AND r.id NOT IN (SELECT review_id FROM undos)"
        " GROUP BY c.key HAVING min(CASE WHEN r.reviewed_at >= ? THEN r.reviewed_at END) >= ?",
        (deck_id, to_ms(before), to_ms(since), to_ms(before)),
    )
    return {str(row[0]) for row in rows}


# An answer that took longer than this counts as this long: the student was away, not thinking.
LONGEST_ANSWER_MS = 60_000
RECENT_ANSWERS = 2_000


def seconds_per_answer(store: Store, ids: Sequence[str]) -> float | None:
    """The student's mean seconds per answer in these decks over their last RECENT_ANSWERS
    timed answers (each at most LONGEST_ANSWER_MS), or None without any."""
    if not ids:
        return None
    condition, params = in_decks(store, ids)
    row = store.conn.execute(
        f"SELECT avg(min(duration_ms, {LONGEST_ANSWER_MS})), count(*) FROM (SELECT duration_ms"
        f" FROM reviews WHERE {condition} AND {NOT_UNDONE} AND duration_ms > 0"
        f" ORDER BY id DESC LIMIT {RECENT_ANSWERS})",
        params,
    ).fetchone()
    return None if not row[1] else float(row[0]) / 1000


# The student's Again rate at steps is read over this many recent answers at most, and
# counted from a prior worth PRIOR_WEIGHT answers, so that a few answers do not swing it.
STEP_WINDOW = 5_000
PRIOR_WEIGHT = 20.0


@dataclass(frozen=True)
class StepAnswers:
    """Answers given to cards at a learning or relearning step (new cards' first answers
    too), and how many of them were Again."""

    answers: int
    again: int

    def again_rate(self, prior: float, weight: float = PRIOR_WEIGHT) -> float:
        """The Again rate at a step, the prior counted as `weight` answers at its rate."""
        return (self.again + prior * weight) / (self.answers + weight)


def step_answers(store: Store, ids: Sequence[str], since: datetime) -> StepAnswers:
    """The answers in these decks since a moment (the start of the study day a week ago) to
    cards at a step, by the phase the log keeps for each answer (`review_facts`): new,
    learning and relearning. Only the log's last STEP_WINDOW answers are read (its newest
    rows: the log only grows at its end), so a long log costs no more."""
    if not ids:
        return StepAnswers(0, 0)
    condition, params = in_decks(store, ids)
    row = store.conn.execute(
        "SELECT count(*), ifnull(sum(rating = 1), 0) FROM (SELECT id, rating, reviewed_at,"
        f" phase_before FROM reviews WHERE {condition} ORDER BY id DESC LIMIT {STEP_WINDOW})"
        f" WHERE reviewed_at >= ? AND phase_before IN (0, 1, 3) AND {NOT_UNDONE}",
        [*params, to_ms(since)],
    ).fetchone()
    return StepAnswers(int(row[0]), int(row[1]))
