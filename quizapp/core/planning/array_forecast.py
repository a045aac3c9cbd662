"""The exam forecast of a large collection, simulated in arrays (numpy) a day at a time.

`forecast.simulate` follows each card answer by answer: exact, but a minute or more for
100,000 cards. Here the same student follows the same exam-aware queue with every card of a
day worked out at once: today's learning steps, the new cards' share, the reviews that raise
exam-day recall most per answer (`exam_queue.choose`'s gain and cost), more new cards if there
is room, then the other due cards, until the day's answers are given. Memory follows FSRS-6's
own formulas (checked against fsrs-rs in the tests). What it leaves out: a card's learning
steps are all answered when it is, never cut off by the end of the day's answers; intervals
are not fuzzed; a card left in a learning step by the log is relearnt the first day. On the
benchmark's decks the answers a day it finds are within a few percent of the exact
simulation's (docs/performance.md says how it was measured).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from quizapp.core.planning.card_columns import (
    LEARNING,
    NEW,
    RELEARNING,
    REVIEW,
    Floats,
    Ints,
    Memories,
)
from quizapp.core.planning.fsrs_arrays import Model
from quizapp.core.scheduling.scheduler import SchedulerConfig

__all__ = ["STEP_ROUNDS", "Answered", "ArrayStudent", "DayRun", "Model"]

STEP_ROUNDS = 30  # a card still in its steps after this many answers in a day graduates


@dataclass(frozen=True)
class DayRun:
    """One simulated day: its number, the answers given and the new cards learnt."""

    day: int
    answers: int
    new: int
    final: int = 0  # cards the final pass saw first


class ArrayStudent:
    """The forecast's student (`forecast.SimulatedStudent`) and queue, a day at a time."""

    def __init__(
        self,
        config: SchedulerConfig,
        first_grades: Sequence[float],
        pass_grades: Sequence[float],
        seed: int,
        step_grades: tuple[Sequence[Sequence[float]], Sequence[Sequence[float]]] | None = None,
    ) -> None:
        self.config = config
        self.model = Model(config.parameters)
        self.first = np.cumsum(np.array(first_grades) / sum(first_grades))
        self.passing = np.cumsum(np.array(pass_grades) / sum(pass_grades))
        self.random = np.random.default_rng(seed)
        self.learning = len(config.learning_steps)
        self.relearning = len(config.relearning_steps)
        self.new_cost = max(1, self.learning) + 0.6  # exam_queue.new_card_cost
        # The grades at a learning and a relearning step by the grade before (Again, Hard,
        # Good), cumulated: `forecast.SimulatedStudent` fails a step now and then.
        self.step_grades = (
            None
            if step_grades is None
            else tuple(
                np.cumsum(np.array(rows) / np.array(rows).sum(axis=1, keepdims=True), axis=1)
                for rows in step_grades
            )
        )
        self.retention = config.desired_retention

    def _grades(self, count: int, weights: NDArray[np.float64], lowest: int) -> Ints:
        drawn = np.searchsorted(weights, self.random.random(count), side="right")
        return np.minimum(drawn, len(weights) - 1).astype(np.int64) + lowest

    def run(
        self,
        cards: Memories,
        today: int,
        exam_day: int,
        per_day: int,
        share_of: Callable[[int, int], int],
        answered: int = 0,
        introduced: int = 0,
        final: tuple[int | None, int] = (None, 0),
    ) -> tuple[float, list[DayRun]]:
        """Study from `today` to the eve of the exam at `per_day` answers a day.

        `final` is the final pass's first day (None: no pass) and the cards it saw first
        today before the simulation starts (`final_pass`).

        Returns:
            The mean exam-day recall (new cards count 0) and the days.
        """
        cards = cards.copy()
        days = []
        start, done = final
        for day in range(today, exam_day):
            unseen, pass_share = None, 0
            if start is not None and day >= start:
                unseen = np.isnan(cards.last) | (cards.last < start)
                left = int(np.count_nonzero(unseen)) + done
                whole = -(-len(cards) // max(1, exam_day - start))
                pass_share = max(0, min(-(-left // (exam_day - day)), whole) - done)
            budget = max(0, per_day - answered)
            fresh = int(np.count_nonzero(cards.phase == NEW))
            share = max(0, share_of(fresh + introduced, exam_day - day) - introduced)
            if unseen is not None:
                share = 0  # new cards come in the final pass's shares
            given, learnt, seen = self._day(cards, day, exam_day, budget, share, unseen, pass_share)
            days.append(DayRun(day, given + answered, learnt + introduced, seen + done))
            answered = introduced = done = 0
        known = ~np.isnan(cards.stability)
        recall = np.zeros(len(cards))
        elapsed = exam_day - cards.last[known]
        recall[known] = self.model.recall(elapsed, cards.stability[known])
        return float(recall.sum() / max(1, len(cards))), days

    def _day(
        self,
        cards: Memories,
        day: int,
        exam_day: int,
        budget: int,
        share: int,
        unseen: NDArray[np.bool_] | None = None,
        pass_share: int = 0,
    ) -> tuple[int, int, int]:
        """One study day (`forecast._study_day`); returns the answers, the new cards learnt
        and the cards the final pass saw first (`unseen`: those it has not seen yet, of which
        `pass_share` come today, new cards first, then the reviews due, then by due day)."""
        if budget <= 0:
            return 0, 0, 0
        phase, s, last = cards.phase, cards.stability, cards.last
        in_steps = (phase == LEARNING) | (phase == RELEARNING)
        steps = np.flatnonzero(in_steps)
        waiting = np.zeros(len(cards), dtype=bool) if unseen is None else unseen & ~in_steps
        passing = np.flatnonzero(waiting)
        late = (phase[passing] != NEW) & (cards.due[passing] <= day)  # after new cards
        order = (passing, cards.due[passing], ~late, phase[passing] != NEW)
        passing = passing[np.lexsort(order)]
        # As `choose`: cards in their steps the pass has not seen count in today's share.
        stepping = 0 if unseen is None else int(np.count_nonzero(unseen & in_steps))
        passing = passing[: max(0, pass_share - stepping)]
        fresh = np.flatnonzero((phase == NEW) & ~waiting)
        candidates = np.flatnonzero((phase == REVIEW) & ~np.isnan(s) & (last < day) & ~waiting)
        candidates = candidates[~np.isnan(cards.difficulty[candidates])]
        # As `choose`: the reviews due now keep their room first (served anyway), so new
        # cards and reviews ahead have only what they leave.
        is_due = cards.due[candidates] <= day
        now_due = self.model.recall(day - last[candidates[is_due]], s[candidates[is_due]])
        due_cost = float((1 + (1 - now_due) * self.relearning).sum())
        fits = int((budget - len(steps) - due_cost) // self.new_cost)
        learnt = min(share, len(fresh), max(0, fits))
        room = budget - len(steps) - len(passing) - learnt * self.new_cost
        chosen_due, after_due = self._best_reviews(cards, candidates[is_due], day, exam_day, room)
        due_left = max(0.0, due_cost - (room - after_due))
        ahead, room = self._best_reviews(
            cards, candidates[~is_due], day, exam_day, after_due - due_left
        )
        chosen = np.concatenate((chosen_due, ahead))
        extra = fresh[learnt : learnt + max(0, int(room // self.new_cost))]

        def due(left: int) -> Answered:
            """The other due cards, most overdue first: as many as the answers left reach."""
            picked = np.zeros(len(cards), dtype=bool)
            picked[chosen] = True
            # The final pass's reviews due past today's share among them, as the app serves
            # them (after the share's new cards, `exam_queue.pass_order`).
            found = np.flatnonzero((phase == REVIEW) & (cards.due <= day) & ~picked & (last < day))
            if len(found) > left:
                found = found[np.argpartition(cards.due[found], left - 1)[:left]]
            return self._review(cards, found[np.lexsort((found, cards.due[found]))], day)

        # The queue's groups in order, each answered only if the day's answers reach it.
        pass_new = passing[phase[passing] == NEW]
        pass_old = passing[phase[passing] != NEW]
        groups: list[tuple[Callable[[int], Answered], bool]] = [
            (lambda _: self._learn(cards, steps, start=False), False),
            (lambda _: self._learn(cards, pass_new, start=True), True),
            (lambda _: self._review(cards, pass_old, day), False),
            (lambda _: self._learn(cards, fresh[:learnt], start=True), True),
            (lambda _: self._review(cards, chosen, day), False),
            (lambda _: self._learn(cards, extra, start=True), True),
            (due, False),
        ]
        given = new = 0
        for place, (answer, is_new) in enumerate(groups):
            # The final pass's share (groups 1 and 2) is seen whatever the answers it takes.
            room = budget - given if place not in (1, 2) else len(cards) * STEP_ROUNDS
            taken = self._keep(cards, answer(room), day, room)
            given += taken[0]
            new += taken[1] if is_new else 0
            if given >= budget and place >= 2:
                break
        seen = 0 if unseen is None else int(np.count_nonzero(unseen & (cards.last == day)))
        return given, new, seen

    def _best_reviews(
        self, cards: Memories, candidates: Ints, day: int, exam_day: int, room: float
    ) -> tuple[Ints, float]:
        """The reviews worth most exam-day recall per expected answer that fit the room
        (`exam_queue.choose`), and the room left.

        """
        if room <= 0 or len(candidates) == 0:
            return candidates[:0], room
        m = self.model
        s = cards.stability[candidates]
        now = m.recall(day - cards.last[candidates], s)
        without = m.recall(exam_day - cards.last[candidates], s)
        cost = 1 + (1 - now) * self.relearning
        return self._fill(cards, candidates, now, without, cost, day, exam_day, room)

    def _fill(
        self,
        cards: Memories,
        picked: Ints,
        now: Floats,
        without: Floats,
        cost: Floats,
        day: int,
        exam_day: int,
        room: float,
    ) -> tuple[Ints, float]:
        """The best of these reviews that fit the room, and the room left."""
        m = self.model
        s, d = cards.stability[picked], cards.difficulty[picked]
        good = np.full(len(picked), 3, dtype=np.int64)
        passed = m.passed(s, d, now, good)
        lapsed = m.lapsed(s, d, now)
        for _ in range(self.relearning):  # relearnt the same day, Good each step
            lapsed = m.same_day(lapsed, good)
        left = np.full(len(picked), float(exam_day - day))
        gain = now * m.recall(left, passed) + (1 - now) * m.recall(left, lapsed) - without
        worth = gain > 0
        value, cost, kept = gain[worth] / cost[worth], cost[worth], picked[worth]
        order = np.lexsort((kept, -value))
        fits = np.cumsum(cost[order]) <= room
        taken = order[fits]
        return kept[taken], room - float(cost[taken].sum())

    def _review(self, cards: Memories, picked: Ints, day: int) -> Answered:
        """Answer reviews: passed with the card's recall now, else relearnt the same day."""
        m = self.model
        s, d = cards.stability[picked], cards.difficulty[picked]
        now = m.recall(day - cards.last[picked], s)
        ok = self.random.random(len(picked)) < now
        grades = np.where(ok, self._grades(len(picked), self.passing, 2), 1)
        new_s = np.where(ok, m.passed(s, d, now, grades), m.lapsed(s, d, now))
        phase = np.full(len(picked), REVIEW, dtype=np.int64)
        if self.relearning:
            phase[~ok] = RELEARNING
        answered = Answered(
            picked, phase, np.zeros(len(picked), dtype=np.int64), new_s, m.difficulty(d, grades)
        )
        answered.grade = grades.copy()
        return self._steps(answered)

    def _learn(self, cards: Memories, picked: Ints, *, start: bool) -> Answered:
        """New cards' first answers and their steps, or cards in their steps going on."""
        if start:
            grades = self._grades(len(picked), self.first, 1)
            new_s, new_d = self.model.first(grades)
            phase, step = self._move(
                np.full(len(picked), LEARNING, dtype=np.int64),
                np.zeros(len(picked), dtype=np.int64),
                grades,
            )
            answered = Answered(picked, phase, step, new_s, new_d)
            answered.grade = grades.copy()
        else:
            s, d = cards.stability[picked], cards.difficulty[picked]
            answered = Answered(
                picked,
                cards.phase[picked].copy(),
                cards.step[picked].copy(),
                np.where(np.isnan(s), self.model.w[2], s),
                np.where(np.isnan(d), 5.0, d),
                np.zeros(len(picked), dtype=np.int64),
            )
        return self._steps(answered)

    def _steps(self, answered: Answered) -> Answered:
        """Answer the same day's steps until each card graduates: with FSRS's simulator's
        grades at a step for a card whose grade before is known (`Answered.grade`), else
        passed (recall 1)."""
        phase, step, s, d, counts = (
            answered.phase,
            answered.step,
            answered.stability,
            answered.difficulty,
            answered.answers,
        )
        for _ in range(STEP_ROUNDS):
            active = np.flatnonzero((phase == LEARNING) | (phase == RELEARNING))
            if len(active) == 0:
                break
            grades = self._grades(len(active), self.passing, 2)
            known = answered.grade[active] > 0
            if self.step_grades is not None and known.any():
                at = active[known]
                rows = np.minimum(answered.grade[at], 3) - 1
                cum = np.where(
                    (phase[at] == RELEARNING)[:, None],
                    self.step_grades[1][rows],
                    self.step_grades[0][rows],
                )
                drawn = (self.random.random(len(at))[:, None] >= cum).sum(axis=1)
                grades[known] = np.minimum(drawn, 3) + 1
                answered.grade[at] = grades[known]
            s[active] = self.model.same_day(s[active], grades)
            d[active] = self.model.difficulty(d[active], grades)
            counts[active] += 1
            phase[active], step[active] = self._move(phase[active], step[active], grades)
        phase[(phase == LEARNING) | (phase == RELEARNING)] = REVIEW
        return answered

    def _move(self, phase: Ints, step: Ints, grades: Ints) -> tuple[Ints, Ints]:
        """`scheduler.phase_after` on arrays, for cards in their steps (REVIEW: graduated)."""
        count = np.where(phase == RELEARNING, self.relearning, self.learning)
        index = np.minimum(step, count - 1)
        again = (grades == 1) & (count > 0)
        hard = (grades == 2) & (count > 0)
        onward = (grades == 3) & (index + 1 < count)
        new_step = np.zeros_like(step)
        new_step[hard] = index[hard]
        new_step[onward] = index[onward] + 1
        staying = np.where(again | hard | onward, phase, REVIEW)
        return staying, new_step

    def _keep(self, cards: Memories, answered: Answered, day: int, room: int) -> tuple[int, int]:
        """Save the cards of a group the day's answers left reach, in queue order: a card's
        answers all count (its steps too). Returns (answers, cards)."""
        keep = np.cumsum(answered.answers) <= room
        chosen = answered.cards[keep]
        graduated = answered.phase[keep] == REVIEW
        stability = answered.stability[keep]
        cards.phase[chosen], cards.step[chosen] = answered.phase[keep], answered.step[keep]
        cards.stability[chosen], cards.difficulty[chosen] = stability, answered.difficulty[keep]
        cards.last[chosen] = day
        interval = np.maximum(1, np.rint(self.model.interval(stability, self.retention)))
        cards.due[chosen] = np.where(graduated, day + interval, day)
        return int(answered.answers[keep].sum()), len(chosen)


@dataclass
class Answered:
    """A group of a day's cards as their answers leave them (saved if the day reaches them)."""

    cards: Ints
    phase: Ints
    step: Ints
    stability: Floats
    difficulty: Floats
    answers: Ints = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    grade: Ints = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # 0: not known

    def __post_init__(self) -> None:
        if len(self.answers) != len(self.cards):
            self.answers = np.ones(len(self.cards), dtype=np.int64)
        if len(self.grade) != len(self.cards):
            self.grade = np.zeros(len(self.cards), dtype=np.int64)
