"""The parsed-deck cache: start-up never parses an unchanged deck, and never serves a stale one."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from quizapp.core.collection import Collection
from quizapp.core.decks import cache as deck_cache
from quizapp.core.decks.cache import DeckCache, LazyCards
from quizapp.core.decks.library import load_decks
from quizapp.core.decks.loader import load_deck

Writer = Callable[..., Path]


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every deck file the cache had to parse, in order."""
    seen: list[Path] = []
    real = deck_cache.parse_deck_quickly

    def counting(data: bytes, path: Path):  # type: ignore[no-untyped-def]
        seen.append(path)
        return real(data, path)

    monkeypatch.setattr(deck_cache, "parse_deck_quickly", counting)
    return seen


def test_an_unchanged_deck_is_parsed_once(
    write_deck: Writer, deck_dir: Path, tmp_path: Path, parses: list[Path]
) -> None:
    write_deck("one", ["a", "b"])
    write_deck("two", ["c"])
    cache = DeckCache(tmp_path / "cache")
    first = load_decks([deck_dir], cache)
    assert len(parses) == 2
    second = load_decks([deck_dir], cache)
    assert len(parses) == 2  # nothing parsed again
    for old, new in zip(first, second, strict=True):
        assert new.deck == old.deck and new.problems == old.problems


def test_cached_cards_read_only_when_used(
    write_deck: Writer, deck_dir: Path, tmp_path: Path
) -> None:
    path = write_deck("one", ["a", "b", "c"])
    cache = DeckCache(tmp_path / "cache")
    cache.load(path)
    result = cache.load(path)
    assert result.deck is not None
    cards = result.deck.cards
    assert isinstance(cards, LazyCards) and not cards.loaded
    assert len(cards) == 3 and not cards.loaded  # the count comes from the header
    assert cards.ids() == ["a", "b", "c"] and not cards.loaded
    parsed = load_deck(path).deck
    assert parsed is not None
    assert cards == parsed.cards and cards.loaded
    assert result.deck == parsed and hash(result.deck) == hash(parsed)


def test_an_edit_that_keeps_size_and_time_is_seen(
    write_deck: Writer, tmp_path: Path, parses: list[Path]
) -> None:
    """Timestamps are coarse: an edit within the same tick, same length, must not go unseen."""
    path = write_deck("one", ["a", "b"], title="Title A")
    cache = DeckCache(tmp_path / "cache")
    assert cache.load(path).deck.title == "Title A"  # type: ignore[union-attr]
    info = path.stat()
    write_deck("one", ["a", "b"], title="Title B")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size
    assert cache.load(path).deck.title == "Title B"  # type: ignore[union-attr]
    assert len(parses) == 2


def test_a_changed_deck_is_parsed_again(
    write_deck: Writer, tmp_path: Path, parses: list[Path]
) -> None:
    path = write_deck("one", ["a", "b"])
    cache = DeckCache(tmp_path / "cache")
    cache.load(path)
    write_deck("one", ["a", "b", "c"])
    assert [c.id for c in cache.load(path).deck.cards] == ["a", "b", "c"]  # type: ignore[union-attr]
    assert len(parses) == 2


def test_problems_come_back_from_the_cache(write_deck: Writer, tmp_path: Path) -> None:
    path = write_deck("bad", text="format: 1\nid: bad\ntitle: T\ncards:\n  - id: a\n    kind: x\n")
    cache = DeckCache(tmp_path / "cache")
    parsed = cache.load(path)
    assert parsed.errors
    cached = cache.load(path)
    assert [str(p) for p in cached.problems] == [str(p) for p in parsed.problems]


@pytest.mark.parametrize("damage", [b"", b"QZDC\x00\x00\x00\x05junk", os.urandom(300)])
def test_a_damaged_cache_file_is_ignored(
    write_deck: Writer, tmp_path: Path, parses: list[Path], damage: bytes
) -> None:
    path = write_deck("one", ["a", "b"])
    cache = DeckCache(tmp_path / "cache")
    cache.load(path)
    (cache_file,) = (tmp_path / "cache").iterdir()
    cache_file.write_bytes(damage)
    assert [c.id for c in cache.load(path).deck.cards] == ["a", "b"]  # type: ignore[union-attr]
    assert len(parses) == 2


def test_new_reading_code_drops_the_cache(
    write_deck: Writer, tmp_path: Path, parses: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_deck("one", ["a"])
    cache = DeckCache(tmp_path / "cache")
    cache.load(path)
    monkeypatch.setattr(deck_cache, "_stamp", "another version of the loader")
    cache.load(path)
    assert len(parses) == 2


def test_the_app_can_read_uncached_decks_later(
    write_deck: Writer, deck_dir: Path, data_dir: Path
) -> None:
    write_deck("one", ["a", "b"])
    first = Collection.open([deck_dir], data_dir, parse_later=True)
    try:
        assert first.decks == [] and len(first.pending) == 1
        seen: list[tuple[int, int]] = []
        first.load_pending(lambda done, total: seen.append((done, total)))
        assert [d.id for d in first.decks] == ["one"] and first.pending == []
        assert seen == [(1, 1)]
    finally:
        first.close()
    write_deck("two", ["c"])
    again = Collection.open([deck_dir], data_dir, parse_later=True)
    try:
        assert [d.id for d in again.decks] == ["one"]  # cached: there at once
        assert [p.name for p in again.pending] == ["two.yaml"]
    finally:
        again.close()
