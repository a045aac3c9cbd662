"""Adding a card from the app, as a student does it: the form, its check, the next session."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, Static
from tui_support import FLIP_DECK, START, notices, until, write_deck

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.paths import user_decks_dir
from quizapp.tui.app import make_app
from quizapp.tui.screens.add_card import AddCardScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.study import StudyScreen


def collection_with(tmp_path: Path, own: bool) -> Collection:
    """FLIP_DECK as an installed deck elsewhere, and (if `own`) a deck of the student's."""
    installed = write_deck(tmp_path / "installed", "flip3.yaml", FLIP_DECK).parent
    data = tmp_path / "data"
    paths = [installed]
    if own:
        mine = FLIP_DECK.replace("id: flip3", "id: mine").replace("Three flip", "My flip")
        paths.append(write_deck(user_decks_dir(data), "mine.yaml", mine).parent)
    return Collection.open(paths, data, clock=FakeClock(START))


async def fill(pilot, screen: AddCardScreen, **values: str) -> None:
    for name, value in values.items():
        screen.query_one(f"#add-{name}", Input).value = value
    await pilot.pause()


async def test_a_card_added_without_a_deck_of_ones_own_makes_one(tmp_path: Path) -> None:
    collection = collection_with(tmp_path, own=False)
    app = make_app(collection)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, AddCardScreen)
        assert screen.query_one("#add-deck", Select).value == "__new__"
        await pilot.press(*"What is CENTO?", "enter", *"The Central Treaty Organization")
        await fill(pilot, screen, source="CENTO in 1955")
        await pilot.press("ctrl+s")
        await until(lambda: isinstance(app.screen, HomeScreen), "the form to close")
        path = user_decks_dir(tmp_path / "data") / "my-cards.yaml"
        assert any(
            f"Card 'what-is-cento' is in a new deck, {path}" in n.replace("\n", "")
            for n in notices(app)
        )
        assert [d.id for d in collection.decks] == ["flip3", "my-cards"]
        assert "flip3.yaml" in str(collection.decks[0].path)  # the installed file, untouched
        assert (tmp_path / "installed" / "flip3.yaml").read_text(encoding="utf-8") == FLIP_DECK
        app.start_study([collection.decks[1]])
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.session.current is not None
        assert app.screen.session.current.card.question == "What is CENTO?"


async def test_the_forms_errors_are_said_in_words_and_nothing_is_written(tmp_path: Path) -> None:
    collection = collection_with(tmp_path, own=True)
    before = (user_decks_dir(tmp_path / "data") / "mine.yaml").read_text(encoding="utf-8")
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, AddCardScreen)
        assert screen.query_one("#add-deck", Select).value == "mine"
        screen.query_one("#add-type", Select).value = "choice"
        await pilot.pause()
        assert screen.query_one("#add-wrong-row").display
        await fill(pilot, screen, question="Which pact came first?", answer="SEATO", wrong="SEATO")
        await pilot.press("ctrl+s")
        said = str(screen.query_one("#add-problems", Static).render())
        assert said.startswith("Not saved:\nA choice card needs at least 2 different wrong")
        assert isinstance(app.screen, AddCardScreen)
        await fill(pilot, screen, wrong="CENTO; Baghdad Pact", source="SEATO in 1954")
        await pilot.press("ctrl+s")
        await until(lambda: isinstance(app.screen, HomeScreen), "the form to close")
    after = (user_decks_dir(tmp_path / "data") / "mine.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)
    mine = next(d for d in collection.decks if d.id == "mine")
    added = mine.card("which-pact-came-first")
    assert added is not None and added.wrong == ("CENTO", "Baghdad Pact")
