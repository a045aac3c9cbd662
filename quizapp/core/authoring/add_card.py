"""A card written by the student in the app, added to one of their own decks.

The card is checked as any card of a deck file is (the loader's own rules), then written
after the last card of the deck's file by `deck_edit`, which keeps the rest of the file
(comments too) as it was, and the old file as NAME.bak. Installed decks are never written:
the student's decks are those in their decks folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from quizapp.core.authoring.deck_edit import apply_edit, plan_edit
from quizapp.core.authoring.writer import deck_yaml, new_card_yaml, write_atomic
from quizapp.core.decks.loader import LoadResult, parse_deck
from quizapp.core.decks.model import Card, Deck, Kind, QuestionType
from quizapp.core.paths import user_decks_dir

NEW_DECK_ID, NEW_DECK_TITLE = "my-cards", "My cards"
ID_WORDS, ID_CHARS = 5, 40


@dataclass(frozen=True)
class CardForm:
    """What the student typed: text, as given."""

    question: str
    answer: str = ""
    kind: str = "concept"
    type: str = "flip"
    tags: str = ""  # words, split on spaces or commas
    source: str = ""
    wrong: str = ""  # choice cards: the wrong options, split on ';'
    date: str = ""
    reverse: bool = False


@dataclass(frozen=True)
class Checked:
    """The card built from a form, and what its check found, in words."""

    card: Card
    errors: tuple[str, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Added:
    """A card written into a deck file."""

    path: Path
    card: Card
    result: LoadResult  # the deck file as it now loads
    kept_layout: bool  # False when the file was written afresh (its comments were lost)
    new_deck: bool
    backup: Path | None = None  # the file as it was before, kept beside it


def own_decks(results: Iterable[LoadResult], data_dir: Path) -> list[Deck]:
    """The decks in the student's decks folder that load without errors."""
    folder = user_decks_dir(data_dir)
    return [
        r.deck for r in results if r.deck is not None and r.ok and r.path.is_relative_to(folder)
    ]


def check_card(form: CardForm, taken: Iterable[str]) -> Checked:
    """Build the card (its id from its question, not one of `taken`) and check it as the
    loader checks any card; the messages name no file or line."""
    qtype, kind = QuestionType(form.type), Kind(form.kind)
    text = _clean(form.question)
    card = Card(
        id=card_id_for(text, taken),
        kind=kind,
        type=qtype,
        question="" if qtype is QuestionType.CLOZE else text,
        text=text if qtype is QuestionType.CLOZE else "",
        answer="" if qtype is QuestionType.CLOZE else _clean(form.answer),
        wrong=tuple(w for w in (_clean(w) for w in form.wrong.split(";")) if w),
        date=_clean(form.date) or None,
        source=_clean(form.source),
        tags=tuple(t for t in re.split(r"[\s,]+", form.tags) if t),
        reverse=form.reverse and qtype in (QuestionType.FLIP, QuestionType.TYPED),
    )
    errors: list[str] = []
    warnings: list[str] = []
    if not text:
        errors.append("The question is empty." if card.question == "" else "The text is empty.")
    needs_answer = qtype not in (QuestionType.CLOZE, QuestionType.CHRONOLOGY)
    if needs_answer and not card.answer:
        errors.append("The answer is empty.")
    if errors:
        return Checked(card, tuple(errors), ())
    result = parse_deck(f"format: 1\nid: new\ntitle: New\ncards:\n{new_card_yaml(card)}", Path())
    for problem in result.problems:
        said = _words(problem.message, card.id)
        (errors if problem.is_error else warnings).append(said)
    return Checked(card, tuple(errors), tuple(warnings))


def card_id_for(text: str, taken: Iterable[str]) -> str:
    """An id from the first words of the question ('Who mediated at Tashkent?' ->
    'who-mediated-at-tashkent'), numbered if the deck has it already."""
    words = re.findall(r"[a-z0-9]+", text.lower())[:ID_WORDS]
    base = "-".join(words)[:ID_CHARS].strip("-") or "card"
    used = set(taken)
    card_id, number = base, 2
    while card_id in used:
        card_id, number = f"{base}-{number}", number + 1
    return card_id


def add_card(card: Card, deck: Deck | None, data_dir: Path, deck_ids: Sequence[str]) -> Added:
    """Write the card into `deck` (one of the student's own), or into a new deck in their
    decks folder when `deck` is None.

    Raises:
        OSError: the file cannot be written (it is then as it was).
        ValueError: the deck is not in the student's decks folder, or its file has errors.
    """
    folder = user_decks_dir(data_dir)
    if deck is None:
        deck_id = card_id_for(NEW_DECK_ID, deck_ids)
        path = _free_name(folder, deck_id)
        text = deck_yaml(Deck(deck_id, NEW_DECK_TITLE, path, (card,)))
        write_atomic(path, text)
        return Added(path, card, parse_deck(text, path), True, True)
    if not deck.path.is_relative_to(folder):
        raise ValueError(f"{deck.path} is not in your decks folder; cards are added only there")
    data = deck.path.read_bytes()
    current = parse_deck(data.decode("utf-8-sig"), deck.path)  # as it is now, edited or not
    if not current.ok or current.deck is None:
        raise ValueError(f"{deck.path.name} has errors now; fix it (quizapp check) first")
    more = replace(current.deck, cards=(*current.deck.cards, card))
    edit = plan_edit(deck.path, data, current.deck, more)
    backup = apply_edit(edit, data)
    return Added(deck.path, card, parse_deck(edit.text, deck.path), edit.kept_layout, False, backup)


def _free_name(folder: Path, stem: str) -> Path:
    path, number = folder / f"{stem}.yaml", 2
    while path.exists():
        path, number = folder / f"{stem}-{number}.yaml", number + 1
    return path


def _clean(text: str) -> str:
    return " ".join(text.split())


def _words(message: str, card_id: str) -> str:
    """A loader message about the card, without naming it (the form shows one card)."""
    for prefix in (f"card '{card_id}': ", f"card '{card_id}' "):
        if message.startswith(prefix):
            message = message.removeprefix(prefix)
            break
    return message[:1].upper() + message[1:]
