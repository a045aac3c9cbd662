"""Settings: checked in words, every deck's value under a deck's own, kept as events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizapp.core.progress.store import Store
from quizapp.core.settings.definitions import SettingError
from quizapp.core.settings.study_settings import change_setting, settings_for, settings_json

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "progress.sqlite3")
    yield opened
    opened.close()


def test_defaults_then_every_deck_then_the_deck_itself(store: Store) -> None:
    assert settings_for(store).new_per_day == 20
    change_setting(store, "new-per-day", "10", T0)
    change_setting(store, "new-per-day", "3", T0, deck_id="ten")
    assert settings_for(store).new_per_day == 10
    ten = settings_for(store, "ten")
    assert ten.new_per_day == 3 and ten.origin["new-per-day"] == "this deck"
    assert settings_for(store, "other").origin["new-per-day"] == "all decks"
    change_setting(store, "new-per-day", None, T0, deck_id="ten")  # back to every deck's
    assert settings_for(store, "ten").new_per_day == 10


@pytest.mark.parametrize(
    ("key", "text", "words"),
    [
        ("retention", "0.5", "from 0.70 to 0.99"),
        ("retention", "high", "a share such as 0.9"),
        ("new-per-day", "-1", "from 0 to 9999"),
        ("learning-steps", "10m 1m", "shortest to the longest"),
        ("learning-steps", "10 minutes", "a number and a unit"),
        ("new-order", "alphabetical", "one of deck, random"),
        ("colour", "blue", "no setting named 'colour'"),
    ],
)
def test_a_value_a_setting_cannot_take_is_refused_in_words(
    store: Store, key: str, text: str, words: str
) -> None:
    with pytest.raises(SettingError, match=words):
        change_setting(store, key, text, T0)
    assert store.setting_events() == []


def test_the_day_start_is_one_for_every_deck(store: Store) -> None:
    with pytest.raises(SettingError, match="one setting for every deck"):
        change_setting(store, "day-starts-at", "5", T0, deck_id="ten")


def test_steps_and_percentages_read_as_students_write_them(store: Store) -> None:
    change_setting(store, "learning-steps", "30s 5m 1h", T0)
    change_setting(store, "retention", "85%", T0)
    settings = settings_for(store)
    assert settings.learning_steps == (
        timedelta(seconds=30),
        timedelta(minutes=5),
        timedelta(hours=1),
    )
    assert settings.retention == 0.85
    shown = settings_json(settings)
    assert shown["learning-steps"] == "30s 5m 1h" and shown["retention"] == 0.85
    assert set(shown) == {
        "new-per-day",
        "reviews-per-day",
        "retention",
        "learning-steps",
        "relearning-steps",
        "day-starts-at",
        "new-order",
        "leech-lapses",
        "leech-action",
        "bundled-decks",
        "sync-folder",
    }


def test_a_kept_value_no_longer_valid_is_ignored_and_said(store: Store) -> None:
    store.set_preference("retention", "2.0", T0)  # written by hand, or by another version
    settings = settings_for(store)
    assert settings.retention == 0.9
    assert "0.70 to 0.99" in settings.ignored["retention"]
