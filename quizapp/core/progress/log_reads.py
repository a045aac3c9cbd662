"""Reading the review log: a card's or deck's reviews, the whole log streamed, counts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from quizapp.core.progress.rows import Review, from_ms, to_ms
from quizapp.core.progress.store_base import StoreBase


class LogReads(StoreBase):
    """The store's reads of the review log."""

    def reviews(
        self, deck_id: str | None = None, card_id: str | None = None, *, undone: bool = False
    ) -> list[Review]:
        """The log in time order, without undone reviews unless asked."""
        where, args = ["1 = 1"], []
        if deck_id is not None:
            where.append("d.deck_id = ?")
            args.append(deck_id)
        if card_id is not None:
            where.append("c.card_id = ?")
            args.append(card_id)
        if not undone:
            where.append("r.id NOT IN (SELECT review_id FROM undos)")
        rows = self.conn.execute(
            "SELECT r.id, d.deck_id, c.card_id, r.reviewed_at, r.rating, r.duration_ms, q.text,"
            " r.given_answer, m.text FROM reviews AS r"
            " JOIN cards AS c ON c.key = r.card_key JOIN decks AS d ON d.key = c.deck_key"
            " JOIN labels AS q ON q.key = r.question_type JOIN labels AS m ON m.key = r.mode"
            f" WHERE {' AND '.join(where)} ORDER BY r.reviewed_at, r.id",
            args,
        )
        return [
            Review(
                id=r[0],
                deck_id=r[1],
                card_id=r[2],
                reviewed_at=from_ms(r[3]) or datetime.now(UTC),
                rating=r[4],
                duration_ms=r[5],
                question_type=r[6],
                given_answer=r[7],
                mode=r[8],
            )
            for r in rows
        ]

    def log(self) -> Iterator[tuple[Review, datetime | None]]:
        """Every review with the time it was undone (None if it stands), in time order.

        Streams the rows, for logs too large to hold as a list.
        """
        rows = self.conn.execute(
            "SELECT r.id, d.deck_id, c.card_id, r.reviewed_at, r.rating, r.duration_ms, q.text,"
            " r.given_answer, m.text, u.undone_at FROM reviews AS r"
            " JOIN cards AS c ON c.key = r.card_key JOIN decks AS d ON d.key = c.deck_key"
            " JOIN labels AS q ON q.key = r.question_type JOIN labels AS m ON m.key = r.mode"
            " LEFT JOIN undos AS u ON u.review_id = r.id ORDER BY r.reviewed_at, r.id"
        )
        for r in rows:
            at = from_ms(r[3]) or datetime.now(UTC)
            yield Review(r[1], r[2], at, r[4], r[5], r[6], r[7], r[8], r[0]), from_ms(r[9])

    def review_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM reviews").fetchone()[0])

    def introduced_since(self, deck_id: str, since: datetime) -> set[str]:
        """Cards of a deck whose first (not undone) review is at or after `since`."""
        # Only a card last reviewed since then can qualify (its state is the replay of its log
        # without undone answers): the log is read for those few cards, not the whole deck's.
        rows = self.conn.execute(
            "SELECT c.card_id FROM decks AS d JOIN cards AS c ON c.deck_key = d.key"
            " JOIN reviews AS r ON r.card_key = c.key"
            " WHERE d.deck_id = ? AND c.last_review >= ?"
            " AND r.id NOT IN (SELECT review_id FROM undos)"
            " GROUP BY c.key HAVING min(r.reviewed_at) >= ?",
            (deck_id, to_ms(since), to_ms(since)),
        )
        return {row[0] for row in rows}
