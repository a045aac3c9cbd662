"""How the eighth held-out draw of the marker chooses its cards (docs/marking.md tells the story).

The seventh draw's cards served to develop the rules after its outcome, so the eighth is made,
as the sixth and seventh were, from cards written after this file and blind to the marker: the
typed cards listed in tests/data/new_typed_cards_8.txt (three per deck). This file, with its
seed, was committed before those cards were written and before the rules written after the
seventh draw. The 20 cards are random.Random(SEED).sample(population, 20), the population
sorted by its deck/card keys. Run `python tests/holdout_draw_8.py` to print both.
"""

from __future__ import annotations

import random
from pathlib import Path

HERE = Path(__file__).parent
SEED = 8128
SAMPLE_SIZE = 20
POPULATION_FILE = HERE / "data" / "new_typed_cards_8.txt"


def population() -> list[str]:
    """The cards the eighth draw may draw, sorted."""
    lines = POPULATION_FILE.read_text("utf-8").splitlines()
    return sorted(line.strip() for line in lines if line.strip())


def draw(cards: list[str]) -> list[str]:
    """The cards drawn, in the order drawn."""
    return random.Random(SEED).sample(cards, SAMPLE_SIZE)


if __name__ == "__main__":
    cards = population()
    print(f"population ({len(cards)}):", *cards, sep="\n  ")
    print(f"drawn (seed {SEED}):", *draw(cards), sep="\n  ")
