"""Browse as a card browser: progress columns, sorting, searches by progress, and suspending,
burying and flagging one card or every card of a search, with undo."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey
from tui_support import FLIP_DECK, notices, open_collection

from quizapp.core.progress.marks import MarkKind, Marks
from quizapp.core.scheduling.rating import Rating
from quizapp.core.sessions.study import StudySession
from quizapp.tui.app import make_app
from quizapp.tui.screens.browse import BrowseScreen
from quizapp.tui.screens.flag_picker import FlagPicker


def rows(screen: BrowseScreen) -> list[str]:
    table = screen.query_one("#browse-cards", DataTable)
    return [str(key.value).split("\x1f")[1] for key in table.rows]


def column(screen: BrowseScreen, key: str) -> list[str]:
    table = screen.query_one("#browse-cards", DataTable)
    return [str(table.get_cell(row, ColumnKey(key))) for row in table.rows]


def count(screen: BrowseScreen) -> str:
    return str(screen.query_one("#browse-count", Static).render())


async def test_columns_searches_and_actions_on_every_card_found(tmp_path: Path) -> None:
    collection, clock = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    c = collection
    study = StudySession(c.decks, c.store, c.scheduler, clock)
    study.answer(Rating.EASY)  # "one": a review card, due in days
    study.answer(Rating.AGAIN)  # "two": learning, a lapse ahead of it
    app = make_app(collection)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.press("b")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        assert column(screen, "state") == ["review", "learning", "new"]
        assert column(screen, "due")[0].startswith("in ") and column(screen, "due")[2] == ""
        assert column(screen, "interval")[0].endswith("d")
        # Searches by progress, with text.
        search = screen.query_one("#browse-search")
        search.value = "is:new"  # type: ignore[attr-defined]
        await pilot.pause()
        assert rows(screen) == ["three"]
        search.value = "is:learning SEATO"  # type: ignore[attr-defined]
        await pilot.pause()
        assert rows(screen) == []
        search.value = "is:learning CENTO"  # type: ignore[attr-defined]
        await pilot.pause()
        assert rows(screen) == ["two"]
        search.value = "is:sleepy"  # type: ignore[attr-defined]
        await pilot.pause()
        assert "not understood: is:sleepy" in count(screen)
        # Every card of a search: select all, suspend, undo.
        search.value = "kind:date"  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("enter")  # to the table
        await pilot.press("ctrl+a")
        assert "2 selected" in count(screen)
        assert column(screen, "sel") == ["•", "•"]
        await pilot.press("s")
        assert c.store.card_marks("flip3", "one").suspended
        assert c.store.card_marks("flip3", "two").suspended
        assert column(screen, "state") == ["suspended", "suspended"]
        assert any("Suspended: 2 cards" in n for n in notices(app))
        await pilot.press("s")  # all suspended: unsuspends
        assert not c.store.card_marks("flip3", "one").suspended
        await pilot.press("u")  # undoes the unsuspension
        assert c.store.card_marks("flip3", "two").suspended
        await pilot.press("u", "u")  # and the suspension; nothing left to undo after
        assert c.store.card_marks("flip3", "one") == Marks()
        # One card (the selection cleared): bury it, flag it.
        await pilot.press("ctrl+a")
        assert "selected" not in count(screen)
        screen.query_one("#browse-cards", DataTable).move_cursor(row=0)
        await pilot.press("minus")
        assert c.store.card_marks("flip3", "one").buried(clock())
        assert column(screen, "state")[0] == "buried"
        await pilot.press("f")
        assert isinstance(app.screen, FlagPicker)
        await pilot.press("3")
        assert c.store.card_marks("flip3", "one").flag == 3
        assert column(screen, "flag")[0] == "green"
        # Sorted by flag: red (1) first, unflagged cards last.
        await pilot.press("down", "space")
        await pilot.press("f", "1")
        assert c.store.card_marks("flip3", "two").flag == 1
        search.value = ""  # type: ignore[attr-defined]
        await pilot.pause()
        for _ in range(5):  # deck, state, due, interval, lapses, flag
            await pilot.press("o")
            if "by flag" in count(screen):
                break
        screen.query_one("#browse-cards").focus()
        assert rows(screen) == ["two", "one", "three"] and "by flag" in count(screen)
        await pilot.press("O")
        assert rows(screen) == ["one", "two", "three"] and "reversed" in count(screen)
    # Each change an event, undos too: the log tells the whole story.
    kinds = [e.kind for e in c.store.card_events("flip3")]
    s, un = MarkKind.SUSPEND, MarkKind.UNSUSPEND
    assert kinds == [s, s, un, un, s, s, un, un, MarkKind.BURY, MarkKind.FLAG, MarkKind.FLAG]


def test_the_due_column_is_wide_enough_for_every_wait() -> None:
    """Every wait fits the Due column: a card due 2.8 hours ago read "2.8h ag"."""
    from datetime import UTC, datetime, timedelta

    from quizapp.core.decks.search import CardFacts
    from quizapp.tui.widgets.card_rows import COLUMNS, due_text

    width = {key: width for _, key, width in COLUMNS}["due"]
    now = datetime(2027, 1, 19, 9, tzinfo=UTC)
    waits = [timedelta(minutes=59), timedelta(hours=2.8), timedelta(hours=23.5)]
    waits += [timedelta(days=29), timedelta(days=350), timedelta(days=3000)]
    for wait in waits:
        for due in (now - wait, now + wait):
            facts = CardFacts("review", due_ms=int(due.timestamp() * 1000))
            assert width is not None and len(due_text(facts, now)) <= width, due_text(facts, now)


async def test_at_80_columns_the_table_shows_the_question_and_p_brings_the_preview(
    tmp_path: Path,
) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        table = screen.query_one("#browse-cards", DataTable)
        # The preview took two fifths of the width: the question started past the table's edge.
        preview = screen.query_one("#browse-preview")
        assert not preview.display
        x = 0
        for column in table.ordered_columns:
            if str(column.label) == "Question":
                break
            x += column.get_render_width(table)
        assert x + len("When did Pakistan") <= table.size.width
        await pilot.press("tab", "p")
        assert preview.display
    async with make_app(collection).run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        assert pilot.app.screen.query_one("#browse-preview").display


async def test_the_footer_offers_slash_for_the_search_only_away_from_the_search_box(
    tmp_path: Path,
) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    async with make_app(collection).run_test(size=(120, 30)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, BrowseScreen)
        assert screen.query_one("#browse-search").has_focus
        # There `/` is typed into the search: the footer said "/ Search" all the same.
        assert not screen.check_action("search", ())
        await pilot.press("tab")
        assert screen.check_action("search", ())
        await pilot.press("slash")
        assert screen.query_one("#browse-search").has_focus
