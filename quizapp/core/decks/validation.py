"""Rules a card must follow beyond its field types."""

from __future__ import annotations

import calendar
import re

from quizapp.core.decks import codes
from quizapp.core.decks.cloze import cloze_blanks
from quizapp.core.decks.model import Card, Kind, QuestionType

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# ASCII digits only (\d takes any script's), as dates.parse_iso_date reads them.
ISO_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
TRUE_FALSE = {"true", "false"}
MIN_EVENTS, MAX_EVENTS = 4, 6
REVERSIBLE = (QuestionType.FLIP, QuestionType.TYPED)
# A reversed card asks the answer as a question: a short phrase works, a sentence does not.
MAX_REVERSE_WORDS, MAX_REVERSE_CHARS = 8, 60
# ... and a typed one asks for the question typed back (the typed-answer limit, Q106).
MAX_TYPED_BACK_WORDS, MAX_TYPED_BACK_CHARS = 5, 40
CLOZE = codes.CLOZE_BLANKS


def date_error(text: str) -> str | None:
    """Why `text` is not a YYYY, YYYY-MM or YYYY-MM-DD date, or None when it is one."""
    match = ISO_DATE.fullmatch(text)
    if not match:
        return f"date '{text}' must be written YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = (int(g) if g else None for g in match.groups())
    if year == 0:  # the calendar starts at year 1: grading and quizzes could not read it
        return f"date '{text}' has no year 0"
    if month is not None and not 1 <= month <= 12:
        return f"date '{text}' has no month {month}"
    if day is not None and month is not None:
        last = calendar.monthrange(year or 1, month)[1]
        if not 1 <= day <= last:
            return f"date '{text}' has no day {day}"
    return None


def fold(text: str) -> str:
    """Text folded for comparing options: case and spacing ignored."""
    return " ".join(text.casefold().split())


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _contains_words(text: str, words: str) -> bool:
    """Whether `words` appear in `text` as whole words ('here' is not in 'where')."""
    # str.find, not a regex: compiling one pattern per card was most of a deck's parse time.
    start = text.find(words)
    while start != -1:
        end = start + len(words)
        if not (start and _is_word(text[start - 1])) and not (
            end < len(text) and _is_word(text[end])
        ):
            return True
        start = text.find(words, start + 1)
    return False


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what the regex \w matches


def card_rule_problems(card: Card) -> list[tuple[str, str, bool, str | None]]:
    """Problems with a card's content as (field, message, is_error, lint code or None).

    The field may name an item of a list field as `name.index` (e.g. `wrong.1`). The codes are
    listed in `quizapp.core.authoring.lint_rules.CODES`.
    """
    found: list[tuple[str, str, bool, str | None]] = []

    def error(field: str, message: str, code: str | None = None) -> None:
        found.append((field, message, True, code))

    def warning(field: str, message: str, code: str | None = None) -> None:
        found.append((field, message, False, code))

    kind = card.type
    if kind in (QuestionType.FLIP, QuestionType.TYPED, QuestionType.CHOICE):
        accepted = {fold(card.answer), *(fold(a) for a in card.alternatives)}
        for index, option in enumerate(card.wrong):
            if fold(option) in accepted:
                error(
                    f"wrong.{index}",
                    f"the wrong option '{option}' is also an accepted answer; remove it from "
                    "'wrong' or from the accepted answers",
                    "Q103",
                )
        if kind is QuestionType.CHOICE and len(set(map(fold, card.wrong))) < 2:
            error(
                "wrong", "a choice card needs at least 2 different wrong options in 'wrong'", "Q104"
            )
        if len(card.answer) >= 4 and _contains_words(fold(card.question), fold(card.answer)):
            warning(
                "question",
                "the answer appears in its own question; reword the question so it does not "
                "give the answer away",
                "Q102",
            )
    if kind is QuestionType.TRUE_FALSE and fold(card.answer) not in TRUE_FALSE:
        message = f"a truefalse answer must be true or false, not '{card.answer}'"
        error("answer", message, codes.TRUE_FALSE_ANSWER)
    if kind is QuestionType.CLOZE:
        blanks = cloze_blanks(card.text)
        if not blanks:
            error("text", "a cloze text needs at least one blank written {{answer}}", CLOZE)
        elif any(not all(part for part in blank) for blank in blanks):
            message = "a cloze blank is empty: write {{answer}} or {{answer|alternative}}"
            error("text", message, CLOZE)
    if kind is QuestionType.CHRONOLOGY:
        count = len(card.events)
        if not MIN_EVENTS <= count <= MAX_EVENTS:
            message = f"a chronology needs {MIN_EVENTS} to {MAX_EVENTS} events, not {count}"
            error("events", message, codes.EVENT_COUNT)
        first: dict[str, str] = {}
        for index, event in enumerate(card.events):
            if event.date in first:
                error(
                    f"events.{index}",
                    f"this event has the same date ({event.date}) as '{first[event.date]}'; "
                    "the order is ambiguous: give one a more precise date or drop it",
                    "Q107",
                )
            first.setdefault(event.date, event.text)
    if card.kind is Kind.DATE and card.date is None and kind is not QuestionType.CHRONOLOGY:
        warning(
            "date",
            "a date card should carry its answer as a structured 'date' (YYYY-MM-DD); add "
            "'date:' with the answer's date, or change the kind",
            "Q110",
        )
    if card.reverse:
        found += _reverse_problems(card)
    if card.tolerance:
        if _number(card.tolerance) is None or (_number(card.tolerance) or 0) < 0:
            message = f"the tolerance '{card.tolerance}' must be a number, 0 or more"
            error("tolerance", message, codes.BAD_NUMBER)
        elif kind is not QuestionType.TYPED or _number(card.answer) is None:
            message = "a tolerance needs a typed card whose answer is a number"
            error("tolerance", message, codes.BAD_NUMBER)
    options = {fold(card.answer), *map(fold, card.wrong)} if card.feedback else set()
    for index, (option, _) in enumerate(card.feedback):
        if fold(option) not in options:
            warning(
                f"feedback.{index}",
                f"feedback for '{option}', which is not one of the card's options: it is never "
                "shown; write the option as it is in 'wrong'",
                codes.FEEDBACK_OPTION,
            )
    has_event_sources = bool(card.events) and all(event.source for event in card.events)
    if not card.source and not has_event_sources:
        warning(
            "source",
            "the card has no 'source' passage from the reference text; add 'source:' with the "
            "passage it rests on, copied verbatim",
            "Q105",
        )
    return found


def _reverse_problems(card: Card) -> list[tuple[str, str, bool, str | None]]:
    """Whether a `reverse: true` card works the other way round."""
    if card.type not in REVERSIBLE:
        message = f"'reverse: true' is for flip and typed cards, not {card.type} cards"
        return [("reverse", message, True, codes.REVERSE_TYPE)]
    found: list[tuple[str, str, bool, str | None]] = []
    answer = card.answer
    if len(answer.split()) > MAX_REVERSE_WORDS or len(answer) > MAX_REVERSE_CHARS:
        found.append(
            (
                "reverse",
                "the reversed card asks this answer as its question, and a long answer does "
                "not work as one; shorten the answer or drop 'reverse'",
                False,
                "Q113",
            )
        )
    elif card.kind in (Kind.DATE, Kind.NUMBER) or not any(c.isalpha() for c in answer):
        found.append(
            (
                "reverse",
                f"the reversed card would ask '{answer}' alone, which is not a question; "
                "reverse suits a term and its meaning, not a date or a number",
                False,
                "Q113",
            )
        )
    question = card.question
    if card.type is QuestionType.TYPED and (
        len(question.split()) > MAX_TYPED_BACK_WORDS or len(question) > MAX_TYPED_BACK_CHARS
    ):
        found.append(
            (
                "reverse",
                "the reversed typed card asks for the whole question typed back; make the card "
                "a flip card, or keep 'reverse' for short pairs",
                False,
                "Q114",
            )
        )
    return found
