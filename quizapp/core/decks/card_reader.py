"""Reading one card mapping of a deck file into a Card."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizapp.core.decks import codes
from quizapp.core.decks.codes import BAD_DATE, BAD_ID, MISSING_FIELD, UNKNOWN_VALUE, WRONG_TYPE
from quizapp.core.decks.model import REVERSE_SUFFIX, Card, ChronologyEvent, Kind, QuestionType
from quizapp.core.decks.node_reader import NodeReader
from quizapp.core.decks.problems import Severity
from quizapp.core.decks.validation import ID_PATTERN, card_rule_problems, date_error
from quizapp.core.decks.yaml_nodes import position

CARD_KEYS = frozenset(
    {
        "id",
        "kind",
        "type",
        "question",
        "answer",
        "alternatives",
        "wrong",
        "date",
        "explanation",
        "source",
        "tags",
        "text",
        "events",
        "reverse",
        "was",
        "feedback",
        "tolerance",
    }
)
EVENT_KEYS = frozenset({"text", "date", "source"})
NEEDS: dict[QuestionType, tuple[str, ...]] = {
    QuestionType.FLIP: ("question", "answer"),
    QuestionType.TYPED: ("question", "answer"),
    QuestionType.CHOICE: ("question", "answer", "wrong"),
    QuestionType.TRUE_FALSE: ("question", "answer"),
    QuestionType.CLOZE: ("text",),
    QuestionType.CHRONOLOGY: ("events",),
}
E = TypeVar("E", Kind, QuestionType)
CHRONOLOGY_PROMPT = "Put these events in order, earliest first."


def peek_card_id(node: Node) -> str | None:
    """The card id as written, before the card is validated."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode):
                return value.value.strip() or None
    return None


def read_card(reader: NodeReader, node: Node) -> Card | None:
    """Read a card, reporting every problem; None when it cannot be used."""
    peeked = peek_card_id(node)
    label = f"card '{peeked}'" if peeked else "a card"
    fields = reader.mapping(node, label, CARD_KEYS, ("id", "kind"))
    if fields is None:
        return None
    before = len(reader.problems)
    card_id = reader.text(fields.get("id"), "the card id")
    if card_id and not ID_PATTERN.fullmatch(card_id):
        reader.report(
            fields["id"],
            f"card id '{card_id}' must use only letters, digits, '-', '_' and '.'",
            code=BAD_ID,
        )
    what = f"card '{card_id}'" if card_id else "the card"
    kind = _choice(reader, fields.get("kind"), Kind, f"the kind of {what}")
    qtype = _choice(reader, fields.get("type"), QuestionType, f"the type of {what}")
    qtype = qtype or (QuestionType.TYPED if "type" not in fields else None)
    if qtype is not None:
        for key in NEEDS[qtype]:
            if key not in fields:
                message = f"{what} ({qtype} card) is missing the required field '{key}'"
                reader.report(node, message, code=MISSING_FIELD)
    date = reader.text(fields.get("date"), f"the date of {what}")
    if date and (problem := date_error(date)):
        reader.report(fields["date"], problem, code=BAD_DATE)
    card = Card(
        id=card_id or "",
        kind=kind or Kind.CONCEPT,
        type=qtype or QuestionType.TYPED,
        question=reader.text(fields.get("question"), f"the question of {what}") or "",
        answer=reader.text(fields.get("answer"), f"the answer of {what}") or "",
        alternatives=reader.text_list(fields.get("alternatives"), f"alternatives of {what}"),
        wrong=reader.text_list(fields.get("wrong"), f"wrong options of {what}"),
        date=date,
        explanation=reader.text(fields.get("explanation"), "the explanation", allow_empty=True)
        or "",
        source=reader.text(fields.get("source"), f"the source of {what}") or "",
        tags=reader.text_list(fields.get("tags"), f"tags of {what}"),
        text=reader.text(fields.get("text"), f"the text of {what}") or "",
        events=_read_events(reader, fields.get("events"), what),
        feedback=_read_feedback(reader, fields.get("feedback"), what),
        tolerance=reader.text(fields.get("tolerance"), f"the tolerance of {what}") or "",
        line=position(node)[0],
        reverse=reader.boolean(fields.get("reverse"), f"'reverse' of {what}"),
        was=_read_was(reader, fields.get("was"), card_id, what),
    )
    if qtype is QuestionType.CHRONOLOGY and not card.question:
        card = replace(card, question=CHRONOLOGY_PROMPT)
    for key, message, is_error, code in card_rule_problems(card):
        severity = Severity.ERROR if is_error else Severity.WARNING
        reader.report(_field_node(fields, key, node), f"{what}: {message}", severity, code)
    errors = [p for p in reader.problems[before:] if p.is_error]
    return None if errors or not card_id else card


def reversed_card(card: Card) -> Card:
    """The sibling a `reverse: true` card adds: its answer asked, its question answered.

    Its own id (`REVERSE_SUFFIX`) keeps its own progress; it shares the card's line, so
    editing it opens the card it comes from.
    """
    return replace(
        card,
        id=card.id + REVERSE_SUFFIX,
        question=card.answer,
        answer=card.question,
        alternatives=(),
        wrong=(),
        date=None,
        reverse=False,
        reverse_of=card.id,
        was=tuple(old + REVERSE_SUFFIX for old in card.was),
    )


def _read_was(
    reader: NodeReader, node: Node | None, card_id: str | None, what: str
) -> tuple[str, ...]:
    """`was:` the card's earlier id (or a list of them), whose progress it takes over."""
    if node is None:
        return ()
    kept: list[str] = []
    for old in reader.text_list(node, f"'was' of {what}"):
        if not ID_PATTERN.fullmatch(old):
            message = f"'was: {old}' of {what} is not a card id (letters, digits, '-', '_', '.')"
            reader.report(node, message, code=codes.WAS)
        elif old == card_id:
            message = f"{what} says it was itself ('was: {old}'); remove the line"
            reader.report(node, message, code=codes.WAS)
        else:
            kept.append(old)
    return tuple(kept)


def _choice(reader: NodeReader, node: Node | None, enum: type[E], what: str) -> E | None:
    value = reader.text(node, what)
    if value is None or node is None:
        return None
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        reader.report(node, f"{what} is '{value}'; use one of: {allowed}", code=UNKNOWN_VALUE)
        return None


def _read_events(reader: NodeReader, node: Node | None, what: str) -> tuple[ChronologyEvent, ...]:
    events: list[ChronologyEvent] = []
    for item in reader.sequence(node, f"the events of {what}"):
        fields = reader.mapping(item, f"an event of {what}", EVENT_KEYS, ("text", "date"))
        if fields is None:
            continue
        text = reader.text(fields.get("text"), "the event text")
        date = reader.text(fields.get("date"), "the event date")
        if date and (problem := date_error(date)):
            reader.report(fields["date"], problem, code=BAD_DATE)
            date = None
        source = reader.text(fields.get("source"), "the event source") or ""
        if text and date:
            events.append(ChronologyEvent(text=text, date=date, source=source))
    return tuple(events)


def _read_feedback(reader: NodeReader, node: Node | None, what: str) -> tuple[tuple[str, str], ...]:
    """`feedback:` maps an option to what a student who picks it is told."""
    if node is None:
        return ()
    if not isinstance(node, MappingNode):
        message = f"the feedback of {what} must be a mapping of option: text"
        reader.report(node, message, code=WRONG_TYPE)
        return ()
    pairs = []
    for key, value in node.value:
        option = reader.text(key, f"an option in the feedback of {what}")
        text = reader.text(value, f"the feedback on '{option}'")
        if option and text:
            pairs.append((option, text))
    return tuple(pairs)


def _field_node(fields: dict[str, Node], key: str, card: Node) -> Node:
    """The node a rule problem is about: a field, an item of a list field (`wrong.1`), or the card.

    An item index counts the items that were read: all of them, unless the list has errors
    of its own (reported already), which can shift the position by an item.
    """
    name, _, index = key.partition(".")
    node = fields.get(name, card)
    if index and isinstance(node, SequenceNode) and int(index) < len(node.value):
        item: Node = node.value[int(index)]
        return item
    if index and isinstance(node, MappingNode) and int(index) < len(node.value):
        pair: Node = node.value[int(index)][0]  # a mapping's item: its key
        return pair
    return node
