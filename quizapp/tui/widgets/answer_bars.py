"""The share of a class choosing each option, as a bar chart in text (for the host)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from quizapp.core.classroom.round_questions import LETTERS

BAR = "█"
MAX_OPTION = 40  # characters of an option's text beside its bar


def answer_bars(
    options: Sequence[str], counts: Sequence[int], right: int | None, width: int
) -> Text:
    """One line an option: its letter and text, a bar as long as its share, the count and
    the share; the right option marked once `right` is given (at the reveal)."""
    total = sum(counts)
    labels = [f"{LETTERS[i]}) {_cut(o)}" for i, o in enumerate(options)]
    label_width = max(len(label) for label in labels)
    bar_width = max(10, width - label_width - 18)
    text = Text()
    for i, (label, count) in enumerate(zip(labels, counts, strict=True)):
        share = count / total if total else 0.0
        is_right = right == i
        style = "bold green" if is_right else ("dim" if right is not None else "")
        text.append(label.ljust(label_width + 2), style=style)
        text.append(BAR * round(share * bar_width), style="green" if is_right else "cyan")
        text.append(f" {count} ({share:.0%})")
        if is_right:
            text.append("  ✓ right", style="bold green")
        text.append("\n")
    text.rstrip()
    return text


def _cut(option: str) -> str:
    return option if len(option) <= MAX_OPTION else option[: MAX_OPTION - 1] + "…"
