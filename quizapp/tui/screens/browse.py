"""Browse: find cards, preview them as students see them, read their history; live reload.

Deck files are watched (their modification time and size, polled): a changed file is parsed
again in a worker thread and swapped in on the main thread, where the progress store is read
(its SQLite connection belongs to the main thread). A deck whose new text has errors shows
them here, and leaves the other decks as they were.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.markup import escape
from textual.widgets import DataTable, Header, Input, Static

from quizapp.core.collection import Collection
from quizapp.core.decks.loader import LoadResult, load_deck
from quizapp.core.decks.model import Card, Deck
from quizapp.core.decks.search import CardFacts, Query, parse_query
from quizapp.core.insight.card_search import ORDERS, Found, find_cards
from quizapp.core.progress.marks import Marks
from quizapp.core.progress.store import Store
from quizapp.tui import styles
from quizapp.tui.screens.browse_keys import BROWSE_BINDINGS
from quizapp.tui.screens.browse_marks import Key, MarkActions
from quizapp.tui.threads import deliver, reading
from quizapp.tui.widgets.card_preview import CardPreview
from quizapp.tui.widgets.card_rows import COLUMNS, SELECTED, SORTS, cells
from quizapp.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from quizapp.tui.card_editing import Edited

POLL_SECONDS = 1.0
# Rows listed at most: a table of every card of a 100,000-card collection took seconds to fill
# on each key; the search narrows it, and the count says how many more match.
MAX_LISTED = 500
FIRST_ROWS = 60  # rows listed at once; the others a frame later
SEARCH_IN_THREAD_ABOVE = 5_000  # cards; smaller collections are searched at once
MAX_PROBLEMS_SHOWN = 6
SEP = "\x1f"  # between deck id and card id in a row key


class BrowseScreen(MarkActions):
    """Search box, the matching cards with their progress (sortable), and the chosen card's
    preview and history; cards suspended, buried or flagged one by one or all found at once."""

    CSS_PATH = styles.SCREENS
    # Under 100 columns the preview starts hidden (`p` shows it): beside it, the table had no
    # room left for a card's question.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    DEFAULT_CSS = """
    BrowseScreen.-narrow #browse-preview { display: none; }
    #browse-search { margin: 0 1; }
    #browse-count { padding: 0 1; color: $text-muted; height: 1; }
    #browse-body { height: 1fr; }
    #browse-cards { width: 3fr; margin: 0 1; }
    #browse-preview { width: 2fr; padding: 0 1; }
    #browse-problems {
        height: auto; max-height: 10; margin: 0 1; padding: 0 1;
        border: round $error; color: $text-error;
    }
    """
    HELP_TITLE = "Browsing"
    HELP_NOTES = (
        "`up` and `down` choose a card to preview; `tab` goes from the search box to the cards,"
        " where `enter` shows the card's info. A search by progress and marks: `is:due`,"
        " `is:new`, `is:learning`, `is:review`, `is:suspended`, `is:buried`, `is:leech`,"
        " `is:flagged`, `flag:1` (1 red, 2 orange, 3 green, 4 blue, 0 none), `lapses>3`,"
        " `due<7d`, `interval>=30d`; with words and the others, every one must hold. The"
        " actions take the selected cards (`space`, `ctrl+a`), else the one chosen."
    )
    BINDINGS = BROWSE_BINDINGS

    def __init__(self, collection: Collection, show: tuple[str, str] | None = None) -> None:
        """`show`: (deck id, card id) of a card to open on (from the class report)."""
        super().__init__()
        self.collection = collection
        self.seen: dict[Path, tuple[int, int] | None] = {}
        self.texts: dict[tuple[str, str], str] = {}
        self.shown: tuple[str, str] | None = show
        self.selected: set[Key] = set()
        self.found = Found([], [], 0, 0)
        self.keys: list[Key] | None = None  # of every card found, once asked for
        self.undo_marks: list[dict[Key, Marks]] = []
        self.order, self.reverse = "deck", False
        self.counted: tuple[Query, int, int] = (Query(), 0, 0)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="Search: words, tag:NAME, kind:KIND, deck:ID, is:due|new|suspended|"
            "buried|leech, flag:1-4, lapses>3, due<7d",
            id="browse-search",
        )
        yield Static(id="browse-count")
        with Horizontal(id="browse-body"):
            yield DataTable(id="browse-cards", cursor_type="row", zebra_stripes=True)
            yield CardPreview(id="browse-preview")
        yield Static(id="browse-problems")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#browse-cards", DataTable)
        for label, key, width in COLUMNS:
            table.add_column(label, key=key, width=width)
        self.seen = {r.path: _stamp(r.path) for r in self.collection.results}
        if self.shown is not None:  # narrowed to the card, which the cursor then rests on
            self.query_one("#browse-search", Input).value = f"deck:{self.shown[0]} {self.shown[1]}"
        self.refill()
        self.show_problems()
        self.set_interval(POLL_SECONDS, self.poll_files)
        self.query_one("#browse-search", Input).focus()

    # What is listed ------------------------------------------------------------------

    def refill(self) -> None:
        """List the cards that match the search, keeping the chosen card when it still does.

        A large collection is searched in a thread (a pass over 100,000 cards takes a fifth
        of a second), so typing in the search box never waits for it.
        """
        query = parse_query(self.query_one("#browse-search", Input).value)
        decks = list(self.collection.decks)
        cards = sum(len(deck.cards) for deck in decks)
        if cards <= SEARCH_IN_THREAD_ABOVE:
            self.show_matches(query, self.find(decks, query, self.collection.store))
        else:
            self.query_one("#browse-count", Static).update(f"Searching {cards:,} cards…")
            self.find_in_thread(decks, query)

    def find(self, decks: list[Deck], query: Query, store: Store) -> Found:
        """The cards that match, in the order chosen; the first MAX_LISTED with progress."""
        now = self.collection.clock()
        order, reverse = self.order, self.reverse
        return find_cards(
            decks,
            store,
            query,
            now,
            order=order,
            reverse=reverse,
            limit=MAX_LISTED,
            texts=self.texts,
        )

    @work(thread=True, exclusive=True, group="browse-search")
    def find_in_thread(self, decks: list[Deck], query: Query) -> None:
        with reading(self.collection.store.path) as reader:  # the app's belongs to its loop
            found = self.find(decks, query, reader)
        deliver(self.app, self.show_matches, query, found)

    def show_matches(self, query: Query, found: Found) -> None:
        table = self.query_one("#browse-cards", DataTable)
        chosen = self.shown
        self.found, self.keys = found, None
        table.clear()
        listed = found.listed
        chosen_key = None if chosen is None else f"{chosen[0]}{SEP}{chosen[1]}"
        first_keys = [f"{deck.id}{SEP}{card.id}" for deck, card, _ in listed[:FIRST_ROWS]]
        # A screenful first: a long list's other rows come a frame later (laying out 500 rows
        # took longer than finding them), unless the card to rest on is among them.
        split = len(listed) if chosen_key and chosen_key not in first_keys else FIRST_ROWS
        self.add_rows(found, listed[:split])
        if split < len(listed):
            self.call_after_refresh(self.add_rows, found, listed[split:])
        self.show_count(query, found.count, found.total)
        keys = [str(row.value) for row in table.rows]
        if chosen and f"{chosen[0]}{SEP}{chosen[1]}" in keys:
            table.move_cursor(row=keys.index(f"{chosen[0]}{SEP}{chosen[1]}"))
        if table.row_count:
            self.preview_row(keys[table.cursor_row])
        else:
            self.clear_preview()
        self.refresh_bindings()

    def add_rows(self, found: Found, listed: list[tuple[Deck, Card, CardFacts]]) -> None:
        """List these cards of a search's (the rest of a long list after its first
        screenful was drawn)."""
        if found is not self.found:
            return  # another search has replaced it
        table = self.query_one("#browse-cards", DataTable)
        now = self.collection.clock()
        for deck, card, facts in listed:
            selected = (deck.id, card.id) in self.selected
            table.add_row(*cells(deck, card, facts, now, selected), key=f"{deck.id}{SEP}{card.id}")

    def show_count(self, query: Query | None = None, matched: int = 0, total: int = 0) -> None:
        """How many match (of how many), the order, the selection, filters not understood."""
        if query is not None:
            self.counted = (query, matched, total)
        query, matched, total = self.counted
        count = f"{matched} of {total} card(s) match"
        if matched > MAX_LISTED:
            count += f"; the first {MAX_LISTED} are listed: type more to narrow them"
        if self.order != "deck" or self.reverse:
            count += f" · by {self.order}" + (", reversed" if self.reverse else "")
        chosen = len(self.selected.intersection(self.matched_keys())) if self.selected else 0
        if chosen:
            count += f" · {chosen} selected"
        if query.problems:
            count += " · not understood: " + "; ".join(query.problems)
        self.query_one("#browse-count", Static).update(escape(count))

    def matched_keys(self) -> list[Key]:
        if self.keys is None:
            self.keys = self.found.keys()
        return self.keys

    def cursor_key(self) -> Key | None:
        table = self.query_one("#browse-cards", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        deck_id, _, card_id = str(key).partition(SEP)
        return deck_id, card_id

    def show_selected(self) -> None:
        """Redraw the selection marks of the listed rows, and the count."""
        table = self.query_one("#browse-cards", DataTable)
        for row in table.rows:
            deck_id, _, card_id = str(row.value).partition(SEP)
            mark = SELECTED if (deck_id, card_id) in self.selected else ""
            table.update_cell(row, "sel", Text(mark))
        self.show_count()

    def action_sort(self, step: int = 1) -> None:
        """Sort by the next column (step 1), or the other way round (0)."""
        if step:
            self.order, self.reverse = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)], False
        else:
            self.reverse = not self.reverse
        self.refill()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys on the table (letters type into the search box while it has the focus)."""
        if action in ("sort", "toggle_preview"):
            return self.query_one("#browse-cards", DataTable).has_focus
        if action == "search":  # in the box, `/` is typed: the footer leaves it out
            return not self.query_one("#browse-search", Input).has_focus
        return super().check_action(action, parameters)

    def action_toggle_preview(self) -> None:
        """Hide the preview (the table takes the width, its every column in view), or show it."""
        preview = self.query_one("#browse-preview")
        preview.display = not preview.display

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        """A click on a column's title sorts by it; another, the other way round."""
        event.stop()
        order = SORTS.get(str(event.column_key.value))
        if order is not None:
            self.reverse = not self.reverse if order == self.order else False
            self.order = order
            self.refill()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#browse-cards", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_card_info()

    def action_card_info(self) -> None:
        from quizapp.tui.screens.card_info import CardInfoScreen

        chosen = self.chosen()
        if chosen is not None:
            self.app.push_screen(CardInfoScreen(self.collection, *chosen))

    def chosen(self) -> tuple[Deck, Card] | None:
        """The deck and card previewed now, if any."""
        if self.shown is None:
            return None
        deck = next((d for d in self.collection.decks if d.id == self.shown[0]), None)
        card = deck.card(self.shown[1]) if deck else None
        return None if deck is None or card is None else (deck, card)

    def action_edit_card(self) -> None:
        """Open the card in the student's editor; the deck is read again when it closes."""
        from quizapp.tui.card_editing import edit_card

        chosen = self.chosen()
        if chosen is None:
            return
        edit_card(self, self.collection, *chosen, self.card_edited)
        # The editor has closed: its file is read by the edit, not again by the polling.
        self.seen = {r.path: _stamp(r.path) for r in self.collection.results}

    def card_edited(self, edited: Edited) -> None:
        self.seen = {r.path: _stamp(r.path) for r in self.collection.results}
        self.texts.clear()
        if edited.card is not None:
            self.shown = (edited.deck.id, edited.card.id)
        self.refill()
        self.show_problems()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.preview_row(str(event.row_key.value))

    # The preview ---------------------------------------------------------------------

    def preview_row(self, key: str) -> None:
        deck_id, _, card_id = key.partition(SEP)
        deck = next((d for d in self.collection.decks if d.id == deck_id), None)
        card = deck.card(card_id) if deck else None
        if deck is None or card is None:
            self.clear_preview()
            return
        self.shown = (deck.id, card.id)
        self.query_one(CardPreview).show(self.collection, deck, card)

    def clear_preview(self) -> None:
        self.shown = None
        self.query_one(CardPreview).clear()

    def show_problems(self) -> None:
        """Deck files that cannot be used, with their first errors, in words."""
        failed = self.collection.failed
        panel = self.query_one("#browse-problems", Static)
        panel.display = bool(failed)
        lines = [f"{len(failed)} deck file(s) have errors and are left out:"]
        for result in failed:
            for problem in result.errors[:MAX_PROBLEMS_SHOWN]:
                lines.append(f"  {escape(str(problem))}")
        panel.update("\n".join(lines))

    # Live reload ---------------------------------------------------------------------

    def poll_files(self) -> None:
        """Reparse the deck files whose modification time or size changed (in a worker)."""
        changed = []
        for result in self.collection.results:
            stamp = _stamp(result.path)
            if stamp != self.seen.get(result.path):
                self.seen[result.path] = stamp
                changed.append(result.path)
        if changed:
            self.parse_files(changed)

    def action_reload(self) -> None:
        self.parse_files([r.path for r in self.collection.results])

    @work(thread=True, exclusive=True, group="browse-reload")
    def parse_files(self, paths: list[Path]) -> None:
        """Parse in a thread; the results are swapped in on the main thread."""
        results = [load_deck(path) for path in paths]
        self.app.call_from_thread(self.swap_in, results)

    def swap_in(self, fresh: list[LoadResult]) -> None:
        self.collection.swap_in(fresh)
        self.texts.clear()
        for result in fresh:
            if result.errors:
                self.notify(
                    f"{result.path.name} has errors; its cards are left out until it is fixed.",
                    title="Deck not reloaded",
                    severity="error",
                )
            else:
                self.notify(f"{result.path.name} reloaded.", title="Deck reloaded")
        self.refill()
        self.show_problems()

    def action_search(self) -> None:
        self.query_one("#browse-search", Input).focus()

    def action_leave(self) -> None:
        self.app.pop_screen()


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size
