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
    # 2: exam results, one row per exam and one per question of its paper.
    """
    CREATE TABLE exams (
        id INTEGER PRIMARY KEY,
        started_at INTEGER NOT NULL,       -- milliseconds since the epoch, UTC
        ended_at INTEGER NOT NULL,
        minutes REAL NOT NULL,
        questions INTEGER NOT NULL,
        answered INTEGER NOT NULL,
        correct INTEGER NOT NULL,
        score REAL NOT NULL,               -- credit earned, from 0 to questions
        timed_out INTEGER NOT NULL,
        rescheduled INTEGER NOT NULL,
        decks TEXT NOT NULL,               -- deck ids, space separated
        selection TEXT NOT NULL,           -- e.g. kind=date tag=1990s
        seed INTEGER
    );
    CREATE TABLE exam_answers (
        exam_id INTEGER NOT NULL REFERENCES exams (id),
        number INTEGER NOT NULL,           -- the question's place in the paper, from 1
        format TEXT NOT NULL,
        prompt TEXT NOT NULL,
        options TEXT NOT NULL,             -- one option a line
        expected TEXT NOT NULL,
        given TEXT,                        -- NULL when unanswered
        outcome TEXT NOT NULL,
        score REAL NOT NULL,
        reason TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        cards TEXT NOT NULL,               -- deck_id/card_id, space separated
        kinds TEXT NOT NULL,
        tags TEXT NOT NULL,
        sources TEXT NOT NULL,             -- one passage a line
        PRIMARY KEY (exam_id, number)
    ) WITHOUT ROWID;
    """,
    # 3: a compact log (at most 60 MB a million reviews). Decks, cards and the log's labels get
    # integer keys; a card's state lives on its row; `decks.studied` counts the cards past new
    # so the home screen's counts need no scan. `retired` marks cards the deck file no longer
    # holds, as of the card ids whose digest is `decks.fingerprint`. `card_states` stays, as
    # a view. Store keeps `studied`, `retired` and `fingerprint` up to date.
    """
    DROP INDEX reviews_by_card;
    DROP INDEX card_states_by_due;
    ALTER TABLE reviews RENAME TO old_reviews;
    ALTER TABLE card_states RENAME TO old_card_states;
    ALTER TABLE undos RENAME TO old_undos;
    CREATE TABLE decks (
        key INTEGER PRIMARY KEY,
        deck_id TEXT NOT NULL UNIQUE,
        studied INTEGER NOT NULL DEFAULT 0,
        fingerprint TEXT
    );
    CREATE TABLE cards (
        key INTEGER PRIMARY KEY,
        deck_key INTEGER NOT NULL REFERENCES decks (key),
        card_id TEXT NOT NULL,
        phase TEXT,                        -- NULL while no state is saved
        step INTEGER,
        stability REAL,
        difficulty REAL,
        due INTEGER,                       -- milliseconds since the epoch, UTC
        last_review INTEGER,
        reps INTEGER,
        lapses INTEGER,
        retired INTEGER NOT NULL DEFAULT 0,
        UNIQUE (deck_key, card_id)
    );
    CREATE INDEX cards_by_due ON cards (deck_key, retired, due);
    CREATE TABLE labels (key INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        card_key INTEGER NOT NULL REFERENCES cards (key),
        reviewed_at INTEGER NOT NULL,      -- milliseconds since the epoch, UTC
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        duration_ms INTEGER NOT NULL DEFAULT 0,
        question_type INTEGER NOT NULL REFERENCES labels (key),
        given_answer TEXT,
        mode INTEGER NOT NULL REFERENCES labels (key)
    );
    CREATE INDEX reviews_by_card ON reviews (card_key);
    CREATE TABLE undos (
        review_id INTEGER PRIMARY KEY REFERENCES reviews (id),
        undone_at INTEGER NOT NULL
    );
    INSERT INTO decks (deck_id)
        SELECT deck_id FROM old_reviews UNION SELECT deck_id FROM old_card_states;
    INSERT INTO cards (deck_key, card_id)
        SELECT d.key, x.card_id
        FROM (SELECT deck_id, card_id FROM old_reviews
              UNION SELECT deck_id, card_id FROM old_card_states) AS x
        JOIN decks AS d ON d.deck_id = x.deck_id;
    UPDATE cards SET (phase, step, stability, difficulty, due, last_review, reps, lapses) = (
        SELECT s.phase, s.step, s.stability, s.difficulty, s.due, s.last_review, s.reps, s.lapses
        FROM old_card_states AS s JOIN decks AS d ON d.deck_id = s.deck_id
        WHERE d.key = cards.deck_key AND s.card_id = cards.card_id
    );
    UPDATE decks SET studied = (
        SELECT count(*) FROM cards AS c
        WHERE c.deck_key = decks.key AND c.phase IS NOT NULL AND c.phase != 'new'
    );
    INSERT INTO labels (text)
        SELECT question_type FROM old_reviews UNION SELECT mode FROM old_reviews;
    INSERT INTO reviews
        (id, card_key, reviewed_at, rating, duration_ms, question_type, given_answer, mode)
        SELECT r.id, c.key, r.reviewed_at, r.rating, r.duration_ms, q.key, r.given_answer, m.key
        FROM old_reviews AS r
        JOIN decks AS d ON d.deck_id = r.deck_id
        JOIN cards AS c ON c.deck_key = d.key AND c.card_id = r.card_id
        JOIN labels AS q ON q.text = r.question_type
        JOIN labels AS m ON m.text = r.mode
        ORDER BY r.id;
    INSERT INTO undos (review_id, undone_at) SELECT review_id, undone_at FROM old_undos;
    DROP TABLE old_undos;
    DROP TABLE old_card_states;
    DROP TABLE old_reviews;
    CREATE VIEW card_states AS
        SELECT d.deck_id AS deck_id, c.card_id AS card_id, c.phase AS phase, c.step AS step,
            c.stability AS stability, c.difficulty AS difficulty, c.due AS due,
            c.last_review AS last_review, c.reps AS reps, c.lapses AS lapses
        FROM cards AS c JOIN decks AS d ON d.key = c.deck_key
        WHERE c.phase IS NOT NULL;
    """,
    # 4: lapses count every Again but a card's first answer (failures while learning too), as
    # the scheduler now counts them: recount them from the log.
    """
    UPDATE cards SET lapses = (
        SELECT count(*) FROM reviews AS r
        WHERE r.card_key = cards.key AND r.rating = 1
            AND r.id NOT IN (SELECT review_id FROM undos)
            AND r.id != (
                SELECT f.id FROM reviews AS f
                WHERE f.card_key = cards.key AND f.id NOT IN (SELECT review_id FROM undos)
                ORDER BY f.reviewed_at, f.id LIMIT 1
            )
    )
    WHERE phase IS NOT NULL;
    """,
    # 5: the student's own rules. Settings for every deck (deck_id '') or one, and cards set
    # aside (suspended, buried until a moment), flagged or marked as leeches. Each change is
    # an event in a log of its own; `preferences` and the cards' mark columns are what the
    # events come to, kept up to date by Store. The retention chosen before settings existed
    # becomes the retention setting.
    """
    CREATE TABLE setting_events (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,               -- milliseconds since the epoch, UTC
        deck_id TEXT NOT NULL,             -- '' for every deck
        key TEXT NOT NULL,
        value TEXT                         -- NULL: back to the default
    );
    CREATE TABLE preferences (
        deck_id TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (deck_id, key)
    ) WITHOUT ROWID;
    CREATE TABLE card_events (
        id INTEGER PRIMARY KEY,
        card_key INTEGER NOT NULL REFERENCES cards (key),
        at INTEGER NOT NULL,               -- milliseconds since the epoch, UTC
        kind INTEGER NOT NULL REFERENCES labels (key),  -- suspend, bury, flag, leech, ...
        value INTEGER                      -- bury: until (ms), flag: colour 0-4
    );
    CREATE INDEX card_events_by_card ON card_events (card_key);
    ALTER TABLE cards ADD COLUMN suspended INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE cards ADD COLUMN buried_until INTEGER;  -- milliseconds since the epoch, UTC
    ALTER TABLE cards ADD COLUMN flag INTEGER NOT NULL DEFAULT 0;  -- 0 none, 1-4 a colour
    ALTER TABLE cards ADD COLUMN leech INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX cards_marked ON cards (deck_key)
        WHERE suspended != 0 OR buried_until IS NOT NULL OR flag != 0 OR leech != 0;
    INSERT INTO setting_events (at, deck_id, key, value)
        SELECT CAST(strftime('%s', 'now') AS INTEGER) * 1000, '', 'retention', value
        FROM settings WHERE key = 'desired_retention';
    INSERT INTO preferences (deck_id, key, value)
        SELECT '', 'retention', value FROM settings WHERE key = 'desired_retention';
    DELETE FROM settings WHERE key = 'desired_retention';
    """,
    # 6: cards renamed: a card's row (its reviews, state and marks) moved to a new card id,
    # because the student asked when editing it, or the deck file says `was: OLD-ID`.
    """
    CREATE TABLE card_renames (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,               -- milliseconds since the epoch, UTC
        deck_id TEXT NOT NULL,
        old_id TEXT NOT NULL,
        new_id TEXT NOT NULL,
        reason TEXT NOT NULL               -- 'edit' or 'was'
    );
    """,
    # 7: today's counts for every deck at once, without a scan: the cards answered since a
    # moment (the day's start: new cards introduced, reviews done) and the cards in learning
    # (phase as a column too, so counting them reads the index alone).
    """
    CREATE INDEX cards_by_last_review ON cards (last_review);
    CREATE INDEX cards_learning ON cards (deck_key, retired, due, phase)
        WHERE phase IN ('learning', 'relearning');
    """,
    # 8: undos in the order they were made or received, as every other log is (by its id), so
    # a sync can find the undos made since it last wrote, whatever review they undo.
    """
    CREATE TABLE undos_in_order (
        id INTEGER PRIMARY KEY,
        review_id INTEGER NOT NULL UNIQUE REFERENCES reviews (id),
        undone_at INTEGER NOT NULL         -- milliseconds since the epoch, UTC
    );
    INSERT INTO undos_in_order (review_id, undone_at)
        SELECT review_id, undone_at FROM undos ORDER BY undone_at, review_id;
    DROP TABLE undos;
    ALTER TABLE undos_in_order RENAME TO undos;
    """,
    # 9: what later questions need, kept with each review as Anki's review log keeps it, so
    # retention and first answers are sums over the log, not a window over a million rows:
    # the study days since the card's previous answer (NULL for its first) and the phase the
    # card was in (PHASE_CODES); and the answers of each study day. Filled for the log so far
    # by replaying it (BACKFILLS).
    """
    ALTER TABLE reviews ADD COLUMN elapsed_days INTEGER;
    ALTER TABLE reviews ADD COLUMN phase_before INTEGER;  -- 0 new, 1 learning, 2 review, 3 re-
    CREATE TABLE review_days (             -- answers per study day (review_days.py)
        day INTEGER PRIMARY KEY,           -- days since 1970-01-01
        answers INTEGER NOT NULL,
        repeats INTEGER NOT NULL,          -- to a card last answered on an earlier study day
        passed INTEGER NOT NULL            -- repeats graded above Again
    ) WITHOUT ROWID;
    """,
)
# Migrations with work in Python after their SQL, in the same transaction: the module whose
# `backfill(conn, progress)` does it (imported only when the migration runs).
BACKFILLS: dict[int, str] = {9: "quizapp.core.progress.review_facts"}
SCHEMA_VERSION = len(MIGRATIONS)
APPLICATION_ID = 0x51554941  # "QUIA": marks the file as quizapp's
