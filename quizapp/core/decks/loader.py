"""Loading deck files: strict about the format, friendly about what is wrong."""

from __future__ import annotations

import gc
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.core.decks import codes
from quizapp.core.decks.model import FORMAT_VERSION, Card, Deck, Reference
from quizapp.core.decks.problems import Problem, Severity

# The YAML side (PyYAML, the node readers, the rules) is imported by the functions that parse:
# an app start whose decks all come from the cache never loads it (bench/run.py times starts).
if TYPE_CHECKING:
    from yaml.nodes import Node

    from quizapp.core.decks.node_reader import NodeReader

DECK_SUFFIXES = (".yaml", ".yml")
# A deck at the cap parses in about 1.4 s here, keeping any file under 2 s (bench/run.py).
MAX_DECK_BYTES = 10 * 1024 * 1024
DECK_KEYS = frozenset(
    {"format", "id", "title", "description", "reference", "tags", "cards", "sources", "lint"}
)
SOURCES = ("required", "none")  # `sources: none`: cards written from the author's knowledge
LINT_KEYS = frozenset({"ignore"})
CODE_PATTERN = r"Q[0-9]{3}"
REFERENCE_KEYS = frozenset({"title", "author", "year", "url"})


@dataclass
class LoadResult:
    """A deck file's outcome: the deck when it could be read, and every problem found."""

    path: Path
    deck: Deck | None = None
    problems: list[Problem] = field(default_factory=list)
    id_position: tuple[int, int] = (1, 1)  # where the deck id is written, for collisions
    # The bundled deck file this deck replaces (it has the same id); see `settle_deck_ids`.
    replaces: Path | None = None
    cards_in_file: int = 0  # the items of its `cards` list, loaded or not

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return self.deck is not None and not self.errors


def load_deck(path: Path) -> LoadResult:
    """Read and validate one deck file."""
    result = LoadResult(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return _fail(result, 1, 1, "this is a folder, not a deck file", codes.UNREADABLE)
        if not stat.S_ISREG(info.st_mode):
            return _fail(
                result, 1, 1, "this is not a regular file (a pipe or a device?)", codes.UNREADABLE
            )
        size = info.st_size
        if size > MAX_DECK_BYTES:
            limit = MAX_DECK_BYTES // (1024 * 1024)
            return _fail(
                result,
                1,
                1,
                f"the file is {size // (1024 * 1024)} MB; decks are at most {limit} MB",
                codes.UNREADABLE,
            )
        data = path.read_bytes()
    except OSError as exc:
        return _fail(result, 1, 1, f"cannot read the file: {exc.strerror or exc}", codes.UNREADABLE)
    return parse_deck_quickly(data, path)


def parse_deck_quickly(data: bytes, path: Path) -> LoadResult:
    """`parse_deck` with the garbage collector paused: a parse makes millions of objects and
    no cycles to collect, and the collector's passes would more than double its time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return parse_deck(data, path)
    finally:
        if was_enabled:
            gc.enable()


def parse_deck(data: bytes | str, path: Path) -> LoadResult:
    """Validate deck text that was read from `path`."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    from quizapp.core.decks.node_reader import NodeReader
    from quizapp.core.decks.yaml_nodes import (
        YamlSyntaxError,
        anchors_and_aliases,
        audit,
        compose,
        is_null,
        position,
    )

    result = LoadResult(path)
    if (
        isinstance(data, bytes)
        and b"\x00" in data
        and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    ):
        return _fail(result, 1, 1, _binary_message(data), codes.NOT_TEXT)
    try:
        root = compose(data)
    except YamlSyntaxError as exc:
        result.cards_in_file = _card_lines(data)  # for the summary, as well as can be told
        return _fail(result, exc.line, exc.column, exc.message, exc.code)
    if root is None or is_null(root):  # no document, or one that holds nothing ("---")
        message = "the file is empty; a deck needs format, id, title and cards"
        return _fail(result, 1, 1, message, codes.EMPTY_FILE)
    reader = NodeReader(path)
    if isinstance(root, MappingNode):
        for key, value in root.value:
            if isinstance(key, ScalarNode) and key.value == "cards":
                result.cards_in_file = len(value.value) if isinstance(value, SequenceNode) else 0
    structural = audit(root)
    for node, message in structural:
        reader.report(node, message, code=codes.YAML_NOT_ALLOWED)
    for line, column, message in anchors_and_aliases(data):
        problem = Problem(path, line, column, Severity.ERROR, message, codes.YAML_NOT_ALLOWED)
        reader.problems.append(problem)
    if reader.problems:
        result.problems = sorted(reader.problems)
        return result
    result.deck = _read_deck(reader, root, path)
    if isinstance(root, MappingNode):
        for key, value in root.value:
            if isinstance(key, ScalarNode) and key.value == "id":
                result.id_position = position(value)
    result.problems = sorted(reader.problems)
    return result


def _read_deck(reader: NodeReader, root: Node, path: Path) -> Deck | None:
    from quizapp.core.decks.validation import ID_PATTERN

    fields = reader.mapping(root, "the deck", DECK_KEYS, ("format", "id", "title", "cards"))
    if fields is None:
        return None
    version = reader.integer(fields.get("format"), "format")
    if version is not None and version != FORMAT_VERSION:
        reader.report(
            fields["format"],
            f"format {version} is not supported; this quizapp reads format {FORMAT_VERSION}",
            code=codes.FORMAT_VERSION,
        )
    deck_id = reader.text(fields.get("id"), "the deck id")
    if deck_id and not ID_PATTERN.fullmatch(deck_id):
        reader.report(
            fields["id"],
            f"deck id '{deck_id}' must use only letters, digits, '-', '_' and '.'",
            code=codes.BAD_ID,
        )
    title = reader.text(fields.get("title"), "the title")
    description = reader.text(fields.get("description"), "the description", allow_empty=True)
    reference = _read_reference(reader, fields.get("reference"))
    tags = reader.text_list(fields.get("tags"), "tags")
    sources = _read_sources(reader, fields.get("sources"))
    ignore = _read_lint(reader, fields.get("lint"))
    cards = _read_cards(reader, fields.get("cards"))
    if "cards" in fields and not cards and not reader.problems:
        reader.report(fields["cards"], "the deck has no cards", code=codes.NO_CARDS)
    if not (deck_id and title):
        return None
    return Deck(
        id=deck_id,
        title=title,
        path=path,
        cards=tuple(cards),
        description=description or "",
        reference=reference,
        tags=tags,
        format=version or FORMAT_VERSION,
        renamed=renames(cards),
        sources="" if sources == "required" else sources,
        lint_ignore=ignore,
    )


def _read_reference(reader: NodeReader, node: Node | None) -> Reference:
    if node is None:
        return Reference()
    fields = reader.mapping(node, "reference", REFERENCE_KEYS)
    if fields is None:
        return Reference()
    values = {key: reader.text(value, f"reference {key}") or "" for key, value in fields.items()}
    return Reference(**values)


def _read_sources(reader: NodeReader, node: Node | None) -> str:
    value = reader.text(node, "sources")
    if value is not None and value not in SOURCES:
        message = f"sources is '{value}'; use none (cards that quote no text) or required"
        reader.report(node, message, code=codes.UNKNOWN_VALUE)  # type: ignore[arg-type]
        return ""
    return value or ""


def _read_lint(reader: NodeReader, node: Node | None) -> tuple[str, ...]:
    """`lint: {ignore: [Q106, ...]}`: the warning codes not reported for this deck."""
    import re

    if node is None:
        return ()
    fields = reader.mapping(node, "lint", LINT_KEYS)
    if not fields or "ignore" not in fields:
        return ()
    found = reader.text_list(fields["ignore"], "lint ignore")
    for code in found:
        if not re.fullmatch(CODE_PATTERN, code):
            message = f"lint ignore: '{code}' is not a code; codes are written like Q105"
            reader.report(fields["ignore"], message, code=codes.UNKNOWN_CODE)
    return tuple(code for code in found if re.fullmatch(CODE_PATTERN, code))


def _read_cards(reader: NodeReader, node: Node | None) -> list[Card]:
    from quizapp.core.decks.card_reader import peek_card_id, read_card, reversed_card

    cards: list[Card] = []
    first_line: dict[str, int] = {}
    for item in reader.sequence(node, "cards"):
        card_id = peek_card_id(item)
        if card_id in first_line:
            line = first_line[card_id]
            message = f"duplicate card id '{card_id}' (first used on line {line})"
            reader.report(item, message, code=codes.DUPLICATE_ID)
        elif card_id:
            first_line[card_id] = item.start_mark.line + 1
        card = read_card(reader, item)
        if card is not None and first_line.get(card.id) == card.line:
            cards.append(card)
            if card.reverse:
                cards.append(reversed_card(card))
    _check_was(reader, cards, first_line)
    return cards


def _check_was(reader: NodeReader, cards: list[Card], lines: dict[str, int]) -> None:
    """A `was:` id must have left the deck, and be claimed by one card only."""
    from quizapp.core.decks.problems import Problem

    claimed: dict[str, str] = {}
    for card in cards:
        if card.reverse_of:
            continue
        for old in card.was:
            if old in lines:
                message = (
                    f"card '{card.id}' says it was '{old}', but '{old}' is still in the deck "
                    f"(line {lines[old]}); remove 'was: {old}' or the other card"
                )
            elif old in claimed:
                message = f"cards '{claimed[old]}' and '{card.id}' both say they were '{old}'"
            else:
                claimed[old] = card.id
                continue
            problem = Problem(reader.path, card.line, 1, Severity.ERROR, message, codes.WAS)
            reader.problems.append(problem)


def renames(cards: list[Card]) -> tuple[tuple[str, str], ...]:
    """(old id, card id) for every `was:` of the cards."""
    return tuple((old, card.id) for card in cards for old in card.was)


def _card_lines(data: bytes | str) -> int:
    """How many cards a file that is not YAML seems to hold: its `- id:` lines."""
    import re

    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return len(re.findall(r"(?m)^[ \t]*-[ \t]+\{?[ \t]*id[ \t]*:", text))


def _binary_message(data: bytes) -> str:
    """Why bytes with NULs are not a deck: UTF-16 text saved without its mark, or binary."""
    head = data[:4096]
    if head[1::2].count(0) > len(head) * 0.4 or head[0::2].count(0) > len(head) * 0.4:
        return "the file looks like UTF-16 text without a byte-order mark; save it as UTF-8"
    return "the file holds binary data, not YAML text"


def _fail(result: LoadResult, line: int, column: int, message: str, code: str | None) -> LoadResult:
    result.problems.append(Problem(result.path, line, column, Severity.ERROR, message, code))
    return result
