"""A class round's core: the host paces questions, seats answer through the round file."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from quizapp.core.classroom.rooms import RoomCodeError, normal_code, rounds_folder
from quizapp.core.classroom.round_host import RoundHost
from quizapp.core.classroom.round_questions import NoQuestionsError, draw_round
from quizapp.core.classroom.round_seat import RoundSeat, SeatError
from quizapp.core.clock import FakeClock
from quizapp.core.decks.loader import load_deck
from quizapp.core.decks.model import Deck
from quizapp.core.insight.item_analysis import class_report
from quizapp.core.progress.round_file import RoundFile, RoundFileError

DECKS = Path(__file__).parent.parent / "decks"


def bundled(*names: str) -> list[Deck]:
    decks = []
    for name in names:
        loaded = load_deck(DECKS / name).deck
        assert loaded is not None
        decks.append(loaded)
    return decks


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return rounds_folder(tmp_path)


@pytest.fixture
def host(folder: Path, clock: FakeClock) -> Iterator[RoundHost]:
    questions = draw_round(bundled("05-hurdles.yaml", "06-military-cooperation.yaml"), 4, 7)
    made = RoundHost.start(folder, questions, clock, seconds=20, rng=random.Random(1))
    yield made
    made.close_file()


def test_a_round_draws_the_same_multiple_choice_questions_under_a_seed() -> None:
    decks = bundled("05-hurdles.yaml")
    first, again = draw_round(decks, 5, 3), draw_round(decks, 5, 3)
    assert [q.to_json() for q in first] == [q.to_json() for q in again]
    assert len(first) == 5
    for question in first:
        assert len(question.options) >= 2
        assert question.options[question.right] == question.answer
        assert question.cards and question.cards[0].startswith("hurdles/")


def test_decks_with_no_choice_question_are_refused_in_words(tmp_path: Path) -> None:
    with pytest.raises(NoQuestionsError, match="no multiple-choice question"):
        draw_round([], 5, 1)


def test_students_see_each_question_only_once_it_is_opened(
    host: RoundHost, folder: Path, clock: FakeClock
) -> None:
    seat = RoundSeat.join(folder, host.code.lower(), "  Ada  ", clock)
    assert seat.name == "Ada" and host.students() == ["Ada"]
    assert seat.look().question is None and seat.look().state.phase == "lobby"
    assert not seat.answer(1, 0)  # not open yet
    host.next()
    view = seat.look()
    assert view.question is not None and view.question.number == 1
    assert view.can_answer and view.seconds_left == 20


def test_an_answer_is_kept_once_and_may_change_until_the_question_closes(
    host: RoundHost, folder: Path, clock: FakeClock
) -> None:
    ada = RoundSeat.join(folder, host.code, "Ada", clock)
    bo = RoundSeat.join(folder, host.code, "Bo", clock)
    host.next()
    right = host.question(1).right
    wrong = (right + 1) % len(host.question(1).options)
    assert ada.answer(1, wrong) and ada.answer(1, right)  # changed her mind
    assert bo.answer(1, wrong)
    assert host.counts(1)[right] == 1 and host.counts(1)[wrong] == 1
    assert sum(host.counts(1)) == 2  # one answer each, however often changed
    host.close()
    assert not bo.answer(1, right)  # closed: the change is refused
    host.reveal()
    assert ada.look().right is True and bo.look().right is False
    stored = {a.student: a for a in host.answers()}
    assert stored["Ada"].changes == 1 and stored["Bo"].changes == 0


def test_a_round_its_host_leaves_is_over_for_its_students(
    host: RoundHost, folder: Path, clock: FakeClock
) -> None:
    ada = RoundSeat.join(folder, host.code, "Ada", clock)
    host.next()
    assert ada.answer(1, host.question(1).right)
    host.next()  # question 2 open when the teacher quits
    host.end()
    view = ada.look()
    assert view.state.phase == "ended" and not view.can_answer
    assert not ada.answer(2, 0)
    asked = ada.summary().asked
    assert [q.number for q, _ in asked] == [1, 2]  # what was asked, not the whole paper
    assert host.end().phase == "ended"  # ending again changes nothing


def test_time_up_closes_the_question_for_answers_and_for_the_host(
    host: RoundHost, folder: Path, clock: FakeClock
) -> None:
    seat = RoundSeat.join(folder, host.code, "Ada", clock)
    host.next()
    clock.advance(seconds=20)
    assert not seat.look().can_answer
    assert not seat.answer(1, 0)  # refused even before the host's timer closes it
    assert host.tick().phase == "closed"


def test_the_same_name_again_takes_the_same_seat(
    host: RoundHost, folder: Path, clock: FakeClock
) -> None:
    first = RoundSeat.join(folder, host.code, "Ada", clock)
    host.next()
    first.answer(1, 0)
    again = RoundSeat.join(folder, host.code, "ada", clock)
    assert again.student == first.student and again.look().choice == 0
    assert host.students() == ["Ada"]


def test_bad_codes_names_and_files_are_said_in_words(
    host: RoundHost, folder: Path, clock: FakeClock, tmp_path: Path
) -> None:
    with pytest.raises(RoomCodeError, match="not a room code"):
        normal_code("12")
    with pytest.raises(RoomCodeError, match="no round ABCDE"):
        RoundSeat.join(folder, "abcde", "Ada", clock)
    with pytest.raises(SeatError, match="A name"):
        RoundSeat.join(folder, host.code, "   ", clock)
    stranger = tmp_path / "other.sqlite3"
    stranger.write_bytes(b"not a database at all, just some text" * 40)
    with pytest.raises(RoundFileError):
        RoundFile.open(stranger)


def test_the_summary_scores_right_answers_only_by_tag_and_kind(
    host: RoundHost, folder: Path, clock: FakeClock
) -> None:
    seats = [RoundSeat.join(folder, host.code, name, clock) for name in ("Ada", "Bo", "Cy")]
    for number in (1, 2):
        host.next()
        right = host.question(number).right
        seats[0].answer(number, right)
        seats[1].answer(number, (right + 1) % len(host.question(number).options))
        clock.advance(seconds=5)  # Cy never answers; Ada answered first: speed scores nothing
        host.reveal()
    host.next(), host.next(), host.next()  # noqa: B018 - to the end
    summary = host.summary()
    assert summary.students == 3 and [q.right for q in summary.questions] == [1, 1, 1 - 1, 0]
    assert summary.share == pytest.approx(2 / 12)
    first = host.question(1)
    assert set(first.kinds) <= set(summary.by_kind)
    assert summary.most_missed[0].right == 0
    own = seats[0].summary()
    assert own.right == 2 and own.answered == 2 and len(own.asked) == 4


def test_exported_csvs_feed_the_class_report(
    host: RoundHost, folder: Path, clock: FakeClock, tmp_path: Path
) -> None:
    seats = [RoundSeat.join(folder, host.code, name, clock) for name in ("Ada", "Bo", "Cy")]
    for number in range(1, host.total + 1):
        host.next()
        for i, seat in enumerate(seats):
            question = host.question(number)  # Bo is wrong every time, the others right
            seat.answer(number, (question.right + (i == 1)) % len(question.options))
        host.reveal()
    host.next()
    files = host.export(tmp_path / "results")
    assert sorted(f.name for f in files) == ["Ada.csv", "Bo.csv", "Cy.csv"]
    with files[0].open(encoding="utf-8", newline="") as opened:
        rows = list(csv.DictReader(opened))
    assert len(rows) == host.total and rows[0]["student"] == "Ada"
    report = class_report(files)
    assert report.students == 3
    by_card = {item.item: item for item in report.items}
    first = host.question(1)
    item = by_card[" ".join(first.cards)]
    assert item.answers == 3
    assert item.facility == pytest.approx(2 / 3, abs=0.01)
    wrong = first.options[(first.right + 1) % len(first.options)]
    assert item.choices[first.answer] == pytest.approx(2 / 3, abs=0.01)
    assert item.choices[wrong] == pytest.approx(1 / 3, abs=0.01)


@pytest.mark.parametrize(
    ("args", "status", "said"),
    [
        (["class", "join", "12"], 2, "not a room code"),
        (["class", "join", "abcde"], 1, "no round ABCDE is running"),
        (["class", "host", "nosuch"], 2, "no deck named 'nosuch'"),
        (["class", "host", "--count", "0"], 2, "--count takes"),
        (["class", "host", "--seconds", "nan"], 2, "--seconds takes"),
    ],
)
def test_the_round_commands_say_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], status: int, said: str
) -> None:
    from quizapp.cli import main

    assert main([*args, "--data-dir", str(tmp_path)]) == status
    assert said in capsys.readouterr().err
