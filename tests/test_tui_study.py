"""The study session as a student drives it: keys in, what is shown and what is stored out."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static
from tui_support import FLIP_DECK, MIXED_DECK, drawn_lines, notices, open_collection

from quizapp.core.collection import Collection
from quizapp.core.grading.responses import LETTERS
from quizapp.core.questions.question import Format, Question
from quizapp.core.scheduling.rating import Rating
from quizapp.core.sessions.study import StudySession
from quizapp.tui.app import make_app
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.screens.study_keys import hint
from quizapp.tui.screens.summary import SummaryScreen
from quizapp.tui.widgets.answer_panel import AnswerPanel
from quizapp.tui.widgets.deck_list import DeckList


def text_of(widget: Static) -> str:
    return str(widget.render())


async def test_whole_flip_session_is_stored(tmp_path: Path) -> None:
    collection, clock = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        assert "card 1 of 3" in text_of(screen.query_one("#study-status", Static))
        assert "SEATO" in text_of(screen.query_one("#question", Static))
        for _ in range(3):
            await pilot.press("space")
            panel = app.screen.query_one(AnswerPanel)
            assert panel.display and "Source" in text_of(panel)
            clock.advance(seconds=5)
            await pilot.press("3")
        # Good on a new card goes to the 10-minute step: the cards come back in this session.
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, SummaryScreen)
        summary = text_of(app.screen.query_one("#summary-text", Static))
        # The three cards would come back in this session: it was left early.
        assert "Session ended early · 3 cards left" in summary
        assert "3 answers to 3 cards · 3 answers right (100%)" in summary
        assert "Time spent: 15 s" in summary
        assert "Next card due: in 10 min" in summary
    reviews = collection.store.reviews("flip3")
    assert [(r.card_id, r.rating, r.duration_ms) for r in reviews] == [
        ("one", 3, 5000),
        ("two", 3, 5000),
        ("three", 3, 5000),
    ]
    assert all(state.reps == 1 for state in collection.store.states("flip3").values())


async def test_grade_keys_show_the_wait_they_give(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        labels = [str(b.label) for b in app.screen.query("GradeBar Button")]
        assert labels == ["1 Again 1m", "2 Hard 6m", "3 Good 10m", "4 Easy 8d"]


async def test_typed_answer_is_checked_and_the_proposed_grade_accepted(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("mixed.yaml", MIXED_DECK))
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"1954", "enter")
        panel = text_of(app.screen.query_one(AnswerPanel))
        assert "Right." in panel
        assert "SEATO came a year before CENTO." in panel
        assert "Source (Adnan Ali Shah)" in panel
        assert "(proposed)" in str(app.screen.query_one("#grade-3").label)
        await pilot.press("enter")
        assert "Tashkent" in text_of(app.screen.query_one("#question", Static))
    (review,) = collection.store.reviews("mixed")
    assert (review.card_id, review.rating, review.given_answer) == ("typed-year", 3, "1954")
    assert review.question_type == "typed"


async def test_wrong_choice_is_said_in_words_and_proposes_again(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("mixed.yaml", MIXED_DECK))
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"1954", "enter", "enter")
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.question is not None
        options = screen.question.options
        wrong = next(o for o in options if o != "Alexei Kosygin")
        hint_shown = text_of(screen.query_one("#hint", Static))
        assert hint_shown == "Press a, b, c or d (or click an option) to answer."
        await pilot.press(LETTERS[options.index(wrong)])
        shown = [str(o.prompt) for o in screen.query_one("#choices", OptionList).options]
        assert any(wrong in line and "✗ your answer" in line for line in shown)
        assert any("Alexei Kosygin" in line and "✓ right answer" in line for line in shown)
        assert "Wrong" in text_of(screen.query_one(AnswerPanel))
        await pilot.press("enter")
    last = collection.store.reviews("mixed", "choice-actor")[-1]
    assert (last.rating, last.given_answer, last.question_type) == (1, wrong, "choice")


NEAR_MISS_DECK = """\
format: 1
id: near
title: A near miss
cards:
  - id: ljubljana
    kind: concept
    type: typed
    question: Which country has Ljubljana for its capital?
    answer: Slovenia
    wrong: [Slovakia, Croatia]
    source: "Ljubljana, the capital of Slovenia"
"""


async def test_a_typed_answer_on_the_cards_wrong_list_is_wrong_not_a_misspelling(
    tmp_path: Path,
) -> None:
    # "Slovakia" is two letters from "Slovenia": alone, the marker would call it a
    # misspelling (Hard). The card lists it as wrong, so study marks it wrong, as a quiz does.
    collection, _ = open_collection(tmp_path, ("near.yaml", NEAR_MISS_DECK))
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Slovakia", "enter")
        panel = text_of(app.screen.query_one(AnswerPanel))
        assert "Wrong: the answer is Slovenia." in panel
        assert "(proposed)" in str(app.screen.query_one("#grade-1").label)
        await pilot.press("enter")
    (review,) = collection.store.reviews("near")
    assert (review.rating, review.given_answer) == (Rating.AGAIN, "Slovakia")


def test_a_choice_hint_names_the_letters_its_options_have() -> None:
    true_false = Question(Format.TRUE_FALSE, "True or false?", "True", (), ("True", "False"))
    assert hint(true_false) == "Press a or b (or click an option) to answer."
    three = Question(Format.CHOICE, "Who?", "x", (), ("x", "y", "z"))
    assert hint(three) == "Press a, b or c (or click an option) to answer."
    assert hint(Question(Format.TYPED, "When?", "1954", ())) == "Type the answer and press enter."
    assert hint(Question(Format.CLOZE, "Fill", "x", ())).startswith("Think of the answer")


async def test_undo_brings_the_card_back_and_the_log_keeps_the_record(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "4")
        assert "CENTO" in text_of(app.screen.query_one("#question", Static))
        await pilot.press("u")
        assert "SEATO" in text_of(app.screen.query_one("#question", Static))
        assert "card 1 of 3" in text_of(app.screen.query_one("#study-status", Static))
    assert collection.store.reviews("flip3") == []
    assert len(collection.store.reviews("flip3", undone=True)) == 1
    assert collection.store.state("flip3", "one").reps == 0


async def test_home_lists_decks_with_counts_and_opens_a_study_session(tmp_path: Path) -> None:
    collection, _ = open_collection(
        tmp_path, ("flip3.yaml", FLIP_DECK), ("broken.yaml", "format: 1\nid: [oops\n")
    )
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#decks", DeckList)
        rows = [list(row.cells()) for row in table.rows]
        rows_now = [["All decks (1)", "3", "3", "0", "0"], ["Three flip cards", "3", "3", "0", "0"]]
        assert rows == rows_now
        shown = [line.strip("▊▎ ").split() for line in drawn_lines(table)]  # inside the border
        assert ["All", "decks", "(1)", "3", "3", "0", "0"] in shown
        assert ["Three", "flip", "cards", "3", "3", "0", "0"] in shown
        problems = text_of(app.screen.query_one("#deck-problems", Static))
        assert "1 deck file(s) could not be loaded" in problems
        assert "broken.yaml:3:1: YAML syntax" in problems
        await pilot.press("down", "enter")
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("space", "3", "escape", "enter")
        # Cards, new on offer today, in learning (the card answered, back in ten minutes), due.
        assert list(table.rows[1].cells()) == ["Three flip cards", "3", "2", "1", "0"]


async def test_help_screen_lists_the_keys(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        assert type(app.screen).__name__ == "HomeScreen"


async def test_the_summary_counts_answers_and_cards_and_says_it_ended_early(
    tmp_path: Path,
) -> None:
    collection, clock = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "1", "space", "3", "space", "3")  # one wrong, two and three
        clock.advance(minutes=1)
        await pilot.press("space", "1")  # one wrong again, its step up
        await pilot.press("space", "3")  # one right at last (shown early: nothing is queued)
        await pilot.press("escape")
        assert isinstance(app.screen, SummaryScreen)
        summary = text_of(app.screen.query_one("#summary-text", Static))
        assert "Session complete" not in summary
        assert "Session ended early · 3 cards left" in summary
        assert "5 answers to 3 cards · 3 answers right (60%)" in summary
        assert "Cards: 2 right every time · 1 right after a miss · 0 still wrong" in summary
    assert len(collection.store.reviews("flip3")) == 5


async def test_a_session_run_to_its_end_says_complete(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "4", "space", "4", "space", "4")  # Easy: none comes back
        assert isinstance(app.screen, SummaryScreen)
        summary = text_of(app.screen.query_one("#summary-text", Static))
        assert "Session complete" in summary and "early" not in summary
        assert "3 answers to 3 cards · 3 answers right (100%)" in summary


TWO_TYPED = """\
format: 1
id: typed2
title: Two typed cards
cards:
  - id: seato
    kind: date
    type: typed
    question: In which year did Pakistan join SEATO?
    answer: "1954"
    date: "1954"
    source: "SEATO in 1954"
  - id: cento
    kind: date
    type: typed
    question: In which year did Pakistan join CENTO?
    answer: "1955"
    date: "1955"
    source: "CENTO in 1955"
"""


async def test_undo_works_while_typing_an_answer(tmp_path: Path) -> None:
    collection, _ = open_collection(tmp_path, ("typed2.yaml", TWO_TYPED))
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"1954", "enter", "enter")
        box = app.screen.query_one("#typed-answer", Input)
        assert "CENTO" in text_of(app.screen.query_one("#question", Static)) and box.has_focus
        footer = [str(key.render()).strip() for key in app.screen.query("Footer FooterKey")]
        assert "^z Undo" in footer
        await pilot.press("u")  # a letter of an answer, in the answer box
        assert box.value == "u" and len(collection.store.reviews("typed2")) == 1
        await pilot.press("ctrl+z")
        assert "SEATO" in text_of(app.screen.query_one("#question", Static))
        assert "card 1 of 2" in text_of(app.screen.query_one("#study-status", Static))
        assert app.screen.query_one("#typed-answer", Input).value == ""
    assert collection.store.reviews("typed2") == []
    assert len(collection.store.reviews("typed2", undone=True)) == 1


CHOICE_ONLY = """\
format: 1
id: choice1
title: One choice card
cards:
  - id: mediator
    kind: actor
    type: choice
    question: Who mediated at Tashkent in January 1966?
    answer: Alexei Kosygin
    wrong: [Leonid Brezhnev, Nikita Khrushchev, Andrei Gromyko]
    source: "Kosygin"
"""


async def test_choice_options_come_in_a_new_order_each_time_the_card_is_shown(
    tmp_path: Path,
) -> None:
    collection, clock = open_collection(tmp_path, ("choice1.yaml", CHOICE_ONLY))
    app = make_app(collection, study=collection.decks)
    letters: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):  # three misses: a fourth would set the card aside for the day
            shown = [str(o.prompt) for o in app.screen.query_one("#choices", OptionList).options]
            letters.append(next(line[0] for line in shown if "Alexei Kosygin" in line))
            wrong = next(line[0] for line in shown if "Kosygin" not in line)
            await pilot.press(wrong, "enter")  # wrong: Again, and the card comes back
            clock.advance(minutes=1)
    assert len(set(letters)) > 1, letters  # it was always the same letter
    assert [r.rating for r in collection.store.reviews("choice1")] == [Rating.AGAIN] * 3


async def test_a_card_answered_in_another_window_is_not_recorded_twice(tmp_path: Path) -> None:
    collection, clock = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    other = Collection.open([tmp_path / "decks"], tmp_path / "data", clock=clock)
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        assert "SEATO" in text_of(app.screen.query_one("#question", Static))
        # Another window shows the same card and answers it first.
        elsewhere = StudySession(other.decks, other.store, other.scheduler, clock)
        elsewhere.answer(Rating.GOOD)
        clock.advance(seconds=5)
        await pilot.press("space", "3")
        await pilot.pause()
        assert any("answered in another window" in n for n in notices(app))
        assert "CENTO" in text_of(app.screen.query_one("#question", Static))
        # The other window answers this card and the next: this one passes over both.
        elsewhere.answer(Rating.GOOD)
        elsewhere.answer(Rating.GOOD)
        await pilot.press("space", "3")
        assert isinstance(app.screen, SummaryScreen)
        summary = text_of(app.screen.query_one("#summary-text", Static))
        assert "3 cards answered in another window meanwhile" in summary
    other.close()
    reviews = collection.store.reviews("flip3", undone=True)
    assert [r.card_id for r in reviews] == ["one", "two", "three"]


async def test_the_footer_keeps_no_key_it_has_replaced(tmp_path: Path) -> None:
    """Each card changes the keys on offer and the footer composes its keys again: the keys
    it replaced are freed, so the collector's passes do not grow with the session."""
    import gc

    from textual.widgets._footer import FooterKey

    collection, clock = open_collection(tmp_path, ("flip3.yaml", FLIP_DECK))
    app = make_app(collection, study=collection.decks)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await pilot.press("space")
            await pilot.pause()
            clock.advance(seconds=5)
            await pilot.press("3")
            await pilot.pause()
        gc.collect()
        keys = [o for o in gc.get_objects() if isinstance(o, FooterKey)]
        assert keys and all(key.is_attached for key in keys)
