"""The deck linter: the loader's problems plus the rules of `lint_rules`, each at its place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizapp.core.authoring import lint_rules
from quizapp.core.authoring.lint_rules import Finding
from quizapp.core.decks.library import load_decks
from quizapp.core.decks.loader import LoadResult
from quizapp.core.decks.model import Deck
from quizapp.core.decks.problems import Problem, Severity
from quizapp.core.decks.yaml_nodes import YamlSyntaxError, compose, position


@dataclass(frozen=True)
class Against:
    """A reference text that every source passage must appear in."""

    name: str
    text: str


def lint_decks(paths: Sequence[Path], against: Against | None = None) -> list[LoadResult]:
    """Load the decks under `paths` and add the linter's warnings to each result's problems.

    Args:
        paths: Deck files and folders, as `quizapp check` takes them.
        against: When given, every source passage must be found in its text (Q109).

    Returns:
        One result per deck file, its problems sorted by position.
    """
    results = load_decks(paths)
    by_deck: dict[int, LoadResult] = {}
    findings: list[tuple[LoadResult, Finding]] = []
    folded = lint_rules.fold_space(against.text) if against else ""
    written: list[Deck] = []
    for result in results:
        deck = result.deck
        if deck is None:
            continue
        # The rules read the cards as written: a reversed card's sibling is checked on it.
        deck = authored(deck)
        written.append(deck)
        by_deck[id(deck)] = result
        for card in deck.cards:
            findings += [(result, f) for f in lint_rules.card_findings(card)]
        findings += [(result, f) for f in lint_rules.duplicate_questions(deck)]
        if against is not None:
            findings += [
                (result, f) for f in lint_rules.missing_passages(deck, folded, against.name)
            ]
    findings += [(by_deck[id(d)], f) for d, f in lint_rules.near_duplicates(written)]
    locator = _Locator()
    for result, finding in findings:
        line, column = locator.find(result.path, finding)
        result.problems.append(
            Problem(result.path, line, column, Severity.WARNING, finding.message, finding.code)
        )
    for result in results:
        result.problems.sort()
    return results


def authored(deck: Deck) -> Deck:
    """The deck with the cards its file holds: without the siblings of reversed cards."""
    if not any(card.reverse for card in deck.cards):
        return deck
    return replace(deck, cards=tuple(card for card in deck.cards if not card.reverse_of))


def escalate(problem: Problem) -> Problem:
    """The problem as an error (`check --strict`)."""
    return replace(problem, severity=Severity.ERROR)


class _Locator:
    """Finds where a card's field is written, composing each deck file once at most."""

    def __init__(self) -> None:
        self.cards: dict[Path, dict[str, Node]] = {}

    def find(self, path: Path, finding: Finding) -> tuple[int, int]:
        if path not in self.cards:
            self.cards[path] = _card_nodes(path)
        node = self.cards[path].get(finding.card.id)
        if node is None:
            return finding.card.line or 1, 1
        for part in finding.field.split(".") if finding.field else ():
            child = _child(node, part)
            if child is None:
                break
            node = child
        return position(node)


def _card_nodes(path: Path) -> dict[str, Node]:
    try:
        root = compose(path.read_bytes())
    except (OSError, YamlSyntaxError):
        return {}
    cards = _child(root, "cards") if root is not None else None
    found: dict[str, Node] = {}
    for item in cards.value if isinstance(cards, SequenceNode) else ():
        card_id = _child(item, "id")
        if isinstance(card_id, ScalarNode):
            found.setdefault(card_id.value.strip(), item)
    return found


def _child(node: Node, part: str) -> Node | None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == part:
                return value
    if isinstance(node, SequenceNode) and part.isdigit() and int(part) < len(node.value):
        return node.value[int(part)]
    return None
