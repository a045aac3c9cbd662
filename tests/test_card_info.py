"""A card's history from the command line: `quizapp card DECK/CARD [--json]`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.progress.marks import MarkKind
from quizapp.core.scheduling.rating import Rating
from quizapp.core.sessions.study import StudySession

TEN = [f"c{i}" for i in range(10)]


@pytest.fixture
def ten(write_deck: Callable[..., Path], deck_dir: Path) -> Path:
    return write_deck("ten", TEN)


def card_json(deck_dir: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    args = ["card", "ten/c0", "--json", "--decks", str(deck_dir), "--data-dir", str(data_dir)]
    assert main(args) == 0
    return json.loads(capsys.readouterr().out)


def test_card_json_after_a_session_that_answered_it(
    ten: Path,
    deck_dir: Path,
    data_dir: Path,
    open_collection: Callable[..., Collection],
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    collection = open_collection(deck_dir)
    study = StudySession(collection.decks, collection.store, collection.scheduler, clock)
    assert study.current is not None and study.current.card.id == "c0"
    study.answer(Rating.AGAIN, given_answer="no idea")  # c0 comes back in a minute
    clock.advance(minutes=2)
    while study.current is not None and study.current.card.id != "c0":
        study.answer(Rating.EASY)
    study.answer(Rating.GOOD)
    state = collection.store.state("ten", "c0")
    collection.close()
    shown = card_json(deck_dir, data_dir, capsys)
    assert shown["deck"] == "ten" and shown["card"] == "c0"
    assert shown["file"] == str(ten) and shown["line"] == 5
    assert shown["state"] == "learning" and shown["lapses"] == 0
    assert shown["due"] == state.due.isoformat()
    assert shown["stability_days"] == state.stability
    assert [h["rating"] for h in shown["history"]] == ["again", "good"]
    assert [h["mode"] for h in shown["history"]] == ["study", "study"]
    assert shown["history"][0]["answer"] == "no idea"
    assert shown["history"][0]["interval_days"] == pytest.approx(1 / 1440, rel=1e-3)  # one minute
    assert shown["history"][1]["due_after"] == state.due.isoformat()
    assert shown["events"] == [] and shown["flag"] is None and not shown["suspended"]


def test_card_json_of_a_new_card_and_its_events(
    ten: Path,
    deck_dir: Path,
    data_dir: Path,
    open_collection: Callable[..., Collection],
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    collection = open_collection(deck_dir)
    collection.store.mark([("ten", "c0")], MarkKind.SUSPEND, clock())
    collection.store.mark([("ten", "c0")], MarkKind.FLAG, clock(), 1)
    collection.close()
    shown = card_json(deck_dir, data_dir, capsys)
    assert shown["state"] == "suspended" and shown["phase"] == "new"
    assert shown["history"] == [] and shown["due"] is None and shown["retrievability"] is None
    assert shown["flag"] == "red" and shown["suspended"] is True
    assert [e["event"] for e in shown["events"]] == ["suspend", "flag"]


def test_card_text_lists_every_review(
    ten: Path,
    deck_dir: Path,
    data_dir: Path,
    open_collection: Callable[..., Collection],
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    collection = open_collection(deck_dir)
    StudySession(collection.decks, collection.store, collection.scheduler, clock).answer(
        Rating.EASY
    )
    collection.close()
    assert main(["card", "ten/c0", "--decks", str(deck_dir), "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "ten/c0 · flip card · concept · review"
    assert out[1] == f"File: {ten}, line 5"
    assert "Reviews:" in out
    header = out.index("Reviews:") + 1
    assert out[header].split() == ["when", "mode", "rating", "answer", "given", "next", "wait"]
    assert out[header + 1].split()[2:] == ["study", "Easy", "8d"]


@pytest.mark.parametrize(
    ("name", "status", "said"),
    [
        ("ten/c99", 1, "quizapp: error: deck 'ten' has no card 'c99'; did you mean 'c9'?\n"),
        ("nine/c0", 1, "quizapp: error: no deck 'nine' (decks: ten)\n"),
        ("ten", 2, "quizapp: error: a card is written deck-id/card-id, e.g. ten/c0 (got 'ten')\n"),
    ],
)
def test_an_unknown_card_is_said_in_words(
    ten: Path,
    deck_dir: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    status: int,
    said: str,
) -> None:
    args = ["card", name, "--decks", str(deck_dir), "--data-dir", str(data_dir)]
    assert main(args) == status
    assert capsys.readouterr().err == said
