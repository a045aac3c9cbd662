"""A student's side of a round: join with a name, see the question only once it is open,
answer (and change the answer until it closes), learn at the reveal whether it was right."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quizapp.core.classroom.rooms import RoomCodeError, normal_code, round_path
from quizapp.core.classroom.round_host import ENDED, OPEN, REVEALED, millis
from quizapp.core.classroom.round_questions import RoundQuestion
from quizapp.core.clock import Clock
from quizapp.core.progress.round_file import RoundFile, RoundState

MAX_NAME = 40


class SeatError(ValueError):
    """A name the round cannot take; said in words."""


@dataclass(frozen=True)
class SeatView:
    """What a student's screen shows: the round's state, the open question (None in the lobby
    and at the end), their choice, and at the reveal whether it was right."""

    state: RoundState
    total: int
    question: RoundQuestion | None
    choice: int | None
    seconds_left: float | None

    @property
    def right(self) -> bool | None:
        if self.state.phase != REVEALED or self.question is None:
            return None
        return self.choice == self.question.right

    @property
    def can_answer(self) -> bool:
        return self.state.phase == OPEN and (self.seconds_left is None or self.seconds_left > 0)


@dataclass(frozen=True)
class SeatSummary:
    """A student's own round: each question with their choice (None: not answered)."""

    name: str
    asked: tuple[tuple[RoundQuestion, int | None], ...]

    @property
    def right(self) -> int:
        return sum(choice == q.right for q, choice in self.asked)

    @property
    def answered(self) -> int:
        return sum(choice is not None for _, choice in self.asked)


class RoundSeat:
    """One student in one round, through their own connection to the round file."""

    def __init__(self, file: RoundFile, student: int, name: str, clock: Clock) -> None:
        self.file = file
        self.student = student
        self.name = name
        self.clock = clock
        self.questions = [RoundQuestion.from_json(body) for body in file.questions()]
        settings = file.settings()
        self.code = settings["code"]
        self.reschedule = settings.get("reschedule") == "1"  # the teacher's round says so
        self.chosen: dict[int, int] = file.answers_of(student)

    @classmethod
    def join(cls, folder: Path, code: str, name: str, clock: Clock) -> RoundSeat:
        """Take a seat in the round of this code (the same name again: the same seat).

        Raises:
            RoomCodeError: no round of that code is running here.
            SeatError: the name is empty or too long.
            RoundFileError: the round file cannot be used.
        """
        code = normal_code(code)
        name = " ".join(name.split())
        if not name:
            raise SeatError("A name, please: the teacher's screen lists who joined.")
        if len(name) > MAX_NAME:
            raise SeatError(f"A name has at most {MAX_NAME} characters.")
        path = round_path(folder, code)
        if not path.is_file():
            raise RoomCodeError(f"no round {code} is running on this machine; check the code")
        file = RoundFile.open(path)
        student, kept = file.join(name, millis(clock))
        return cls(file, student, kept, clock)

    def close(self) -> None:
        self.file.close()

    @property
    def total(self) -> int:
        return len(self.questions)

    def look(self) -> SeatView:
        """The round as this student's screen should show it now."""
        state = self.file.state()
        question = None
        if state.phase not in ("lobby", ENDED) and 0 < state.number <= self.total:
            question = self.questions[state.number - 1]
        left = None
        if state.phase == OPEN and state.closes_at is not None:
            left = max(0.0, (state.closes_at - millis(self.clock)) / 1000)
        return SeatView(state, self.total, question, self.chosen.get(state.number), left)

    def answer(self, number: int, choice: int) -> bool:
        """Choose an option of the open question; False when it has closed meanwhile."""
        if not 0 <= choice < len(self.questions[number - 1].options):
            return False
        taken = self.file.answer(self.student, number, choice, millis(self.clock))
        if taken:
            self.chosen[number] = choice
        return taken

    def summary(self) -> SeatSummary:
        """The student's own results, as the round file keeps them."""
        self.chosen = self.file.answers_of(self.student)
        reached = self.file.state().number  # the teacher may end before the last question
        asked = tuple((q, self.chosen.get(q.number)) for q in self.questions[:reached])
        return SeatSummary(self.name, asked)
