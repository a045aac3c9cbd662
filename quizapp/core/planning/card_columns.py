"""Card states as columns (numpy arrays), in study days: what the exam forecast in arrays and
the cram's weakest-first order count over, without a state built for each card."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo

import numpy as np
from numpy.typing import NDArray

from quizapp.core.scheduling import study_day as sd

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3


@dataclass
class Memories:
    """Card states as columns, in deck order: phase (NEW...), step, stability and difficulty
    (NaN for none), the study day numbers of the last review and the due day (NaN for none)."""

    phase: Ints
    step: Ints
    stability: Floats
    difficulty: Floats
    last: Floats
    due: Floats

    def __len__(self) -> int:
        return len(self.phase)

    def copy(self) -> Memories:
        return Memories(*(np.copy(column) for column in self.columns()))

    def columns(self) -> tuple[NDArray[np.generic], ...]:
        return (self.phase, self.step, self.stability, self.difficulty, self.last, self.due)


def day_numbers(moments_ms: Floats, tz: tzinfo, rollover_hour: int) -> Floats:
    """The study day number (`study_day.day_number`) of each moment in ms (NaN stays NaN)."""
    known = ~np.isnan(moments_ms)
    result = np.full(len(moments_ms), np.nan)
    if known.any():
        values = moments_ms[known].astype(np.int64)
        spans = sd.offset_spans(tz, rollover_hour, int(values.min()), int(values.max()))
        starts = np.array([start for start, _ in spans], dtype=np.int64)
        shifts = np.array([shift for _, shift in spans], dtype=np.int64)
        which = np.maximum(np.searchsorted(starts, values, side="right") - 1, 0)
        result[known] = (values + shifts[which]) // sd.DAY_MS
    return result


def memories(
    phases: Sequence[str | None],
    steps: Sequence[int | None],
    stabilities: Sequence[float | None],
    difficulties: Sequence[float | None],
    due_ms: Sequence[int | None],
    last_ms: Sequence[int | None],
    tz: tzinfo,
    rollover_hour: int,
) -> Memories:
    """Columns of card states (as the store keeps them; None for a new card's) as Memories."""
    codes = {None: NEW, "new": NEW, "learning": LEARNING, "review": REVIEW}
    codes["relearning"] = RELEARNING

    def floats(values: Sequence[float | int | None]) -> Floats:
        column = np.array(values, dtype=object)
        column[column == None] = np.nan  # noqa: E711 - elementwise, on an object array
        return column.astype(np.float64)

    return Memories(
        np.array([codes[p] for p in phases], dtype=np.int64),
        np.nan_to_num(floats(steps)).astype(np.int64),
        floats(stabilities),
        floats(difficulties),
        day_numbers(floats(last_ms), tz, rollover_hour),
        day_numbers(floats(due_ms), tz, rollover_hour),
    )
