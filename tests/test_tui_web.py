"""The app in a browser (Textual's web driver): every action on a key the page receives, the
footer and help showing those keys, files handed over as downloads, no editor."""

from __future__ import annotations

import csv
import importlib
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import textual.command
import textual.widgets
from test_tui_keys import app_classes
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Markdown, Static
from tui_support import FLIP_DECK, WebApp, notices, open_collection, until

from quizapp.core.collection import Collection
from quizapp.core.paths import bundled_decks_dir
from quizapp.core.progress.sync import SYNC_FOLDER
from quizapp.core.questions.question import Format
from quizapp.tui.app import QuizApp, make_app
from quizapp.tui.browser import BROWSER_KEYS, WEB_KEYS, reaches_page, web_keymap
from quizapp.tui.launch import exam_screen, quiz_screen
from quizapp.tui.preferences import FILE_NAME
from quizapp.tui.screens.exam_report import ExamReportScreen
from quizapp.tui.screens.help import HelpScreen
from quizapp.tui.screens.settings import SettingsScreen
from quizapp.tui.screens.study import StudyScreen

SIZE = (90, 26)


def keys_of(binding: Binding, keymap: dict[str, str]) -> list[str]:
    moved = keymap.get(binding.id or "")
    return [key.strip() for key in (moved or binding.key).split(",")]


def test_every_binding_of_the_app_has_a_key_a_browser_page_receives() -> None:
    keymap = web_keymap({})
    for cls in app_classes():
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            keys = keys_of(binding, keymap)
            where = f"{cls.__name__} {binding.id} ({binding.key})"
            assert any(reaches_page(key) for key in keys), f"{where}: only browser keys"
    # The app's own keys on browser keys are exactly those moved.
    on_browser_keys = {
        binding.id
        for cls in app_classes()
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", []))
        if not all(reaches_page(key) for key in binding.key.split(","))
    }
    assert on_browser_keys == set(WEB_KEYS) == {"quit", "quiz.dont-know", "exam.skip"}


def textual_classes() -> list[type[Any]]:
    """Textual's app, screens, widgets and palette, whose keys work in quizapp too."""
    found: list[type[Any]] = [App, Screen, textual.command.CommandPalette]
    for name in textual.widgets.__all__:
        widget = getattr(importlib.import_module("textual.widgets"), name)
        if isinstance(widget, type):
            found.append(widget)
    return found


# Textual's own actions only on browser keys: paging sideways (the scroll bar, the mouse and
# the arrow keys scroll sideways too), and deleting the word left of the cursor in a text
# field (backspace deletes it letter by letter).
UNREACHED = {"page_left", "page_right", "delete_left_word"}


def test_textual_actions_on_browser_keys_have_another_key_too() -> None:
    unreached = set()
    for cls in textual_classes():
        bindings = [
            b for c in cls.__mro__ for b in Binding.make_bindings(c.__dict__.get("BINDINGS", []))
        ]
        reachable = {b.action for b in bindings if any(reaches_page(k) for k in b.key.split(","))}
        for binding in bindings:
            if binding.action == "quit":
                continue  # the app's own "quit" binding moves (WEB_KEYS)
            if not any(reaches_page(key) for key in binding.key.split(",")):
                if binding.action not in reachable:
                    unreached.add(binding.action)
    assert unreached == UNREACHED


def test_the_profiles_own_keys_keep_only_those_a_page_receives() -> None:
    keymap = web_keymap({"study.good": "3,g", "quiz.dont-know": "ctrl+w,ctrl+o", "quit": "ctrl+t"})
    assert keymap["study.good"] == "3,g"
    assert keymap["quiz.dont-know"] == "ctrl+o"
    assert keymap["quit"] == WEB_KEYS["quit"]
    assert not BROWSER_KEYS & {k for keys in keymap.values() for k in keys.split(",")}


def quiz(collection: Collection) -> WebApp:
    return WebApp(
        collection,
        start=lambda _app: quiz_screen(
            collection, collection.decks, count=1, fmt=Format.TYPED, seed=1
        ),
    )


def active_keys(app: QuizApp) -> dict[str, str]:
    """What the footer offers: key -> action, for the bindings that are on now."""
    return {key: active.binding.action for key, active in app.active_bindings.items()}


async def test_in_a_browser_the_footer_and_help_show_the_moved_keys(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = quiz(collection)
    async with app.run_test(size=SIZE) as pilot:
        keys = active_keys(app)
        assert keys.get("ctrl+g") == "dont_know" and keys.get("ctrl+b") == "quit"
        assert "ctrl+n" not in keys
        await pilot.press("ctrl+g")  # "I don't know", on a key the page receives
        assert app.screen.answered
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one(Markdown).source
        assert "| `ctrl+g` | " in text and "`ctrl+n`" not in text.split("In the browser")[0]
        assert "| `ctrl+b` | Quit" in text
        assert "In the browser, keys the browser keeps for itself" in text
        assert FILE_NAME not in text  # the keys file is out of a browser's reach
    (review,) = collection.store.reviews("flip3")
    assert review.rating == 1


async def test_in_a_terminal_the_keys_stay_as_they_were(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(
        collection,
        start=lambda _app: quiz_screen(
            collection, collection.decks, count=1, fmt=Format.TYPED, seed=1
        ),
    )
    async with app.run_test(size=SIZE):
        keys = active_keys(app)
        assert keys.get("ctrl+n") == "dont_know" and keys.get("ctrl+q") == "quit"
        assert "ctrl+g" not in keys


async def test_editing_a_card_in_a_browser_says_so_and_runs_no_editor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_editor(*args: object, **kwargs: object) -> None:
        raise AssertionError("an editor was started")

    monkeypatch.setattr(subprocess, "run", no_editor)
    monkeypatch.setenv("EDITOR", "nano")
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = WebApp(collection, study=collection.decks)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("e")
        said = "\n".join(notices(app))
        assert "Cards cannot be edited from a browser" in said
        assert "flip3.yaml, line" in said
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Card info" in titles and "Edit card" not in titles


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


async def test_an_exam_report_in_a_browser_downloads_its_answers_named_for_the_profile(
    tmp_path: Path,
) -> None:
    collection = Collection.open([bundled_decks_dir()], tmp_path / "data")
    app = WebApp(
        collection,
        start=lambda _app: exam_screen(collection, collection.decks, count=2, minutes=5, seed=3),
        profile="Ali Khan",
    )
    app.downloads = tmp_path / "downloads"
    app.downloads.mkdir()  # Textual's test driver saves there what a browser would download
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.press("escape", "y")  # end the exam at once
            await pilot.pause()
            assert isinstance(app.screen, ExamReportScreen)
            summary = str(app.screen.query_one("#report-summary", Static).render())
            assert "Kept as exam 1: d downloads its answers as CSV." in summary
            assert active_keys(app).get("d") == "download"
            await pilot.press("d")
            saved = app.downloads / "quizapp-exam-1-Ali-Khan.csv"
            await until(saved.exists, "the exam's CSV")
            await until(lambda: any("quizapp-exam-1" in n for n in notices(app)), "the notice")
        rows = rows_of(saved)
        assert len(rows) == 2 and {r["student"] for r in rows} == {"Ali Khan"}
        assert {r["exam_id"] for r in rows} == {"1"}
    finally:
        collection.close()


async def test_a_terminal_has_no_download_key_on_the_exam_report(tmp_path: Path) -> None:
    collection = Collection.open([bundled_decks_dir()], tmp_path / "data")
    app = make_app(
        collection,
        start=lambda _app: exam_screen(collection, collection.decks, count=2, minutes=5, seed=3),
    )
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("escape", "y")
            await pilot.pause()
            assert isinstance(app.screen, ExamReportScreen)
            assert "d" not in active_keys(app)
            summary = str(app.screen.query_one("#report-summary", Static).render())
            assert "(see `quizapp exams`)" in summary
            titles = [c.title for c in app.get_system_commands(app.screen)]
            assert not [t for t in titles if t.startswith("Download")]
    finally:
        collection.close()


async def test_the_palette_downloads_the_profiles_progress(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = WebApp(collection, study=collection.decks, profile="Sana")
    app.downloads = tmp_path / "downloads"
    app.downloads.mkdir()  # Textual's test driver saves there what a browser would download
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "3")  # one answer to export
        await pilot.press("ctrl+p", *"download my progress")
        await pilot.pause()
        await pilot.press("enter")
        await until(lambda: list(app.downloads.glob("*.jsonl")), "the progress file")
    (saved,) = app.downloads.glob("*.jsonl")
    assert saved.name == "quizapp-progress-Sana-2026-03-02.jsonl"  # the day on the app's clock
    lines = [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["reviews"] == 1


async def test_a_browser_cannot_point_the_sync_at_a_folder_of_the_serving_machine(
    tmp_path: Path,
) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = WebApp(collection)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, SettingsScreen)
        box = app.screen.query_one(f"#setting-{SYNC_FOLDER}", Input)
        assert box.disabled
        origin = str(app.screen.query_one(f"#origin-{SYNC_FOLDER}", Static).render())
        assert "set where quizapp is served" in origin
        assert not app.screen.query_one("#setting-retention", Input).disabled
        await pilot.press("escape")
        app.action_sync()  # the palette's Sync now, with no folder set
        await pilot.pause()
        assert any("set on the machine that serves quizapp" in n for n in notices(app))
