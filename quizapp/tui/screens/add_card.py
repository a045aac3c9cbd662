"""Add a card: a form whose card is checked as any card and written into one of your decks.

Only the student's own decks (in their decks folder) are written; without one, a new deck
is made there. The card is studied from the next session.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Header, Input, Label, Select, Static

from quizapp.core.authoring.add_card import (
    NEW_DECK_TITLE,
    Added,
    CardForm,
    add_card,
    check_card,
    own_decks,
)
from quizapp.core.collection import Collection
from quizapp.core.decks.model import Deck, Kind, QuestionType
from quizapp.core.paths import user_decks_dir
from quizapp.tui import styles
from quizapp.tui.threads import deliver
from quizapp.tui.widgets.footer import Footer

NEW_DECK = "__new__"
TYPES = (
    QuestionType.FLIP,
    QuestionType.TYPED,
    QuestionType.CHOICE,
    QuestionType.TRUE_FALSE,
    QuestionType.CLOZE,
)
TYPE_WORDS = {
    QuestionType.FLIP: "flip: you grade yourself",
    QuestionType.TYPED: "typed: you type the answer",
    QuestionType.CHOICE: "choice: pick among options",
    QuestionType.TRUE_FALSE: "true or false",
    QuestionType.CLOZE: "cloze: fill the {{blanks}}",
}


class AddCardScreen(Screen[Path | None]):
    """The form; ctrl+s checks and saves, escape leaves without saving."""

    CSS_PATH = styles.SCREENS
    SUB_TITLE = "Add a card"

    DEFAULT_CSS = """
    #add-body { padding: 0 1; }
    .add-field { height: auto; }
    .add-label { width: 10; padding: 0 1 0 0; }
    .add-field Input, .add-field Select { width: 1fr; }
    #add-problems { color: $text-error; margin: 1 0 0 0; }
    #add-problems.fine { color: $text-muted; }
    #add-buttons { height: auto; margin: 1 0 0 0; }
    #add-buttons Button { margin: 0 2 0 0; }
    """
    HELP_TITLE = "Adding a card"
    HELP_NOTES = (
        "`tab` (or `enter` in a field) goes to the next field. The card is checked as any card"
        " of a deck file; what is wrong is said under the form."
    )
    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="add.save",
            priority=True,
            tooltip="Check the card and write it into the deck chosen.",
        ),
        Binding("escape", "leave", "Cancel", id="add.leave", tooltip="Leave without saving."),
    ]

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        self.collection = collection
        self.decks = own_decks(collection.results, collection.data_dir)
        self.saving = False

    def compose(self) -> ComposeResult:
        decks = [(f"{d.title} ({d.path.name})", d.id) for d in self.decks]
        decks.append((f"A new deck: {NEW_DECK_TITLE}", NEW_DECK))
        yield Header()
        with VerticalScroll(id="add-body"):
            yield self.field(
                "Deck",
                Select(decks, value=decks[0][1], allow_blank=False, id="add-deck", compact=True),
            )
            types = [(TYPE_WORDS[t], str(t)) for t in TYPES]
            yield self.field(
                "Type", Select(types, value="flip", allow_blank=False, id="add-type", compact=True)
            )
            kinds = [(str(k), str(k)) for k in Kind]
            yield self.field(
                "Kind",
                Select(kinds, value="concept", allow_blank=False, id="add-kind", compact=True),
            )
            yield self.field(
                "Question", Input(id="add-question", compact=True), "add-question-label"
            )
            yield self.field("Answer", Input(id="add-answer", compact=True), row="add-answer-row")
            yield self.field(
                "Wrong",
                Input(placeholder="wrong options, separated by ;", id="add-wrong", compact=True),
                row="add-wrong-row",
            )
            yield self.field(
                "Date",
                Input(placeholder="YYYY, YYYY-MM or YYYY-MM-DD", id="add-date", compact=True),
                row="add-date-row",
            )
            yield self.field(
                "Tags", Input(placeholder="words, separated by spaces", id="add-tags", compact=True)
            )
            yield self.field(
                "Source",
                Input(
                    placeholder="the passage it rests on, verbatim", id="add-source", compact=True
                ),
            )
            yield Checkbox("Also ask it the other way round", id="add-reverse", compact=True)
            yield Static(id="add-problems")
            with Horizontal(id="add-buttons"):
                yield Button("Save (ctrl+s)", id="add-save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="add-cancel", compact=True)
        yield Footer()

    @staticmethod
    def field(
        label: str, widget: Input | Select[str], label_id: str | None = None, row: str | None = None
    ) -> Horizontal:
        return Horizontal(
            Label(label, classes="add-label", id=label_id), widget, classes="add-field", id=row
        )

    def on_mount(self) -> None:
        self.follow_type()
        self.query_one("#add-question", Input).focus()

    # The fields a card of this type and kind takes ------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.follow_type()

    def follow_type(self) -> None:
        qtype, kind = self.value("#add-type"), self.value("#add-kind")
        cloze = qtype == QuestionType.CLOZE
        self.query_one("#add-question-label", Label).update("Text" if cloze else "Question")
        question = self.query_one("#add-question", Input)
        question.placeholder = (
            "a passage with {{blanks}}, e.g. Pakistan joined {{SEATO}} in 1954"
            if cloze
            else "a question that names the context it needs"
        )
        answer = self.query_one("#add-answer", Input)
        answer.placeholder = "true or false" if qtype == QuestionType.TRUE_FALSE else ""
        self.query_one("#add-answer-row").display = not cloze
        self.query_one("#add-wrong-row").display = qtype == QuestionType.CHOICE
        self.query_one("#add-date-row").display = kind == Kind.DATE
        reverse = self.query_one("#add-reverse", Checkbox)
        reverse.display = qtype in (QuestionType.FLIP, QuestionType.TYPED)

    def value(self, selector: str) -> str:
        chosen = self.query_one(selector, Select).value
        return str(chosen) if isinstance(chosen, str) else ""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "add-save":
            self.action_save()
        else:
            self.action_leave()

    # Saving ---------------------------------------------------------------------------

    def form(self) -> CardForm:
        def text(name: str) -> str:
            return self.query_one(f"#add-{name}", Input).value

        qtype, kind = self.value("#add-type"), self.value("#add-kind")
        return CardForm(
            question=text("question"),
            answer="" if qtype == QuestionType.CLOZE else text("answer"),
            kind=kind,
            type=qtype,
            tags=text("tags"),
            source=text("source"),
            wrong=text("wrong") if qtype == QuestionType.CHOICE else "",
            date=text("date") if kind == Kind.DATE else "",
            reverse=self.query_one("#add-reverse", Checkbox).value,
        )

    def chosen_deck(self) -> Deck | None:
        deck_id = self.value("#add-deck")
        return next((d for d in self.decks if d.id == deck_id), None)

    def action_save(self) -> None:
        if self.saving:
            return
        deck = self.chosen_deck()
        taken: set[str] = set()
        if deck is not None:  # an id that had progress would take it over: not one of those
            taken = {c.id for c in deck.cards} | {old for old, _ in deck.renamed}
            taken |= set(self.collection.store.answered_ids(deck.id))
        checked = check_card(self.form(), taken)
        problems = self.query_one("#add-problems", Static)
        if checked.errors:
            problems.set_class(False, "fine")
            problems.update(escape("\n".join(["Not saved:", *checked.errors])))
            return
        self.saving = True
        problems.set_class(True, "fine")
        problems.update("Saving...")
        ids = [d.id for d in self.collection.decks]
        folder = self.collection.data_dir

        def write() -> None:  # in a thread: the deck file is read back to be sure of it
            try:
                added: Added | str = add_card(checked.card, deck, folder, ids)
            except (OSError, ValueError) as exc:
                added = getattr(exc, "strerror", None) or str(exc)
            deliver(self.app, self.saved, added, checked.warnings)

        self.run_worker(write, thread=True, group="add-card", exclusive=True)

    def saved(self, added: Added | str, warnings: tuple[str, ...]) -> None:
        self.saving = False
        if isinstance(added, str):
            problems = self.query_one("#add-problems", Static)
            problems.set_class(False, "fine")
            problems.update(escape(f"Not saved: {added}"))
            return
        self.collection.swap_in([added.result])
        own = user_decks_dir(self.collection.data_dir)
        if own not in self.collection.deck_paths:
            self.collection.deck_paths.append(own)
        where = "a new deck, " if added.new_deck else ""
        lines = [f"Card '{added.card.id}' is in {where}{added.path}."]
        lines.append("It is studied from your next session.")
        if not added.kept_layout:
            lines.append("The deck file was written afresh: its comments were not kept.")
        if added.backup is not None:
            lines.append(f"The file as it was is kept as {added.backup.name}.")
        lines += [f"Note: {warning}" for warning in warnings]
        self.notify(escape("\n".join(lines)), title="Card added", timeout=12)
        self.dismiss(added.path)

    def action_leave(self) -> None:
        self.dismiss(None)
