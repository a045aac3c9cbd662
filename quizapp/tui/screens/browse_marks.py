"""The card browser's actions on the selection (or the card under the cursor): suspend or
unsuspend, bury or unbury, flag, and undo; selecting one card or every card of the search."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable

from quizapp.core.collection import Collection
from quizapp.core.progress.marks import FLAG_COLOURS, MarkKind, Marks
from quizapp.core.sessions.set_aside import mark_cards
from quizapp.tui.screens.flag_picker import FlagPicker
from quizapp.tui.store_errors import saves

Key = tuple[str, str]

UNDO = "Undo the last suspension, burial or flag."
MARK_BINDINGS = [
    Binding(
        "space",
        "toggle_selected",
        "Select",
        show=False,
        id="browse.select",
        tooltip="Select the card, or leave it out (the actions take the selected cards).",
    ),
    Binding(
        "ctrl+a",
        "select_all",
        "Select all",
        show=False,
        id="browse.select-all",
        tooltip="Select every card the search found (again: none).",
    ),
    Binding(
        "s",
        "set_aside('suspend')",
        "Suspend",
        id="browse.suspend",
        tooltip="Suspend the selected cards (or unsuspend them, if all are suspended).",
    ),
    Binding(
        "minus",
        "set_aside('bury')",
        "Bury",
        key_display="-",
        id="browse.bury",
        tooltip="Bury the selected cards until the next study day (or unbury them).",
    ),
    Binding(
        "f",
        "flag",
        "Flag",
        id="browse.flag",
        tooltip="Flag the selected cards: `1` red, `2` orange, `3` green, `4` blue, `0` none.",
    ),
    Binding("ctrl+z", "undo", "Undo", id="browse.undo", tooltip=UNDO),
    Binding("u", "undo", "Undo", show=False, id="browse.undo-u", tooltip=UNDO),
]
# Kind -> (its opposite, what was done, what its opposite did).
TOGGLES = {
    MarkKind.SUSPEND: (MarkKind.UNSUSPEND, "Suspended", "Unsuspended"),
    MarkKind.BURY: (MarkKind.UNBURY, "Buried until the next study day", "Unburied"),
}


class MarkActions(Screen[None]):
    """What the browse screen does to cards' marks; it keeps `selected`."""

    collection: Collection
    selected: set[Key]
    undo_marks: list[dict[Key, Marks]]

    def refill(self) -> None:
        raise NotImplementedError

    def matched_keys(self) -> list[Key]:
        """Every card the search found, in order."""
        raise NotImplementedError

    def cursor_key(self) -> Key | None:
        raise NotImplementedError

    def show_selected(self) -> None:
        raise NotImplementedError

    def targets(self) -> list[Key]:
        """The selected cards still found, else the card under the cursor."""
        chosen = (
            [key for key in self.matched_keys() if key in self.selected] if self.selected else []
        )
        key = self.cursor_key()
        return chosen or ([key] if key is not None else [])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("set_aside", "flag", "toggle_selected", "select_all"):
            return self.query_one("#browse-cards", DataTable).has_focus and bool(self.cursor_key())
        if action == "undo":
            return bool(self.undo_marks)
        return True

    def action_toggle_selected(self) -> None:
        key = self.cursor_key()
        if key is not None:
            self.selected ^= {key}
            self.show_selected()

    def action_select_all(self) -> None:
        """Select every card of the search (all already: none)."""
        everything = set(self.matched_keys())
        self.selected = set() if everything <= self.selected else everything
        self.show_selected()

    def action_set_aside(self, name: str) -> None:
        """Suspend or bury the targets; if every one already is, undo that instead."""
        kind = MarkKind(name)
        keys = self.targets()
        marks = [self.collection.store.card_marks(*key) for key in keys]
        now = self.collection.clock()
        already = all(m.suspended if kind is MarkKind.SUSPEND else m.buried(now) for m in marks)
        opposite, done, undone = TOGGLES[kind]
        self.change(keys, opposite if already and keys else kind, undone if already else done)

    def action_flag(self) -> None:
        keys = self.targets()
        if not keys:
            return
        flags = {self.collection.store.card_marks(*key).flag for key in keys}
        what = f"{keys[0][0]}/{keys[0][1]}" if len(keys) == 1 else f"{len(keys)} cards"

        def chosen(colour: int | None) -> None:
            if colour is not None:
                words = f"Flagged {FLAG_COLOURS[colour]}" if colour else "Flag cleared"
                self.change(keys, MarkKind.FLAG, words, colour)

        current = flags.pop() if len(flags) == 1 else 0
        self.app.push_screen(FlagPicker(what, current), chosen)

    @saves()
    def change(self, keys: list[Key], kind: MarkKind, words: str, colour: int = 0) -> None:
        """Mark the cards (one transaction, each change an event), say so, list them again."""
        c = self.collection
        before = mark_cards(c.store, c.scheduler, keys, kind, c.clock(), colour)
        if before:
            self.undo_marks.append(before)
        cards = "1 card" if len(before) == 1 else f"{len(before)} cards"
        same = len(keys) - len(before)
        note = f" ({same} already so)" if same else ""
        self.notify(f"{words}: {cards}{note}." + (" u undoes." if before else ""))
        self.refill()
        self.refresh_bindings()

    @saves()
    def action_undo(self) -> None:
        if not self.undo_marks:
            return
        before = self.undo_marks[-1]
        self.collection.store.restore_marks(before, self.collection.clock())
        self.undo_marks.pop()
        cards = "1 card" if len(before) == 1 else f"{len(before)} cards"
        self.notify(f"Undone: {cards} as they were.")
        self.refill()
        self.refresh_bindings()
