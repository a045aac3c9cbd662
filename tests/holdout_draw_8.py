"""How the eighth held-out draw of the marker chooses its cards (docs/marking.md tells the story).

The seventh draw's cards served to develop the rules after its outcome, so the eighth is made,
as the sixth and seventh were, from cards written after this file and blind to the marker: the
typed cards listed in tests/data/new_typed_cards_8.txt (three per deck). This file, with its
seed, was committed before those cards were written and before the rules written after the
seventh draw. The 20 cards are random.Random(SEED).sample(population, 20), the population
sorted by its deck/card keys. Run `python tests/holdout_draw_8.py` to print both.
"""

from __future__ import annotations

from pathlib import Path

import blind_draw
from blind_draw import SAMPLE_SIZE

SEED = 8128
POPULATION_FILE = Path(__file__).parent / "data" / "new_typed_cards_8.txt"
__all__ = ["SAMPLE_SIZE", "SEED", "draw", "population"]


def population() -> list[str]:
    """The cards the eighth draw may draw, sorted."""
    return blind_draw.population(POPULATION_FILE)


def draw(cards: list[str]) -> list[str]:
    """The cards drawn, in the order drawn."""
    return blind_draw.draw(SEED, cards)


if __name__ == "__main__":
    cards = population()
    print(f"population ({len(cards)}):", *cards, sep="\n  ")
    print(f"drawn (seed {SEED}):", *draw(cards), sep="\n  ")
