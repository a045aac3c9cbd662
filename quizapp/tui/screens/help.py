"""The help screen: the keys of the screen it was opened from, read from their bindings.

Each binding's tooltip (else its footer label) says what it does; bindings that say the same
share a row (`a` `b` `c` `d`). Only the app's own bindings are listed: they all have an id,
which a keymap in the preferences file names to move them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

from quizapp.tui import styles

SCHEDULE_NOTE = "Cards come back on a schedule (FSRS): what you find hard, you see sooner."
CLOSE = "Close the help."


def own_bindings(node: DOMNode) -> Iterable[Binding]:
    """The bindings a node's classes declare that have an id (the app's, not Textual's)."""
    for cls in type(node).__mro__:
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            if binding.id is not None:
                yield binding


def key_table(nodes: Iterable[DOMNode], keymap: Mapping[str, str]) -> str:
    """A Markdown table of the nodes' keys: keys, what they do, and their ids.

    Keys are named as a keymap names them ("ctrl+z", "enter"), unless shown otherwise ("?").
    """
    rows: dict[str, tuple[list[str], list[str]]] = {}  # what it does -> keys, ids
    seen: set[str] = set()
    for node in nodes:
        for binding in own_bindings(node):
            if binding.id in seen:
                continue
            assert binding.id is not None
            seen.add(binding.id)
            keys, ids = rows.setdefault(binding.tooltip or binding.description, ([], []))
            moved = keymap.get(binding.id)
            shown = moved or binding.key_display or binding.key
            keys += [f"`{key.strip()}`" for key in shown.split(",")]
            ids.append(binding.id)
    lines = ["| key | what it does | id |", "|---|---|---|"]
    for words, (keys, ids) in rows.items():
        named = " ".join(ids) if len(ids) < 3 else f"{ids[0]} … {ids[-1]}"
        lines.append(f"| {' '.join(keys)} | {words} | {named} |")
    return "\n".join(lines)


def help_text(
    screen: Screen[object],
    app_node: DOMNode,
    keymap: Mapping[str, str],
    keys_file: Path,
    keys_note: str | None = None,
) -> str:
    """The help for `screen`: its keys (its widgets' too), then the keys that work everywhere;
    last, how keys are changed, or `keys_note` in its place (in a browser, where the file is
    out of the student's reach)."""
    title = getattr(screen, "HELP_TITLE", "") or type(screen).__name__
    notes = getattr(screen, "HELP_NOTES", "")
    parts = [f"# Keys: {title}", key_table([screen, *screen.query("*")], keymap)]
    if notes:
        parts.append(notes)
    parts += ["## Everywhere", key_table([app_node], keymap), SCHEDULE_NOTE]
    parts.append(
        keys_note
        or f"A key can be changed in `{keys_file}`, by its id: "
        '`{"keys": {"study.good": "3,g"}}`. The theme chosen in the palette is kept there too.'
    )
    return "\n\n".join(parts)


class HelpScreen(ModalScreen[None]):
    """Keys and what they do."""

    CSS_PATH = styles.SCREENS
    HELP_TITLE = "Help"

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="help.close", tooltip=CLOSE),
        Binding(
            "question_mark",
            "dismiss",
            "Close",
            show=False,
            id="help.close-again",
            key_display="?",
            tooltip=CLOSE,
        ),
        Binding("q", "dismiss", "Close", show=False, id="help.close-q", tooltip=CLOSE),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(self.text)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
