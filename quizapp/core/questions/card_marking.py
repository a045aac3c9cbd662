"""A card's answers marked on demand (`quizapp mark`): find the card, ask it as typed text.

Instructors try the marker before a class: each answer is marked as a student's typed answer
to the card would be in a quiz or exam, with the card's own answer, alternatives, date, wrong
options and question.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from quizapp.core.decks.cloze import cloze_blanks, cloze_filled, cloze_masked
from quizapp.core.decks.library import load_decks
from quizapp.core.decks.model import Deck, QuestionType
from quizapp.core.grading.dates import parse_iso_date
from quizapp.core.grading.marking import Verdict
from quizapp.core.grading.responses import LETTERS
from quizapp.core.paths import bundled_decks_dir, data_dir, default_deck_paths
from quizapp.core.questions.card_questions import CLOZE_PROMPT
from quizapp.core.questions.question import Format, Question
from quizapp.core.questions.selection import Entry


class CardNotFoundError(LookupError):
    """No card, or more than one, answers to the name given."""


def decks_for_marking(
    deck_paths: Sequence[Path] | None, folder: str | None, show_bundled: bool | None = None
) -> list[Deck]:
    """The decks `--decks` names, else the bundled decks (unless hidden) and the student's
    own, as loaded for study (a deck with errors is left out)."""
    paths = list(deck_paths) if deck_paths else default_deck_paths(data_dir(folder), show_bundled)
    results = load_decks(paths, bundled=bundled_decks_dir())
    return [r.deck for r in results if r.deck is not None and not r.errors]


def find_card(decks: Sequence[Deck], name: str) -> Entry:
    """The card named `deck-id/card-id`, or by a card id that only one deck uses.

    Raises:
        CardNotFoundError: No such card, or a card id several decks use.
    """
    deck_id, _, card_id = name.rpartition("/")
    found = [
        Entry(deck, card)
        for deck in decks
        if not deck_id or deck.id == deck_id
        for card in deck.cards
        if card.id == card_id
    ]
    if len(found) == 1:
        return found[0]
    if found:
        names = ", ".join(f"{e.deck.id}/{e.card.id}" for e in found)
        raise CardNotFoundError(f"card id '{card_id}' is in several decks ({names}): name one")
    if deck_id and not any(deck.id == deck_id for deck in decks):
        known = ", ".join(deck.id for deck in decks) or "none"
        raise CardNotFoundError(f"no deck '{deck_id}' (decks: {known})")
    raise CardNotFoundError(f"no card '{name}' in the decks")


def marking_question(entry: Entry) -> Question:
    """The card as a question answered in typed text: cloze blanks joined by " | ",
    a chronology's events lettered in the deck's order, true or false as t or f."""
    card = entry.card
    entries, why = (entry,), card.explanation
    if card.type is QuestionType.CLOZE:
        blanks = tuple(tuple(b) for b in cloze_blanks(card.text))
        prompt = f"{CLOZE_PROMPT}\n\n{cloze_masked(card.text)}"
        return Question(
            Format.CLOZE, prompt, cloze_filled(card.text), entries, blanks=blanks, explanation=why
        )
    if card.type is QuestionType.CHRONOLOGY:
        dates = [parse_iso_date(event.date) for event in card.events]
        key = tuple(sorted(range(len(dates)), key=dates.__getitem__))
        options = tuple(event.text for event in card.events)
        answer = " ".join(LETTERS[i] for i in key)
        return Question(
            Format.CHRONOLOGY, card.question, answer, entries, options, key=key, explanation=why
        )
    if card.type is QuestionType.TRUE_FALSE:
        truth = card.answer.strip().lower() == "true"
        return Question(
            Format.TRUE_FALSE, card.question, str(truth), entries, truth=truth, explanation=why
        )
    return Question(
        Format.TYPED,
        card.question,
        card.answer,
        entries,
        accepted=card.alternatives,
        wrong=card.wrong,
        date=card.date,
        explanation=why,
    )


def mark_answers(entry: Entry, answers: Sequence[str]) -> list[Verdict]:
    """Each answer marked as the card's typed answer would be."""
    question = marking_question(entry)
    return [question.grade(answer) for answer in answers]
