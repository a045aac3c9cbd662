"""The answers a card still owes today, with their spread, as a Markov chain over the steps.

A card at a learning or relearning step moves as `scheduler.phase_after` moves it: Again back
to the first step, Hard stays at its step, Good to the next step (the last one graduates),
Easy graduates. With a probability of each grade at a step, the answers left until the card
graduates are a random number: its mean is what a plan counts, and its variance and third
central moment say how far a bad run of Again answers can take a day beyond that mean.

A review due today costs one answer, and if it lapses, the relearning steps from the first.
Cards are answered independently: the means and the variances of several add up.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import NamedTuple

# The answers owed are counted at most this far: a student who fails every step never ends.
MOST_AGAIN = 0.9


class Owed(NamedTuple):
    """The answers some cards still owe: their mean, variance and third central moment."""

    mean: float = 0.0
    variance: float = 0.0
    skew: float = 0.0  # the third central moment: a run of Again makes a long right tail

    def bound(self, z: float) -> float:
        """The answers owed at the normal quantile z, corrected for the skew (Cornish-Fisher:
        mean + z sigma + (z^2 - 1)/6 times the third central moment over the variance): the
        answers a step owes have a long right tail, and the normal quantile alone is passed
        more often than it says, most of all for the few cards owed late in a day."""
        if self.variance <= 0:
            return self.mean
        return (
            self.mean + z * math.sqrt(self.variance) + (z * z - 1) / 6 * self.skew / self.variance
        )


def total(parts: Iterable[Owed]) -> Owed:
    """The answers several cards owe, each answered independently."""
    mean = variance = skew = 0.0
    for part in parts:
        mean += part.mean
        variance += part.variance
        skew += part.skew
    return Owed(mean, variance, skew)


def steps_owed(steps: int, step: int, again: float, hard: float = 0.0, easy: float = 0.0) -> Owed:
    """The answers a card at a step owes until it graduates, this answer included.

    Args:
        steps: The learning (or relearning) steps; with none, a card graduates at its answer.
        step: The card's step (0: the first, where a new card and a card just failed are).
        again, hard, easy: The probability of each grade at a step (Good: the rest); Again is
            taken at most MOST_AGAIN.

    Returns:
        The mean, variance and third central moment of the answers left. With Again and Good
        only, at one step the answers are geometric: mean 1/(1-a), variance a/(1-a)^2, third
        moment a(1+a)/(1-a)^3; at two steps, from the first, mean (2-a)/(1-a)^2 (six at
        a = 1/2, the tosses until two heads in a row).
    """
    if steps <= 0:
        return Owed(1.0, 0.0)
    again = min(max(again, 0.0), MOST_AGAIN)
    hard, easy = min(max(hard, 0.0), MOST_AGAIN), max(easy, 0.0)
    good = max(0.0, 1.0 - again - hard - easy)
    # T_k, the answers from step k: 1 + T_0 (Again), T_k (Hard), T_k+1 (Good), 0 (Easy), with
    # T_steps = 0. With X the answers after this one, E[T_k] = 1 + E[X], E[T_k^2] = 1 + 2 E[X]
    # + E[X^2] and E[T_k^3] = 1 + 3 E[X] + 3 E[X^2] + E[X^3], each E[X^j] a mix of the
    # moments at steps 0, k and k+1 (`_moments`).

    def mix(moments: list[float], k: int) -> float:
        return again * moments[0] + hard * moments[k] + good * moments[k + 1]

    def solve(constant: Callable[[int], float]) -> list[float]:
        return _moments(steps, again, hard, good, constant)

    m1 = solve(lambda k: 1)
    m2 = solve(lambda k: 1 + 2 * mix(m1, k))
    m3 = solve(lambda k: 1 + 3 * mix(m1, k) + 3 * mix(m2, k))
    k = min(max(step, 0), steps - 1)
    mean, square = m1[k], m2[k]
    return Owed(mean, square - mean**2, m3[k] - 3 * mean * square + 2 * mean**3)


def _moments(
    steps: int, again: float, hard: float, good: float, constant: Callable[[int], float]
) -> list[float]:
    """A moment at each step, M_k = constant(k) + again M_0 + hard M_k + good M_k+1 with
    M_steps = 0: each is linear in M_0 (c_k + d_k M_0), worked out from the last step back,
    then M_0 solved for."""
    rows = [(0.0, 0.0)] * (steps + 1)
    for k in range(steps - 1, -1, -1):
        c, d = rows[k + 1]
        rows[k] = ((constant(k) + good * c) / (1 - hard), (again + good * d) / (1 - hard))
    first = rows[0][0] / (1 - rows[0][1])
    return [c + d * first for c, d in rows]


def review_owed(lapse: float, relearning: Owed) -> Owed:
    """The answers a review owes: one, and if it lapses (probability `lapse`), the relearning
    steps from the first (`relearning`, as `steps_owed` gives them; Owed() without steps)."""
    lapse = min(max(lapse, 0.0), 1.0)
    m = relearning.mean
    s2 = relearning.variance + m**2
    s3 = relearning.skew + 3 * m * relearning.variance + m**3
    y1, y2, y3 = lapse * m, lapse * s2, lapse * s3
    return Owed(1 + y1, y2 - y1**2, y3 - 3 * y1 * y2 + 2 * y1**3)


# The share of Again among the answers at learning steps that FSRS's simulator's grades give
# (`forecast.FIRST_GRADES` then `LEARNING_STEPS`: 0.47 Again in the 2.60 answers a new card
# takes with two steps): the rate a plan assumes until the student's own answers say more.
PRIOR_AGAIN = 0.18
