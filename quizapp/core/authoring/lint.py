"""The deck linter: the loader's problems plus the rules of `lint_rules`, each at its place."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizapp.core.authoring import lint_rules
from quizapp.core.authoring.lint_rules import Finding
from quizapp.core.authoring.marking_rules import marking_findings
from quizapp.core.authoring.passages import Reference
from quizapp.core.authoring.yaml_slips import yaml_slips
from quizapp.core.decks import codes
from quizapp.core.decks.library import load_decks
from quizapp.core.decks.loader import LoadResult
from quizapp.core.decks.model import Deck
from quizapp.core.decks.problems import Problem, Severity
from quizapp.core.decks.yaml_nodes import YamlSyntaxError, compose, position

# A deck with `sources: none` quotes no text: these are not asked of it.
NOT_FOR_OWN_KNOWLEDGE = ("Q105", "Q109")
KNOWN_CODES = {**codes.CODES, **lint_rules.CODES}


@dataclass(frozen=True)
class Against(Reference):
    """A reference text that every source passage must appear in (one of several)."""


def lint_decks(
    paths: Sequence[Path],
    against: Against | Sequence[Against] | None = None,
    ignore: Collection[str] = (),
) -> list[LoadResult]:
    """Load the decks under `paths` and add the linter's warnings to each result's problems.

    Args:
        paths: Deck files and folders, as `quizapp check` takes them.
        against: Reference texts: every source passage must be found in one of them (Q109).
        ignore: Warning codes not to report (errors are always reported).

    Returns:
        One result per deck file, its problems sorted by position.
    """
    texts = [against] if isinstance(against, Reference) else list(against or ())
    results = load_decks(paths)
    by_deck: dict[int, LoadResult] = {}
    findings: list[tuple[LoadResult, Finding]] = []
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
            findings += [(result, f) for f in marking_findings(card)]
        findings += [(result, f) for f in lint_rules.duplicate_questions(deck)]
        if texts and deck.sources != "none":
            findings += [(result, f) for f in lint_rules.missing_passages(deck, texts)]
    findings += [(by_deck[id(d)], f) for d, f in lint_rules.near_duplicates(written)]
    locator = _Locator()
    for result, finding in findings:
        line, column = locator.find(result.path, finding)
        result.problems.append(
            Problem(result.path, line, column, finding.severity, finding.message, finding.code)
        )
    for result in results:
        if result.deck is not None:  # a file that loaded: never a pipe or a device
            result.problems += locator.slips(result.path)
            result.problems += _unknown_codes(result)
        result.problems = _kept(result, set(ignore))
        result.problems.sort()
    return results


def authored(deck: Deck) -> Deck:
    """The deck with the cards its file holds: without the siblings of reversed cards."""
    if not any(card.reverse for card in deck.cards):
        return deck
    return replace(deck, cards=tuple(card for card in deck.cards if not card.reverse_of))


def _kept(result: LoadResult, ignore: set[str]) -> list[Problem]:
    """The problems left once the ignored warnings are out (the deck's own and the caller's)."""
    deck = result.deck
    quiet = set(ignore)
    if deck is not None:
        quiet |= set(deck.lint_ignore)
        if deck.sources == "none":
            quiet |= set(NOT_FOR_OWN_KNOWLEDGE)
    return [p for p in result.problems if p.is_error or p.code not in quiet]


def _unknown_codes(result: LoadResult) -> list[Problem]:
    assert result.deck is not None
    unknown = [code for code in result.deck.lint_ignore if code not in KNOWN_CODES]
    return [
        Problem(
            result.path,
            *result.id_position,
            Severity.WARNING,
            f"lint ignore names {code}, which is no code of quizapp check; see quizapp check "
            "--help for the list",
            codes.UNKNOWN_CODE,
        )
        for code in unknown
    ]


def escalate(problem: Problem) -> Problem:
    """The problem as an error (`check --strict`)."""
    return replace(problem, severity=Severity.ERROR)


class _Locator:
    """Finds where a card's field is written, composing each deck file once at most."""

    def __init__(self) -> None:
        self.cards: dict[Path, dict[str, Node]] = {}
        self.found_slips: dict[Path, list[Problem]] = {}

    def _read(self, path: Path) -> None:
        if path in self.cards:
            return
        self.cards[path], self.found_slips[path] = {}, []
        try:
            data = path.read_bytes()
            root = compose(data)
        except (OSError, YamlSyntaxError):
            return
        self.cards[path] = _card_nodes(root)
        text = data.decode("utf-8-sig", "replace")
        self.found_slips[path] = [
            Problem(path, s.line, s.column, Severity.WARNING, s.message, s.code)
            for s in yaml_slips(root, text)
        ]

    def slips(self, path: Path) -> list[Problem]:
        self._read(path)
        return self.found_slips[path]

    def find(self, path: Path, finding: Finding) -> tuple[int, int]:
        self._read(path)
        node = self.cards[path].get(finding.card.id)
        if node is None:
            return finding.card.line or 1, 1
        for part in finding.field.split(".") if finding.field else ():
            child = _child(node, part)
            if child is None:
                break
            node = child
        return position(node)


def _card_nodes(root: Node | None) -> dict[str, Node]:
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
                found: Node = value
                return found
    if isinstance(node, SequenceNode) and part.isdigit() and int(part) < len(node.value):
        item: Node = node.value[int(part)]
        return item
    return None
