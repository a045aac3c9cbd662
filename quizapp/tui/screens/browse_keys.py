"""Browse's keys: search, reload, card info and editing, marks, sorting, the preview."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from quizapp.tui.screens.browse_marks import MARK_BINDINGS

BROWSE_BINDINGS: list[BindingType] = [
    Binding("escape", "leave", "Back", id="browse.leave", tooltip="Back home."),
    Binding(
        "slash",
        "search",
        "Search",
        id="browse.search",
        key_display="/",
        tooltip="Search: words, `tag:NAME`, `kind:KIND`, `type:TYPE`, `deck:ID`.",
    ),
    Binding(
        "ctrl+r",
        "reload",
        "Reload decks",
        id="browse.reload",
        tooltip="Reload every deck file (edited files reload by themselves).",
    ),
    # Letters work in the card list (tab or enter from the search box goes there).
    Binding(
        "i",
        "card_info",
        "Card info",
        id="browse.info",
        tooltip="Card info: its file and line, state, memory, every review, its events.",
    ),
    Binding(
        "e",
        "edit_card",
        "Edit",
        id="browse.edit",
        tooltip="Edit the card in your editor ($VISUAL, $EDITOR), at its line.",
    ),
    *MARK_BINDINGS,
    Binding(
        "o",
        "sort",
        "Sort",
        id="browse.sort",
        tooltip="Sort by the next column: state, due, interval, lapses, flag (a click on a"
        " column's title sorts by it).",
    ),
    Binding(
        "O",
        "sort(0)",
        "Reverse",
        show=False,
        id="browse.reverse",
        tooltip="Sort the other way round.",
    ),
    Binding(
        "p",
        "toggle_preview",
        "Preview",
        show=False,
        id="browse.preview",
        tooltip="Hide or show the preview (the table takes the width).",
    ),
]
