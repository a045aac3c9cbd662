"""Suspending, burying and flagging the card shown in a study session, and undoing each."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from textual.widgets._footer import FooterKey
from tui_support import FLIP_DECK, notices, open_collection

from quizapp.core.progress.marks import MarkKind, Marks
from quizapp.tui.app import make_app
from quizapp.tui.screens.flag_picker import FlagPicker
from quizapp.tui.screens.study import StudyScreen


def shown(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, StudyScreen)
    current = screen.session.current
    assert current is not None
    return current.card.id


def footer_keys(app: object) -> dict[str, str]:
    keys = app.screen.query(FooterKey)  # type: ignore[attr-defined]
    return {key.key_display or key.key: key.description for key in keys if key.display}


async def test_suspend_bury_and_flag_from_study_each_undone(tmp_path: Path) -> None:
    collection, clock = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    store = collection.store
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(100, 24), notifications=True) as pilot:
        await pilot.pause()
        keys = footer_keys(app)
        assert (keys.get("s"), keys.get("-"), keys.get("f")) == ("Suspend", "Bury", "Flag")
        assert shown(app) == "one"
        await pilot.press("s")
        assert store.card_marks("flip3", "one").suspended
        assert shown(app) == "two"
        assert any(n.startswith("Card suspended") for n in notices(app))
        status = str(app.screen.query_one("#study-status", Static).render())
        assert "card 1 of 2" in status
        await pilot.press("u")
        assert store.card_marks("flip3", "one") == Marks()
        assert shown(app) == "one"
        await pilot.press("minus")
        buried = store.card_marks("flip3", "one")
        assert buried.buried(clock()) and shown(app) == "two"
        await pilot.press("u")
        assert shown(app) == "one" and not store.card_marks("flip3", "one").buried(clock())
        # A flag: a colour is asked for; the card stays, its flag shown.
        await pilot.press("space", "f")
        assert isinstance(app.screen, FlagPicker)
        await pilot.press("2")
        assert isinstance(app.screen, StudyScreen) and shown(app) == "one"
        assert store.card_marks("flip3", "one").flag == 2
        status = str(app.screen.query_one("#study-status", Static).render())
        assert "flag orange" in status
        await pilot.press("u")
        assert store.card_marks("flip3", "one").flag == 0
        await pilot.press("3")  # the answer still shown: graded as usual
        assert len(store.reviews("flip3", "one")) == 1
    kinds = [e.kind for e in store.card_events("flip3")]
    assert kinds == [
        MarkKind.SUSPEND,
        MarkKind.UNSUSPEND,
        MarkKind.BURY,
        MarkKind.UNBURY,
        MarkKind.FLAG,
        MarkKind.FLAG,
    ]


async def test_escape_in_the_flag_box_changes_nothing(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", "escape")
        assert isinstance(app.screen, StudyScreen)
        assert collection.store.card_events() == []
