"""The teacher's side of a round: open, close and reveal each question in turn; count the
answers (never who answered what) and share them by option."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from quizapp.core.classroom.rooms import new_code, round_path
from quizapp.core.classroom.round_questions import RoundQuestion
from quizapp.core.classroom.round_results import RoundSummary, summarise, write_exam_csvs
from quizapp.core.clock import Clock
from quizapp.core.progress.round_file import RoundFile, RoundState, StoredAnswer

OPEN, CLOSED, REVEALED, ENDED, LOBBY = "open", "closed", "revealed", "ended", "lobby"


def millis(clock: Clock) -> int:
    return int(clock().timestamp() * 1000)


class RoundHost:
    """One round as its host runs it."""

    def __init__(self, file: RoundFile, clock: Clock) -> None:
        self.file = file
        self.clock = clock
        settings = file.settings()
        self.code = settings["code"]
        self.seconds = float(settings["seconds"]) or None
        self.decks = tuple(settings["decks"].split())
        self.reschedule = settings.get("reschedule") == "1"
        self.questions = [RoundQuestion.from_json(body) for body in file.questions()]

    @classmethod
    def start(
        cls,
        folder: Path,
        questions: Sequence[RoundQuestion],
        clock: Clock,
        *,
        seconds: float | None = None,
        decks: Sequence[str] = (),
        reschedule: bool = False,
        rng: random.Random | None = None,
    ) -> RoundHost:
        """A new round in the folder, under a fresh room code, in the lobby.

        Raises:
            RoundFileError: the round file cannot be written.
        """
        code = new_code(folder, rng or random.Random())
        settings = {
            "code": code,
            "seconds": f"{seconds or 0:g}",
            "decks": " ".join(decks),
            "reschedule": "1" if reschedule else "0",
            "created": str(millis(clock)),
        }
        body = [q.to_json() for q in questions]
        return cls(RoundFile.create(round_path(folder, code), settings, body), clock)

    def close_file(self) -> None:
        self.file.close()

    @property
    def total(self) -> int:
        return len(self.questions)

    def state(self) -> RoundState:
        return self.file.state()

    def question(self, number: int) -> RoundQuestion:
        return self.questions[number - 1]

    def students(self) -> list[str]:
        return self.file.students()

    def next(self) -> RoundState:
        """Open the next question (closing the one open), or end after the last."""
        state = self.state()
        if state.phase == ENDED:
            return state
        if state.number >= self.total:
            return self.file.set_state(ENDED, state.number, None, None)
        now = millis(self.clock)
        closes = now + int(self.seconds * 1000) if self.seconds else None
        return self.file.set_state(OPEN, state.number + 1, now, closes)

    def end(self) -> RoundState:
        """End the round where it stands (the host leaving it): students see their summary of
        the questions asked so far instead of waiting for a teacher who has gone."""
        state = self.state()
        if state.phase == ENDED:
            return state
        return self.file.set_state(ENDED, state.number, None, None)

    def close(self) -> RoundState:
        """Close the open question now: no more answers, nor changes."""
        state = self.state()
        if state.phase != OPEN:
            return state
        return self.file.set_state(CLOSED, state.number, state.opened_at, state.closes_at)

    def reveal(self) -> RoundState:
        """Show the right answer (closing the question first if it is open)."""
        state = self.close()
        if state.phase != CLOSED:
            return state
        return self.file.set_state(REVEALED, state.number, state.opened_at, state.closes_at)

    def tick(self) -> RoundState:
        """Close the open question once its time is up; the state either way."""
        state = self.state()
        if state.phase == OPEN and state.closes_at is not None:
            if millis(self.clock) >= state.closes_at:
                return self.close()
        return state

    def seconds_left(self, state: RoundState) -> float | None:
        if state.phase != OPEN or state.closes_at is None:
            return None
        return max(0.0, (state.closes_at - millis(self.clock)) / 1000)

    def counts(self, number: int) -> list[int]:
        """How many students chose each option of the question."""
        found = self.file.answer_counts(number)
        return [found.get(i, 0) for i in range(len(self.question(number).options))]

    def answers(self) -> list[StoredAnswer]:
        return self.file.answers()

    def summary(self) -> RoundSummary:
        """The class's results over the questions asked so far."""
        asked = self.state().number
        return summarise(self.questions, self.students(), self.answers(), asked)

    def export(self, folder: Path) -> list[Path]:
        """One exam CSV per student into the folder (for `quizapp class report`).

        Raises:
            OSError: the folder or a file cannot be written.
        """
        opened = self.file.opened()
        return write_exam_csvs(
            folder, self.code, self.questions, self.students(), self.answers(), opened
        )
