"""Filtered study: only the cards of a tag, kind or flag, or due within days; scheduled as in
any study session (answers are study reviews), unlike cram."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import flip_card
from textual.widgets import Input, Select
from tui_support import FLIP_DECK, open_collection

from quizapp.cli.common import UsageError
from quizapp.cli.study_cmd import study_filter
from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.progress.marks import MarkKind
from quizapp.core.scheduling.rating import Rating
from quizapp.core.sessions.queue import StudyFilter
from quizapp.core.sessions.study import StudySession
from quizapp.tui.app import make_app
from quizapp.tui.screens.start_options import StartOptionsScreen
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.screens.summary import SummaryScreen

CARDS = [
    flip_card("a", tags=["1990s"]),
    flip_card("b", tags=["1990s"], kind="date", date="1990"),
    flip_card("c", kind="date", date="1955"),
    flip_card("d"),
]


@pytest.fixture
def four(
    write_deck: Callable[..., Path], open_collection: Callable[..., Collection], deck_dir: Path
) -> Collection:
    write_deck("x", CARDS)
    return open_collection(deck_dir)


def served(collection: Collection, clock: FakeClock, only: StudyFilter) -> list[str]:
    c = collection
    study = StudySession(c.decks, c.store, c.scheduler, clock, only=only)
    return [item.card.id for item in study.queue]


def test_only_the_chosen_cards_are_served(four: Collection, clock: FakeClock) -> None:
    assert served(four, clock, StudyFilter(tags=("1990S",))) == ["a", "b"]
    assert served(four, clock, StudyFilter(kinds=("date",))) == ["b", "c"]
    assert served(four, clock, StudyFilter(tags=("1990s",), kinds=("date",))) == ["b"]
    four.store.mark([("x", "c")], MarkKind.FLAG, clock(), 2)
    four.store.mark([("x", "d")], MarkKind.FLAG, clock(), 4)
    assert served(four, clock, StudyFilter(flag=0)) == ["c", "d"]
    assert served(four, clock, StudyFilter(flag=4)) == ["d"]
    four.store.mark([("x", "d")], MarkKind.SUSPEND, clock())  # set aside: never served
    assert served(four, clock, StudyFilter(flag=0)) == ["c"]
    words = StudyFilter(tags=("1990s",), flag=1, due_within=3).words()
    assert words == "tag 1990s, flagged red, due within 3 days"


def test_answers_are_scheduled_as_usual_and_days_ahead_bring_cards_forward(
    four: Collection, clock: FakeClock
) -> None:
    c = four
    study = StudySession(c.decks, c.store, c.scheduler, clock, only=StudyFilter(kinds=("date",)))
    while study.current is not None:
        study.answer(Rating.EASY)  # new cards graduate at once, due in days
    assert {r.mode for r in c.store.reviews("x")} == {"study"}
    due = {card: c.store.state("x", card).due for card in ("b", "c")}
    assert all(d is not None and d > clock() for d in due.values())
    # Not due yet: a plain filter serves nothing of them, nor new cards once asked for days.
    assert served(c, clock, StudyFilter(kinds=("date",))) == []
    assert served(c, clock, StudyFilter(due_within=0)) == []
    days = max((d - clock()).days for d in due.values() if d is not None) + 1
    assert sorted(served(c, clock, StudyFilter(due_within=days))) == ["b", "c"]
    before = c.store.state("x", "b")
    ahead = StudySession(c.decks, c.store, c.scheduler, clock, only=StudyFilter(due_within=days))
    assert ahead.current is not None
    ahead.answer(Rating.GOOD)
    after = c.store.state("x", ahead.answered[0].item.card.id)
    assert after.reps == before.reps + 1 and after.due is not None and after.due > clock()


def options(**given: object) -> argparse.Namespace:
    base: dict[str, object] = {"tag": [], "kind": [], "flagged": None, "due_within": None}
    return argparse.Namespace(**{**base, **given})


def test_the_command_line_choices() -> None:
    assert study_filter(options()) is None
    assert study_filter(options(tag=["1990s"], flagged="any")) == StudyFilter(
        tags=("1990s",), flag=0
    )
    assert study_filter(options(flagged="Orange", due_within=2)) == StudyFilter(
        flag=2, due_within=2
    )
    assert study_filter(options(flagged="3")) == StudyFilter(flag=3)
    with pytest.raises(UsageError, match="--flagged takes 1-4 or red"):
        study_filter(options(flagged="purple"))
    with pytest.raises(UsageError, match="--due-within takes a number of days from 0"):
        study_filter(options(due_within=-1))


async def test_the_box_from_home_opens_a_filtered_session(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("f")
        box = app.screen
        assert isinstance(box, StartOptionsScreen)
        box.query_one("#start-kind", Select).value = "actor"
        assert box.query_one("#start-tag", Input).has_focus
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        assert screen.session.only == StudyFilter(kinds=("actor",))
        assert [item.card.id for item in screen.session.queue] == ["three"]
        assert "filtered: kind actor" in str(screen.query_one("#study-status").render())


async def test_a_bad_number_of_days_is_said_in_words(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("f")
        app.screen.query_one("#start-ahead", Input).value = "-2"
        await pilot.press("enter")
        assert isinstance(app.screen, StartOptionsScreen)
        problem = str(app.screen.query_one("#start-problem").render())
        assert "Due within: give a whole number of days" in problem


async def test_nothing_in_the_selection_says_so(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection, study=collection.decks, only=StudyFilter(flag=0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        text = str(app.screen.query_one("#summary-text").render())
        assert "Nothing to study in this selection" in text and "Filtered: flagged" in text


def test_the_next_card_due_is_the_selections(four: Collection, clock: FakeClock) -> None:
    c = four
    plain = StudySession(c.decks, c.store, c.scheduler, clock)
    while plain.current is not None and plain.current.card.id != "c":
        plain.answer(Rating.EASY)  # a and b: due in days
    plain.answer(Rating.AGAIN)  # c: due in a minute
    only = StudyFilter(tags=("1990s",))
    study = StudySession(c.decks, c.store, c.scheduler, clock, only=only)
    due_c = c.store.state("x", "c").due
    due_a = c.store.state("x", "a").due
    assert study.next_due() == min(d for d in (due_a, c.store.state("x", "b").due) if d)
    assert plain.next_due() == due_c and due_c is not None and due_a is not None
