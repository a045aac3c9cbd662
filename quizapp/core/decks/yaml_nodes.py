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

from quizapp.core.decks import codes
from quizapp.core.decks.yaml_words import explain

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
    code: str = codes.YAML_SYNTAX


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
        known = explain(_as_text(data), exc, SafeLoader)
        if known is not None:
            raise YamlSyntaxError(*known) from exc
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(filter(None, [exc.context, exc.problem])) or "invalid YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        start = exc.context_mark
        if start and mark and start.line != mark.line:
            if "end of stream" in (exc.problem or ""):
                # Something left open (a quote, a bracket) ran to the end of the file: the
                # place to fix is where it began, not the file's last line.
                message += " (it begins here and is never closed)"
                line, column = start.line + 1, start.column + 1
            else:
                message += (
                    f" (the structure began at line {start.line + 1}, column {start.column + 1})"
                )
        raise YamlSyntaxError(line, column, f"YAML syntax: {message}") from exc
    except yaml.reader.ReaderError as exc:
        offset = exc.position
        if isinstance(data, bytes) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as bad:
                offset = bad.start  # the very byte; the reader points near it
        line, column = _offset_position(data, offset)
        raise YamlSyntaxError(line, column, _reader_message(exc), codes.NOT_TEXT) from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, 1, f"YAML syntax: {exc}") from exc
    except RecursionError as exc:
        raise YamlSyntaxError(1, 1, "the file is nested too deeply to be a deck") from exc


def _as_text(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    return data.decode("utf-8-sig", "replace")


def _offset_position(data: bytes | str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of an offset into the text (bytes count as characters)."""
    newline = b"\n" if isinstance(data, bytes) else "\n"
    offset = max(0, min(offset, len(data)))
    line_start = data.rfind(newline, 0, offset) + 1  # type: ignore[arg-type]
    return data.count(newline, 0, offset) + 1, offset - line_start + 1  # type: ignore[arg-type]


def _reader_message(exc: yaml.reader.ReaderError) -> str:
    """Why the text could not be read, in words a deck author can act on."""
    if "UTF-8" in exc.reason or exc.encoding == "utf-8":
        return (
            "the file is not UTF-8 text here (it may be Latin-1 or Windows-1252); save it as UTF-8"
        )
    if "control characters" in exc.reason or "special characters" in exc.reason:
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return f"the character U+{code:04X} (a control character) is not allowed in deck text"
    return f"cannot decode the file: {exc.reason}"


def position(node: Node) -> tuple[int, int]:
    """The 1-based line and column where a node starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG


def audit(node: Node) -> list[tuple[Node, str]]:
    """Explicit tags under `node`, which decks do not allow (see `anchors_and_aliases` too).

    Every node is visited once, so an alias bomb costs no more than its text.
    """
    found: list[tuple[Node, str]] = []
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
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


def anchors_and_aliases(data: bytes | str) -> list[tuple[int, int, str]]:
    """Where the text defines an anchor (&name) or uses an alias (*name): (line, column, why).

    Read from the parser's events: once composed, an alias is the anchored node itself and
    only keeps the anchor's position. Call it on text that `compose` accepted.
    """
    probe = data.encode("utf-8", "replace") if isinstance(data, str) else data
    if b"&" not in probe and b"*" not in probe:
        return []
    found: list[tuple[int, int, str]] = []
    for event in yaml.parse(data, Loader=SafeLoader):
        anchor = getattr(event, "anchor", None)  # on aliases, scalars and collections
        if isinstance(event, yaml.AliasEvent):
            what = f"alias '*{anchor}'"
        elif anchor:
            what = f"anchor '&{anchor}'"
        else:
            continue
        mark = event.start_mark
        if mark is None:
            continue
        message = f"{what}: anchors and aliases are not allowed in decks; write the value out"
        found.append((mark.line + 1, mark.column + 1, message))
    return found
