"""Moodle's Aiken format: a question, lettered options `A. text` or `A) text`, `ANSWER: B`."""

from __future__ import annotations

import re
from pathlib import Path

from quizapp.core.authoring.exchange.base import (
    ExchangeError,
    Imported,
    Progress,
    check_card,
    plain_card,
    stable_id,
)
from quizapp.core.decks.model import Card, Kind, QuestionType

_OPTION = re.compile(r"([A-Z])[.)]\s+(.*\S)")
_ANSWER = re.compile(r"ANSWER:\s*([A-Za-z])\s*")


def read_aiken(path: Path, data: bytes, progress: Progress | None = None) -> Imported:
    """Read an Aiken file's questions as cards.

    Raises:
        ExchangeError: a question has no options, no ANSWER line, or an answer that is not one
            of its options (with the line).
    """
    try:
        lines = data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise ExchangeError(path, f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    imported = Imported()
    question: list[str] = []
    options: dict[str, str] = {}
    start = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        answer = _ANSWER.fullmatch(line)
        option = _OPTION.fullmatch(line)
        if answer:
            if not question:
                raise ExchangeError(path, "an ANSWER line without a question before it", number)
            card = _card(path, start, " ".join(question), options, answer.group(1).upper())
            imported.cards.append(check_card(card, path, start))
            question, options = [], {}
            if progress:
                progress(number, len(lines))
        elif option and question:
            letter, text = option.groups()
            if letter in options:
                raise ExchangeError(path, f"option {letter} is given twice", number)
            options[letter] = text
        elif options:
            raise ExchangeError(
                path, "expected another option (A. ...) or the ANSWER: line", number
            )
        else:
            start = start if question else number
            question.append(line)
    if question:
        raise ExchangeError(path, "the last question has no ANSWER: line", start)
    if not imported.cards:
        raise ExchangeError(
            path, "no Aiken questions found (a question, options A. B. ..., then ANSWER: letter)"
        )
    return imported


def _card(path: Path, line: int, question: str, options: dict[str, str], letter: str) -> Card:
    if len(options) < 2:
        raise ExchangeError(path, "a question needs at least 2 options (A. ... B. ...)", line)
    if letter not in options:
        letters = ", ".join(options)
        raise ExchangeError(path, f"ANSWER: {letter} is not one of the options ({letters})", line)
    card_id = stable_id("aiken", question)
    answer = options[letter]
    wrong = [text for key, text in options.items() if key != letter]
    if {text.lower() for text in options.values()} == {"true", "false"}:
        return Card(
            id=card_id,
            kind=Kind.CONCEPT,
            type=QuestionType.TRUE_FALSE,
            question=question,
            answer=answer.lower(),
        )
    return plain_card(card_id, question, answer, wrong=wrong, qtype=QuestionType.CHOICE)
