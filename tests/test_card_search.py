"""Searching cards by progress and marks (is:, flag:, lapses>N, due<Nd) and sorting them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import flip_card

from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.decks.search import CardFacts, parse_query, progress_matches
from quizapp.core.insight.card_search import find_cards
from quizapp.core.progress.marks import MarkKind
from quizapp.core.scheduling.rating import Rating
from quizapp.core.sessions.set_aside import bury_until
from quizapp.core.sessions.study import StudySession


def test_the_query_reads_progress_filters_and_says_what_it_cannot() -> None:
    query = parse_query("Tashkent is:due IS:Leech flag:red flag:2 lapses>3 due<7d ivl>=30")
    assert query.words == ("tashkent",)
    assert query.states == {"due", "leech"} and query.flags == {1, 2}
    assert query.compare == (("lapses", ">", 3.0), ("due", "<", 7.0), ("interval", ">=", 30.0))
    assert query.needs_progress and not parse_query("tag:x words").needs_progress
    bad = parse_query("is:sleeping flag:12 lapses>many")
    assert len(bad.problems) == 3
    assert "is:sleeping: is: takes due, new" in bad.problems[0]
    assert "flag:12: flag: takes 0-4" in bad.problems[1]
    assert "lapses is compared with a number" in bad.problems[2]


@pytest.mark.parametrize(
    ("text", "facts", "hit"),
    [
        ("is:new", CardFacts(), True),
        ("is:due", CardFacts(), False),  # a new card is never due
        ("lapses>3", CardFacts(phase="review", lapses=4), True),
        ("lapses>3", CardFacts(phase="review", lapses=3), False),
        ("flag:0", CardFacts(), True),
        ("flag:1", CardFacts(flag=2), False),
        ("is:flagged", CardFacts(flag=2), True),
        ("is:suspended", CardFacts(suspended=True), True),
        ("is:leech", CardFacts(), False),
        ("due<7d", CardFacts(), False),  # no due date
    ],
)
def test_progress_filters(text: str, facts: CardFacts, hit: bool, clock: FakeClock) -> None:
    assert progress_matches(parse_query(text), facts, clock()) is hit


def test_due_and_interval_are_compared_in_days(clock: FakeClock) -> None:
    now = clock()
    ms, day = int(now.timestamp() * 1000), 86_400_000
    review = CardFacts(phase="review", due_ms=ms + 3 * day, last_ms=ms)
    overdue = CardFacts(phase="review", due_ms=ms - 2 * day, last_ms=ms)
    assert review.due == now + timedelta(days=3) and review.interval == timedelta(days=3)
    assert progress_matches(parse_query("due<7d"), review, now)
    assert not progress_matches(parse_query("due>7d"), review, now)
    assert progress_matches(parse_query("due<7d is:due"), overdue, now)
    assert progress_matches(parse_query("interval=3"), review, now)


def test_find_filters_and_sorts_by_progress(
    write_deck: Callable[..., Path],
    open_collection: Callable[..., Collection],
    deck_dir: Path,
    clock: FakeClock,
) -> None:
    write_deck("x", [flip_card(f"c{n}") for n in range(5)])
    c = open_collection(deck_dir)
    study = StudySession(c.decks, c.store, c.scheduler, clock, new_per_day=3)
    for rating in (Rating.EASY, Rating.AGAIN, Rating.GOOD):  # c0, c1, c2
        study.answer(rating)
    c.store.mark([("x", "c3")], MarkKind.SUSPEND, clock())
    c.store.mark([("x", "c4")], MarkKind.BURY, clock(), bury_until(c.scheduler, clock()))
    c.store.mark([("x", "c2")], MarkKind.FLAG, clock(), 3)

    def ids(text: str, **order: object) -> list[str]:
        found = find_cards(c.decks, c.store, parse_query(text), clock(), **order)  # type: ignore[arg-type]
        return [card for _, card in found.keys()]

    assert ids("is:new") == ["c3", "c4"]
    assert ids("is:suspended") == ["c3"] and ids("is:buried") == ["c4"]
    assert ids("flag:green") == ["c2"] and ids("is:learning") == ["c1", "c2"]
    assert ids("is:review") == ["c0"]
    assert ids("c1 is:learning") == ["c1"]  # text and progress together
    # Sorted by due date (new cards last), and the other way round (still last).
    by_due = ids("", order="due")
    assert by_due[:3] == ["c1", "c2", "c0"] and set(by_due[3:]) == {"c3", "c4"}
    assert ids("", order="due", reverse=True)[:3] == ["c0", "c2", "c1"]
    assert ids("", order="flag")[0] == "c2"
    assert ids("", order="state") == ["c1", "c2", "c0", "c4", "c3"]
    found = find_cards(c.decks, c.store, parse_query("c0"), clock())
    ((_, card, facts),) = found.listed
    assert card.id == "c0" and facts.phase == "review" and facts.interval is not None


def test_listing_every_card_reads_only_the_listed_decks_cards(
    tmp_path: Path, clock: FakeClock
) -> None:
    """Browse opening on a large collection: its first page of cards reads the cards of the
    decks it lists alone, and a search by fields reads none but those listed."""
    from quizapp.core.paths import bundled_decks_dir

    Collection.open([bundled_decks_dir()], tmp_path / "data", clock=clock).close()  # cached
    for text, limit in (("", 20), ("kind:date", 5)):
        c = Collection.open([bundled_decks_dir()], tmp_path / "data", clock=clock)
        try:
            found = find_cards(c.decks, c.store, parse_query(text), clock(), limit=limit)
            loaded = [d.id for d in c.decks if d.cards.loaded]  # type: ignore[attr-defined]
            assert loaded == list(dict.fromkeys(deck.id for deck, _, _ in found.listed))
            assert len(found.listed) == limit and len(loaded) < len(c.decks)
            every = [(d.id, card.id) for d in c.decks for card in d.cards]
            if not text:
                assert found.count == found.total == len(every) and found.keys() == every
            else:
                kinds = {(d.id, card.id): str(card.kind) for d in c.decks for card in d.cards}
                assert found.keys() == [key for key in every if kinds[key] == "date"]
        finally:
            c.close()
