"""The home screen's deck list: one row per deck with its cards and today's three numbers, as
Anki shows them: new cards on offer today, cards in learning, reviews due.

An OptionList rather than a DataTable: it draws its rows in the very first frame, where a
DataTable measures its rows on idle and leaves the first frame without them (bench/run.py).
Each row fits itself to the width it is drawn at: the counts stay visible on a narrow terminal
and long titles are cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

COUNT_COLUMNS = ("Cards", "New", "Learn", "Due")
COUNT_WIDTH = 6


class DeckRow(NamedTuple):
    """What one row shows; `key` is the deck id, or the key of the all-decks total.

    A NamedTuple, not a dataclass: its class is built at start-up, where the methods a
    dataclass generates cost a millisecond.
    """

    key: str
    title: str
    cards: int
    new_today: int  # new cards on offer today: within new cards a day, less those introduced
    learning: int  # in learning or relearning, due today
    review_due: int  # reviews due now, within reviews a day

    def cells(self) -> tuple[str, ...]:
        counts = (self.cards, self.new_today, self.learning, self.review_due)
        return (self.title, *(str(count) for count in counts))


class RowLine:
    """A title cut with an ellipsis to the room left, then the counts right-aligned.

    A rich renderable that reads its width when drawn (lighter than a Table grid, which the
    list would lay out again for every row and every frame).
    """

    def __init__(self, cells: Sequence[str], style: str = "") -> None:
        self.cells = tuple(cells)
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        counts = "".join(cell.rjust(COUNT_WIDTH) for cell in self.cells[1:])
        line = Text(self.cells[0], style=self.style, no_wrap=True)  # Text: titles aren't markup
        line.truncate(max(1, options.max_width - len(counts)), overflow="ellipsis", pad=True)
        line.append(counts, style=self.style)
        yield line


def heading() -> RowLine:
    """The column titles, to sit above the list with the same horizontal spacing."""
    return RowLine(("Deck", *COUNT_COLUMNS), style="bold")


class DeckList(OptionList):
    """Decks with their counts; enter or a click selects one (OptionList.OptionSelected)."""

    def __init__(self, *, widget_id: str | None = None) -> None:
        super().__init__(id=widget_id)
        self.rows: list[DeckRow] = []

    def show(self, rows: Sequence[DeckRow]) -> None:
        """Replace the rows, keeping the highlight on the same deck while it is listed."""
        key = self.highlighted_key
        self.rows = list(rows)
        self.clear_options()
        self.add_options(Option(RowLine(row.cells()), id=row.key) for row in self.rows)
        keys = [row.key for row in self.rows]
        if keys:
            self.highlighted = keys.index(key) if key in keys else 0

    @property
    def highlighted_key(self) -> str | None:
        """The key of the highlighted row, if any."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        return self.rows[index].key

    def highlight_key(self, key: str) -> None:
        """Move the highlight to the row with this key."""
        self.highlighted = [row.key for row in self.rows].index(key)
