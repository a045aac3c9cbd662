"""Statistics on a store filled through a fake clock, in a fixed timezone (UTC+5, no DST)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import flip_card
from progress_support import answer, cli_collection, deck_args, learn, local, put_state

from quizapp.cli import main, stats_cmd
from quizapp.core.clock import FakeClock
from quizapp.core.decks.loader import load_deck
from quizapp.core.decks.model import Deck
from quizapp.core.insight.heatmap import grid, legend, level
from quizapp.core.insight.mastery import is_mastered, mastered_ids
from quizapp.core.insight.stats import collect
from quizapp.core.progress.store import Store
from quizapp.core.scheduling.fsrs_memory import forgetting_curve
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import Scheduler, SchedulerConfig

CARDS = [
    flip_card("a", kind="date", tags=["1950s", "alliances"]),
    flip_card("b", kind="date", tags=["1950s"]),
    flip_card("c", kind="actor", tags=["alliances"]),
    flip_card("d", kind="cause"),
    flip_card("e", kind="cause"),
]
WED = date(2024, 5, 1)  # the fake clock's study day: a Wednesday


@pytest.fixture
def deck(write_deck: Callable[..., Path]) -> Deck:
    loaded = load_deck(write_deck("hist", CARDS)).deck
    assert loaded is not None
    return loaded


def fill(store: Store, scheduler: Scheduler, clock: FakeClock, tz: tzinfo, deck: Deck) -> None:
    """Wed: learn a and b (4 answers). Thu: nothing. Fri: a lapses and is relearnt; b passes.
    Sat 03:30 (still Friday's study day): a passes. An undone answer on Fri is left out."""
    learn(store, scheduler, deck.id, "a", clock())
    learn(store, scheduler, deck.id, "b", clock() + timedelta(minutes=1))
    friday = local(clock() + timedelta(days=2), 18, tz)
    answer(store, scheduler, deck.id, "a", Rating.AGAIN, friday)
    answer(store, scheduler, deck.id, "a", Rating.GOOD, friday + timedelta(minutes=10))
    answer(store, scheduler, deck.id, "b", Rating.GOOD, friday + timedelta(minutes=11))
    before = store.state(deck.id, "c")
    undone = answer(store, scheduler, deck.id, "c", Rating.GOOD, friday + timedelta(minutes=12))
    store.undo(undone, before, friday + timedelta(minutes=13))
    answer(
        store, scheduler, deck.id, "a", Rating.GOOD, local(friday + timedelta(days=1), 3, tz, 30)
    )


def test_reviews_per_day_streak_and_retention(
    store: Store, scheduler: Scheduler, clock: FakeClock, fixed_tz: tzinfo, deck: Deck
) -> None:
    fill(store, scheduler, clock, fixed_tz, deck)
    saturday_noon = local(clock() + timedelta(days=3), 12, fixed_tz)
    stats = collect([deck], store, scheduler, saturday_noon)
    assert stats.today == date(2024, 5, 4)
    counts = dict(stats.reviews_by_day)
    # 12 calendar weeks, Monday first, up to today.
    assert (
        stats.reviews_by_day[0][0] == date(2024, 2, 12)
        and stats.reviews_by_day[0][0].weekday() == 0
    )
    assert stats.reviews_by_day[-1][0] == stats.today
    assert counts[WED] == 4 and counts[date(2024, 5, 2)] == 0
    assert counts[date(2024, 5, 3)] == 4  # 3 on Friday evening + the 03:30 answer; not the undone
    assert sum(counts.values()) == stats.reviews_total == 8
    # Nothing yet on Saturday: the streak (Friday only; Thursday was missed) still stands.
    assert stats.streak == 1
    # Reviews a study day or more after the card's previous one: a's lapse and b's pass on
    # Friday. a's relearning step and its 03:30 answer (still Friday) follow same-day answers.
    week = stats.retention[-1]
    assert week.week == date(2024, 4, 29)
    assert (week.reviews, week.passed) == (2, 1)
    assert all(w.reviews == 0 for w in stats.retention[:-1])


def test_streak_counts_consecutive_study_days(
    store: Store, scheduler: Scheduler, clock: FakeClock, fixed_tz: tzinfo, deck: Deck
) -> None:
    for day in range(4):  # Wed to Sat, one answer a day, Saturday's at 02:00 Sunday
        hour = 2 if day == 3 else 16
        at = local(clock() + timedelta(days=day + (1 if day == 3 else 0)), hour, fixed_tz)
        answer(store, scheduler, deck.id, "abcd"[day], Rating.GOOD, at)
    saturday = local(clock() + timedelta(days=3), 20, fixed_tz)
    assert collect([deck], store, scheduler, saturday).streak == 4
    sunday = local(clock() + timedelta(days=4), 20, fixed_tz)
    assert collect([deck], store, scheduler, sunday).streak == 4  # not broken until Sunday ends
    monday = local(clock() + timedelta(days=5), 20, fixed_tz)
    assert collect([deck], store, scheduler, monday).streak == 0


def test_due_forecast_mastery_and_hardest(
    store: Store, scheduler: Scheduler, clock: FakeClock, fixed_tz: tzinfo, deck: Deck
) -> None:
    now = clock()
    yesterday = now - timedelta(days=1)
    day = scheduler.config.rollover_hour
    start = lambda d: local(now + timedelta(days=d), day, fixed_tz)  # noqa: E731
    # a: overdue, strong (R after a day with S=100 is high): mastered, 3 lapses.
    put_state(store, deck.id, "a", yesterday, stability=100, due=now - timedelta(hours=2), lapses=3)
    # b: due in 3 days, weak (S=0.5, last seen 10 days ago): not mastered, 1 lapse.
    put_state(store, deck.id, "b", now - timedelta(days=10), stability=0.5, due=start(3), lapses=1)
    # c: due in 40 days: outside the forecast. Mastered.
    put_state(store, deck.id, "c", yesterday, stability=50, due=start(40))
    # A card no longer in the deck counts nowhere.
    put_state(store, deck.id, "gone", yesterday, stability=50, due=start(1), lapses=9)
    stats = collect([deck], store, scheduler, now)
    due = dict(stats.due_by_day)
    assert len(stats.due_by_day) == 30
    assert due[WED] == 1 and due[WED + timedelta(days=3)] == 1
    assert sum(due.values()) == 2
    recall_b = forgetting_curve(scheduler.config.parameters, 10, 0.5)
    assert recall_b < 0.9 < scheduler.retrievability(store.state(deck.id, "a"), now)
    assert (stats.mastery.mastered, stats.mastery.cards) == (2, 5)
    kinds = {m.name: (m.mastered, m.cards) for m in stats.mastery_by_kind}
    assert kinds == {"date": (1, 2), "actor": (1, 1), "cause": (0, 2)}
    tags = {m.name: (m.mastered, m.cards) for m in stats.mastery_by_tag}
    assert tags == {"1950s": (1, 2), "alliances": (2, 2)}
    assert [(h.card_id, h.lapses) for h in stats.hardest] == [("a", 3), ("b", 1)]
    assert stats.hardest[0].prompt == "What is a?"


@pytest.mark.parametrize(
    "zone", ["Asia/Karachi", "Asia/Kathmandu", "America/St_Johns", "Australia/Lord_Howe"]
)
def test_mastery_judges_recall_as_the_scheduler_does(
    store: Store, clock: FakeClock, deck: Deck, zone: str
) -> None:
    """The fast count gives the same mastery as `is_mastered` on `recall_now`, in zones whose
    offsets are odd quarter hours or move by half an hour, on both sides of a rollover."""
    tz = ZoneInfo(zone)
    scheduler = Scheduler(SchedulerConfig(), tz=tz)
    now = clock()
    today = now.astimezone(tz).replace(hour=12, minute=0, second=0, microsecond=0)
    rollover = scheduler.config.rollover_hour
    i = 0
    for stability in (1.0, 2.0, 5.0, 30.0):
        for days in (int(stability) - 1, int(stability), int(stability) + 1):
            for minutes in (-50, -10, 10, 50):  # either side of that day's rollover
                day = today - timedelta(days=days)
                at = day.replace(hour=rollover) + timedelta(minutes=minutes)
                put_state(store, deck.id, f"card-{i}", at, stability=stability)
                i += 1
    rng = random.Random(zone)
    for _ in range(200):
        at = now - timedelta(minutes=rng.randrange(0, 60 * 24 * 400))
        stability = rng.choice([0.5, 3.0, 40.0, 200.0])
        put_state(store, deck.id, f"card-{i}", at, stability=stability)
        i += 1
    put_state(store, deck.id, "ahead", now + timedelta(days=30), stability=0.5)  # clock set back
    states = store.states(deck.id)
    expected = {
        c
        for c, s in states.items()
        if s.stability is not None and is_mastered(s.stability, scheduler.recall_now(s, now))
    }
    assert 0 < len(expected) < len(states)
    assert mastered_ids(store, deck.id, scheduler, now) == expected


def test_study_days_follow_the_scheduler_timezone(
    store: Store, scheduler: Scheduler, clock: FakeClock, fixed_tz: tzinfo, deck: Deck
) -> None:
    # 02:00 local on Thursday belongs to Wednesday's study day (rollover at 04:00).
    late = local(clock() + timedelta(days=1), 2, fixed_tz)
    answer(store, scheduler, deck.id, "a", Rating.GOOD, late)
    counts = dict(collect([deck], store, scheduler, late).reviews_by_day)
    assert counts[WED] == 1 and counts.get(date(2024, 5, 2), 0) == 0


def test_a_streak_longer_than_the_charted_weeks_reads_the_older_log(
    store: Store, scheduler: Scheduler, clock: FakeClock, fixed_tz: tzinfo, deck: Deck
) -> None:
    # 100 study days in a row (the charts cover 12 weeks), with one day missed before them.
    first = clock()
    answer(
        store, scheduler, deck.id, "e", Rating.GOOD, local(first - timedelta(days=2), 16, fixed_tz)
    )
    for day in range(100):
        answer(
            store,
            scheduler,
            deck.id,
            "a",
            Rating.GOOD,
            local(first + timedelta(days=day), 16, fixed_tz),
        )
    last = local(first + timedelta(days=99), 20, fixed_tz)
    stats = collect([deck], store, scheduler, last)
    assert len(stats.reviews_by_day) < 100
    assert stats.streak == 100


def test_other_decks_are_left_out(
    store: Store, scheduler: Scheduler, clock: FakeClock, deck: Deck
) -> None:
    answer(store, scheduler, "other", "x", Rating.GOOD, clock())
    answer(store, scheduler, deck.id, "a", Rating.GOOD, clock())
    stats = collect([deck], store, scheduler, clock())
    assert stats.reviews_total == 1
    assert sum(count for _, count in stats.reviews_by_day) == 1
    assert stats.streak == 1


def test_heatmap_shades_and_legend_in_words() -> None:
    monday = date(2024, 4, 29)
    days = [(monday + timedelta(days=i), n) for i, n in enumerate([0, 1, 4, 8, 0, 2, 3, 5])]
    lines = grid(days)
    assert lines[0].startswith("    Apr")
    assert lines[1] == "Mon · ▓"  # Monday: 0, then 5 of at most 8
    assert lines[4] == "Thu █"  # the busiest day; the next Thursday is not in the data
    assert [level(n, 8) for n in (0, 1, 2, 3, 4, 8)] == [0, 1, 1, 2, 2, 4]
    assert legend(days) == "· none  ░ 1-2  ▒ 3-4  ▓ 5-6  █ 7-8 reviews a day"
    assert legend([(monday, 0)]) == "· no review"


def test_stats_json_from_the_command_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    write_deck: Callable[..., Path],
    deck_dir: Path,
    data_dir: Path,
    clock: FakeClock,
    scheduler: Scheduler,
    fixed_tz: tzinfo,
) -> None:
    write_deck("hist", CARDS)
    store = Store.open(data_dir / "progress.sqlite3")
    deck = load_deck(deck_dir / "hist.yaml").deck
    assert deck is not None
    fill(store, scheduler, clock, fixed_tz, deck)
    store.close()
    clock.now = local(clock() + timedelta(days=3), 12, fixed_tz)
    cli_collection(monkeypatch, stats_cmd, clock, scheduler)
    assert main(["stats", "--json", *deck_args(deck_dir, data_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["today"] == "2024-05-04" and data["decks"] == ["hist"]
    assert data["streak"] == 1 and data["reviews_total"] == 8
    by_day = {d["day"]: d["reviews"] for d in data["reviews_by_day"]}
    assert by_day["2024-05-01"] == 4 and by_day["2024-05-03"] == 4
    assert data["retention_by_week"][-1] == {
        "week": "2024-04-29",
        "reviews": 2,
        "passed": 1,
        "rate": 0.5,
    }
    assert data["mastery"]["cards"] == 5
    assert {m["name"] for m in data["mastery_by_kind"]} == {"date", "actor", "cause"}
    assert [h["card_id"] for h in data["hardest"]] == ["a"]
    # The text form says the same in words.
    assert main(["stats", *deck_args(deck_dir, data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Streak: 1 study day in a row. Reviews in all: 8." in out
    assert "week of 2024-04-29:  50% of 2 reviews" in out
    assert "1 lapses  hist/a  What is a?" in out


def test_unknown_deck_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
    write_deck: Callable[..., Path],
    deck_dir: Path,
    data_dir: Path,
) -> None:
    write_deck("hist", CARDS)
    assert main(["stats", "nope", *deck_args(deck_dir, data_dir)]) == 2
    assert "no deck named 'nope'" in capsys.readouterr().err
