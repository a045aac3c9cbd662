"""Writing cards into an existing deck file while keeping the file as its author wrote it.

The text of every card that does not change, the comments, blank lines and the header are kept
byte for byte: only the text of a changed card is replaced, and new cards are added after the
last one. A changed card is edited in ruamel.yaml's round-trip mode, so its comments, its key
order and the quoting of its untouched fields stay; new cards are written as quizapp writes
decks. Each card's place in the file is read from PyYAML's node marks.

The result is checked before anything is written: it must load as the intended deck, or the
whole file is written afresh (and the edit says so). The old file is kept as `NAME.bak`.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizapp.core.authoring.writer import card_fields, deck_yaml, new_card_yaml, write_atomic
from quizapp.core.decks.loader import parse_deck
from quizapp.core.decks.model import Deck
from quizapp.core.decks.yaml_nodes import YamlSyntaxError, compose

BACKUP_SUFFIX = ".bak"


@dataclass(frozen=True)
class CardChange:
    """A card whose fields changed, and which."""

    card_id: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class DeckEdit:
    """What writing `new` over a deck file will do."""

    path: Path
    text: str
    added: tuple[str, ...]
    changed: tuple[CardChange, ...]
    removed: tuple[str, ...]
    header: tuple[str, ...]  # deck fields changed, e.g. ("title",)
    kept_layout: bool  # False when the file had to be written afresh
    encoded: bytes = b""

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.changed or self.removed or self.header)

    def summary(self) -> list[str]:
        """What the edit changes, in words, one line each."""
        lines = []
        if self.added:
            lines.append(f"added {len(self.added)} card(s): {', '.join(self.added)}")
        for change in self.changed:
            lines.append(f"changed card '{change.card_id}': {', '.join(change.fields)}")
        if self.removed:
            lines.append(f"removed {len(self.removed)} card(s): {', '.join(self.removed)}")
        if self.header:
            lines.append(f"changed the deck's {', '.join(self.header)}")
        if not self.kept_layout:
            lines.append("the file was written afresh: its comments and layout were not kept")
        return lines or ["nothing changed"]


class DeckChangedError(Exception):
    """The deck file is not the deck the edit was planned on (edited meanwhile, or broken)."""


def plan_edit(path: Path, data: bytes, old: Deck, new: Deck) -> DeckEdit:
    """The file text that turns deck `old` (read from `data`) into deck `new`.

    Raises:
        DeckChangedError: `data` does not load as `old`.
    """
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    loaded = parse_deck(text, path).deck
    if loaded is None or _cards_of(loaded) != _cards_of(old):
        raise DeckChangedError(f"{path} changed since it was read; nothing was written")
    olds = {card.id: card_fields(card) for card in old.cards if not card.reverse_of}
    news = {card.id: card_fields(card) for card in new.cards if not card.reverse_of}
    added = tuple(card_id for card_id in news if card_id not in olds)
    removed = tuple(card_id for card_id in olds if card_id not in news)
    changed = tuple(
        CardChange(card_id, _changed_fields(olds[card_id], news[card_id]))
        for card_id in news
        if card_id in olds and olds[card_id] != news[card_id]
    )
    header = tuple(
        name
        for name in ("title", "description", "reference", "tags")
        if getattr(old, name) != getattr(new, name)
    )
    edited = _splice(text, old, new, added, changed, removed, header)
    kept = edited is not None and _loads_as(edited, path, new)
    final = edited if kept and edited is not None else deck_yaml(new)
    encoded = (b"\xef\xbb\xbf" if bom and kept else b"") + final.encode("utf-8")
    return DeckEdit(path, final, added, changed, removed, header, kept, encoded)


def apply_edit(edit: DeckEdit, original: bytes) -> Path:
    """Keep the old file as NAME.bak, then write the new one atomically; returns the backup.

    Raises:
        OSError: a file cannot be written (the deck file is then as it was).
    """
    backup = edit.path.with_name(edit.path.name + BACKUP_SUFFIX)
    write_atomic(backup, original)
    write_atomic(edit.path, edit.encoded or edit.text.encode("utf-8"))
    return backup


def _cards_of(deck: Deck) -> list[dict[str, Any]]:
    """The cards as written (a reversed card's sibling comes from `reverse: true` on it)."""
    return [card_fields(card) for card in deck.cards if not card.reverse_of]


def _changed_fields(old: dict[str, Any], new: dict[str, Any]) -> tuple[str, ...]:
    keys = [*new, *(k for k in old if k not in new)]
    return tuple(k for k in keys if old.get(k) != new.get(k))


def _loads_as(text: str, path: Path, deck: Deck) -> bool:
    result = parse_deck(text, path)
    loaded = result.deck
    if loaded is None or result.errors:
        return False
    same_header = all(
        getattr(loaded, name) == getattr(deck, name)
        for name in ("id", "title", "description", "reference", "tags")
    )
    return same_header and _cards_of(loaded) == _cards_of(deck)


# Finding each card's text ---------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    start: int  # the start of the line of the card's dash
    end: int  # just after the card's last line (its line break included)
    dash: int  # the dash's column
    key: int  # the column of the card's keys


def _splice(
    text: str,
    old: Deck,
    new: Deck,
    added: Sequence[str],
    changed: Sequence[CardChange],
    removed: Sequence[str],
    header: Sequence[str],
) -> str | None:
    """The edited text, or None when the file's layout cannot be followed safely."""
    if set(header) - {"title"}:
        return None
    try:
        root = compose(text)
    except YamlSyntaxError:
        return None
    fields = _mapping(root)
    cards = fields.get("cards")
    if not isinstance(cards, SequenceNode) or cards.flow_style or not cards.value:
        return None
    spans: dict[str, _Span] = {}
    for item in cards.value:
        id_node = _mapping(item).get("id")
        if not isinstance(id_node, ScalarNode):
            return None
        spans[id_node.value.strip()] = _span(text, item)
    newline = "\r\n" if "\r\n" in text else "\n"
    by_id = {card.id: card for card in new.cards}
    olds = {card.id: card for card in old.cards}
    edits: list[tuple[int, int, str]] = []
    for change in changed:
        span = spans[change.card_id]
        body = _edit_card(
            text[span.start : span.end],
            span,
            card_fields(olds[change.card_id]),
            card_fields(by_id[change.card_id]),
        )
        if body is None:
            return None
        edits.append((span.start, span.end, body.replace("\n", newline)))
    for card_id in removed:
        span = spans[card_id]
        edits.append((span.start, span.end, ""))
    if added:
        last = max(spans.values(), key=lambda s: s.end)
        gap = _separated(text, list(spans.values()))
        block = "".join(
            (newline if gap else "")
            + _indent(new_card_yaml(by_id[card_id]), last).replace("\n", newline)
            for card_id in added
        )
        tail = "" if text[: last.end].endswith(("\n", "\r")) else newline
        edits.append((last.end, last.end, tail + block))
    if "title" in header:
        title = fields.get("title")
        if not isinstance(title, ScalarNode) or title.style in ("|", ">"):
            return None
        edits.append((title.start_mark.index, title.end_mark.index, _scalar(new.title)))
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _mapping(node: Node | None) -> dict[str, Node]:
    if not isinstance(node, MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, ScalarNode)}


def _span(text: str, item: Node) -> _Span:
    dash = text.rfind("-", 0, item.start_mark.index)
    start = text.rfind("\n", 0, dash) + 1
    end, keep = _last_index(item)
    line_end = text.find("\n", end - 1 if end and text[end - 1] == "\n" else end)
    end = len(text) if line_end < 0 else line_end + 1
    if not keep:  # trailing blank lines of a block scalar are not the card's
        while True:
            previous = text.rfind("\n", start, end - 1)
            if previous < 0 or text[previous + 1 : end].strip():
                break
            end = previous + 1
    return _Span(start, end, dash - start, item.start_mark.column)


def _last_index(node: Node) -> tuple[int, bool]:
    """Where the last character of a node's content is, and whether it keeps trailing lines.

    A block mapping's or sequence's own end mark is the next token's start, past comments
    and blank lines that follow it; its last scalar or flow collection ends where it ends.
    """
    if isinstance(node, ScalarNode) or getattr(node, "flow_style", False):
        keep = isinstance(node, ScalarNode) and node.style in ("|", ">") and "+" in _header(node)
        return node.end_mark.index, keep
    children: list[Node] = []
    if isinstance(node, MappingNode):
        children = [part for pair in node.value for part in pair]
    elif isinstance(node, SequenceNode):
        children = list(node.value)
    ends = [_last_index(child) for child in children]
    return max(ends, default=(node.start_mark.index, False))


def _header(node: ScalarNode) -> str:
    buffer = node.start_mark.buffer
    if not buffer:
        return ""
    start = node.start_mark.index
    line_end = buffer.find("\n", start)
    return buffer[start : line_end if line_end >= 0 else None].split("#")[0]


def _separated(text: str, spans: list[_Span]) -> bool:
    """Whether the cards are set apart by blank lines (the next card then gets one too)."""
    ordered = sorted(spans, key=lambda s: s.start)
    if len(ordered) < 2:
        return True
    gap = text[ordered[0].end : ordered[1].start]
    return any(not line.strip() for line in gap.splitlines())


def _indent(block: str, span: _Span) -> str:
    """A card written with its dash at column 0 and keys at 2, placed as `span`'s card is."""
    lines = block.splitlines(keepends=True)
    extra = span.key - span.dash - 2
    shifted = []
    for number, line in enumerate(lines):
        if not line.strip():
            shifted.append(line)
            continue
        if number == 0:
            line = "-" + " " * (span.key - span.dash - 1) + line[2:]
        elif extra > 0:
            line = " " * extra + line
        elif extra < 0 and line.startswith(" " * -extra):
            line = line[-extra:]
        shifted.append(" " * span.dash + line)
    return "".join(shifted)


def _scalar(value: str) -> str:
    """A one-line YAML scalar for `value`: plain when it reads back as itself, else quoted."""
    try:
        plain = yaml.safe_load(value) == value and "\n" not in value and " #" not in value
    except yaml.YAMLError:
        plain = False
    return value if plain and value.strip() == value else json.dumps(value, ensure_ascii=False)


def _edit_card(snippet: str, span: _Span, old: dict[str, Any], new: dict[str, Any]) -> str | None:
    """A changed card's text: only its changed fields rewritten, in ruamel.yaml round-trip."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError

    # Loaded and written at the file's own indentation, under a stand-in `cards:` key: ruamel
    # keeps a comment at its column only when the card does not move.
    editor = YAML(typ="rt")
    editor.preserve_quotes = True
    editor.width = 4096  # never re-wrap a line the author wrapped (or did not)
    editor.indent(mapping=2, sequence=span.key, offset=span.dash)
    try:
        loaded = editor.load("cards:\n" + snippet)
    except YAMLError:
        return None
    items = loaded.get("cards") if isinstance(loaded, CommentedMap) else None
    if not isinstance(items, CommentedSeq) or not isinstance(items[0], CommentedMap):
        return None
    card = items[0]
    order = list(new)
    for key in [*new, *(k for k in old if k not in new)]:
        if old.get(key) == new.get(key) and key in card:
            continue
        if key not in new:
            card.pop(key, None)
            continue
        value = _ruamel_value(new[key])
        if key in card:
            card[key] = value
        else:
            before = [k for k in order[: order.index(key)] if k in card]
            position = list(card).index(before[-1]) + 1 if before else 0
            card.insert(position, key, value)
    out = io.StringIO()
    editor.dump(loaded, out)
    emitted = out.getvalue()
    return emitted.removeprefix("cards:\n") if emitted.startswith("cards:\n") else None


def _ruamel_value(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, str):
        return LiteralScalarString(value) if "\n" in value else value
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _ruamel_value(item)
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq(_ruamel_value(item) for item in value)
        if type(value).__name__ == "_Flow":
            sequence.fa.set_flow_style()
        return sequence
    return value
