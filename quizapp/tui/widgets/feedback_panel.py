"""After a quiz answer: the verdict in words, the right answer, the explanation, the source."""

from __future__ import annotations

from textual.markup import escape
from textual.widgets import Static

from quizapp.core.grading.marking import Verdict
from quizapp.core.questions.question import Question
from quizapp.tui.widgets.answer_panel import source_line


class FeedbackPanel(Static):
    """The verdict and what the student should learn from it."""

    def show(self, question: Question, verdict: Verdict, author: str = "") -> None:
        answer = escape(question.answer)
        heading = f"[b]Answer:[/b]\n{answer}" if "\n" in answer else f"[b]Answer:[/b] {answer}"
        parts = [f"[b]{escape(verdict.reason)}[/b]\n{heading}"]
        if question.explanation:
            parts.append(escape(question.explanation))
        parts += [source_line(source, author) for source in question.sources]
        self.update("\n\n".join(parts))
        self.display = True

    def hide(self) -> None:
        self.update("")
        self.display = False
