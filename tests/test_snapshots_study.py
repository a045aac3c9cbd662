"""Snapshots of the home and study screens at the two sizes we design for."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import MIXED_DECK, open_collection

from quizapp.core.collection import Collection
from quizapp.core.paths import bundled_decks_dir
from quizapp.tui.app import make_app

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    collection = Collection.open([bundled_decks_dir()], tmp_path / "data")
    assert snap_compare(make_app(collection), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_study_typed_question(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    collection, _ = open_collection(tmp_path, ("mixed.yaml", MIXED_DECK))
    app = make_app(collection, study=collection.decks)
    assert snap_compare(app, terminal_size=size, press=[*"1955"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_study_after_a_near_miss(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    collection, _ = open_collection(tmp_path, ("mixed.yaml", MIXED_DECK))
    app = make_app(collection, study=collection.decks)
    assert snap_compare(app, terminal_size=size, press=[*"1955", "enter"])


def test_study_choice_answered(snap_compare, tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("mixed.yaml", MIXED_DECK))
    app = make_app(collection, study=collection.decks)
    assert snap_compare(app, terminal_size=(80, 24), press=[*"1954", "enter", "enter", "a"])
