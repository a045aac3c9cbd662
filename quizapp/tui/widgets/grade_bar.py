"""The four grade buttons, each with the wait it would give (Anki's "1m 10m 1d 3d")."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button

from quizapp.core.scheduling.rating import Rating

LABELS = {Rating.AGAIN: "Again", Rating.HARD: "Hard", Rating.GOOD: "Good", Rating.EASY: "Easy"}
MEANINGS = {
    Rating.AGAIN: "you did not recall it",
    Rating.HARD: "you recalled it, with effort",
    Rating.GOOD: "you recalled it",
    Rating.EASY: "you recalled it at once",
}


def grade_bindings(screen: str, when: str = "", *, show: bool = True) -> list[Binding]:
    """Keys 1-4 for the grades, calling the screen's `grade` action; ids `SCREEN.again`..."""
    return [
        Binding(
            str(int(rating)),
            f"grade({int(rating)})",
            label,
            show=show,
            id=f"{screen}.{label.lower()}",
            tooltip=f"{when}{label}: {MEANINGS[rating]}.",
        )
        for rating, label in LABELS.items()
    ]


class GradeBar(Horizontal):
    """Clickable grades; the keys 1-4 do the same through the screen's bindings."""

    @dataclass
    class Graded(Message):
        """The student chose a grade with the mouse."""

        rating: Rating

    def compose(self) -> ComposeResult:
        for rating, label in LABELS.items():
            yield Button(f"{int(rating)} {label}", id=f"grade-{int(rating)}", compact=True)

    def show(self, waits: dict[Rating, str], proposed: Rating | None = None) -> None:
        """Label each grade with its wait; mark the proposed one in words, not only colour."""
        for rating, label in LABELS.items():
            button = self.query_one(f"#grade-{int(rating)}", Button)
            mark = " (proposed)" if rating == proposed else ""
            button.label = f"{int(rating)} {label} {waits.get(rating, '')}{mark}"
            button.set_class(rating == proposed, "-proposed")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        rating = Rating(int((event.button.id or "grade-3").removeprefix("grade-")))
        self.post_message(self.Graded(rating))
