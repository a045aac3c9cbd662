"""FSRS-6's memory formulas on numpy arrays (as fsrs-rs computes them): the array forecast,
readiness and cram work out a whole collection's memories at once with them."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from quizapp.core.planning.card_columns import Floats, Ints


class Model:
    """FSRS-6's memory formulas on arrays (as fsrs-rs computes them)."""

    def __init__(self, parameters: Sequence[float]) -> None:
        w = [float(value) for value in parameters]
        self.w = w
        self.decay = -w[20] if len(w) > 20 else -0.5
        self.factor = 0.9 ** (1 / self.decay) - 1
        self.reversion = w[7] * self._initial_difficulty(4.0)

    def recall(self, elapsed: Floats, stability: Floats) -> Floats:
        result: Floats = np.power(1 + self.factor * elapsed / stability, self.decay)
        return result

    def interval(self, stability: Floats, retention: float) -> Floats:
        result: Floats = stability / self.factor * (retention ** (1 / self.decay) - 1)
        return result

    def _initial_difficulty(self, grade: float) -> float:
        return self.w[4] - math.exp(self.w[5] * (grade - 1)) + 1

    def first(self, grades: Ints) -> tuple[Floats, Floats]:
        """Stability and difficulty after a first answer of each grade."""
        w = np.array(self.w)
        stability = w[grades - 1]
        difficulty = np.clip(w[4] - np.exp(w[5] * (grades - 1)) + 1, 1, 10)
        return stability, difficulty

    def difficulty(self, difficulty: Floats, grades: Ints) -> Floats:
        damped = difficulty - self.w[6] * (grades - 3) * (10 - difficulty) / 9
        result: Floats = np.clip(self.reversion + (1 - self.w[7]) * damped, 1, 10)
        return result

    def passed(self, s: Floats, d: Floats, recall: Floats, grades: Ints) -> Floats:
        w = self.w
        bonus = np.where(grades == 2, w[15], np.where(grades == 4, w[16], 1.0))
        growth = math.exp(w[8]) * (11 - d) * np.power(s, -w[9]) * (np.exp((1 - recall) * w[10]) - 1)
        return self._clamp(s * (growth * bonus + 1))

    def lapsed(self, s: Floats, d: Floats, recall: Floats) -> Floats:
        w = self.w
        after = w[11] * np.power(d, -w[12]) * (np.power(s + 1, w[13]) - 1)
        after = after * np.exp((1 - recall) * w[14])
        return self._clamp(np.minimum(after, s / math.exp(w[17] * w[18])))

    def same_day(self, s: Floats, grades: Ints) -> Floats:
        """Stability after an answer on the day of the card's last one (short-term)."""
        w = self.w
        growth = np.exp(w[17] * (grades - 3 + w[18])) * np.power(s, -w[19])
        return self._clamp(s * np.where(grades >= 2, np.maximum(growth, 1.0), growth))

    @staticmethod
    def _clamp(s: Floats) -> Floats:
        return np.clip(s, 0.001, 36500.0)
