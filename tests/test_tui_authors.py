"""What an instructor sees: the class report screen (flagged items first, enter shows the card)
and browse's preview for authors (whole ids, every field, each format a card is asked in)."""

from __future__ import annotations

from pathlib import Path

from test_class_report import write_student
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey
from tui_support import MIXED_DECK, open_collection, until

from quizapp.core.insight.item_analysis import class_report
from quizapp.tui.app import make_app
from quizapp.tui.screens.browse import BrowseScreen
from quizapp.tui.screens.class_report import ClassReportScreen

DECK = MIXED_DECK.replace("id: mixed", "id: deck").replace("id: choice-actor", "id: kosygin")
LONG_ID = "a-card-id-far-longer-than-twenty-characters"


def text_of(widget: Static) -> str:
    return str(widget.render())


async def test_class_report_lists_flagged_items_first_and_shows_the_card(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("deck.yaml", DECK))
    answers = {
        "ayesha": [(1, "Alexei Kosygin"), (1, "1954"), (1, "false"), (0, "1956")],
        "bilal": [(1, "Alexei Kosygin"), (1, "1954"), (0, "true"), (0, "1957")],
        "chen": [(0, "Leonid Brezhnev"), (0, "1955"), (0, "true"), (1, "1955")],
    }
    files = [write_student(tmp_path, n, a, 0) for n, a in answers.items()]
    report = class_report(files)
    app = make_app(collection, start=lambda _app: ClassReportScreen(collection, report))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClassReportScreen)
        table = screen.query_one("#class-items", DataTable)
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0].startswith("!") and first[1] == report.items[0].item
        summary = text_of(screen.query_one("#class-summary", Static))
        assert "3 student(s), 4 item(s)" in summary and "figures are rough" in summary
        detail = text_of(screen.query_one("#class-detail", Static))
        assert report.items[0].flags[0].split(":")[0] in detail
        # Down to the Kosygin item, whose card is in the deck: enter opens it in browse.
        row = next(i for i, item in enumerate(report.items) if item.item == "deck/kosygin")
        table.move_cursor(row=row)
        await pilot.pause()
        assert "Chosen (* right): Alexei Kosygin* 67%" in text_of(
            screen.query_one("#class-detail", Static)
        )
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, BrowseScreen), "browse to open")
        browse = app.screen
        await pilot.pause()
        assert browse.shown == ("deck", "kosygin")
        question = text_of(browse.query_one("#preview-question", Static))
        assert "Who mediated at Tashkent" in question
        await pilot.press("escape")
        await pilot.pause()
        # An item whose card is not among the decks loaded says so, and stays.
        table.move_cursor(row=next(i for i, it in enumerate(report.items) if "cento" in it.item))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClassReportScreen)


async def test_browse_preview_for_authors(tmp_path: Path) -> None:
    deck = DECK.replace("id: typed-year", f"id: {LONG_ID}")
    collection, _ = open_collection(tmp_path, ("deck.yaml", deck))
    app = make_app(collection)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        table = screen.query_one("#browse-cards", DataTable)
        first = table.coordinate_to_cell_key((0, 0)).row_key
        assert str(table.get_cell(first, "card")) == LONG_ID  # the whole id
        assert table.columns[ColumnKey("card")].get_render_width(table) >= len(LONG_ID)
        fields = text_of(screen.query_one("#preview-fields", Static))
        assert "date: 1954" in fields
        formats = text_of(screen.query_one("#preview-formats", Static))
        assert "typed answer" in formats and "multiple choice" in formats
        assert "true or false" in formats and "Proposed answer:" in formats
        table.move_cursor(row=1)
        await pilot.pause()
        fields = text_of(screen.query_one("#preview-fields", Static))
        assert "also accepted: Kosygin" in fields
        assert "wrong options: Leonid Brezhnev; Nikita Khrushchev; Andrei Gromyko" in fields
        formats = text_of(screen.query_one("#preview-formats", Static))
        assert "a) " in formats and "Alexei Kosygin" in formats


async def test_home_says_where_decks_go_when_there_are_none(tmp_path: Path) -> None:
    (tmp_path / "decks").mkdir()  # a class's copy, its decks not yet given
    collection, _ = open_collection(tmp_path)
    app = make_app(collection)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        notice = text_of(app.screen.query_one("#deck-notices", Static))
        assert "No decks here yet: put deck files (.yaml) in" in notice
        assert 'quizapp new "My deck"' in notice
