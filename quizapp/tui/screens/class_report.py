"""A class's item analysis: one row an item, flagged items first; enter shows the item's card."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from quizapp.core.collection import Collection
from quizapp.core.insight.item_analysis import ClassReport, ItemStats
from quizapp.core.insight.item_report import choices_text, discrimination_text
from quizapp.tui import styles
from quizapp.tui.widgets.footer import Footer

COLUMNS = (("", 3), ("Card", None), ("Answers", 7), ("Facility", 8), ("Discrim.", 8))
MAX_LABEL = 60


def item_label(item: ItemStats) -> str:
    """The item's card, or its first card and how many more (a matching or a chronology)."""
    first = item.cards[0] if item.cards else item.item
    more = f" + {len(item.cards) - 1} more" if len(item.cards) > 1 else ""
    cut = MAX_LABEL - len(more)
    return (first if len(first) <= cut else first[: cut - 1] + "…") + more


class ClassReportScreen(Screen[None]):
    """The table of items and, under it, the highlighted item's choices and flags."""

    CSS_PATH = styles.SCREENS
    DEFAULT_CSS = """
    #class-summary { padding: 0 1; height: auto; }
    #class-items { height: 1fr; margin: 0 1; }
    #class-detail {
        height: auto; max-height: 14; margin: 0 1; padding: 0 1;
        border: round $primary; border-title-color: $primary;
    }
    """
    HELP_TITLE = "Class report"
    HELP_NOTES = "`up` and `down` choose an item; its choices and flags are shown under the table."
    BINDINGS = [
        Binding("escape", "leave", "Back", id="class.leave", tooltip="Back."),
        Binding(
            "enter",
            "show_card",
            "Show the card",
            id="class.card",
            tooltip="Show the chosen item's card, with its history.",
        ),
    ]

    def __init__(self, collection: Collection, report: ClassReport) -> None:
        super().__init__()
        self.collection = collection
        self.report = report

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static(id="class-summary")
            yield DataTable(id="class-items", cursor_type="row", zebra_stripes=True)
            yield Static(id="class-detail")
        yield Footer()

    def on_mount(self) -> None:
        report = self.report
        flagged = len(report.flagged)
        summary = (
            f"[b]Item analysis[/b]: {report.students} student(s), {len(report.items)} item(s), "
            f"{flagged} flagged (shown first). Enter shows the card."
        )
        for notice in report.notices:
            summary += f"\n[i]{escape(notice)}[/i]"
        weakest = list(report.by_tag.items())[:3]
        if weakest:
            shown = ", ".join(f"{escape(k)} {g.mean:.0%}" for k, g in weakest)
            summary += f"\nWeakest tags: {shown}"
        self.query_one("#class-summary", Static).update(summary)
        table = self.query_one("#class-items", DataTable)
        for label, width in COLUMNS:
            table.add_column(label, key=label.lower() or "flag", width=width)
        for index, item in enumerate(report.items):
            flag = Text("!" * min(3, len(item.flags)), style="bold red")
            table.add_row(
                flag,
                Text(item_label(item)),
                Text(str(item.answers), justify="right"),
                Text(f"{item.facility:.2f}", justify="right"),
                Text(discrimination_text(item), justify="right"),
                key=str(index),
            )
        table.focus()
        if report.items:
            self.show_detail(report.items[0])

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.show_detail(self.report.items[int(event.row_key.value)])

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_show_card()

    def show_detail(self, item: ItemStats) -> None:
        panel = self.query_one("#class-detail", Static)
        panel.border_title = item.item
        lines = [escape(item.prompt.splitlines()[0] if item.prompt else "")]
        choices = choices_text(item)
        if choices:
            lines.append(f"Chosen (* right): {escape(choices)}")
        lines += [f"[b $text-error]![/] {escape(flag)}" for flag in item.flags]
        if not item.flags:
            lines.append("[$text-success]No flag: it did its job.[/]")
        panel.update("\n".join(lines))

    def current(self) -> ItemStats | None:
        table = self.query_one("#class-items", DataTable)
        if not table.row_count:
            return None
        return self.report.items[table.cursor_row]

    def action_show_card(self) -> None:
        """Browse, on the item's (first) card, to read and fix it."""
        from quizapp.tui.screens.browse import BrowseScreen

        item = self.current()
        if item is None:
            return
        deck_id, _, card_id = item.cards[0].partition("/")
        deck = next((d for d in self.collection.decks if d.id == deck_id), None)
        if deck is None or deck.card(card_id) is None:
            self.notify(
                f"{item.cards[0]} is not in the decks loaded; open the report with "
                "--decks FOLDER holding the class's deck.",
                title="Card not found",
                severity="warning",
            )
            return
        self.app.push_screen(BrowseScreen(self.collection, show=(deck_id, card_id)))

    def action_leave(self) -> None:
        self.app.pop_screen()
