"""JSON: every field of every card, for scripts and other tools; read back without loss."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from quizapp.core.authoring.exchange.base import (
    ExchangeError,
    Imported,
    Progress,
    card_from_fields,
    check_card,
)
from quizapp.core.authoring.writer import deck_fields
from quizapp.core.decks.model import Deck, Reference

FORMAT = "quizapp-decks"
VERSION = 1


def write_json(decks: Sequence[Deck], progress: Progress | None = None) -> str:
    """The decks as one JSON document: `{"format": "quizapp-decks", "version": 1, "decks": [...]}`
    where each deck has the fields of a deck file."""
    documents = []
    for done, deck in enumerate(decks, start=1):
        documents.append(deck_fields(deck))
        if progress:
            progress(done, len(decks))
    payload = {"format": FORMAT, "version": VERSION, "decks": documents}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def read_json(path: Path, data: bytes, progress: Progress | None = None) -> Imported:
    """The cards of a JSON export (all its decks); the first deck's title is suggested.

    Raises:
        ExchangeError: not JSON, not our export, or a card with a bad field.
    """
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ExchangeError(path, f"not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ExchangeError(path, f"not valid JSON: {exc.msg}", exc.lineno) from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ExchangeError(path, f'not a quizapp JSON export (no "format": "{FORMAT}")')
    decks = payload.get("decks")
    if not isinstance(decks, list) or not decks:
        raise ExchangeError(path, "the export holds no decks")
    imported = Imported(title=str(decks[0].get("title", "")) if isinstance(decks[0], dict) else "")
    if len(decks) == 1 and isinstance(decks[0], dict):
        imported.deck_fields = _deck_fields(decks[0])
    cards = [(d, c) for d in decks if isinstance(d, dict) for c in d.get("cards", [])]
    for done, (deck, fields) in enumerate(cards, start=1):
        where = f"deck '{deck.get('id', '?')}', card {done}: "
        imported.cards.append(check_card(card_from_fields(fields, path, where), path))
        if progress:
            progress(done, len(cards))
    if not imported.cards:
        raise ExchangeError(path, "the export holds no cards")
    return imported


def _deck_fields(deck: dict[str, Any]) -> dict[str, Any]:
    """The header fields of an exported deck that a new deck file keeps (bad ones left out)."""
    kept: dict[str, Any] = {}
    if isinstance(deck.get("description"), str):
        kept["description"] = deck["description"]
    reference = deck.get("reference")
    if isinstance(reference, dict) and set(reference) <= set(vars(Reference())):
        kept["reference"] = Reference(**{k: str(v) for k, v in reference.items()})
    for key, name in (("tags", "tags"), ("lint", "lint_ignore")):
        value = deck.get(key)
        value = value.get("ignore") if key == "lint" and isinstance(value, dict) else value
        if isinstance(value, list):
            kept[name] = tuple(str(item) for item in value)
    if deck.get("sources") == "none":
        kept["sources"] = "none"
    return kept
