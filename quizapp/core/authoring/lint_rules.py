"""The linter's own rules, beyond what the loader checks; each finding has a code and a fix.

The loader already reports (with codes) Q102 answer in its question, Q103 a wrong option that
is an accepted answer, Q104 a choice card with fewer than 2 wrong options, Q105 a card without
a source, Q107 two chronology events with the same date and Q110 a date card without a `date`.
The rules here need more than one card, an outside text, or are advice rather than format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quizapp.core.authoring.passages import (
    Reference,
    closest,
    differences,
    fold_space,
    found_in,
)
from quizapp.core.decks.cloze import cloze_filled
from quizapp.core.decks.model import Card, Deck, QuestionType
from quizapp.core.decks.problems import Severity
from quizapp.core.decks.validation import fold
from quizapp.core.questions.distractors import WRONG_OPTIONS

# Every code the linter and the loader give, with what it is about (for docs and --help).
CODES = {
    "Q101": "two cards of a deck ask the same question",
    "Q102": "the answer appears in its own question",
    "Q103": "a wrong option equals the answer or an alternative",
    "Q104": "too few wrong options",
    "Q105": "a card without a source passage",
    "Q106": "a typed answer too long to type",
    "Q107": "chronology events whose dates are equal or overlap",
    "Q108": "near-duplicate cards in different decks",
    "Q109": "a source passage not found verbatim in the --against texts (the closest shown)",
    "Q110": "a date card without a structured date",
    "Q111": "an answer that contradicts the card's date (error)",
    "Q112": "a wrong option the marker would accept as the answer (error)",
    "Q113": "a reversed card whose answer does not work as a question",
    "Q114": "a reversed typed card that asks for its whole question typed back",
    "Q115": "a card id with answers in your progress that the deck no longer holds",
    "Q116": "a card's date less precise than the date its answer names",
}
MAX_TYPED_WORDS, MAX_TYPED_CHARS = 5, 40
NEAR_DUPLICATE_SCORE = 90.0


@dataclass(frozen=True)
class Finding:
    """A warning about one card; `field` is a dotted path in the card ('events.2.source')."""

    card: Card
    field: str
    code: str
    message: str
    severity: Severity = Severity.WARNING


def card_findings(card: Card) -> list[Finding]:
    """The single-card rules: Q104 (advice), Q106 and Q107 (overlapping dates)."""
    found: list[Finding] = []
    what = f"card '{card.id}'"
    count = len(set(map(fold, card.wrong)))
    # The loader makes fewer than 2 on a choice card an error; 1 or 2 still makes a poor quiz.
    if 0 < count < WRONG_OPTIONS and not (card.type is QuestionType.CHOICE and count < 2):
        more = WRONG_OPTIONS - count
        found.append(
            Finding(
                card,
                "wrong",
                "Q104",
                f"{what}: only {count} different wrong option(s); add {more} more so multiple "
                f"choice offers {WRONG_OPTIONS + 1} options",
            )
        )
    if card.type is QuestionType.TYPED:
        shortest = min((card.answer, *card.alternatives), key=len)
        words = len(shortest.split())
        if words > MAX_TYPED_WORDS or len(shortest) > MAX_TYPED_CHARS:
            found.append(
                Finding(
                    card,
                    "answer",
                    "Q106",
                    f"{what}: the shortest accepted answer is {words} words "
                    f"({len(shortest)} characters), too long to type; add a short form in "
                    "'alternatives' or make it a flip card",
                )
            )
    if card.type is QuestionType.CHRONOLOGY:
        found.extend(_overlapping_dates(card))
    return found


def _overlapping_dates(card: Card) -> list[Finding]:
    found = []
    for index, event in enumerate(card.events):
        for other in card.events[:index]:
            shorter, longer = sorted((event.date, other.date), key=len)
            if shorter != longer and longer.startswith(shorter + "-"):
                found.append(
                    Finding(
                        card,
                        f"events.{index}.date",
                        "Q107",
                        f"card '{card.id}': the dates {shorter} and {longer} overlap, so "
                        f"'{other.text}' and '{event.text}' may be in either order; give both "
                        "dates to the same precision",
                    )
                )
    return found


def signature(card: Card) -> str:
    """What a card asks and expects, folded: two cards with close signatures are duplicates."""
    if card.type is QuestionType.CLOZE:
        return fold(cloze_filled(card.text))
    if card.type is QuestionType.CHRONOLOGY:
        return fold(" / ".join(sorted(event.text for event in card.events)))
    return f"{fold(card.question)} => {fold(card.answer)}"


def duplicate_questions(deck: Deck) -> list[Finding]:
    """Q101: a card that asks what an earlier card of the same deck asks."""
    found = []
    first: dict[str, Card] = {}
    for card in deck.cards:
        key = signature(card) if card.type is QuestionType.CHRONOLOGY else fold(card.prompt)
        earlier = first.setdefault(key, card)
        if earlier is not card:
            found.append(
                Finding(
                    card,
                    "question" if card.question else "text",
                    "Q101",
                    f"card '{card.id}': the same question as card '{earlier.id}' (line "
                    f"{earlier.line}); reword one of them or remove it",
                )
            )
    return found


def near_duplicates(decks: Sequence[Deck]) -> list[tuple[Deck, Finding]]:
    """Q108: a card nearly the same as a card of an earlier deck (rapidfuzz ratio >= 90)."""
    from rapidfuzz import fuzz, process  # only the linter needs it

    found: list[tuple[Deck, Finding]] = []
    earlier: list[tuple[Deck, Card]] = []
    keys: list[str] = []
    for deck in decks:
        for card in deck.cards:
            best = process.extractOne(
                signature(card), keys, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE_SCORE
            )
            if best is not None:
                other_deck, other = earlier[best[2]]
                message = (
                    f"card '{card.id}' is nearly the same as card '{other.id}' of deck "
                    f"'{other_deck.id}' ({other_deck.path}:{other.line}); remove one or make "
                    "them ask different things"
                )
                field = "question" if card.question else "text"
                found.append((deck, Finding(card, field, "Q108", message)))
        # Added after the deck is done: cards are compared with other decks only.
        earlier += [(deck, card) for card in deck.cards]
        keys += [signature(card) for card in deck.cards]
    return found


def missing_passages(deck: Deck, texts: Sequence[Reference]) -> list[Finding]:
    """Q109: source passages that are in none of the texts (white space folded on all sides);
    each names the closest passage of the texts and marks where they differ."""
    names = " or ".join(reference.name for reference in texts)
    found = []
    for card in deck.cards:
        passages = [("source", card.source)]
        passages += [(f"events.{i}.source", e.source) for i, e in enumerate(card.events)]
        for field, passage in passages:
            if passage and not found_in(passage, texts):
                shown = _shorten(fold_space(passage), 60)
                message = f"card '{card.id}': the source passage \"{shown}\" is not in {names}"
                near = closest(passage, texts)
                if near is not None:
                    message += f'; closest ({near.name}, line {near.line}): "{near.passage}"'
                    marked = differences(passage, near.passage)
                    if marked:
                        message += "; it differs at " + "; ".join(marked)
                found.append(
                    Finding(
                        card,
                        field,
                        "Q109",
                        message + "; copy it from the text exactly (only white space may differ)",
                    )
                )
    return found


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 3] + "..."
