"""Typed reading of YAML nodes that records every problem with its position."""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizapp.core.decks.codes import (
    DUPLICATE_KEY,
    EMPTY_VALUE,
    MISSING_FIELD,
    UNKNOWN_KEY,
    WRONG_TYPE,
)
from quizapp.core.decks.problems import Problem, Severity
from quizapp.core.decks.yaml_nodes import is_null, position

BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"


class NodeReader:
    """Reads values out of nodes, collecting a problem for each thing that is wrong.

    Methods return None (or an empty value) when the node is unusable, so a caller can go on
    and report every problem of a file in one pass.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def report(
        self,
        node: Node,
        message: str,
        severity: Severity = Severity.ERROR,
        code: str | None = None,
    ) -> None:
        line, column = position(node)
        self.problems.append(Problem(self.path, line, column, severity, message, code))

    def mapping(
        self, node: Node, what: str, allowed: frozenset[str], required: tuple[str, ...] = ()
    ) -> dict[str, Node] | None:
        """The keys of a mapping node, reporting duplicates, unknown and missing keys."""
        if not isinstance(node, MappingNode):
            self.report(
                node, f"{what} must be a mapping of fields, not {describe(node)}", code=WRONG_TYPE
            )
            return None
        fields: dict[str, Node] = {}
        key_lines: dict[str, int] = {}  # the key's own line: a block value starts below it
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or is_null(key_node):
                self.report(
                    key_node, f"{what} has a key that is not a plain name", code=UNKNOWN_KEY
                )
                continue
            key = key_node.value
            if key in key_lines:
                line = key_lines[key]
                self.report(
                    key_node,
                    f"duplicate key '{key}' in {what} (first given on line {line})",
                    code=DUPLICATE_KEY,
                )
                continue
            key_lines[key] = position(key_node)[0]
            if key not in allowed:
                hint = closest(key, allowed)
                tip = (
                    f"; did you mean '{hint}'?"
                    if hint
                    else f"; allowed: {', '.join(sorted(allowed))}"
                )
                self.report(key_node, f"unknown key '{key}' in {what}{tip}", code=UNKNOWN_KEY)
                continue
            fields[key] = value_node
        for key in required:
            if key not in fields:
                message = f"{what} is missing the required field '{key}'"
                self.report(node, message, code=MISSING_FIELD)
        return fields

    def text(self, node: Node | None, what: str, *, allow_empty: bool = False) -> str | None:
        """A scalar's raw text (numbers and dates stay as written)."""
        if node is None:
            return None
        if not isinstance(node, ScalarNode):
            self.report(node, f"{what} must be text, not {describe(node)}", code=WRONG_TYPE)
            return None
        value = "" if is_null(node) else node.value.strip()
        if not value and not allow_empty:
            self.report(node, f"{what} is empty", code=EMPTY_VALUE)
            return None
        return value

    def integer(self, node: Node | None, what: str) -> int | None:
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or node.tag != INT_TAG:
            self.report(
                node, f"{what} must be a whole number, not {describe(node)}", code=WRONG_TYPE
            )
            return None
        return int(node.value)

    def boolean(self, node: Node | None, what: str) -> bool:
        """A YAML true or false (False when absent or wrong, the wrong one reported)."""
        if node is None:
            return False
        if not isinstance(node, ScalarNode) or node.tag != BOOL_TAG:
            self.report(
                node, f"{what} must be true or false, not {describe(node)}", code=WRONG_TYPE
            )
            return False
        return node.value.lower() in ("true", "yes", "on")

    def text_list(self, node: Node | None, what: str) -> tuple[str, ...]:
        """A list of non-empty strings; a single string is accepted as a list of one."""
        if node is None or is_null(node):
            return ()
        if isinstance(node, ScalarNode):
            value = self.text(node, what)
            return (value,) if value else ()
        if not isinstance(node, SequenceNode):
            self.report(
                node, f"{what} must be a list of text, not {describe(node)}", code=WRONG_TYPE
            )
            return ()
        items = (self.text(item, f"an item of {what}") for item in node.value)
        return tuple(item for item in items if item)

    def sequence(self, node: Node | None, what: str) -> list[Node]:
        if node is None:
            return []
        if not isinstance(node, SequenceNode):
            self.report(node, f"{what} must be a list, not {describe(node)}", code=WRONG_TYPE)
            return []
        return list(node.value)


def describe(node: Node) -> str:
    """How a node reads to a person: 'a list', 'a mapping', 'nothing', 'the number 3'."""
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    if is_null(node):
        return "nothing"
    if node.tag == INT_TAG:
        return f"the number {node.value}"
    if node.tag == BOOL_TAG:
        return f"the value {node.value}"
    return f"'{node.value}'"


# What other flashcard formats (Anki, Quizlet, hashcards) call our fields: an instructor who
# writes `front:` is told to write `question:`.
OTHER_NAMES = {
    "front": "question",
    "prompt": "question",
    "term": "question",
    "q": "question",
    "back": "answer",
    "definition": "answer",
    "response": "answer",
    "a": "answer",
    "note": "explanation",
    "notes": "explanation",
    "extra": "explanation",
    "citation": "source",
    "quote": "source",
    "passage": "source",
    "distractors": "wrong",
    "options": "wrong",
    "choices": "wrong",
    "tag": "tags",
    "name": "title",
    "deck": "title",
}


def closest(word: str, choices: frozenset[str]) -> str | None:
    """The allowed key a misspelt key (or another format's name for it) was meant to be."""
    from difflib import get_close_matches

    if OTHER_NAMES.get(word.lower()) in choices:
        return OTHER_NAMES[word.lower()]

    matches = get_close_matches(word, sorted(choices), n=1, cutoff=0.75)
    return matches[0] if matches else None
