"""FSRS scheduling in study days: memory, intervals, the scheduler and the optimizer."""
