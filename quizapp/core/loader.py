"""Loading deck files: strict about the format, friendly about what is wrong."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import Node

from quizapp.core.card_reader import peek_card_id, read_card
from quizapp.core.model import FORMAT_VERSION, Card, Deck, Reference
from quizapp.core.node_reader import NodeReader
from quizapp.core.problems import Problem, Severity
from quizapp.core.validation import ID_PATTERN
from quizapp.core.yaml_nodes import YamlSyntaxError, audit, compose

DECK_SUFFIXES = (".yaml", ".yml")
MAX_DECK_BYTES = 16 * 1024 * 1024
DECK_KEYS = frozenset({"format", "id", "title", "description", "reference", "tags", "cards"})
REFERENCE_KEYS = frozenset({"title", "author", "year", "url"})


@dataclass
class LoadResult:
    """A deck file's outcome: the deck when it could be read, and every problem found."""

    path: Path
    deck: Deck | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def ok(self) -> bool:
        return self.deck is not None and not self.errors


def find_deck_files(paths: Iterable[Path]) -> list[Path]:
    """The deck files named, and those anywhere under the folders named, sorted per folder."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.suffix in DECK_SUFFIXES and p.is_file())
            files.extend(sorted(found))
        else:
            files.append(path)
    return files


def load_decks(paths: Iterable[Path]) -> list[LoadResult]:
    """Load every deck under `paths`; a broken file never stops the others."""
    return [load_deck(path) for path in find_deck_files(paths)]


def load_deck(path: Path) -> LoadResult:
    """Read and validate one deck file."""
    result = LoadResult(path)
    try:
        size = path.stat().st_size
        if size > MAX_DECK_BYTES:
            limit = MAX_DECK_BYTES // (1024 * 1024)
            return _fail(
                result,
                1,
                1,
                f"the file is {size // (1024 * 1024)} MB; decks are at most {limit} MB",
            )
        data = path.read_bytes()
    except OSError as exc:
        return _fail(result, 1, 1, f"cannot read the file: {exc.strerror or exc}")
    return parse_deck(data, path)


def parse_deck(data: bytes | str, path: Path) -> LoadResult:
    """Validate deck text that was read from `path`."""
    result = LoadResult(path)
    if (
        isinstance(data, bytes)
        and b"\x00" in data
        and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    ):
        return _fail(result, 1, 1, "the file holds binary data, not YAML text")
    try:
        root = compose(data)
    except YamlSyntaxError as exc:
        return _fail(result, exc.line, exc.column, exc.message)
    if root is None:
        return _fail(result, 1, 1, "the file is empty; a deck needs format, id, title and cards")
    reader = NodeReader(path)
    structural = audit(root)
    for node, message in structural:
        reader.report(node, message)
    if structural:
        result.problems = sorted(reader.problems)
        return result
    result.deck = _read_deck(reader, root, path)
    result.problems = sorted(reader.problems)
    return result


def _read_deck(reader: NodeReader, root: Node, path: Path) -> Deck | None:
    fields = reader.mapping(root, "the deck", DECK_KEYS, ("format", "id", "title", "cards"))
    if fields is None:
        return None
    version = reader.integer(fields.get("format"), "format")
    if version is not None and version != FORMAT_VERSION:
        reader.report(
            fields["format"],
            f"format {version} is not supported; this quizapp reads format {FORMAT_VERSION}",
        )
    deck_id = reader.text(fields.get("id"), "the deck id")
    if deck_id and not ID_PATTERN.fullmatch(deck_id):
        reader.report(
            fields["id"], f"deck id '{deck_id}' must use only letters, digits, '-', '_' and '.'"
        )
    title = reader.text(fields.get("title"), "the title")
    description = reader.text(fields.get("description"), "the description", allow_empty=True)
    reference = _read_reference(reader, fields.get("reference"))
    tags = reader.text_list(fields.get("tags"), "tags")
    cards = _read_cards(reader, fields.get("cards"))
    if "cards" in fields and not cards and not reader.problems:
        reader.report(fields["cards"], "the deck has no cards")
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
    )


def _read_reference(reader: NodeReader, node: Node | None) -> Reference:
    if node is None:
        return Reference()
    fields = reader.mapping(node, "reference", REFERENCE_KEYS)
    if fields is None:
        return Reference()
    values = {key: reader.text(value, f"reference {key}") or "" for key, value in fields.items()}
    return Reference(**values)


def _read_cards(reader: NodeReader, node: Node | None) -> list[Card]:
    cards: list[Card] = []
    first_line: dict[str, int] = {}
    for item in reader.sequence(node, "cards"):
        card_id = peek_card_id(item)
        if card_id in first_line:
            line = first_line[card_id]
            reader.report(item, f"duplicate card id '{card_id}' (first used on line {line})")
        elif card_id:
            first_line[card_id] = item.start_mark.line + 1
        card = read_card(reader, item)
        if card is not None and first_line.get(card.id) == card.line:
            cards.append(card)
    return cards


def _fail(result: LoadResult, line: int, column: int, message: str) -> LoadResult:
    result.problems.append(Problem(result.path, line, column, Severity.ERROR, message))
    return result
