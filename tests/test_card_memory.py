"""What the app says of memory: "Mastered" judged from memory, one rule said everywhere, and
card info's recall the model's value for the card (issue "What a month of study broke", bugs
9 and 10)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import flip_card
from progress_support import cli_collection, deck_args, learn, put_state
from textual.widgets import Static
from tui_support import FLIP_DECK
from tui_support import open_collection as open_app_collection

from quizapp.cli import main, stats_cmd
from quizapp.core.clock import FakeClock
from quizapp.core.decks.loader import load_deck
from quizapp.core.decks.model import Deck
from quizapp.core.insight.card_history import card_history, history_lines
from quizapp.core.insight.mastery import mastery
from quizapp.core.progress.replay import fuzz_seed
from quizapp.core.progress.store import Review, Store
from quizapp.core.scheduling.fsrs_memory import forgetting_curve
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState, Scheduler
from quizapp.tui.app import make_app
from quizapp.tui.screens.stats import StatsScreen

RULE = "recall now at least 90% and a memory stable for 21 days or more"


@pytest.fixture
def deck(write_deck: Callable[..., Path]) -> Deck:
    loaded = load_deck(write_deck("x", [flip_card(f"c{i}") for i in range(6)])).deck
    assert loaded is not None
    return loaded


def test_cards_crammed_today_are_not_mastered(
    store: Store, scheduler: Scheduler, clock: FakeClock, deck: Deck
) -> None:
    for card in deck.cards[:4]:
        learn(store, scheduler, deck.id, card.id, clock())  # all four learnt today
    # c4: a lasting memory, seen two days ago; c5: a lasting memory long overdue.
    put_state(store, deck.id, "c4", clock() - timedelta(days=2), stability=40)
    put_state(store, deck.id, "c5", clock() - timedelta(days=200), stability=40)
    later = clock() + timedelta(minutes=30)
    overall, _, _ = mastery([deck], store, scheduler, later)
    assert (overall.mastered, overall.cards) == (1, 6)


def test_the_mastery_rule_is_said_on_the_statistics_screen_and_by_the_command(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    deck: Deck,
    deck_dir: Path,
    data_dir: Path,
    clock: FakeClock,
    scheduler: Scheduler,
) -> None:
    cli_collection(monkeypatch, stats_cmd, clock, scheduler)
    assert main(["stats", *deck_args(deck_dir, data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Mastered: 0 of 6 cards" in out and f"(mastered: {RULE})" in out


async def test_the_statistics_screen_states_what_mastered_means(tmp_path: Path) -> None:
    collection, _ = open_app_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        rule = str(app.screen.query_one("#mastery-rule", Static).render())
        assert rule == f"Mastered: {RULE}."


def test_card_info_gives_the_models_recall_for_a_card_failed_again_and_again(
    store: Store, scheduler: Scheduler, clock: FakeClock, deck: Deck
) -> None:
    state, at = CardState(), clock()
    for _ in range(7):  # Again seven times in a row, a minute apart
        state = scheduler.review(state, Rating.AGAIN, at, fuzz_seed(deck.id, "c0"))
        store.record(Review(deck.id, "c0", at, int(Rating.AGAIN)), state)
        at += timedelta(minutes=1)
    now = at + timedelta(minutes=4)
    history = card_history(store, scheduler, deck.id, "c0", now)
    assert state.stability is not None and state.stability < 0.01
    elapsed = (now - at + timedelta(minutes=1)).total_seconds() / 86_400
    expected = forgetting_curve(scheduler.config.parameters, elapsed, state.stability)
    assert history.recall == pytest.approx(expected)
    assert history.recall is not None and history.recall < 0.9  # not "100%"
    lines = history_lines(history, now)
    assert lines[0] == "Reviews: 7 · lapses: 6 · learning (step 1 of 2)"
    assert lines[1].startswith("Memory (FSRS): stability ")
    assert lines[1].endswith(f"difficulty {state.difficulty:.1f} of 10")
    assert lines[2] == f"Recall probability now: {expected:.0%}"


def test_card_info_recall_falls_across_days_for_a_card_in_review(
    store: Store, scheduler: Scheduler, clock: FakeClock, deck: Deck
) -> None:
    put_state(store, deck.id, "c1", clock() - timedelta(days=10), stability=10)
    history = card_history(store, scheduler, deck.id, "c1", clock())
    assert history.recall == pytest.approx(0.9, abs=0.001)  # 10 days at a stability of 10
