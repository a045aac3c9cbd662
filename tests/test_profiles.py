"""Profiles: one data folder per student under the data folder, the default one the data folder
itself; names checked in words; the CLI's --profile and $QUIZAPP_PROFILE."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core.clock import FakeClock
from quizapp.core.collection import Collection
from quizapp.core.paths import (
    PROFILE_ENV,
    ProfileNameError,
    chosen_profile,
    data_dir,
    profile_dir,
    profile_name,
    profile_names,
)
from quizapp.core.progress.store import Review
from quizapp.core.scheduling.rating import Rating
from quizapp.core.scheduling.scheduler import CardState


@pytest.mark.parametrize(
    ("given", "kept"),
    [("Ali", "Ali"), ("  Sana Khan ", "Sana Khan"), ("room-4_b", "room-4_b"), ("علی", "علی")],
)
def test_a_name_of_letters_digits_spaces_dashes_and_underscores_is_kept(
    given: str, kept: str
) -> None:
    assert profile_name(given) == kept


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("", "needs a name"),
        ("   ", "needs a name"),
        ("a" * 33, "at most 32 characters"),
        ("../teacher", "letters, digits, spaces, '-' and '_' only ('../teacher' has '.' '/')"),
        ("a\\b", "'\\\\'"),
        ("-ali", "begins and ends with a letter or digit"),
        ("ali_", "begins and ends with a letter or digit"),
        ("NUL", "keep for devices"),
        ("com1", "keep for devices"),
    ],
)
def test_a_name_that_cannot_be_a_folder_everywhere_is_refused_in_words(
    given: str, said: str
) -> None:
    with pytest.raises(ProfileNameError) as caught:
        profile_name(given)
    assert said in str(caught.value)


def test_the_default_profile_is_the_data_folder_itself(tmp_path: Path) -> None:
    assert profile_dir(tmp_path, None) == tmp_path
    assert profile_dir(tmp_path, "default") == tmp_path
    assert profile_dir(tmp_path, "Default") == tmp_path
    assert data_dir(tmp_path) == tmp_path
    assert data_dir(tmp_path, "Ali") == tmp_path / "profiles" / "Ali"


def test_names_differing_in_case_are_one_profile_kept_as_first_spelled(tmp_path: Path) -> None:
    (tmp_path / "profiles" / "Ali").mkdir(parents=True)
    assert profile_dir(tmp_path, "ALI") == tmp_path / "profiles" / "Ali"
    assert profile_dir(tmp_path, "sana") == tmp_path / "profiles" / "sana"


def test_profiles_are_listed_by_name_without_stray_files(tmp_path: Path) -> None:
    assert profile_names(tmp_path) == []
    folder = tmp_path / "profiles"
    for name in ("zoe", "Ali", "bilal"):
        (folder / name).mkdir(parents=True)
    (folder / "notes.txt").write_text("not a profile", encoding="utf-8")
    (folder / ".hidden").mkdir()
    assert profile_names(tmp_path) == ["Ali", "bilal", "zoe"]


def test_the_profile_comes_from_the_option_else_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(PROFILE_ENV, raising=False)
    assert chosen_profile() is None
    monkeypatch.setenv(PROFILE_ENV, "sana")
    assert chosen_profile() == "sana"
    assert chosen_profile("Ali") == "Ali"
    monkeypatch.setenv(PROFILE_ENV, "")
    assert chosen_profile() is None


def answer_one(collection: Collection, clock: FakeClock) -> None:
    deck = collection.decks[0]
    card = deck.cards[0]
    state = collection.scheduler.review(CardState(), Rating.GOOD, clock(), card.id)
    collection.store.record(Review(deck.id, card.id, clock(), int(Rating.GOOD)), state)


def test_two_profiles_keep_separate_progress(
    tmp_path: Path, write_deck: Callable[..., Path], deck_dir: Path, clock: FakeClock
) -> None:
    write_deck("sample")
    base = tmp_path / "data"
    ali = Collection.open([deck_dir], data_dir(base, "Ali"), clock)
    sana = Collection.open([deck_dir], data_dir(base, "Sana"), clock)
    try:
        answer_one(ali, clock)
        answer_one(ali, clock)
        answer_one(sana, clock)
        assert len(ali.store.reviews("sample")) == 2
        assert len(sana.store.reviews("sample")) == 1
    finally:
        ali.close()
        sana.close()
    default = Collection.open([deck_dir], data_dir(base), clock)
    try:
        assert default.store.reviews("sample") == []
    finally:
        default.close()
    assert (base / "profiles" / "Ali" / "progress.sqlite3").is_file()


def test_the_cli_opens_the_profile_named_and_refuses_a_bad_name_in_words(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    write_deck: Callable[..., Path],
    deck_dir: Path,
) -> None:
    write_deck("sample")
    base = tmp_path / "data"
    common = ["--data-dir", str(base), "--decks", str(deck_dir)]
    assert main([*common, "--profile", "Ali", "list"]) == 0
    assert (base / "profiles" / "Ali" / "progress.sqlite3").is_file()
    monkeypatch.setenv(PROFILE_ENV, "Sana")
    assert main(["list", *common]) == 0
    assert (base / "profiles" / "Sana" / "progress.sqlite3").is_file()
    assert not (base / "progress.sqlite3").exists()
    capsys.readouterr()
    assert main([*common, "--profile", "a/b", "list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("quizapp: error: A profile name holds letters") and "Traceback" not in err
