"""The marking table (tests/data/marking_table.yaml): each answer marked as a strict but fair
teacher would, every row saying why; and the rules' properties over generated answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from quizapp.core.grading.formats import grade_chronology, grade_cloze
from quizapp.core.grading.marking import Outcome, Verdict, grade_typed
from quizapp.core.grading.responses import grade_matching, parse_order, parse_pairs

TABLE = Path(__file__).parent / "data" / "marking_table.yaml"
ROWS: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["rows"]
OUTCOMES = {"C": Outcome.CORRECT, "A": Outcome.ALMOST, "W": Outcome.WRONG}


def mark(row: dict[str, Any]) -> Verdict:
    """Mark one row's answer the way a question of its format does."""
    if "cloze" in row:
        return grade_cloze(row["cloze"], row["blanks"], context=row.get("text", ""))
    if "order" in row:
        order = parse_order(row["order"], row["events"])
        if order is None:
            return Verdict(Outcome.WRONG, 0.0, 1, "No answer.")  # as Question.grade says
        return grade_chronology(order, row["key"])
    if "pairs" in row:
        options = row["options"]
        pairs = parse_pairs(row["pairs"], len(row["key"]), len(options), options) or {}
        return grade_matching(pairs, row["key"])
    return grade_typed(
        str(row["g"]),
        str(row["a"]),
        [str(a) for a in row.get("alt", ())],
        row.get("date"),
        wrong=[str(w) for w in row.get("wrong", ())],
        question=row.get("q", ""),
        context=row.get("src", ""),
        work=row.get("work", ""),
    )


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_marking_table(row: dict[str, Any]) -> None:
    verdict = mark(row)
    assert verdict.outcome is OUTCOMES[row["x"]], f"{row['why']}: {verdict.reason}"
    assert str(row.get("says", "")) in verdict.reason
    assert verdict.score == {"C": 1.0, "A": verdict.score, "W": verdict.score}[row["x"]]


KEYS = {"id", "g", "a", "alt", "date", "wrong", "q", "src", "work", "x", "why", "says", "card"}
KEYS |= {"cloze", "blanks", "text", "order", "events", "key", "pairs", "options"}


def test_the_table_is_large_and_every_row_says_why() -> None:
    # An unquoted comma in a YAML flow mapping makes a stray key: caught here.
    assert [row["id"] for row in ROWS if set(row) - KEYS] == []
    assert len(ROWS) >= 250
    assert len({row["id"] for row in ROWS}) == len(ROWS)
    assert all(str(row.get("why", "")).strip() for row in ROWS)
    assert {row["x"] for row in ROWS} == set(OUTCOMES)
