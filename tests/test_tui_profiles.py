"""The profile screen a browser's session opens on: a name typed (new ones confirmed) or chosen
from the list, refused in words when it cannot be one; each profile its own progress."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static
from tui_support import FLIP_DECK, START, WebApp, write_deck

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.paths import data_dir
from quizapp.core.progress.store import Store
from quizapp.tui.app import QuizApp
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.profile import Profiles, ProfileScreen
from quizapp.tui.screens.study import StudyScreen

SIZE = (90, 26)


OPENED: list[Collection] = []


@pytest.fixture(autouse=True)
def close_profiles() -> Iterator[None]:
    """Close what the apps opened (the command line does, after a session)."""
    yield
    while OPENED:
        OPENED.pop().close()


def served(tmp_path: Path, clock: FakeClock | None = None) -> WebApp:
    """A browser session's app over the data folder tmp_path/data, one flip deck."""
    decks = tmp_path / "decks"
    if not decks.exists():
        write_deck(decks, "flip3.yaml", FLIP_DECK)
    base = tmp_path / "data"

    def open_profile(name: str) -> Collection:
        OPENED.append(Collection.open([decks], data_dir(base, name), clock or FakeClock(START)))
        return OPENED[-1]

    return WebApp(None, profiles=Profiles(base, open_profile))


def said(app: QuizApp) -> str:
    return str(app.screen.query_one("#profile-said", Static).render())


def listed(app: QuizApp) -> list[str]:
    options = app.screen.query_one("#profiles", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_new_name_is_confirmed_then_opens_its_own_home(tmp_path: Path) -> None:
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ProfileScreen)
        assert listed(app) == []
        assert app.screen.query_one("#profile-name", Input).has_focus
        await pilot.press(*"Ali Khan", "enter")
        assert "No profile named 'Ali Khan' yet. Press enter again to create it" in said(app)
        assert not (tmp_path / "data" / "profiles").exists()  # not created on a first enter
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.title == "quizapp · Ali Khan" and app.profile == "Ali Khan"
        assert app.collection.data_dir == tmp_path / "data" / "profiles" / "Ali Khan"
    assert (tmp_path / "data" / "profiles" / "Ali Khan" / "progress.sqlite3").is_file()
    assert not (tmp_path / "data" / "progress.sqlite3").exists()


async def test_editing_the_name_asks_for_confirmation_again(tmp_path: Path) -> None:
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Aly", "enter")
        assert "No profile named 'Aly'" in said(app)
        await pilot.press("backspace", "i", "enter")  # the typo mended: "Ali" is asked about
        assert "No profile named 'Ali'" in said(app)
        assert isinstance(app.screen, ProfileScreen)


async def test_a_name_that_cannot_be_a_profile_is_refused_in_words(tmp_path: Path) -> None:
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"../teacher", "enter")
        assert "letters, digits, spaces, '-' and '_' only" in said(app)
        assert app.screen.query_one("#profile-said", Static).has_class("problem")
        app.screen.query_one("#profile-name", Input).value = ""
        await pilot.press("enter")
        assert "A profile needs a name." in said(app)
        await pilot.press(*"default", "enter")
        assert "'default' is the profile of whoever uses quizapp in this machine's terminal" in (
            said(app)
        )
        assert isinstance(app.screen, ProfileScreen)
    assert not (tmp_path / "data").exists()


async def test_a_known_name_opens_at_once_typed_in_any_case_or_chosen(tmp_path: Path) -> None:
    for name in ("Sana", "ali"):
        (tmp_path / "data" / "profiles" / name).mkdir(parents=True)
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert listed(app) == ["ali", "Sana"]
        await pilot.press(*"SANA", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.profile == "Sana"
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")  # from the name to the list
        assert app.screen.query_one("#profiles", OptionList).has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.profile == "ali"


async def test_a_profile_that_cannot_be_opened_is_said_and_another_can_be_tried(
    tmp_path: Path,
) -> None:
    (tmp_path / "data" / "profiles").mkdir(parents=True)
    (tmp_path / "data" / "profiles" / "Ali").write_text("a file where a folder should be")
    app = served(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Ali", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert "Ali's progress could not be opened" in said(app)
        field = app.screen.query_one("#profile-name", Input)
        assert not field.disabled and field.has_focus
        field.value = ""
        await pilot.press(*"Sana", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.profile == "Sana"


async def study_one_card(app: QuizApp, name: str) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*name, "enter", "enter")
        await pilot.pause()
        await pilot.press("enter")  # study all decks
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("space", "3")


async def test_two_profiles_keep_separate_progress(tmp_path: Path) -> None:
    clock = FakeClock(START)
    await study_one_card(served(tmp_path, clock), "Ali")
    clock.advance(minutes=1)
    await study_one_card(served(tmp_path, clock), "Ali")  # a second tab, later, on Ali
    await study_one_card(served(tmp_path, clock), "Sana")
    profiles = tmp_path / "data" / "profiles"
    with Store.reading(profiles / "Ali" / "progress.sqlite3") as ali:
        assert len(ali.reviews("flip3")) == 2
    with Store.reading(profiles / "Sana" / "progress.sqlite3") as sana:
        assert len(sana.reviews("flip3")) == 1
    assert not (tmp_path / "data" / "progress.sqlite3").exists()
