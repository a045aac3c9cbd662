"""Safe YAML parsing into nodes with positions, for precise deck diagnostics.

Decks are composed, never constructed: we read the node tree (which keeps line and column
marks and raw scalar text) and build the model ourselves, so no object is ever instantiated,
duplicate keys can be caught, and aliases (the "billion laughs" attack) are refused.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:
    from yaml import CSafeLoader as SafeLoader

    HAS_C_LOADER = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

    HAS_C_LOADER = False

STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
NULL_TAG = "tag:yaml.org,2002:null"

_warned_slow = False


@dataclass(frozen=True)
class YamlSyntaxError(Exception):
    """The text is not valid YAML; line and column are 1-based."""

    line: int
    column: int
    message: str


def compose(data: bytes | str) -> Node | None:
    """Parse a YAML document into its node tree.

    Raises:
        YamlSyntaxError: the text is not YAML, or is nested too deeply to read.
    """
    global _warned_slow
    if not HAS_C_LOADER and not _warned_slow:
        _warned_slow = True
        warnings.warn("PyYAML has no C loader here: decks load slowly", stacklevel=2)
    try:
        return yaml.compose(data, Loader=SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(filter(None, [exc.context, exc.problem])) or "invalid YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        start = exc.context_mark
        if start and mark and start.line != mark.line:
            message += f" (the structure began at line {start.line + 1}, column {start.column + 1})"
        raise YamlSyntaxError(line, column, f"YAML syntax: {message}") from exc
    except yaml.reader.ReaderError as exc:
        raise YamlSyntaxError(1, 1, f"cannot decode the file: {exc.reason}") from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, 1, f"YAML syntax: {exc}") from exc
    except RecursionError as exc:
        raise YamlSyntaxError(1, 1, "the file is nested too deeply to be a deck") from exc


def position(node: Node) -> tuple[int, int]:
    """The 1-based line and column where a node starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG


def audit(node: Node) -> list[tuple[Node, str]]:
    """Aliases and explicit tags under `node`, which decks do not allow.

    Every node is visited once, so an alias bomb costs no more than its text.
    """
    found: list[tuple[Node, str]] = []
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            found.append((current, "anchors and aliases are not allowed in decks"))
            continue
        seen.add(id(current))
        if current.tag not in STANDARD_TAGS:
            found.append((current, f"YAML tag {current.tag!r} is not allowed in decks"))
        if isinstance(current, MappingNode):
            for key, value in reversed(current.value):
                stack.extend((value, key))
        elif isinstance(current, SequenceNode):
            stack.extend(reversed(current.value))
    return found
