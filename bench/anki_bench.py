"""Anki's figures for the same work, when the `anki` package is installed (optional).

A collection of 100 decks of 1,000 Basic notes, a tenth of the cards due for review and the
rest scheduled ahead, with 1,000,000 review-log rows, like quizapp's benchmark collection.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fsrs_rs_python import DEFAULT_PARAMETERS


def available() -> bool:
    try:
        import anki.collection  # noqa: F401
    except ImportError:
        return False
    return True


def build(path: Path, decks: int = 100, notes: int = 1000, reviews: int = 1_000_000) -> None:
    from anki.collection import AddNoteRequest, Collection

    col = Collection(str(path))
    basic = col.models.by_name("Basic")
    assert basic is not None
    requests = []
    for deck in range(decks):
        deck_id = col.decks.id(f"bench::deck {deck:03d}")
        assert deck_id is not None
        for index in range(notes):
            note = col.new_note(basic)
            note["Front"] = (
                f"In which year was the treaty {deck}-{index} signed, as the source says?"
            )
            note["Back"] = f"{1900 + index % 120}"
            requests.append(AddNoteRequest(note, deck_id))
    col.add_notes(requests)
    today, card_ids = col.sched.today, list(col.find_cards(""))
    col.close()
    # The scheduling and the log are written with sqlite3 straight into the file: through
    # Anki's own calls a million log rows take minutes.
    rng = random.Random(1)
    conn = sqlite3.connect(path)
    rows = []
    for card_id in card_ids:  # a tenth due today or earlier, the rest up to 60 days ahead
        due = today - rng.randint(0, 5) if rng.random() < 0.1 else today + rng.randint(1, 60)
        rows.append((due, rng.randint(1, 200), card_id))
    conn.executemany(
        "update cards set type = 2, queue = 2, due = ?, ivl = ?, reps = 10 where id = ?", rows
    )
    start = int(time.time() * 1000) - 400 * 86_400_000
    log = (
        (start + n * 30_000, card_ids[n % len(card_ids)], -1, rng.choice((1, 3, 3, 3, 4)),
         rng.randint(1, 200), rng.randint(1, 100), 2500, rng.randint(2000, 20000), 1)
        for n in range(reviews)
    )  # fmt: skip
    conn.executemany("insert into revlog values (?, ?, ?, ?, ?, ?, ?, ?, ?)", log)
    conn.commit()
    conn.close()


def measure(built: Path, repeats: int = 5) -> dict[str, Any]:
    """Anki's figures: open, first card, deck tree and close; next card plus answer; due tree.

    Measured on a copy: answering uses up the day's review limit of the collection it changes.
    """
    from anki.collection import Collection
    from anki.scheduler.v3 import CardAnswer

    path = built.with_name("measured.anki2")
    shutil.copy(built, path)

    opening = []
    for _ in range(repeats):
        started = time.perf_counter()
        col = Collection(str(path))
        col.sched.get_queued_cards()
        col.sched.deck_due_tree()
        col.close()
        opening.append((time.perf_counter() - started) * 1000)
    col = Collection(str(path))
    bench = col.decks.id_for_name("bench")
    assert bench is not None
    col.decks.select(bench)  # study the whole tree, as with quizapp's "all decks"
    try:
        trees = []
        for _ in range(repeats * 4):
            started = time.perf_counter()
            col.sched.deck_due_tree()
            trees.append((time.perf_counter() - started) * 1000)
        answers = []
        for _ in range(200):
            started = time.perf_counter()
            queued = col.sched.get_queued_cards().cards[0]
            card = col.get_card(queued.card.id)
            card.start_timer()
            answer = col.sched.build_answer(card=card, states=queued.states, rating=CardAnswer.GOOD)
            col.sched.answer_card(answer)
            answers.append((time.perf_counter() - started) * 1000)
        heavy = heavy_work(col, repeats)
    finally:
        col.close()
    return {
        "anki_open_first_card_tree_close_ms": round(statistics.median(opening), 1),
        "anki_next_card_and_answer_ms": round(statistics.median(answers), 2),
        "anki_due_tree_ms": round(statistics.median(trees), 1),
        **heavy,
    }


def heavy_work(col: Any, repeats: int) -> dict[str, Any]:
    """What quizapp's screens at 100,000 cards do, in Anki's own backend (no interface drawn):
    the statistics screen's graphs over the whole collection and a year, the browser's search
    of every card with its first 60 rows, and the FSRS simulator's 30 days of the collection
    (its review workload at a retention; quizapp's plan runs its own simulation about eight
    times over, searching for the answers a day)."""
    from anki import scheduler_pb2

    def timed(work: Callable[[], object]) -> float:
        runs = []
        for _ in range(repeats):
            started = time.perf_counter()
            work()
            runs.append((time.perf_counter() - started) * 1000)
        return round(statistics.median(runs), 1)

    # The browser's own columns (sort field, question, due, deck), as its window sets them.
    col._backend.set_active_browser_columns(["sortField", "question", "cardDue", "deck"])

    def browse() -> None:
        ids = col.find_cards("")
        for card_id in ids[:60]:
            col._backend.browser_row_for_id(card_id)

    request = scheduler_pb2.SimulateFsrsReviewRequest(
        params=list(DEFAULT_PARAMETERS),
        desired_retention=0.9,
        deck_size=len(col.find_cards("")),
        days_to_simulate=30,
        new_limit=20,
        review_limit=9999,
        max_interval=36500,
        search="",
    )
    return {
        "anki_stats_ms": timed(lambda: col._backend.graphs(search="", days=365)),
        "anki_browse_first_page_ms": timed(browse),
        "anki_simulate_30_days_ms": timed(lambda: col._backend.simulate_fsrs_review(request)),
    }
