"""A card failed again and again: counted as lapses, and set aside for the day after a few
failures instead of looping (issue "What a month of study broke", bug 4)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from conftest import flip_card
from progress_support import progress_file_at
from textual.widgets import Static
from tui_support import FLIP_DECK, notices
from tui_support import open_collection as open_app_collection

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.insight.card_history import card_history, history_lines
from quizapp.core.insight.mastery import hardest
from quizapp.core.progress.replay import fuzz_seed
from quizapp.core.progress.store import Review, Store, to_ms
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Phase, Scheduler
from quizapp.core.scheduling.study_day import SET_ASIDE_AFTER
from quizapp.core.sessions.study import StudySession
from quizapp.tui.app import make_app
from quizapp.tui.screens.study import StudyScreen


def shown(study: StudySession) -> str | None:
    return None if study.current is None else study.current.card.id


def test_a_card_failed_again_and_again_is_set_aside_for_the_day(
    open_collection: Callable[..., Collection],
    write_deck: Callable[..., Path],
    deck_dir: Path,
    clock: FakeClock,
) -> None:
    write_deck("x", [flip_card("hard"), flip_card("easy")])
    collection = open_collection(deck_dir)
    (deck,) = collection.decks
    store, scheduler = collection.store, collection.scheduler
    study = StudySession([deck], store, scheduler, clock)
    answers = 0
    # The student fails "hard" every time and knows "easy"; each answer takes a minute.
    while study.current is not None and answers < 60:
        study.answer(Rating.AGAIN if shown(study) == "hard" else Rating.GOOD)
        clock.advance(minutes=1)
        answers += 1
    assert study.current is None, "the failed card kept coming back"
    failed = [r for r in store.reviews(deck.id, "hard") if r.rating == Rating.AGAIN]
    assert len(failed) == SET_ASIDE_AFTER
    assert [i.card.id for i in study.set_aside] == ["hard"]
    # Not due today on home, not in a new session, and not "due now" at the session's end.
    assert collection.counts(deck, clock()).due == 0
    assert StudySession([deck], store, scheduler, clock).queue == []
    tomorrow = study.next_due()
    assert tomorrow is not None and tomorrow > clock() + timedelta(hours=6)
    lines = history_lines(card_history(store, scheduler, deck.id, "hard", clock()), clock())
    assert f"Set aside until tomorrow: missed {SET_ASIDE_AFTER} times today" in lines
    # Back on the next study day.
    clock.advance(days=1)
    assert shown(StudySession([deck], store, scheduler, clock)) == "hard"
    assert collection.counts(deck, clock()).due >= 1


def test_undoing_the_failure_that_set_a_card_aside_brings_it_back(
    store: Store, scheduler: Scheduler, clock: FakeClock, write_deck: Callable[..., Path]
) -> None:
    from quizapp.core.decks.loader import load_deck

    deck = load_deck(write_deck("x", [flip_card("hard")])).deck
    assert deck is not None
    study = StudySession([deck], store, scheduler, clock)
    for _ in range(SET_ASIDE_AFTER):
        study.answer(Rating.AGAIN)
        clock.advance(minutes=1)
    assert study.current is None and len(study.set_aside) == 1
    study.undo()
    assert shown(study) == "hard" and study.set_aside == []


def test_failures_while_learning_count_as_lapses_in_hardest_cards(
    store: Store, scheduler: Scheduler, clock: FakeClock, write_deck: Callable[..., Path]
) -> None:
    from quizapp.core.decks.loader import load_deck

    deck = load_deck(write_deck("x", [flip_card("a"), flip_card("b")])).deck
    assert deck is not None
    state, at = CardState(), clock()
    # A new card failed at first sight, then five times more in its learning steps.
    for _ in range(6):
        state = scheduler.review(state, Rating.AGAIN, at, fuzz_seed("x", "a"))
        store.record(Review("x", "a", at, int(Rating.AGAIN)), state)
        at += timedelta(minutes=1)
    assert state.phase is Phase.LEARNING and state.lapses == 5  # the first sight is no lapse
    (card,) = hardest([deck], store)
    assert (card.card_id, card.lapses) == ("a", 5)


def test_an_older_progress_file_has_its_lapses_recounted(data_dir: Path, clock: FakeClock) -> None:
    path = data_dir / "progress.sqlite3"
    conn = progress_file_at(path, 3)
    at = to_ms(clock())
    minute = 60_000
    # Written as the scheduler used to: Again while learning left lapses at 0.
    conn.execute("INSERT INTO decks (key, deck_id, studied) VALUES (1, 'x', 1)")
    conn.execute(
        "INSERT INTO cards (key, deck_key, card_id, phase, step, stability, difficulty, due,"
        " last_review, reps, lapses) VALUES (1, 1, 'a', 'learning', 0, 0.5, 8.0, ?, ?, 5, 0)",
        (at + 5 * minute, at + 4 * minute),
    )
    conn.execute("INSERT INTO labels (key, text) VALUES (1, 'flip'), (2, 'study')")
    ratings = (Rating.AGAIN, Rating.AGAIN, Rating.AGAIN, Rating.GOOD, Rating.AGAIN)
    for n, rating in enumerate(ratings):
        conn.execute(
            "INSERT INTO reviews (id, card_key, reviewed_at, rating, question_type, mode)"
            " VALUES (?, 1, ?, ?, 1, 2)",
            (n + 1, at + n * minute, int(rating)),
        )
    conn.execute("INSERT INTO undos (review_id, undone_at) VALUES (5, ?)", (at + 5 * minute,))
    conn.close()
    store = Store.open(path)
    try:
        assert store.state("x", "a").lapses == 2  # three Agains, the first sight apart; one undone
    finally:
        store.close()


async def test_the_study_screen_says_why_a_card_leaves(tmp_path: Path) -> None:
    collection, clock = open_app_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection, study=collection.decks[:1])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        first = screen.session.current
        assert first is not None
        fails = 0
        while fails < SET_ASIDE_AFTER:
            current = screen.session.current
            await pilot.press("space")
            clock.advance(minutes=1)
            if current is not None and current.card.id == first.card.id:
                await pilot.press("1")
                fails += 1
            else:
                await pilot.press("3")
        await pilot.pause()
        toasts = [n for n in notices(app) if n.startswith("Set aside for today")]
        assert len(toasts) == 1
        assert "set aside until tomorrow" in toasts[0]
        assert first.card.id not in {i.card.id for i in screen.session.queue}
        status = str(screen.query_one("#study-status", Static).render())
        assert "Three flip cards" in status
