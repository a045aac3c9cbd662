"""No bundled typed card accepts another card's answer in prose: each card's wrong options and
the answers of the other typed cards of its deck are marked as answers to it. Only the same
words, a date or figure beside a date or figure ("1948" on two cards of 1948), or an accepted
answer in lower case whole beside words in lower case may be accepted: never words that say
another thing ("three" for a Third World power), however the marker reads a student's own
words."""

from __future__ import annotations

import re
from pathlib import Path

from quizapp.core.decks.library import load_decks
from quizapp.core.decks.model import QuestionType
from quizapp.core.grading.text import normalize
from quizapp.core.questions.card_marking import mark_answers
from quizapp.core.questions.selection import Entry

DECKS = Path(__file__).parent.parent / "decks"


def same_date_or_count(text: str, accepted: list[str]) -> bool:
    """Two answers that may both be right: the words of an accepted answer, or both dates or
    figures, or an accepted answer in lower case whole, with words in lower case before or
    after it or both ("closer economic cooperation" where the card accepts "cooperation",
    "strategic partners" where it accepts "strategic", "expanding the existing economic and
    trade interaction" where it accepts "economic and trade": the card's own alternative, not
    the marker, decides)."""
    both_figures = bool(re.search(r"\d", text)) and bool(re.search(r"\d", accepted[0]))
    if both_figures or normalize(text) in {normalize(answer) for answer in accepted}:
        return True
    return any(
        answer.islower()
        and text.islower()
        and re.search(rf"(?:^|\s){re.escape(answer)}(?:\s|$)", text) is not None
        for answer in accepted
    )


def test_no_card_accepts_another_cards_answer_or_its_wrong_options_in_prose() -> None:
    decks = [r.deck for r in load_decks([DECKS]) if r.deck is not None]
    accepted = []
    for deck in decks:
        typed = [card for card in deck.cards if card.type is QuestionType.TYPED]
        for card in typed:
            others = [other.answer for other in typed if other is not card and other.answer]
            texts = [*others, *card.wrong]
            for text, verdict in zip(texts, mark_answers(Entry(deck, card), texts), strict=True):
                if verdict.correct and text in card.wrong:
                    accepted.append((card.id, text, verdict.reason))
                elif verdict.correct and not same_date_or_count(
                    text, [card.answer, *card.alternatives]
                ):
                    accepted.append((card.id, text, verdict.reason))
    assert accepted == []


def test_no_card_accepts_its_answer_beside_one_of_its_wrong_options() -> None:
    # "Prime Minister - Governor General": two candidates side by side are no answer, in any
    # order, mark or joined by "and" ("1963 and 1962" had been read as a period, "Germany and
    # Yugoslavia" as a sentence), unless the option is itself a part of the answer ("General").
    decks = [r.deck for r in load_decks([DECKS]) if r.deck is not None]
    accepted = []
    for deck in decks:
        for card in (c for c in deck.cards if c.type is QuestionType.TYPED):
            answers = [f" {normalize(a)} " for a in (card.answer, *card.alternatives)]
            options = [o for o in card.wrong if not any(f" {normalize(o)} " in a for a in answers)]
            texts = [
                text
                for option in options
                for text in (
                    f"{card.answer}, {option}",
                    f"{card.answer} ({option})",
                    f"{option} - {card.answer}",
                    f"{card.answer}; {option}",
                    f"{card.answer} and {option}",
                    f"{option} and {card.answer}",
                )
            ]
            for text, verdict in zip(texts, mark_answers(Entry(deck, card), texts), strict=True):
                if verdict.correct:
                    accepted.append((card.id, text, verdict.reason))
    assert accepted == []
