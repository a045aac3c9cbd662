"""How the sixth held-out draw of the marker chooses its cards (docs/marking.md tells the story).

Every bundled typed card left over from the first five draws had been read while the marking
rules were written, so the sixth draw is made from cards written after them, blind to the
marker: the 32 typed cards listed in tests/data/new_typed_cards_6.txt (four per deck). This
file, with its seed, was committed before those cards were written.
The 20 cards are random.Random(SEED).sample(population, 20), the population sorted by its
deck/card keys. Run `python tests/holdout_draw_6.py` to print the population and the draw.
"""

from __future__ import annotations

from pathlib import Path

import blind_draw
from blind_draw import SAMPLE_SIZE

SEED = 6174
POPULATION_FILE = Path(__file__).parent / "data" / "new_typed_cards_6.txt"
__all__ = ["SAMPLE_SIZE", "SEED", "draw", "population"]


def population() -> list[str]:
    """The cards the sixth draw may draw, sorted."""
    return blind_draw.population(POPULATION_FILE)


def draw(cards: list[str]) -> list[str]:
    """The cards drawn, in the order drawn."""
    return blind_draw.draw(SEED, cards)


if __name__ == "__main__":
    cards = population()
    print(f"population ({len(cards)}):", *cards, sep="\n  ")
    print(f"drawn (seed {SEED}):", *draw(cards), sep="\n  ")
