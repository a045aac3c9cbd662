"""Moodle GIFT: multiple choice, true/false, short answer, missing word, numerical, matching.

Questions are separated by blank lines; `::title::` names a question (our card id on export);
`{...}` holds the answers: `=right`, `~wrong`, `~%50%partly right`, `#feedback`, `####general
feedback`; `{T}`/`{F}`; `{#3.14:0.01}`; `{=left -> right ...}`. Special characters are escaped
with a backslash. Our export adds a `// quizapp: {...}` comment before each question with what
GIFT cannot hold (kind, date, source, tags); Moodle ignores it, our import reads it back.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from quizapp.core.authoring.exchange.base import (
    ExchangeError,
    Imported,
    Progress,
    check_card,
    plain_card,
    stable_id,
    with_meta,
)
from quizapp.core.authoring.exchange.gift_cloze import as_cloze, cloze_parts, merge_cloze_parts
from quizapp.core.decks.model import Card, ChronologyEvent, Deck, Kind, QuestionType
from quizapp.core.decks.validation import ID_PATTERN, date_error

SPECIALS = "~=#{}:"
# Escaped characters are swapped for private-use code points while parsing, then restored.
_HIDE = {f"\\{c}": chr(0xE000 + i) for i, c in enumerate(SPECIALS + "\\")}
_SHOW = {v: k[1] for k, v in _HIDE.items()}
META = "// quizapp:"
MODEL_ANSWER = "Model answer:"
_TAG_COMMENT = re.compile(r"\[tag:([^\]]+)\]")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")


@dataclass
class _Answer:
    right: bool
    weight: float
    text: str
    feedback: str


def read_gift(path: Path, data: bytes, progress: Progress | None = None) -> Imported:
    """Read the questions of a GIFT file as cards.

    Raises:
        ExchangeError: the file is not UTF-8 text or a question cannot be read (with its line).
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExchangeError(path, f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    blocks = list(_blocks(text))
    imported = Imported()
    for done, (line, block, meta, tags) in enumerate(blocks, start=1):
        for card in _question(path, line, block, imported):
            if meta.get("type") == QuestionType.CLOZE and card.type is QuestionType.TYPED:
                card = as_cloze(card)
            card = replace(card, tags=tuple(dict.fromkeys((*card.tags, *tags))))
            card = check_card(with_meta(card, meta), path, line)
            imported.cards.append(card)
        if progress:
            progress(done, len(blocks))
    imported.cards = merge_cloze_parts(imported.cards)
    if not imported.cards:
        raise ExchangeError(path, "no GIFT questions found (a question needs {answers})")
    return imported


def _blocks(text: str) -> Iterator[tuple[int, str, dict[str, Any], list[str]]]:
    """(first line, question text, metadata, tags) for each question, comments out.

    Tags come from the category the question is in (its last part: `$CATEGORY: $course$/
    History/Cold War` tags it `Cold-War`) and from Moodle's `// [tag:NAME]` comments.
    """
    lines: list[str] = []
    start, meta, category = 0, {}, ""
    tags: list[str] = []
    for number, raw in enumerate(text.splitlines() + [""], start=1):
        stripped = raw.strip()
        if stripped.startswith(META):
            try:
                meta = json.loads(stripped[len(META) :])
            except json.JSONDecodeError:
                meta = {}
            continue
        if stripped.startswith("$CATEGORY:"):
            category = _category_tag(stripped.removeprefix("$CATEGORY:"))
            continue
        if stripped.startswith("//"):
            tags += _TAG_COMMENT.findall(stripped)
            continue
        if stripped:
            start = start or number
            lines.append(raw)
        elif lines:
            found = [category] if category else []
            yield start, "\n".join(lines), meta if isinstance(meta, dict) else {}, found + tags
            lines, start, meta, tags = [], 0, {}, []


def _category_tag(category: str) -> str:
    """The last part of a category path as a tag ('$course$/Top/Cold War' -> 'Cold-War')."""
    parts = [p.strip() for p in category.strip().split("/") if p.strip()]
    last = parts[-1] if parts and not parts[-1].startswith("$") else ""
    return "-".join(last.split())


def _hide(text: str) -> str:
    for escaped, mark in _HIDE.items():
        text = text.replace(escaped, mark)
    return text


def _show(text: str, strip: bool = True) -> str:
    text = "".join(_SHOW.get(c, c) for c in text.replace("\\n", "\n"))
    text = html.unescape(text)
    return text.strip() if strip else text


def _question(path: Path, line: int, block: str, imported: Imported) -> list[Card]:
    raw = _hide(block).lstrip()
    title = ""
    if raw.startswith("::") and "::" in raw[2:]:
        title, raw = raw[2:].split("::", 1)
        title = _show(title)
    raw = re.sub(r"^\s*\[(html|moodle|plain|markdown)\]", "", raw)
    opening = raw.find("{")
    if opening < 0:
        imported.notices.append(f"{path}:{line}: a description without answers; skipped")
        return []
    closing = raw.find("}", opening)
    if closing < 0:
        raise ExchangeError(path, "the answers '{' are never closed with '}'", line)
    before, inside, after = raw[:opening], raw[opening + 1 : closing], raw[closing + 1 :]
    question = _show(before + ("_____" + after if after.strip() else ""))  # as Moodle shows it
    card_id = _show(title) if ID_PATTERN.fullmatch(_show(title)) else ""
    card_id = card_id or stable_id("gift", title or question)
    if not question:
        raise ExchangeError(path, "the question text is empty", line)
    inside, _, general = inside.rpartition("####") if "####" in inside else (inside, "", "")
    body = inside.strip()
    if not body:
        model = _show(general)
        if model.lower().startswith(MODEL_ANSWER.lower()):  # our flip cards, as essays
            answer, _, explanation = model[len(MODEL_ANSWER) :].strip().partition("\n\n")
            card = plain_card(card_id, question, answer, qtype=QuestionType.FLIP)
            return [replace(card, explanation=explanation.strip())]
        imported.notices.append(f"{path}:{line}: an essay question has no answer to grade; skipped")
        return []
    if body.startswith("#"):
        try:
            return [_numerical(card_id, question, body[1:], _show(general))]
        except ValueError as exc:
            raise ExchangeError(path, f"a numerical answer: {exc}", line) from None
    truth = body.split("#", 1)[0].strip().upper()
    if truth in {"T", "TRUE", "F", "FALSE"}:
        feedback = [_show(part) for part in body.split("#")[1:]]
        explanation = _show(general) or (feedback[-1] if feedback else "")
        statement = Card(
            id=card_id,
            kind=Kind.CONCEPT,
            type=QuestionType.TRUE_FALSE,
            question=question,
            answer="true" if truth.startswith("T") else "false",
            explanation=explanation,
        )
        return [statement]
    answers = _answers(body)
    if not answers:
        raise ExchangeError(path, "no answers between { and }: write =right or ~wrong", line)
    if all("->" in a.text for a in answers if a.right) and any(a.right for a in answers):
        return _matching(card_id, _show(before), answers, _show(general))
    return [_choice_or_short(card_id, before, after, question, answers, _show(general))]


def _answers(body: str) -> list[_Answer]:
    found = []
    for match in re.finditer(r"([=~])([^=~]*)", body):
        mark, content = match.groups()
        weight_match = _WEIGHT.match(content.strip())
        content = content.strip()[weight_match.end() :] if weight_match else content
        text, _, feedback = content.partition("#")
        weight = float(weight_match.group(1)) if weight_match else (100.0 if mark == "=" else 0)
        if _show(text):
            found.append(_Answer(mark == "=", weight, _show(text), _show(feedback)))
    return found


def _choice_or_short(
    card_id: str, before: str, after: str, question: str, answers: list[_Answer], general: str
) -> Card:
    right = [a for a in answers if a.weight >= 100]
    partial = [a for a in answers if 0 < a.weight < 100]
    wrong = [a.text for a in answers if a.weight <= 0]
    explanation = general or next((a.feedback for a in right if a.feedback), "")
    if not right:  # several answers, each partly right: all of them are the answer
        text = "; ".join(a.text for a in partial)
        return plain_card(card_id, question, text, explanation=explanation, qtype=QuestionType.FLIP)
    multiple = any(not a.right for a in answers)
    texts = [a.text for a in right]
    blank = "|".join(texts)
    if not multiple and after.strip() and "}}" not in blank and "{{" not in blank:
        passage = f"{_show(before, False)}{{{{{blank}}}}}{_show(after, False)}".strip()
        return Card(
            id=card_id,
            kind=Kind.CONCEPT,
            type=QuestionType.CLOZE,
            text=passage,
            explanation=explanation,
        )
    qtype = QuestionType.CHOICE if multiple else QuestionType.TYPED
    card = plain_card(
        card_id,
        question,
        texts[0],
        alternatives=texts[1:],
        wrong=wrong,
        explanation=explanation,
        qtype=qtype,
    )
    # What Moodle says after a wrong pick (`~option#feedback`), shown by quizapp the same way.
    feedback = tuple(
        (a.text, a.feedback)
        for a in answers
        if a.weight <= 0 and a.feedback and a.text in card.wrong
    )
    return replace(card, feedback=feedback) if card.type is QuestionType.CHOICE else card


def _numerical(card_id: str, question: str, body: str, general: str) -> Card:
    first = re.split(r"(?<!^)=", body.lstrip("="), maxsplit=1)[0]
    value, _, feedback = _WEIGHT.sub("", first.strip()).partition("#")
    value = _show(value)
    explanation = general or _show(feedback)
    if ".." in value:  # a range: its middle, give or take half its width
        low, high = (part.strip() for part in value.split("..", 1))
        try:
            bottom, top = sorted((float(low), float(high)))
        except ValueError:
            raise ValueError(f"'{value}' is not a range of numbers (write {{#1..5}})") from None
        number, tolerance = _number((bottom + top) / 2), _number((top - bottom) / 2)
    else:
        number, _, tolerance = (part.strip() for part in value.partition(":"))
        try:
            float(number), float(tolerance or 0)
        except ValueError:
            message = f"'{value}' is not a number (write {{#3.14}} or {{#3.14:0.01}})"
            raise ValueError(message) from None
    card = plain_card(card_id, question, number, qtype=QuestionType.TYPED)
    kind = card.kind if card.kind is Kind.DATE and not tolerance else Kind.NUMBER
    within = tolerance if tolerance and float(tolerance) != 0 else ""
    return replace(
        card,
        kind=kind,
        date=None if within else card.date,
        tolerance=within,
        explanation=explanation,
    )


def _number(value: float) -> str:
    return f"{value:.10g}"


def _matching(card_id: str, stem: str, answers: list[_Answer], general: str) -> list[Card]:
    pairs = [tuple(part.strip() for part in a.text.split("->", 1)) for a in answers if a.right]
    dates = [right for _, right in pairs]
    if 4 <= len(pairs) <= 6 and len(set(dates)) == len(dates) and not any(map(date_error, dates)):
        events = tuple(ChronologyEvent(text=left, date=right) for left, right in pairs)
        chronology = Card(
            id=card_id,
            kind=Kind.EVENT,
            type=QuestionType.CHRONOLOGY,
            question=stem or "Put these events in order, earliest first.",
            events=events,
            explanation=general,
        )
        return [chronology]
    rights = [right for _, right in pairs]
    cards = []
    for index, (left, right) in enumerate(pairs, start=1):
        question = f"{stem.rstrip(' .:?')}: {left}" if stem else left
        wrong = [r for r in rights if r != right]
        cards.append(plain_card(f"{card_id}.{index}", question, right, wrong=wrong))
    return cards


def write_gift(decks: Sequence[Deck], progress: Progress | None = None) -> str:
    """The decks as GIFT, one category per deck; multi-blank cloze cards become one missing-word
    question per blank (titled `id.1`, `id.2`, ...), which our import joins again."""
    out = ["// Exported by quizapp. GIFT format: https://docs.moodle.org/en/GIFT_format", ""]
    total, done = sum(len(d.cards) for d in decks), 0
    for deck in decks:
        out += [f"$CATEGORY: $course$/quizapp/{deck.id}", ""]
        for card in deck.cards:
            tags = dict.fromkeys((*card.tags, *deck.tags))  # Moodle reads `// [tag:NAME]`
            out += [f"// [tag:{tag}]" for tag in tags if "]" not in tag]
            out += _export(card)
            done += 1
            if progress:
                progress(done, total)
    return "\n".join(out)


def escape(text: str) -> str:
    """Text with GIFT's special characters escaped, line breaks as \\n, and HTML's (Moodle
    reads GIFT text as HTML: `<` would start a tag)."""
    text = html.escape(text, quote=False).replace("\\", "\\\\")
    for char in SPECIALS:
        text = text.replace(char, f"\\{char}")
    return text.replace("\n", "\\n")


def _export(card: Card) -> list[str]:
    meta: dict[str, str | list[str]] = {
        "kind": str(card.kind),
        "type": str(card.type),
        "date": card.date or "",
    }
    meta |= {"source": card.source, "tags": list(card.tags)}
    if card.type is not QuestionType.CHOICE:
        meta["wrong"] = list(card.wrong)
    if card.type is QuestionType.CHOICE:
        meta["alternatives"] = list(card.alternatives)
    if card.events:
        meta["event_sources"] = [e.source for e in card.events]
    note = f"{META} {json.dumps(meta, ensure_ascii=False)}"
    general = f" ####{escape(card.explanation)}" if card.explanation else ""
    if card.type is QuestionType.CLOZE:
        parts = cloze_parts(card.text)
        lines: list[str] = []
        for index, (before, blank, after) in enumerate(parts, start=1):
            title = card.id if len(parts) == 1 else f"{card.id}.{index}"
            choices = " ".join(f"={escape(b)}" for b in blank)
            question = f"{escape(before)}{{{choices}{general}}}{escape(after)}"
            lines += [note, f"::{title}:: {question}", ""]
        return lines
    head = f"{note}\n::{card.id}:: {escape(card.question)}"
    if card.type is QuestionType.TRUE_FALSE:
        truth = "TRUE" if card.answer.strip().lower() == "true" else "FALSE"
        return [f"{head} {{{truth}{general}}}", ""]
    if card.type is QuestionType.CHRONOLOGY:
        pairs = " ".join(f"={escape(e.text)} -> {escape(e.date)}" for e in card.events)
        return [f"{head} {{{pairs}{general}}}", ""]
    if card.type is QuestionType.CHOICE:
        wrong = [f"~{escape(w)}" + _feedback(card, w) for w in card.wrong]
        options = " ".join([f"={escape(card.answer)}", *wrong])
        return [f"{head} {{{options}{general}}}", ""]
    if card.type is QuestionType.FLIP:
        # An essay, the answer given to the marker as a model: a short-answer question would
        # accept only the whole sentence, word for word.
        model = f"{MODEL_ANSWER} {card.answer}" + (
            f"\n\n{card.explanation}" if card.explanation else ""
        )
        return [f"{head} {{####{escape(model)}}}", ""]
    if card.tolerance:
        return [f"{head} {{#{card.answer}:{card.tolerance}{general}}}", ""]
    accepted = " ".join(f"={escape(a)}" for a in (card.answer, *card.alternatives))
    return [f"{head} {{{accepted}{general}}}", ""]


def _feedback(card: Card, option: str) -> str:
    text = card.feedback_for(option)
    return f"#{escape(text)}" if text else ""
