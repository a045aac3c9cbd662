"""Cards set aside, flagged and marked as leeches, and settings: logged as events, replayable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from progress_support import progress_file_at

from quizapp.core.progress.marks import CardEvent, MarkCounts, MarkKind, Marks
from quizapp.core.progress.preferences import SettingEvent
from quizapp.core.progress.store import Store

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "progress.sqlite3")
    yield opened
    opened.close()


def test_each_change_is_an_event_and_the_card_keeps_what_they_come_to(store: Store) -> None:
    cards = [("d", "a"), ("d", "b")]
    assert store.mark(cards, MarkKind.SUSPEND, T0) == 2
    assert store.mark(cards, MarkKind.SUSPEND, T0) == 0  # already: no event
    tomorrow = T0 + timedelta(days=1)
    store.mark([("d", "c")], MarkKind.BURY, T0, int(tomorrow.timestamp() * 1000))
    store.mark([("d", "a")], MarkKind.FLAG, T0, 3)
    store.mark([("d", "b")], MarkKind.UNSUSPEND, T0 + timedelta(minutes=1))
    assert store.card_marks("d", "a") == Marks(suspended=True, flag=3)
    assert store.card_marks("d", "b") == Marks()
    assert store.card_marks("d", "c").buried_until == tomorrow
    assert store.set_aside_now("d", T0) == {"a", "c"}
    assert store.set_aside_now("d", tomorrow) == {"a"}  # the buried card is back
    kinds = [(e.card_id, e.kind) for e in store.card_events("d")]
    assert kinds == [
        ("a", MarkKind.SUSPEND),
        ("b", MarkKind.SUSPEND),
        ("c", MarkKind.BURY),
        ("a", MarkKind.FLAG),
        ("b", MarkKind.UNSUSPEND),
    ]


def test_counts_leave_set_aside_cards_out_of_what_is_on_offer(store: Store) -> None:
    store.mark([("d", "a"), ("d", "b")], MarkKind.SUSPEND, T0)
    store.mark([("d", "c")], MarkKind.BURY, T0, int((T0 + timedelta(hours=20)).timestamp() * 1000))
    store.mark([("d", "e")], MarkKind.LEECH, T0)
    store.mark([("d", "e")], MarkKind.FLAG, T0, 1)
    assert store.mark_counts("d", T0) == MarkCounts(
        suspended=2, buried=1, flagged=1, leeches=1, new_set_aside=3
    )
    assert store.mark_counts("d", T0 + timedelta(days=1)).buried == 0


def test_a_bad_event_value_is_refused_and_nothing_is_written(store: Store) -> None:
    with pytest.raises(ValueError, match="1 to 4"):
        store.mark([("d", "a")], MarkKind.FLAG, T0, 7)
    with pytest.raises(ValueError, match="comes back"):
        store.mark([("d", "a")], MarkKind.BURY, T0)
    assert store.card_events() == []


def test_events_from_elsewhere_are_added_once_and_replayed_in_time_order(store: Store) -> None:
    store.mark([("d", "a")], MarkKind.SUSPEND, T0)
    later = CardEvent("d", "a", T0 + timedelta(hours=1), MarkKind.UNSUSPEND)
    earlier = CardEvent("d", "a", T0 - timedelta(hours=1), MarkKind.FLAG, 2)
    known = CardEvent("d", "a", T0, MarkKind.SUSPEND)
    added, changed = store.add_card_events([later, earlier, known])
    assert (added, changed) == (2, {("d", "a")})
    assert store.card_marks("d", "a") == Marks(suspended=False, flag=2)
    assert store.add_card_events([later, earlier, known]) == (0, set())


def test_settings_are_logged_reset_and_merged_latest_first(store: Store) -> None:
    assert store.set_preference("new-per-day", "10", T0)
    assert not store.set_preference("new-per-day", "10", T0)
    store.set_preference("new-per-day", "3", T0, deck_id="ten")
    assert store.preference("new-per-day") == "10"
    assert store.preference("new-per-day", "ten") == "3"
    store.set_preference("new-per-day", None, T0 + timedelta(minutes=1), deck_id="ten")
    assert store.preference("new-per-day", "ten") is None
    assert [e.value for e in store.setting_events()] == ["10", "3", None]
    # Another machine's later change wins; its earlier one is logged but changes nothing.
    other = [
        SettingEvent(T0 + timedelta(hours=2), "", "new-per-day", "15"),
        SettingEvent(T0 - timedelta(hours=2), "", "retention", "0.85"),
    ]
    assert store.add_setting_events(other) == 2
    assert store.add_setting_events(other) == 0
    assert store.preferences() == {("", "new-per-day"): "15", ("", "retention"): "0.85"}


def test_the_retention_chosen_before_settings_existed_becomes_the_setting(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    conn = progress_file_at(path, 4)
    conn.execute("INSERT INTO settings (key, value) VALUES ('desired_retention', '0.85')")
    conn.close()
    store = Store.open(path)
    try:
        assert store.preference("retention") == "0.85"
        assert store.setting("desired_retention") is None
        assert [(e.key, e.value) for e in store.setting_events()] == [("retention", "0.85")]
    finally:
        store.close()


def test_counting_marked_cards_reads_only_the_marked_ones(store: Store) -> None:
    """The counts of home and `quizapp list` look marked cards up in their partial index, not
    the deck's every card: due counts stay fast at any size (bench/run.py)."""
    store.mark([("d", "a")], MarkKind.SUSPEND, T0)
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    store.mark_counts("d", T0)
    store.marks("d")
    store.conn.set_trace_callback(None)
    for sql in statements:
        plan = " ".join(str(row[-1]) for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "USING INDEX cards_marked" in plan, plan
