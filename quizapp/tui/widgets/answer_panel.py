"""What the student sees after answering: verdict, answer, explanation and source."""

from __future__ import annotations

from textual.markup import escape
from textual.widgets import Static

from quizapp.core.decks.model import Card, Reference


class AnswerPanel(Static):
    """The back of the card."""

    def show(
        self,
        card: Card,
        answer: str,
        verdict: str | None = None,
        reference: Reference | None = None,
    ) -> None:
        heading = f"[b]Answer:[/b] {escape(answer)}"
        parts = [f"[b]{escape(verdict)}[/b]\n{heading}" if verdict else heading]
        if card.explanation:
            parts.append(escape(card.explanation))
        source = card.source or " … ".join(e.source for e in card.events if e.source)
        if source:
            parts.append(source_line(source, reference.author if reference else ""))
        self.update("\n\n".join(parts))
        self.display = True

    def hide(self) -> None:
        self.update("")
        self.display = False


def source_line(source: str, author: str = "") -> str:
    """A quoted source passage, with its author when known, as markup."""
    cite = f" ({escape(author)})" if author else ""
    return f"[dim]Source{cite}:[/dim] [i]“{escape(source)}”[/i]"
