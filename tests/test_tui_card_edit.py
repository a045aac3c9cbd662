"""Card info and editing a card from where it is studied or browsed, as a student drives them.

The editor is a script (EDITOR): it edits the deck file as a person would, and the app is run
headless, where it cannot be suspended, so the script simply runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static
from tui_support import FLIP_DECK, MIXED_DECK, notices, open_collection, until

from quizapp.core.collection import Collection
from quizapp.core.paths import user_decks_dir
from quizapp.tui.app import make_app
from quizapp.tui.screens.card_info import CardInfoScreen
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.widgets.answer_panel import AnswerPanel

EDITOR = """\
import sys
from pathlib import Path

path = Path(sys.argv[-1])
text = path.read_text(encoding="utf-8")
Path(sys.argv[1]).write_text(" ".join(sys.argv[2:]), encoding="utf-8")  # what it was given
path.write_text(text.replace({old!r}, {new!r}), encoding="utf-8")
"""


def use_editor(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, old: str, new: str) -> Path:
    """Set EDITOR to a script that replaces `old` with `new` in the file; returns where the
    script writes the arguments it was given."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR.format(old=old, new=new), encoding="utf-8")
    given = tmp_path / "editor-args.txt"
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script} {given}")
    return given


def text_of(widget: Static) -> str:
    return str(widget.render())


def study_app(tmp_path: Path) -> tuple[Collection, object]:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    return collection, make_app(collection, study=collection.decks)


async def test_editing_the_card_from_study_shows_the_new_answer_and_keeps_its_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = use_editor(monkeypatch, tmp_path, 'answer: "1954"', 'answer: "1954 (SEATO)"')
    collection, app = study_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "1")  # 'one': Again, back in a minute
        await pilot.press("space", "4", "space", "4")  # 'two' and 'three'
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.session.current is not None
        assert screen.session.current.card.id == "one"  # only it is left: shown early
        before = collection.store.reviews("flip3", "one")
        state = collection.store.state("flip3", "one")
        await pilot.press("space")
        assert "Answer: 1954\n" in text_of(screen.query_one(AnswerPanel)) + "\n"
        await pilot.press("e")
        panel = screen.query_one(AnswerPanel)
        await until(lambda: "1954 (SEATO)" in text_of(panel), "the new answer to show")
        assert panel.display
        assert screen.session.current.card.answer == "1954 (SEATO)"
        assert collection.store.reviews("flip3", "one") == before  # its history is intact
        assert collection.store.state("flip3", "one") == state
        assert given.read_text(encoding="utf-8") == str(tmp_path / "decks" / "flip3.yaml")
        await pilot.press("3")  # and it is answered as before
        assert len(collection.store.reviews("flip3", "one")) == len(before) + 1


async def test_a_broken_edit_is_reported_and_the_card_stays_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_editor(
        monkeypatch,
        tmp_path,
        "    kind: date\n    type: flip\n    question: When did Pakistan join SEATO?",
        "    kind: date\n    type: flip\n    question: [oops",
    )
    collection, app = study_app(tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("space", "e")
        await until(lambda: any("The deck has errors" in n for n in notices(app)), "the report")
        [said] = [n for n in notices(app) if "The deck has errors" in n]
        assert f"{tmp_path / 'decks' / 'flip3.yaml'}:" in said.replace("\n", "")
        assert "The card stays as it was" in said
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        assert screen.session.current is not None
        assert screen.session.current.card.question == "When did Pakistan join SEATO?"
        assert collection.decks and not collection.failed


async def test_a_changed_id_asks_to_carry_the_progress_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_editor(monkeypatch, tmp_path, "id: one", "id: seato-year")
    collection, app = study_app(tmp_path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("space", "1", "space", "4", "space", "4")
        state = collection.store.state("flip3", "one")
        await pilot.press("e")
        await until(
            lambda: (
                "Carry it over" in str(app.screen.query("Button").first().label)
                if app.screen.query("Button")
                else False
            ),
            "the question",
        )
        await pilot.press("y")
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        await until(
            lambda: (
                screen.session.current is not None
                and screen.session.current.card.id == "seato-year"
            ),
            "the renamed card",
        )
        assert collection.store.state("flip3", "seato-year") == state
        assert len(collection.store.reviews("flip3", "seato-year")) == 1
        assert collection.store.reviews("flip3", "one") == []
        [renamed] = collection.store.card_renames("flip3")
        assert (renamed.old_id, renamed.new_id, str(renamed.reason)) == (
            "one",
            "seato-year",
            "edit",
        )


async def test_editing_an_installed_deck_edits_the_students_own_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizapp.core.paths import bundled_decks_dir

    deck_dir = tmp_path / "installed"
    deck_dir.mkdir()
    (deck_dir / "flip3.yaml").write_text(FLIP_DECK, encoding="utf-8")
    monkeypatch.setattr("quizapp.tui.card_editing.bundled_decks_dir", lambda: deck_dir)
    monkeypatch.setattr("quizapp.core.collection.bundled_decks_dir", lambda: deck_dir)
    use_editor(monkeypatch, tmp_path, "Liaquat Ali Khan", "Liaquat Ali Khan, Prime Minister")
    collection = Collection.open([deck_dir], tmp_path / "data")
    app = make_app(collection)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("b")
        await pilot.press("tab", "down", "down", "e")
        copy = user_decks_dir(tmp_path / "data") / "flip3.yaml"
        await until(lambda: any("Your copy of the deck" in n for n in notices(app)), "notice")
        await until(lambda: collection.decks[0].path == copy, "the copy to be used")
        assert (deck_dir / "flip3.yaml").read_text(encoding="utf-8") == FLIP_DECK
        assert "Prime Minister" in copy.read_text(encoding="utf-8")
        assert collection.decks[0].card("three").answer == "Liaquat Ali Khan, Prime Minister"
    assert bundled_decks_dir() != deck_dir


async def test_card_info_from_study(tmp_path: Path) -> None:
    collection, app = study_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "1")
        await pilot.press("space", "4", "space", "4", "i")
        screen = app.screen
        assert isinstance(screen, CardInfoScreen)
        title = text_of(screen.query_one("#info-title", Static))
        assert title == "flip3 / one · flip card · date · learning"
        table = screen.query_one("#info-reviews", DataTable)
        assert table.row_count == 1
        assert [str(cell) for cell in table.get_row_at(0)][1:5] == ["study", "Again", "1m", ""]
        await pilot.press("escape")
        assert isinstance(app.screen, StudyScreen)


async def test_a_typed_answer_stays_on_screen_after_an_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_editor(monkeypatch, tmp_path, "SEATO came a year", "SEATO (1954) came a year")
    collection, _ = open_collection(tmp_path, ("mixed.yaml", MIXED_DECK))
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"1954", "enter", "e")
        panel = app.screen.query_one(AnswerPanel)
        await until(lambda: "SEATO (1954)" in text_of(panel), "the new explanation to show")
        # The answer given is still shown above the verdict, not the empty box's placeholder.
        assert app.screen.query_one("#typed-answer", Input).value == "1954"
        await pilot.press("enter")
    assert [r.given_answer for r in collection.store.reviews("mixed")] == ["1954"]


async def test_card_info_shows_each_reviews_wait_beside_a_long_answer(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("mixed.yaml", MIXED_DECK))
    app = make_app(collection, study=collection.decks)
    long_answer = "the year after the Korean war ended, when the Western alliances were built"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*long_answer, "enter", "enter")  # wrong: Again, back in a minute
        await pilot.press("a", "enter")  # the choice card
        await pilot.press(*"1954", "enter", "i")  # the typed card again, its answer shown
        screen = app.screen
        assert isinstance(screen, CardInfoScreen)
        table = screen.query_one("#info-reviews", DataTable)
        assert table.row_count == 1 and long_answer in [str(c) for c in table.get_row_at(0)]
        # The wait is on screen, not pushed past its right edge by the answer given.
        x = 0
        for column in table.ordered_columns:
            if str(column.label) == "Next wait":
                break
            x += column.get_render_width(table)
        assert x + len("Next wait") <= screen.size.width


def test_card_info_snapshot(snap_compare, tmp_path: Path) -> None:
    from tui_support import START, write_deck

    from quizapp.core.clock import FakeClock

    data = tmp_path / "data"
    write_deck(user_decks_dir(data), "flip3.yaml", FLIP_DECK)
    collection = Collection.open([user_decks_dir(data)], data, clock=FakeClock(START))
    app = make_app(collection, study=collection.decks)
    keys = ["space", "1", "space", "4", "space", "4", "i"]
    assert snap_compare(app, terminal_size=(80, 24), press=keys)
