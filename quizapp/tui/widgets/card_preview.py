"""A card as browse previews it: as a student is asked it, its back and fields, every format
it can be asked in, and its history from the progress store."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.widgets import Static

from quizapp.core.collection import Collection
from quizapp.core.decks.model import Card, Deck
from quizapp.core.grading.responses import LETTERS
from quizapp.core.insight.card_history import card_history, history_lines
from quizapp.core.progress.replay import fuzz_seed
from quizapp.core.questions.preview import asked_as, card_fields_lines
from quizapp.core.questions.prompts import AskMode, ask_mode, study_question
from quizapp.core.questions.selection import Entry
from quizapp.tui.widgets.answer_panel import AnswerPanel


class CardPreview(VerticalScroll):
    """The chosen card, shown in full."""

    DEFAULT_CSS = """
    CardPreview #preview-question {
        padding: 0 1; border: round $primary; border-title-color: $primary;
    }
    CardPreview #preview-fields { padding: 0 1; margin: 1 0 0 0; color: $text-muted; }
    CardPreview #preview-formats { margin: 1 0 0 0; padding: 0 1; border: round $accent; }
    CardPreview #preview-history { margin: 1 0 0 0; padding: 0 1; border: round $secondary; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="preview-question")
        yield AnswerPanel(id="preview-answer")
        yield Static(id="preview-fields")
        yield Static(id="preview-formats")
        yield Static(id="preview-history")

    def show(self, collection: Collection, deck: Deck, card: Card) -> None:
        """The card as a student sees it, its back, and its history from the store."""
        asked = study_question(Entry(deck, card), fuzz_seed(deck.id, card.id))
        mode = ask_mode(asked)
        question = escape(asked.prompt)
        if mode is AskMode.CHOICE:
            options = (f"{LETTERS[i]}) {escape(o)}" for i, o in enumerate(asked.options))
            question += "\n\n" + "\n".join(options)
        box = self.query_one("#preview-question", Static)
        box.border_title = f"{card.type} card · asked as {mode}"
        box.update(question)
        self.query_one(AnswerPanel).show(card, asked.answer, None, deck.reference)
        fields = self.query_one("#preview-fields", Static)
        fields.update("\n".join(escape(line) for line in card_fields_lines(card)))
        fields.display = True
        formats = self.query_one("#preview-formats", Static)
        shown = asked_as(deck, card)
        formats.border_title = f"Asked in {len(shown)} format(s) in quizzes and exams"
        formats.update(
            "\n\n".join(
                f"[b]{escape(a.title)}[/b]\n{escape(a.shown)}\n[i]answer:[/i] {escape(a.answer)}"
                for a in shown
            )
            or "This card is asked only in study sessions."
        )
        formats.display = True
        now = collection.clock()
        history = card_history(collection.store, collection.scheduler, deck.id, card.id, now)
        lines = [f"[b]History[/b] of {escape(deck.id)} / {escape(card.id)}"]
        lines += [escape(line) for line in history_lines(history, now)]
        panel = self.query_one("#preview-history", Static)
        panel.update("\n".join(lines))
        panel.display = True

    def clear(self) -> None:
        """No card: say that nothing matches."""
        box = self.query_one("#preview-question", Static)
        box.border_title = ""
        box.update("No card matches the search.")
        self.query_one(AnswerPanel).hide()
        for name in ("#preview-fields", "#preview-formats"):
            self.query_one(name, Static).display = False
        history = self.query_one("#preview-history", Static)
        history.update("")
        history.display = False
