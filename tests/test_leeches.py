"""Leeches: a card forgotten again and again is marked, flagged or suspended, and the student
told; recent lapses count, and a card whose memory grows is spared (sessions.leeches)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import flip_card
from tui_support import FLIP_DECK, notices
from tui_support import open_collection as open_app_collection

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.progress.marks import MarkKind, Marks
from quizapp.core.progress.replay import fuzz_seed
from quizapp.core.progress.store import Review
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Scheduler
from quizapp.core.sessions.leeches import MATURE_DAYS, Lapse, is_leech, recent_lapses
from quizapp.core.sessions.study import StudySession
from quizapp.core.settings.study_settings import change_setting
from quizapp.tui.app import make_app
from quizapp.tui.screens.study import StudyScreen

T0 = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)


def lapse_daily(collection: Collection, clock: FakeClock, times: int) -> StudySession:
    """Fail the deck's only card `times` times after its first (Good) answer, one study day
    apart, each in a new study session. Returns the last session."""
    c = collection
    study = StudySession(c.decks, c.store, c.scheduler, clock)
    study.answer(Rating.GOOD)
    for _ in range(times):
        clock.advance(days=1)
        study = StudySession(c.decks, c.store, c.scheduler, clock)
        assert study.current is not None, "the card should be due"
        study.answer(Rating.AGAIN)
    return study


def test_a_card_that_lapses_eight_times_becomes_a_leech_tagged_and_flagged(
    write_deck: Callable[..., Path],
    open_collection: Callable[..., Collection],
    deck_dir: Path,
    clock: FakeClock,
) -> None:
    write_deck("x", [flip_card("hard")])
    collection = open_collection(deck_dir)
    study = lapse_daily(collection, clock, 7)
    assert study.leech is None and collection.store.card_marks("x", "hard") == Marks()
    clock.advance(days=1)
    study = StudySession(collection.decks, collection.store, collection.scheduler, clock)
    study.answer(Rating.AGAIN)
    assert collection.store.state("x", "hard").lapses == 8
    assert study.leech is not None and study.leech.lapses == 8
    assert "forgotten this card 8 times" in study.leech.words()
    assert "flagged red" in study.leech.words() and "mnemonic" in study.leech.words()
    marks = collection.store.card_marks("x", "hard")
    assert marks.leech and marks.flag == 1 and not marks.suspended
    assert collection.store.mark_counts("x", clock()).leeches == 1
    # Tagged, the card stays in the session; undoing the answer takes the marks back.
    assert study.current is not None
    study.undo()
    assert collection.store.card_marks("x", "hard") == Marks()


def test_with_leech_action_suspend_the_leech_is_suspended(
    write_deck: Callable[..., Path],
    open_collection: Callable[..., Collection],
    deck_dir: Path,
    clock: FakeClock,
) -> None:
    write_deck("x", [flip_card("hard"), flip_card("easy")])
    collection = open_collection(deck_dir)
    change_setting(collection.store, "leech-action", "suspend", clock())
    change_setting(collection.store, "new-per-day", "1", clock())
    c = collection
    study = lapse_daily(collection, clock, 8)
    assert study.leech is not None and "suspended" in study.leech.words()
    marks = c.store.card_marks("x", "hard")
    assert marks.leech and marks.suspended and marks.flag == 0
    assert all(item.card.id != "hard" for item in (*study.queue, *study.learning))
    clock.advance(days=5)
    fresh = StudySession(c.decks, c.store, c.scheduler, clock, new_per_day=5)
    assert [item.card.id for item in fresh.queue] == ["easy"]


def test_the_threshold_is_a_setting_per_deck(
    write_deck: Callable[..., Path],
    open_collection: Callable[..., Collection],
    deck_dir: Path,
    clock: FakeClock,
) -> None:
    write_deck("x", [flip_card("hard")])
    collection = open_collection(deck_dir)
    change_setting(collection.store, "leech-lapses", "3", clock(), deck_id="x")
    study = lapse_daily(collection, clock, 3)
    assert study.leech is not None and collection.store.card_marks("x", "hard").leech


def reviews_of(scheduler: Scheduler, ratings: list[tuple[Rating, float]]) -> list[Review]:
    """Reviews of one card with these grades, each `days` after the one before."""
    at, out = T0, []
    for rating, days in ratings:
        at += timedelta(days=days)
        out.append(Review("x", "card", at, int(rating)))
    return out


def stability_after(scheduler: Scheduler, reviews: list[Review]) -> float:
    state = CardState()
    for review in reviews:
        rating = Rating(review.rating)
        state = scheduler.review(state, rating, review.reviewed_at, fuzz_seed("x", "card"))
    return state.stability or 0.0


def test_only_lapses_since_the_card_last_held_a_mature_memory_count(scheduler: Scheduler) -> None:
    # Seven early lapses, then the card is learnt well: months of Good answers.
    early = [(Rating.GOOD, 0.0)] + [(Rating.AGAIN, 1.0)] * 7
    learnt = [(Rating.GOOD, 1.0)] + [(Rating.GOOD, days) for days in (3, 8, 20, 45, 100)]
    history = reviews_of(scheduler, early + learnt)
    assert stability_after(scheduler, history) >= MATURE_DAYS
    # The slip of the mature card does not count; the one after does, alone.
    slips = reviews_of(scheduler, early + learnt + [(Rating.AGAIN, 200), (Rating.AGAIN, 1)])
    lapses = recent_lapses(scheduler, slips)
    assert len(lapses) == 1 and lapses[0].at == slips[-1].reviewed_at
    assert len(recent_lapses(scheduler, reviews_of(scheduler, early))) == 7


def test_a_card_whose_memory_grew_since_its_earlier_lapses_is_spared() -> None:
    growing = [Lapse(T0 + timedelta(days=n), held=0.5 + n) for n in range(8)]
    assert not is_leech(growing, 8)
    stalled = [*growing[:7], Lapse(T0 + timedelta(days=9), held=3.0)]
    assert is_leech(stalled, 8)
    assert not is_leech(stalled[:7], 8)  # too few


async def test_the_student_is_told_at_the_eighth_lapse(tmp_path: Path) -> None:
    collection, clock = open_app_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    c = collection
    state, at = CardState(), clock()
    # "one" learnt, then forgotten seven times on seven days.
    for rating in [Rating.GOOD] + [Rating.AGAIN] * 7:
        state = c.scheduler.review(state, rating, at, fuzz_seed("flip3", "one"))
        c.store.record(Review("flip3", "one", at, int(rating)), state)
        at += timedelta(days=1)
    assert state.lapses == 7
    clock.now = max(at, state.due or at)
    for card in ("two", "three"):  # out of the way
        c.store.mark([("flip3", card)], MarkKind.SUSPEND, clock())
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("space", "1")
        await pilot.pause()
        told = [n for n in notices(app) if n.startswith("A leech")]
        assert len(told) == 1
        assert "forgotten this card 8 times" in told[0] and "flagged red" in told[0]
        assert "Edit it" in told[0] and "split it" in told[0] and "mnemonic" in told[0]
    marks = c.store.card_marks("flip3", "one")
    assert marks.leech and marks.flag == 1


async def test_statistics_list_the_leeches(
    write_deck: Callable[..., Path], deck_dir: Path, data_dir: Path, capsys
) -> None:
    import json

    from textual.widgets import DataTable
    from tui_support import until

    from quizapp.cli import main
    from quizapp.tui.screens.stats import StatsScreen

    write_deck("x", [flip_card("hard"), flip_card("easy")])
    collection = Collection.open([deck_dir], data_dir)
    collection.store.mark([("x", "hard")], MarkKind.LEECH, T0)
    collection.store.mark([("x", "hard")], MarkKind.SUSPEND, T0)
    collection.close()
    options = ["--decks", str(deck_dir), "--data-dir", str(data_dir)]
    assert main(["stats", "--json", *options]) == 0
    (leech,) = json.loads(capsys.readouterr().out)["leeches"]
    assert (leech["deck_id"], leech["card_id"], leech["suspended"]) == ("x", "hard", True)
    assert leech["prompt"] == "What is hard?"
    assert main(["stats", *options]) == 0
    text = capsys.readouterr().out
    assert "x/hard  What is hard?" in text and "0 lapses, suspended" in text
    collection = Collection.open([deck_dir], data_dir)
    try:
        app = make_app(collection)
        async with app.run_test(size=(100, 40)) as pilot:
            app.action_stats()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, StatsScreen)
            await until(lambda: screen.stats is not None, "the statistics")
            table = screen.query_one("#leech-table", DataTable)
            row = [str(cell) for cell in table.get_row_at(0)]
            assert row == ["0", "x/hard", "What is hard?", "suspended"]
    finally:
        collection.close()


def test_a_leech_the_student_had_flagged_keeps_its_flag_and_says_so(
    write_deck: Callable[..., Path],
    open_collection: Callable[..., Collection],
    deck_dir: Path,
    clock: FakeClock,
) -> None:
    write_deck("x", [flip_card("hard")])
    collection = open_collection(deck_dir)
    collection.store.mark([("x", "hard")], MarkKind.FLAG, clock(), 4)
    study = lapse_daily(collection, clock, 8)
    assert study.leech is not None and "its flag kept" in study.leech.words()
    assert "flagged red" not in study.leech.words()
    marks = collection.store.card_marks("x", "hard")
    assert marks.leech and marks.flag == 4
