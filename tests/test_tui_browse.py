"""The browse screen as an instructor drives it: search, preview, history and live reload."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Static
from tui_support import MIXED_DECK, open_collection, until

from quizapp.core.collection import Collection
from quizapp.core.progress.store import Review
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState
from quizapp.tui.app import QuizApp, make_app
from quizapp.tui.screens import browse
from quizapp.tui.screens.browse import BrowseScreen
from quizapp.tui.widgets.answer_panel import AnswerPanel

TAGGED_DECK = """\
format: 1
id: tagged
title: Tagged cards
cards:
  - id: cento-year
    kind: date
    type: typed
    question: In which year did Pakistan join CENTO?
    answer: "1955"
    date: "1955"
    source: "CENTO in 1955"
    tags: [alliances]
  - id: ayub-cloze
    kind: event
    type: cloze
    text: President {{Ayub Khan}} visited Moscow in April 1965.
    source: "Ayub Khan's visit to Moscow in April 1965"
    tags: [visits]
"""


def text_of(widget: Static) -> str:
    return str(widget.render())


def rows(screen: BrowseScreen) -> list[str]:
    table = screen.query_one("#browse-cards", DataTable)
    return [str(key.value).split("\x1f")[1] for key in table.rows]


async def search(pilot, screen: BrowseScreen, text: str) -> None:
    box = screen.query_one("#browse-search", Input)
    box.value = text
    await pilot.pause()


def two_decks(tmp_path: Path) -> Collection:
    collection, _ = open_collection(
        tmp_path, ("mixed.yaml", MIXED_DECK), ("tagged.yaml", TAGGED_DECK)
    )
    return collection


async def open_browse(app: QuizApp, pilot) -> BrowseScreen:
    await pilot.press("b")
    await pilot.pause()
    assert isinstance(app.screen, BrowseScreen)
    return app.screen


async def test_search_filters_by_text_tag_kind_and_type(tmp_path: Path) -> None:
    app = make_app(two_decks(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_browse(app, pilot)
        assert rows(screen) == ["typed-year", "choice-actor", "cento-year", "ayub-cloze"]
        assert text_of(screen.query_one("#browse-count", Static)) == "4 of 4 card(s) match"
        await search(pilot, screen, "KOSYGIN")
        assert rows(screen) == ["choice-actor"]
        await search(pilot, screen, "kind:date")
        assert rows(screen) == ["typed-year", "cento-year"]
        await search(pilot, screen, "tag:visits")
        assert rows(screen) == ["ayub-cloze"]
        await search(pilot, screen, "type:typed pakistan deck:tagged")
        assert rows(screen) == ["cento-year"]
        await search(pilot, screen, "nothing-like-this")
        assert rows(screen) == []
        assert "No card matches" in text_of(screen.query_one("#preview-question", Static))
        assert not screen.query_one(AnswerPanel).display


async def test_a_long_list_is_cut_and_the_count_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browse, "MAX_LISTED", 3)
    app = make_app(two_decks(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_browse(app, pilot)
        assert rows(screen) == ["typed-year", "choice-actor", "cento-year"]
        count = text_of(screen.query_one("#browse-count", Static))
        assert count == "4 of 4 card(s) match; the first 3 are listed: type more to narrow them"
        await search(pilot, screen, "tag:visits")
        assert rows(screen) == ["ayub-cloze"]
        assert text_of(screen.query_one("#browse-count", Static)) == "1 of 4 card(s) match"


async def test_a_large_collection_is_searched_in_a_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browse, "SEARCH_IN_THREAD_ABOVE", 1)  # these 4 cards count as many
    searched_in: list[threading.Thread] = []
    original = browse.BrowseScreen.find

    def find(screen: BrowseScreen, *args: Any) -> Any:
        searched_in.append(threading.current_thread())
        return original(screen, *args)

    monkeypatch.setattr(browse.BrowseScreen, "find", find)
    app = make_app(two_decks(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        assert rows(screen) == ["typed-year", "choice-actor", "cento-year", "ayub-cloze"]
        box = screen.query_one("#browse-search", Input)
        box.value = "tag:visits"
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert rows(screen) == ["ayub-cloze"]
        assert text_of(screen.query_one("#browse-count", Static)) == "1 of 4 card(s) match"
    assert searched_in and threading.main_thread() not in searched_in


async def test_browse_says_it_is_searching_and_takes_keys_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large collection: the count says the cards are being searched until the first page
    comes, and the search box takes what is typed meanwhile."""
    monkeypatch.setattr(browse, "SEARCH_IN_THREAD_ABOVE", 1)  # these 4 cards count as many
    gate, threads = threading.Event(), []
    original = browse.BrowseScreen.find

    def held(screen: BrowseScreen, *args: Any) -> Any:
        threads.append(threading.current_thread())
        gate.wait(10)
        return original(screen, *args)

    monkeypatch.setattr(browse.BrowseScreen, "find", held)
    app = make_app(two_decks(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        await until(lambda: bool(threads), "the search to start in its thread")
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        assert text_of(screen.query_one("#browse-count", Static)) == "Searching 4 cards…"
        assert rows(screen) == []
        await pilot.press(*"tag:visits")  # typed while the first search is held
        assert screen.query_one("#browse-search", Input).value == "tag:visits"
        assert text_of(screen.query_one("#browse-count", Static)) == "Searching 4 cards…"
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert rows(screen) == ["ayub-cloze"]
        assert text_of(screen.query_one("#browse-count", Static)) == "1 of 4 card(s) match"
    assert threading.main_thread() not in threads


async def test_preview_shows_the_card_as_students_see_it(tmp_path: Path) -> None:
    app = make_app(two_decks(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_browse(app, pilot)
        await search(pilot, screen, "kosygin")
        question = text_of(screen.query_one("#preview-question", Static))
        assert "Who mediated at Tashkent in January 1966?" in question
        for option in ("Alexei Kosygin", "Leonid Brezhnev", "Nikita Khrushchev", "Andrei Gromyko"):
            assert option in question
        assert "a) " in question and "d) " in question
        panel = screen.query_one(AnswerPanel)
        assert panel.display
        back = text_of(panel)
        assert "Answer: Alexei Kosygin" in back and "Source (Adnan Ali Shah)" in back
        await search(pilot, screen, "tag:visits")
        assert "[1] _____ visited Moscow" in text_of(screen.query_one("#preview-question", Static))
        assert "Answer: President Ayub Khan visited Moscow" in text_of(panel)


async def test_history_of_a_studied_card(tmp_path: Path) -> None:
    collection, clock = open_collection(tmp_path, ("mixed.yaml", MIXED_DECK))
    now = clock()
    state = collection.scheduler.review(CardState(), Rating.EASY, now)
    collection.store.record(Review("mixed", "typed-year", now, int(Rating.EASY)), state)
    clock.advance(hours=1)
    app = make_app(collection)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_browse(app, pilot)
        history = text_of(screen.query_one("#preview-history", Static))
        assert "History of mixed / typed-year" in history
        assert "Reviews: 1 · lapses: 0 · review" in history
        assert "Recall probability now: 100%" in history
        assert "Next due: in " in history and "Easy  (study)" in history
        await pilot.press("tab", "down")  # to the table, then the next card
        await pilot.pause()
        history = text_of(screen.query_one("#preview-history", Static))
        assert "choice-actor" in history and "New card: not studied yet." in history


async def test_a_deck_edited_on_disk_is_reloaded(tmp_path: Path) -> None:
    collection = two_decks(tmp_path)
    app = make_app(collection)
    path = tmp_path / "decks" / "tagged.yaml"
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_browse(app, pilot)
        path.write_text(
            TAGGED_DECK.replace("join CENTO?", "join the Central Treaty Organisation?"), "utf-8"
        )
        screen.poll_files()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await search(pilot, screen, "central treaty")
        assert rows(screen) == ["cento-year"]
        question = text_of(screen.query_one("#preview-question", Static))
        assert "Central Treaty Organisation" in question
        tagged = next(d for d in collection.decks if d.id == "tagged")
        assert "Central Treaty" in tagged.cards[0].question
        screen.poll_files()  # unchanged since: nothing to do
        assert not screen.query_one("#browse-problems", Static).display


async def test_a_broken_edit_shows_its_error_and_keeps_the_rest(tmp_path: Path) -> None:
    collection = two_decks(tmp_path)
    app = make_app(collection)
    path = tmp_path / "decks" / "tagged.yaml"
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_browse(app, pilot)
        path.write_text(TAGGED_DECK.replace("    kind: event\n", "    kind: evnt\n"), "utf-8")
        screen.poll_files()
        await app.workers.wait_for_complete()
        await pilot.pause()
        problems = screen.query_one("#browse-problems", Static)
        assert problems.display
        shown = text_of(problems)
        assert "1 deck file(s) have errors and are left out" in shown
        assert "tagged.yaml:14:11: error: Q027 the kind of card 'ayub-cloze' is 'evnt'" in shown
        assert rows(screen) == ["typed-year", "choice-actor"]
        # Fixed again: the problems go and the cards come back.
        path.write_text(TAGGED_DECK + "\n", "utf-8")
        screen.poll_files()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not problems.display
        assert rows(screen) == ["typed-year", "choice-actor", "cento-year", "ayub-cloze"]
        await pilot.press("escape")
        assert not isinstance(app.screen, BrowseScreen)


async def test_browse_is_in_the_command_palette(tmp_path: Path) -> None:
    app = make_app(two_decks(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Browse cards" in commands
        commands["Browse cards"].callback()
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
