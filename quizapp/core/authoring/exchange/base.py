"""What every format shares: errors with a place, stable card ids, cards that pass `check`."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from quizapp.core.decks.model import Card, ChronologyEvent, Kind, QuestionType
from quizapp.core.decks.validation import ID_PATTERN, card_rule_problems, date_error, fold
from quizapp.core.grading.dates import parse_date, parse_iso_date

Progress = Callable[[int, int], None]
"""Called with (done, total) as a long import or export goes on."""

CARD_FIELDS = (
    "id kind type question answer alternatives wrong date explanation source tags text events "
    "feedback tolerance"
).split()
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


class ExchangeError(Exception):
    """A file that cannot be imported or written; prints as `path:line: message`."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path, self.message, self.line = Path(path), message, line

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


@dataclass
class Imported:
    """Cards read from a file, with a title the file suggests and notes on what was skipped."""

    cards: list[Card] = field(default_factory=list)
    title: str = ""
    notices: list[str] = field(default_factory=list)
    # The deck's own fields, when the file carries them (a quizapp JSON export of one deck):
    # description, reference, tags, sources and lint_ignore, as the Deck model names them.
    deck_fields: dict[str, Any] = field(default_factory=dict)


def stable_id(prefix: str, key: str) -> str:
    """A card id from what identifies the source note, so a re-import finds the same card."""
    digest = hashlib.sha1(key.strip().encode("utf-8")).hexdigest()[:10]
    return f"{prefix}-{digest}"


def guess_kind(answer: str) -> tuple[Kind, str | None]:
    """A kind for an imported card, and its structured date when the answer is a date."""
    text = answer.strip()
    if not date_error(text):
        return Kind.DATE, text
    found = parse_date(text) if re.search(r"\d{4}", text) else None
    if found is not None:
        return Kind.DATE, found.iso()
    if _NUMBER.fullmatch(text):
        return Kind.NUMBER, None
    return Kind.CONCEPT, None


def plain_card(
    card_id: str,
    question: str,
    answer: str,
    *,
    alternatives: Iterable[str] = (),
    wrong: Iterable[str] = (),
    explanation: str = "",
    tags: Iterable[str] = (),
    qtype: QuestionType | None = None,
) -> Card:
    """A question-and-answer card that passes the loader's rules.

    Wrong options that are accepted answers are dropped; a choice card with fewer than two
    wrong options becomes a typed card; the kind (and date) is guessed from the answer.
    """
    answer = answer.strip()
    alternatives = _unique(a for a in alternatives if fold(a) != fold(answer))
    accepted = {fold(answer), *map(fold, alternatives)}
    wrong = _unique(w for w in wrong if fold(w) not in accepted)
    if qtype is None or qtype is QuestionType.CHOICE:
        qtype = QuestionType.CHOICE if len(wrong) >= 2 else QuestionType.TYPED
    kind, date = guess_kind(answer)
    return Card(
        id=card_id,
        kind=kind,
        type=qtype,
        question=question.strip(),
        answer=answer,
        alternatives=alternatives,
        wrong=wrong,
        date=date,
        explanation=explanation.strip(),
        tags=_unique(tags),
    )


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        value = value.strip()
        if value:
            seen.setdefault(fold(value), value)
    return tuple(seen.values())


def check_card(card: Card, path: Path, line: int | None = None) -> Card:
    """The card if it passes the loader's rules.

    Raises:
        ExchangeError: the card breaks a rule; the message names the card and the rule.
    """
    if not ID_PATTERN.fullmatch(card.id):
        raise ExchangeError(path, f"card id '{card.id}' is not a valid id", line)
    errors = [message for _, message, is_error, *_ in card_rule_problems(card) if is_error]
    if not card.prompt:
        errors.append("the question is empty")
    if card.type not in (QuestionType.CLOZE, QuestionType.CHRONOLOGY) and not card.answer:
        errors.append("the answer is empty")
    if errors:
        raise ExchangeError(path, f"card '{card.id}': {errors[0]}", line)
    return card


def card_from_fields(data: Any, path: Path, where: str = "") -> Card:
    """A card from a mapping of our field names (JSON export, package metadata).

    Raises:
        ExchangeError: a field is missing, unknown or of the wrong type.
    """
    if not isinstance(data, dict):
        raise ExchangeError(path, f"{where}a card must be an object of fields")
    unknown = sorted(set(data) - set(CARD_FIELDS))
    if unknown:
        raise ExchangeError(path, f"{where}unknown card field '{unknown[0]}'")
    try:
        events = tuple(
            ChronologyEvent(str(e["text"]), str(e["date"]), str(e.get("source", "")))
            for e in data.get("events", ())
        )
        for event in events:
            parse_iso_date(event.date)
        card = Card(
            id=str(data["id"]),
            kind=Kind(data["kind"]),
            type=QuestionType(data.get("type", "typed")),
            question=str(data.get("question", "")),
            answer=str(data.get("answer", "")),
            alternatives=tuple(map(str, data.get("alternatives", ()))),
            wrong=tuple(map(str, data.get("wrong", ()))),
            date=str(data["date"]) if data.get("date") else None,
            explanation=str(data.get("explanation", "")),
            source=str(data.get("source", "")),
            tags=tuple(map(str, data.get("tags", ()))),
            text=str(data.get("text", "")),
            events=events,
            feedback=tuple((str(k), str(v)) for k, v in dict(data.get("feedback", {})).items()),
            tolerance=str(data.get("tolerance", "")),
        )
    except KeyError as exc:
        raise ExchangeError(path, f"{where}a card is missing the field {exc}") from None
    except (ValueError, TypeError, AttributeError) as exc:
        raise ExchangeError(path, f"{where}a card has a bad value: {exc}") from None
    if card.date and (problem := date_error(card.date)):
        raise ExchangeError(path, f"{where}card '{card.id}': {problem}")
    return card


def with_meta(card: Card, meta: dict[str, Any]) -> Card:
    """The card with the fields a format cannot hold restored from our metadata."""
    changes: dict[str, Any] = {}
    if meta.get("kind") in set(Kind):
        changes["kind"] = Kind(meta["kind"])
    if meta.get("type") in (QuestionType.FLIP, QuestionType.TYPED) and card.type in (
        QuestionType.FLIP,
        QuestionType.TYPED,
    ):
        changes["type"] = QuestionType(meta["type"])
    for key in ("alternatives", "wrong", "tags"):
        if isinstance(meta.get(key), list):
            changes[key] = tuple(str(value) for value in meta[key])
    for key in ("date", "source"):
        if isinstance(meta.get(key), str):
            changes[key] = meta[key] or (None if key == "date" else "")
    sources = meta.get("event_sources")
    if isinstance(sources, list) and len(sources) == len(card.events):
        changes["events"] = tuple(
            replace(event, source=str(source))
            for event, source in zip(card.events, sources, strict=True)
        )
    return replace(card, **changes)


_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\s*/?>|</div>|</p>|</li>", re.IGNORECASE)


def html_to_text(value: str) -> str:
    """Anki or Moodle HTML as plain text: line breaks kept, tags and [sound:] dropped."""
    value = _BREAK.sub("\n", value)
    value = re.sub(r"\[sound:[^\]]*\]", "", _TAG.sub("", value))
    value = html.unescape(value).replace("\xa0", " ")
    lines = (" ".join(line.split()) for line in value.splitlines())
    return "\n".join(line for line in lines if line).strip()


def text_to_html(value: str) -> str:
    """Plain text as HTML for an Anki field."""
    return html.escape(value, quote=False).replace("\n", "<br>")
