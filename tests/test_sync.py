"""`quizapp sync FOLDER`: each machine writes its events to a file of its own in a shared
folder and reads the others'; every event is merged once, whatever the order."""

from __future__ import annotations

from pathlib import Path

from progress_support import progress_file_at

from quizapp.core.progress.store import Store


def test_undos_get_the_order_they_were_made_in(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    conn = progress_file_at(path, 5)
    conn.execute("INSERT INTO decks (deck_id) VALUES ('d')")
    conn.execute("INSERT INTO cards (deck_key, card_id) VALUES (1, 'c')")
    conn.execute("INSERT INTO labels (text) VALUES ('flip'), ('study')")
    for at in (1000, 2000, 3000):
        conn.execute(
            "INSERT INTO reviews (card_key, reviewed_at, rating, question_type, mode)"
            " VALUES (1, ?, 3, 1, 2)",
            (at,),
        )
    # The third review was undone first, the first one later.
    conn.execute("INSERT INTO undos (review_id, undone_at) VALUES (3, 3500), (1, 4000)")
    conn.close()
    store = Store.open(path)
    try:
        rows = store.conn.execute("SELECT id, review_id, undone_at FROM undos ORDER BY id")
        assert rows.fetchall() == [(1, 3, 3500), (2, 1, 4000)]
        assert [r.reviewed_at.timestamp() for r in store.reviews()] == [2.0]
    finally:
        store.close()
