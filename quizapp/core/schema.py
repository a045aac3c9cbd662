"""The progress database's schema, as a list of migrations.

Migration N takes the database from version N-1 to N; the version lives in
`PRAGMA user_version`. Add a migration to change the schema; never edit a released one.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the append-only review log, undo records and the current card states.
    """
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        deck_id TEXT NOT NULL,
        card_id TEXT NOT NULL,
        reviewed_at INTEGER NOT NULL,      -- milliseconds since the epoch, UTC
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        duration_ms INTEGER NOT NULL DEFAULT 0,
        question_type TEXT NOT NULL,
        given_answer TEXT,
        mode TEXT NOT NULL DEFAULT 'study'  -- study, quiz, exam or cram
    );
    CREATE INDEX reviews_by_card ON reviews (deck_id, card_id, reviewed_at);
    CREATE TABLE undos (
        review_id INTEGER PRIMARY KEY REFERENCES reviews (id),
        undone_at INTEGER NOT NULL
    );
    CREATE TABLE card_states (
        deck_id TEXT NOT NULL,
        card_id TEXT NOT NULL,
        phase TEXT NOT NULL,
        step INTEGER NOT NULL,
        stability REAL,
        difficulty REAL,
        due INTEGER,
        last_review INTEGER,
        reps INTEGER NOT NULL,
        lapses INTEGER NOT NULL,
        PRIMARY KEY (deck_id, card_id)
    ) WITHOUT ROWID;
    CREATE INDEX card_states_by_due ON card_states (deck_id, due);
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
APPLICATION_ID = 0x51554941  # "QUIA": marks the file as quizapp's
