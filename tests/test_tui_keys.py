"""Keys and looks: every binding named, the help read from the bindings, the theme and remapped
keys kept between runs in the data folder."""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Markdown
from tui_support import FLIP_DECK, notices, open_collection

import quizapp.tui
from quizapp.core.collection import Collection
from quizapp.tui.app import QuizApp, make_app
from quizapp.tui.preferences import FILE_NAME
from quizapp.tui.screens.browse import BrowseScreen
from quizapp.tui.screens.help import HelpScreen
from quizapp.tui.screens.home import HomeScreen


def app_classes() -> list[type[DOMNode]]:
    """The app, its screens and widgets: every DOM class quizapp.tui defines."""
    for module in pkgutil.walk_packages(quizapp.tui.__path__, "quizapp.tui."):
        importlib.import_module(module.name)
    found: list[type[DOMNode]] = []
    todo: list[type[DOMNode]] = [DOMNode]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith("quizapp.tui."):
            found.append(cls)
    return found


def test_every_binding_has_an_id_of_its_own_and_words_for_the_help() -> None:
    ids: dict[str, str] = {}
    for cls in app_classes():
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            where = f"{cls.__name__} {binding.key}"
            assert binding.id, f"{where} has no id"
            assert binding.id not in ids, f"{where} has the id of {ids[binding.id]}"
            assert binding.tooltip or binding.description, f"{where} says nothing"
            ids[binding.id] = where
    assert {"study.good", "quiz.again", "home.browse", "choice.a", "help"} <= set(ids)


def help_source(app: QuizApp) -> str:
    assert isinstance(app.screen, HelpScreen)
    return app.screen.query_one(Markdown).source


async def test_help_lists_the_keys_of_the_screen_it_was_opened_from(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        text = help_source(app)
        assert text.startswith("# Keys: Studying")
        assert "| `space` | Show the answer" in text
        assert "| `1` | Grade Again: you did not recall it. | study.again |" in text
        # Keys that do the same share a row, the footer's hidden ones included.
        assert "| `a` `b` `c` `d` | Pick an option" in text
        assert "| `ctrl+z` `u` | Undo the last answer" in text
        assert "## Everywhere" in text and "| `?` | This help" in text
        assert "Quiz" not in text  # another screen's keys are not this one's
        await pilot.press("escape", "escape")  # the help, then the session
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("question_mark")
        text = help_source(app)
        assert text.startswith("# Keys: Home") and "| `b` | Browse the cards" in text
        assert "| `s` | Statistics" in text  # not in the footer, but in the help


def reopen(collection: Collection) -> Collection:
    return Collection.open(collection.deck_paths, collection.data_dir, collection.clock)


async def test_a_theme_chosen_in_one_run_is_the_theme_of_the_next(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "textual-dark"
        app.theme = "nord"  # as the palette's theme picker does
        await pilot.pause()
    saved = json.loads((collection.data_dir / FILE_NAME).read_text(encoding="utf-8"))
    assert saved == {"theme": "nord"}
    collection.store.close()
    again = make_app(reopen(collection))
    async with again.run_test(size=(80, 24)):
        assert again.theme == "nord"


async def test_keys_remapped_in_the_preferences_are_the_keys_and_the_help_says_so(
    tmp_path: Path,
) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    keys = {"theme": "gruvbox", "keys": {"home.browse": "v", "help": "f1,question_mark"}}
    (collection.data_dir / FILE_NAME).write_text(json.dumps(keys), encoding="utf-8")
    app = make_app(reopen(collection))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, HomeScreen)  # b no longer browses
        await pilot.press("f1")
        assert "| `v` | Browse the cards" in help_source(app)
        assert "| `f1` `question_mark` | This help" in help_source(app)
        await pilot.press("escape", "v")
        assert isinstance(app.screen, BrowseScreen)
        app.theme = "nord"
        await pilot.pause()
    kept = json.loads((collection.data_dir / FILE_NAME).read_text(encoding="utf-8"))
    assert kept == {**keys, "theme": "nord"}  # the keys stay as the student wrote them


async def test_a_preferences_file_that_cannot_be_read_is_said_and_left_alone(
    tmp_path: Path,
) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    path = collection.data_dir / FILE_NAME
    path.write_text('{"keys": {"home.browse": 5}}', encoding="utf-8")
    app = make_app(reopen(collection))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        (notice,) = notices(app)
        assert notice.startswith("Preferences\n") and "'keys' must map binding ids" in notice
        await pilot.press("b")
        assert isinstance(app.screen, BrowseScreen)  # the defaults
        app.theme = "nord"
        await pilot.pause()
    assert path.read_text(encoding="utf-8") == '{"keys": {"home.browse": 5}}'
