"""Writing decks as YAML in our format, with a stable key order, and files atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from quizapp.core.decks.model import Card, ChronologyEvent, Deck, QuestionType, Reference

HEADER = (
    "# Written by quizapp. Edit it freely: when quizapp adds or updates cards, it keeps your\n"
    "# comments and the text of every card it does not change.\n"
)


class _Dumper(yaml.SafeDumper):
    """Block style, list items indented under their key, never an anchor or alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class _Flow(list[str]):
    """A short list of words, written on one line as `[a, b]`."""


def _flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_Flow, _flow)


def _items(values: tuple[str, ...]) -> list[str]:
    short = sum(len(v) + 2 for v in values) <= 60 and not any("\n" in v for v in values)
    return _Flow(values) if short else list(values)


def card_fields(card: Card) -> dict[str, Any]:
    """A card as a mapping in the order the deck format documents; empty fields left out."""
    fields: dict[str, Any] = {"id": card.id, "kind": str(card.kind), "type": str(card.type)}
    if card.type is QuestionType.CLOZE:
        fields["text"] = card.text
    else:
        fields["question"] = card.question
    if card.type not in (QuestionType.CLOZE, QuestionType.CHRONOLOGY):
        fields["answer"] = card.answer
    optional = {
        "alternatives": _items(card.alternatives),
        "wrong": _items(card.wrong),
        "date": card.date,
        "explanation": card.explanation,
        "source": card.source,
        "tags": _items(card.tags),
        "events": [_event(e) for e in card.events],
        "reverse": card.reverse,
        "was": card.was[0] if len(card.was) == 1 else _items(card.was),
        "feedback": dict(card.feedback),
        "tolerance": card.tolerance,
    }
    fields.update({key: value for key, value in optional.items() if value})
    return fields


def _event(event: ChronologyEvent) -> dict[str, str]:
    fields = {"text": event.text, "date": event.date}
    if event.source:
        fields["source"] = event.source
    return fields


def deck_fields(deck: Deck) -> dict[str, Any]:
    """A deck as a mapping: header fields, then the cards."""
    fields: dict[str, Any] = {"format": deck.format, "id": deck.id, "title": deck.title}
    if deck.description:
        fields["description"] = deck.description
    if deck.reference != Reference():
        reference = vars(deck.reference)
        fields["reference"] = {key: value for key, value in reference.items() if value}
    if deck.tags:
        fields["tags"] = _items(deck.tags)
    if deck.sources:
        fields["sources"] = deck.sources
    if deck.lint_ignore:
        fields["lint"] = {"ignore": _items(deck.lint_ignore)}
    # A reversed card's sibling is not written: `reverse: true` on its card makes it.
    fields["cards"] = [card_fields(card) for card in deck.cards if not card.reverse_of]
    return fields


def deck_yaml(deck: Deck) -> str:
    """The deck file's text: the same deck always gives the same text."""
    text = yaml.dump(
        deck_fields(deck), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )
    # A blank line between cards, as the bundled decks are written.
    text = text.replace("\n  - id: ", "\n\n  - id: ").replace("cards:\n\n", "cards:\n", 1)
    return HEADER + text


def new_card_yaml(card: Card) -> str:
    """One card as a list item, its dash at column 0 and its keys at column 2."""
    return str(
        yaml.dump(
            [card_fields(card)], Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
        )
    )


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a file so that it is either entirely the new data or left as it was.

    Raises:
        OSError: the folder cannot be written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private; give it the mode a replaced file had, or a usual one.
        os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        with os.fdopen(fd, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
