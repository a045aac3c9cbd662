"""The draw of a held-out check of the marker from cards written blind to it: the population is
a keys file (deck-id/card-id per line), sorted; the cards are random.Random(seed).sample of it."""

from __future__ import annotations

import random
from pathlib import Path

SAMPLE_SIZE = 20


def population(keys_file: Path) -> list[str]:
    """The cards a draw may draw, sorted."""
    lines = keys_file.read_text("utf-8").splitlines()
    return sorted(line.strip() for line in lines if line.strip())


def draw(seed: int, cards: list[str], size: int = SAMPLE_SIZE) -> list[str]:
    """The cards drawn, in the order drawn."""
    return random.Random(seed).sample(cards, size)
