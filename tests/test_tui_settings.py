"""The settings screen: values checked as typed, saved for a deck or every deck, the cost of
each retention; the grade keys follow the deck's retention; the study header's words."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Select, Static
from tui_support import FLIP_DECK, notices, open_collection, until

from quizapp.core.collection import Collection
from quizapp.core.scheduling.rating import Rating
from quizapp.core.sessions.study import StudySession
from quizapp.core.settings.study_settings import change_setting, settings_for
from quizapp.tui.app import make_app
from quizapp.tui.screens.settings import SettingsScreen
from quizapp.tui.screens.study import StudyScreen


def text_of(widget: Static) -> str:
    return str(widget.render())


async def open_settings(pilot: Pilot[int], deck_row: int = 1) -> SettingsScreen:
    """From home: the deck on row `deck_row` (0: all decks), then `o`."""
    await pilot.press(*["down"] * deck_row, "o")
    screen = pilot.app.screen
    assert isinstance(screen, SettingsScreen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def type_into(pilot: Pilot[int], key: str, text: str) -> None:
    box = pilot.app.screen.query_one(f"#setting-{key}", Input)
    box.focus()
    box.value = ""
    await pilot.press(*text)


async def test_a_value_is_checked_as_typed_and_saved_for_the_deck(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_settings(pilot)
        check = screen.query_one("#settings-check", Static)
        await type_into(pilot, "retention", "1.5")
        assert "retention is from 0.70 to 0.99" in text_of(check)
        assert screen.query_one("#setting-retention", Input).has_class("invalid")
        await pilot.press("enter")  # refused: nothing kept
        assert collection.store.setting_events() == []
        await type_into(pilot, "new-per-day", "3")
        assert "new cards a day" in text_of(check)
        await pilot.press("enter")
        assert settings_for(collection.store, "flip3").new_per_day == 3
        assert settings_for(collection.store).new_per_day == 20  # every deck's is untouched
        assert text_of(screen.query_one("#origin-new-per-day", Static)) == "this deck"
        assert any("new-per-day for deck flip3: 3" in n for n in notices(app))
        # Empty goes back to every deck's value.
        await type_into(pilot, "new-per-day", "")
        await pilot.press("enter")
        assert settings_for(collection.store, "flip3").new_per_day == 20
        assert screen.query_one("#setting-day-starts-at", Input).disabled  # one for all decks
        await pilot.press("escape")
        assert not isinstance(app.screen, SettingsScreen)


async def test_every_deck_from_the_palette_and_the_day_start(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_settings()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        assert screen.query_one("#settings-deck", Select).value == "__every__"
        await type_into(pilot, "day-starts-at", "6")
        await pilot.press("tab")  # leaving a field keeps a valid value
        await pilot.pause()
        assert settings_for(collection.store).day_starts_at == 6
        assert collection.scheduler.config.rollover_hour == 6  # statistics and plans follow
        screen.query_one("#settings-deck", Select).value = "flip3"
        await pilot.pause()
        assert screen.deck_id == "flip3"


async def test_the_screen_shows_the_reviews_a_day_each_retention_costs(tmp_path: Path) -> None:
    collection, clock = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    study = StudySession(collection.decks, collection.store, collection.scheduler, clock)
    while study.current is not None:
        study.answer(Rating.GOOD)
        clock.advance(minutes=11)
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        panel = text_of(screen.query_one("#settings-retention", Static))
        assert "average reviews a day over the next year" in panel
        figures = {r: screen._estimates[r] for r in (0.8, 0.85, 0.9, 0.95)}
        assert figures[0.8] < figures[0.9] < figures[0.95]
        for shown in ("80%", "85%", "90%", "95%", "yours (90%)"):
            assert shown in panel
        await type_into(pilot, "retention", "0.97")  # a choice being typed is worked out too
        await until(lambda: 0.97 in screen._estimates, "the typed retention's figure")
        await pilot.pause()
        assert "typed (97%)" in text_of(screen.query_one("#settings-retention", Static))


async def grade_labels(pilot: Pilot[int]) -> list[str]:
    """Open a study session from home, show the answer, read the grade keys, go back."""
    app = pilot.app
    await pilot.press("enter")
    assert isinstance(app.screen, StudyScreen)
    await pilot.press("space")
    labels = [str(button.label) for button in app.screen.query("GradeBar Button")]
    await pilot.press("escape")
    return labels


async def test_retention_080_and_095_give_the_same_card_different_intervals(
    tmp_path: Path,
) -> None:
    """Acceptance 7, as a student sees it: the grade keys of the same review card."""
    collection, clock = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    study = StudySession(collection.decks[:1], collection.store, collection.scheduler, clock)
    study.answer(Rating.EASY)  # "one" graduates; due in some days
    due = collection.store.state("flip3", "one").due
    assert due is not None
    clock.advance(days=40)
    change_setting(collection.store, "new-per-day", "0", clock(), deck_id="flip3")
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")
        change_setting(collection.store, "retention", "0.8", clock(), deck_id="flip3")
        low = await grade_labels(pilot)
        change_setting(collection.store, "retention", "0.95", clock(), deck_id="flip3")
        high = await grade_labels(pilot)
    assert low[0] == high[0] == "1 Again 10m"  # relearning's step: retention has no say
    for at_095, at_080 in zip(high[1:], low[1:], strict=True):
        assert at_095 != at_080, (at_095, at_080)


async def test_the_study_header_says_the_mode_and_what_is_left_today(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert (screen.title, screen.sub_title) == (
            "Normal study",
            "left today: 3 new, 0 learning, 0 reviews",
        )
        await pilot.press("space", "1")  # Again: back in a minute, in learning
        await pilot.pause()
        header = str(screen.query_one("HeaderTitle").render())
        assert header == "Normal study — left today: 2 new, 1 learning, 0 reviews"


def snapshot_collection(tmp_path: Path) -> Collection:
    """A deck of 120 cards, 60 of them studied over a month; a setting of its own."""
    cards = "".join(
        f"  - {{id: c{n}, kind: concept, type: flip, question: Q{n}?, answer: A{n},"
        f" source: S{n}}}\n"
        for n in range(120)
    )
    deck = f"format: 1\nid: big\ntitle: A hundred and twenty cards\ncards:\n{cards}"
    collection, clock = open_collection(tmp_path, ("big.yaml", deck))
    change_setting(collection.store, "new-per-day", "2", clock(), deck_id="big")
    for day in range(30):
        study = StudySession(collection.decks, collection.store, collection.scheduler, clock)
        answered = 0
        while study.current is not None:
            study.answer(Rating.AGAIN if (answered + day) % 7 == 0 else Rating.GOOD)
            answered += 1
            clock.advance(minutes=11)
        clock.advance(days=1)
    change_setting(collection.store, "retention", "0.85", clock())
    return collection


def test_settings_snapshot(snap_compare, tmp_path: Path) -> None:
    collection = snapshot_collection(tmp_path)

    async def open_it(pilot: Pilot[int]) -> None:
        await open_settings(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(collection), terminal_size=(80, 24), run_before=open_it)
