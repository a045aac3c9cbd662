"""Deck text with Textual markup in it ("[b]", "[/]") is shown as written, never parsed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, SelectionList, Static
from tui_support import FLIP_DECK, drawn_lines, open_collection

from quizapp.tui.app import make_app
from quizapp.tui.launch import exam_screen, quiz_screen
from quizapp.tui.screens.plan import PlanScreen
from quizapp.tui.screens.start_options import StartOptionsScreen
from quizapp.tui.widgets.deck_list import DeckList

TITLE = "Closing [/] tag and [b]bold[/b]"
QUESTION = "What does [/] close in [b]markup[/b]?"
DECK = f"""\
format: 1
id: marked
title: "{TITLE}"
cards:
  - id: one
    kind: concept
    type: typed
    question: "{QUESTION}"
    answer: "a tag"
    source: "a tag"
"""
BROKEN = """\
format: 1
id: broken
title: Broken
cards:
  - id: one
    kind: concept
    type: typed
    question: A question?
    answer: An answer
    "[/]oops": 1
"""
SIZE = (80, 24)


async def test_home_and_plan_show_deck_titles_and_problems_literally(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("marked.yaml", DECK), ("broken.yaml", BROKEN))
    app = make_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#decks", DeckList)
        assert any(TITLE in line for line in drawn_lines(table))
        problems = str(app.screen.query_one("#deck-problems", Static).render())
        assert "unknown key '[/]oops'" in problems
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        decks = app.screen.query_one("#exam-decks", SelectionList)
        assert str(decks.get_option_at_index(0).prompt) == TITLE
        field = app.screen.query_one("#exam-date", Input)
        field.focus()
        await pilot.press(*"[/]", "enter")
        await pilot.pause()
        status = str(app.screen.query_one("#plan-status", Static).render())
        assert "not '[/]'" in status


async def test_quiz_and_exam_show_the_question_literally(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("marked.yaml", DECK))
    app = make_app(
        collection,
        start=lambda _app: quiz_screen(collection, collection.decks, count=1, seed=1),
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert str(app.screen.query_one("#quiz-question", Static).render()) == QUESTION
    app = make_app(
        collection,
        start=lambda _app: exam_screen(collection, collection.decks, count=1, minutes=5, seed=1),
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert str(app.screen.query_one("#exam-question", Static).render()) == QUESTION


async def test_the_start_box_shows_the_deck_title_literally(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("marked.yaml", DECK), ("flip.yaml", FLIP_DECK))
    app = make_app(collection)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#decks", DeckList).highlight_key("marked")
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, StartOptionsScreen)
        title = str(app.screen.query_one("#start-title", Static).render())
        assert title.endswith(f"On: {TITLE}")
