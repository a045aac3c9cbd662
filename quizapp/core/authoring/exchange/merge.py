"""Folding imported cards into a deck file: same id, same card, updated in place."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from quizapp.core.authoring.deck_edit import DeckChangedError, DeckEdit, apply_edit, plan_edit
from quizapp.core.authoring.exchange.base import ExchangeError, Imported, check_card
from quizapp.core.authoring.lint_rules import signature
from quizapp.core.authoring.scaffold import deck_id_for, title_for
from quizapp.core.authoring.writer import deck_yaml, write_atomic
from quizapp.core.decks.loader import load_deck, parse_deck
from quizapp.core.decks.model import Card, Deck, QuestionType
from quizapp.core.decks.validation import ID_PATTERN

# What the instructor may have added in the deck file, which an import does not know:
# kept unless the imported card brings its own.
KEEP_IF_EMPTY = ("source", "explanation", "tags", "date", "alternatives", "wrong")
# The types a sheet of questions and answers is read as; the deck's own type is kept over them.
GUESSED_TYPES = (QuestionType.FLIP, QuestionType.TYPED)
REWORDED_SCORE = 80.0


@dataclass(frozen=True)
class MergeResult:
    """The deck as it will be written, and how many cards the import added and updated."""

    deck: Deck
    added: int
    updated: int
    unchanged: int
    previous: Deck | None = None  # the deck file as it was, when there was one


def merge_into(
    target: Path, imported: Imported, deck_id: str | None = None, title: str | None = None
) -> MergeResult:
    """The deck file `target` (or a new deck) with the imported cards merged in by id.

    Raises:
        ExchangeError: the existing deck file has errors, or its id is not `deck_id`.
    """
    previous = None
    if target.exists():
        result = load_deck(target)
        if result.deck is None or result.errors:
            first = result.errors[0] if result.errors else "it cannot be read"
            raise ExchangeError(target, f"the deck file has errors; fix them first ({first})")
        deck = previous = result.deck
        if deck_id and deck_id != deck.id:
            raise ExchangeError(target, f"the deck's id is '{deck.id}', not '{deck_id}'")
    else:
        deck_id = deck_id or deck_id_for(target.stem)
        if not ID_PATTERN.fullmatch(deck_id):
            raise ExchangeError(target, f"deck id '{deck_id}' must use letters, digits, '-', '_'")
        title_given = imported.title or title_for(target.stem)
        deck = Deck(deck_id, title_given, target, (), **imported.deck_fields)
    cards: dict[str, Card] = {card.id: replace(card, line=0) for card in deck.cards}
    added = updated = unchanged = 0
    for card in _distinct_ids(imported):
        old = cards.get(card.id)
        if old is None:
            cards[card.id] = card
            added += 1
            continue
        kept = {key: getattr(old, key) for key in KEEP_IF_EMPTY if not getattr(card, key)}
        new = replace(card, kind=old.kind, **kept)
        if card.type in GUESSED_TYPES and old.type is not card.type:
            new = _with_type(new, old.type, target)
        updated += new != old
        unchanged += new == old
        cards[card.id] = new
    merged = replace(deck, title=title or deck.title, cards=tuple(cards.values()))
    if previous is not None:
        imported.notices += _reworded(previous, imported, merged)
    return MergeResult(merged, added, updated, unchanged, previous)


def _reworded(previous: Deck, imported: Imported, merged: Deck) -> list[str]:
    """New cards that look like a card the deck had and the import did not bring again: most
    likely a question reworded in the sheet, which then has no id column to match it by."""
    from rapidfuzz import fuzz, process

    brought = {card.id for card in imported.cards}
    old = [card for card in previous.cards if card.id not in brought]
    keys = [signature(card) for card in old]
    notices = []
    for card in merged.cards:
        if previous.card(card.id) is not None or not keys:
            continue
        best = process.extractOne(
            signature(card), keys, scorer=fuzz.ratio, score_cutoff=REWORDED_SCORE
        )
        if best is not None:
            other = old[best[2]]
            notices.append(
                f"the new card '{card.id}' looks like card '{other.id}' (line {other.line}) "
                "reworded; the sheet has no id column to match them, so both are in the deck: "
                "delete one, or add an id column to the sheet"
            )
    return notices


def _with_type(card: Card, qtype: QuestionType, path: Path) -> Card:
    """The card as the deck's own type, when it is a valid card of that type."""
    try:
        return check_card(replace(card, type=qtype), path)
    except ExchangeError:
        return card


def _distinct_ids(imported: Imported) -> list[Card]:
    """The imported cards, a repeated id (two decks exported together) made unique: the
    second 'x' becomes 'x-2', the same on every import of the same file."""
    seen: set[str] = set()
    cards = []
    for card in imported.cards:
        new_id, count = card.id, 1
        while new_id in seen:
            count += 1
            new_id = f"{card.id}-{count}"
        if new_id != card.id:
            imported.notices.append(f"card id '{card.id}' is used twice; imported as '{new_id}'")
        seen.add(new_id)
        cards.append(replace(card, id=new_id))
    return cards


def write_deck(result: MergeResult) -> DeckEdit | None:
    """Write the merged deck, checked first: a file that would not load is never written.

    An existing deck file keeps its comments and the text of every card the import leaves as
    it was (`deck_edit`), and the old file is kept as NAME.bak.

    Returns:
        The edit made to an existing deck file (what changed, the backup), or None for a new
        file.

    Raises:
        ExchangeError: the deck would not load (a bug: every imported card is checked), or the
            file changed since it was read.
        OSError: the file cannot be written.
    """
    deck = result.deck
    if result.previous is not None:
        original = deck.path.read_bytes()
        try:
            edit = plan_edit(deck.path, original, result.previous, deck)
        except DeckChangedError as exc:
            raise ExchangeError(deck.path, str(exc).removeprefix(f"{deck.path} ")) from None
        if not edit.unchanged:
            apply_edit(edit, original)
        return edit
    text = deck_yaml(deck)
    errors = parse_deck(text, deck.path).errors
    if errors:
        raise ExchangeError(deck.path, f"the imported deck would not load: {errors[0].message}")
    write_atomic(deck.path, text)
    return None
