"""The answers a card still owes today, with their spread, as a Markov chain over the steps.

A card at a learning or relearning step moves as `scheduler.phase_after` moves it: Again back
to the first step, Hard stays at its step, Good to the next step (the last one graduates),
Easy graduates. With a probability of each grade at a step, the answers left until the card
graduates are a random number: its mean is what a plan counts, and its variance says how far
a bad run of Again answers can take a day beyond that mean.

A review due today costs one answer, and if it lapses, the relearning steps from the first.
Cards are answered independently: the means and the variances of several add up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

# The answers owed are counted at most this far: a student who fails every step never ends.
MOST_AGAIN = 0.9


class Owed(NamedTuple):
    """The answers some cards still owe: mean and variance."""

    mean: float = 0.0
    variance: float = 0.0

    def bound(self, z: float) -> float:
        """The mean plus z standard deviations: the answers owed, kept to with that margin."""
        return self.mean + z * math.sqrt(max(0.0, self.variance))


def total(parts: Iterable[Owed]) -> Owed:
    """The answers several cards owe, each answered independently."""
    mean = variance = 0.0
    for part in parts:
        mean += part.mean
        variance += part.variance
    return Owed(mean, variance)


def steps_owed(steps: int, step: int, again: float, hard: float = 0.0, easy: float = 0.0) -> Owed:
    """The answers a card at a step owes until it graduates, this answer included.

    Args:
        steps: The learning (or relearning) steps; with none, a card graduates at its answer.
        step: The card's step (0: the first, where a new card and a card just failed are).
        again, hard, easy: The probability of each grade at a step (Good: the rest); Again is
            taken at most MOST_AGAIN.

    Returns:
        The mean and variance of the answers left. With Again and Good only, at one step
        the answers are geometric: mean 1/(1-a), variance a/(1-a)^2; at two steps, from the
        first, mean (2-a)/(1-a)^2 (six at a = 1/2, the tosses until two heads in a row).
    """
    if steps <= 0:
        return Owed(1.0, 0.0)
    again = min(max(again, 0.0), MOST_AGAIN)
    hard, easy = max(hard, 0.0), max(easy, 0.0)
    good = max(0.0, 1.0 - again - hard - easy)
    stay = 1.0 - hard
    # T_k, the answers from step k: 1 + T_0 (Again), T_k (Hard), T_k+1 (Good), 0 (Easy), with
    # T_steps = 0. Each first and second moment is linear in step 0's: m_k = c_k + d_k m_0,
    # worked out from the last step back, then m_0 solved for.
    means: list[tuple[float, float]] = [(0.0, 0.0)] * (steps + 1)
    for k in range(steps - 1, -1, -1):
        c, d = means[k + 1]
        means[k] = ((1 + good * c) / stay, (again + good * d) / stay)
    first = means[0][0] / (1 - means[0][1])
    mean = [c + d * first for c, d in means]
    # E[T_k^2] = E[(1 + X)^2] = 1 + 2 E[X] + E[X^2], X the answers after this one.
    squares: list[tuple[float, float]] = [(0.0, 0.0)] * (steps + 1)
    for k in range(steps - 1, -1, -1):
        u, v = squares[k + 1]
        after = again * first + hard * mean[k] + good * mean[k + 1]
        squares[k] = ((1 + 2 * after + good * u) / stay, (again + good * v) / stay)
    first_square = squares[0][0] / (1 - squares[0][1])
    index = min(max(step, 0), steps - 1)
    u, v = squares[index]
    return Owed(mean[index], u + v * first_square - mean[index] ** 2)


def review_owed(lapse: float, relearning: Owed) -> Owed:
    """The answers a review owes: one, and if it lapses (probability `lapse`), the relearning
    steps from the first (`relearning`, as `steps_owed` gives them; Owed() without steps)."""
    lapse = min(max(lapse, 0.0), 1.0)
    square = relearning.variance + relearning.mean**2
    return Owed(1 + lapse * relearning.mean, lapse * square - (lapse * relearning.mean) ** 2)


# The share of Again among the answers at learning steps that FSRS's simulator's grades give
# (`forecast.FIRST_GRADES` then `LEARNING_STEPS`: 0.47 Again in the 2.60 answers a new card
# takes with two steps): the rate a plan assumes until the student's own answers say more.
PRIOR_AGAIN = 0.18
