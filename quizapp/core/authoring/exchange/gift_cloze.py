"""Cloze cards in GIFT, which allows one blank per question.

A cloze card with several blanks is exported as one missing-word question per blank, the
other blanks filled in, titled `id.1`, `id.2`, ...; on import such a series joins again.
"""

from __future__ import annotations

import re
from dataclasses import replace

from quizapp.core.decks.cloze import BLANK, blank_parts, cloze_blanks, cloze_filled
from quizapp.core.decks.model import Card, QuestionType

_PART = re.compile(r"(.+)\.(\d+)")


def cloze_parts(text: str) -> list[tuple[str, list[str], str]]:
    """For each blank: the filled text before it, its accepted answers, the filled text after."""
    return [
        (
            cloze_filled(text[: m.start()]),
            blank_parts(m.group(1))[0],
            cloze_filled(text[m.end() :]),
        )
        for m in BLANK.finditer(text)
    ]


def as_cloze(card: Card) -> Card:
    """A short-answer card whose blank ended its passage, back as the cloze card it was."""
    answers = "|".join((card.answer, *card.alternatives))
    return replace(
        card,
        type=QuestionType.CLOZE,
        text=f"{card.question} {{{{{answers}}}}}",
        question="",
        answer="",
        alternatives=(),
        wrong=(),
    )


def merge_cloze_parts(cards: list[Card]) -> list[Card]:
    """Cards with a series of one-blank cloze parts `x.1` .. `x.N` joined into card `x`."""
    groups: dict[str, list[Card]] = {}
    for card in cards:
        match = _PART.fullmatch(card.id)
        if match and card.type is QuestionType.CLOZE and len(cloze_blanks(card.text)) == 1:
            groups.setdefault(match[1], []).append(card)
    merged: dict[str, Card] = {}
    for base, parts in groups.items():
        numbers = sorted(int(_PART.fullmatch(p.id)[2]) for p in parts)  # type: ignore[index]
        joined = _join(parts) if numbers == list(range(1, len(parts) + 1)) else None
        if joined is not None and len(parts) > 1:
            merged[parts[0].id] = replace(parts[0], id=base, text=joined)
    dropped = {p.id for base, parts in groups.items() for p in parts if base in _ids(merged)}
    result = []
    for card in cards:
        if card.id in merged:
            result.append(merged[card.id])
        elif card.id not in dropped:
            result.append(card)
    return result


def _ids(merged: dict[str, Card]) -> set[str]:
    return {card.id for card in merged.values()}


def _join(parts: list[Card]) -> str | None:
    pieces = [cloze_parts(part.text)[0] for part in parts]
    filled = {before + answers[0] + after for before, answers, after in pieces}
    if len(filled) != 1:
        return None  # not the same passage: leave the parts as they are
    text = filled.pop()
    out, position = "", 0
    for before, answers, _ in sorted(pieces, key=lambda piece: len(piece[0])):
        start = len(before)
        if start < position:
            return None
        out += text[position:start] + "{{" + "|".join(answers) + "}}"
        position = start + len(answers[0])
    return out + text[position:]
