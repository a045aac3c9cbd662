"""YAML that loads but not as the author meant: a list written as one text with commas, and
a ' #' that cuts an unquoted text short (the rest is a comment). Both are warnings."""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizapp.core.decks.codes import COMMA_LIST, HASH_IN_TEXT
from quizapp.core.decks.yaml_nodes import position

LIST_FIELDS = ("wrong", "alternatives", "tags")
TEXT_FIELDS = ("title", "description", "question", "answer", "explanation", "source", "text")


@dataclass(frozen=True)
class Slip:
    line: int
    column: int
    code: str
    message: str


def yaml_slips(root: Node | None, text: str) -> list[Slip]:
    """The slips in a composed deck (`text` is what it was composed from)."""
    if not isinstance(root, MappingNode):
        return []
    found: list[Slip] = []
    _check_mapping(root, text, found)
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == "cards" and isinstance(value, SequenceNode):
            for card in value.value:
                if isinstance(card, MappingNode):
                    _check_mapping(card, text, found)
                    for inner_key, inner in card.value:
                        if inner_key.value == "events" and isinstance(inner, SequenceNode):
                            for event in inner.value:
                                if isinstance(event, MappingNode):
                                    _check_mapping(event, text, found)
    return found


def _check_mapping(node: MappingNode, text: str, found: list[Slip]) -> None:
    for key, value in node.value:
        if not isinstance(key, ScalarNode):
            continue
        name = key.value
        if name in LIST_FIELDS and _plain(value) and "," in value.value:
            parts = [part.strip() for part in value.value.split(",") if part.strip()]
            line, column = position(value)
            found.append(
                Slip(
                    line,
                    column,
                    COMMA_LIST,
                    f"'{name}' is one text with commas, so it is a single item: "
                    f"'{value.value}'; write a list: {name}: [{', '.join(parts)}]",
                )
            )
        items = value.value if name in LIST_FIELDS and isinstance(value, SequenceNode) else ()
        for scalar in (value, *items) if name in (*TEXT_FIELDS, *LIST_FIELDS) else ():
            slip = _cut_by_comment(name, scalar, text)
            if slip is not None:
                found.append(slip)


def _plain(node: Node) -> bool:
    return isinstance(node, ScalarNode) and not node.style


def _cut_by_comment(name: str, node: Node, text: str) -> Slip | None:
    """An unquoted text followed, after a single space, by '#': most likely a '#' meant as
    part of the text ('Pakistan's #1 partner'); a comment set apart by more spaces is left."""
    if not _plain(node):
        return None
    end = node.end_mark.index
    if not text.startswith(" #", end) or text.startswith("  ", end):
        return None
    line_end = text.find("\n", end)
    rest = text[end + 1 : line_end if line_end >= 0 else None].rstrip()
    whole = f"{node.value} {rest}"
    line, column = node.end_mark.line + 1, node.end_mark.column + 2
    message = (
        f"the text of '{name}' stops before ' #': '{rest}' is read as a comment; if it "
        f'belongs to the text, put the whole text in quotes: {name}: "{whole}"'
    )
    return Slip(line, column, HASH_IN_TEXT, message)
