"""How the seventh held-out draw of the marker chooses its cards (docs/marking.md tells the story).

The sixth draw's cards, and the rules written after its outcome, leave no bundled typed card
unread by the marker's authors, so the seventh draw is made, as the sixth was, from cards written
after this file and blind to the marker: the 32 typed cards listed in
tests/data/new_typed_cards_7.txt (four per deck). This file, with its seed, was committed before
those cards were written and before the marker's rules after the sixth draw.
The 20 cards are random.Random(SEED).sample(population, 20), the population sorted by its
deck/card keys. Run `python tests/holdout_draw_7.py` to print the population and the draw.
"""

from __future__ import annotations

from pathlib import Path

import blind_draw
from blind_draw import SAMPLE_SIZE

SEED = 7919
POPULATION_FILE = Path(__file__).parent / "data" / "new_typed_cards_7.txt"
__all__ = ["SAMPLE_SIZE", "SEED", "draw", "population"]


def population() -> list[str]:
    """The cards the seventh draw may draw, sorted."""
    return blind_draw.population(POPULATION_FILE)


def draw(cards: list[str]) -> list[str]:
    """The cards drawn, in the order drawn."""
    return blind_draw.draw(SEED, cards)


if __name__ == "__main__":
    cards = population()
    print(f"population ({len(cards)}):", *cards, sep="\n  ")
    print(f"drawn (seed {SEED}):", *draw(cards), sep="\n  ")
