"""How the twenty-fourth held-out draw of the marker chooses its cards (docs/marking.md tells
the story).

The twenty-third draw's cards and the development set served to develop the rules after its
outcome, so the twenty-fourth is made, as the sixth to twenty-third were, from cards written after
this file and blind to the marker: the typed cards listed in tests/data/new_typed_cards_24.txt
(three per deck). This file, with its seed, was committed before those cards were written; the
rules are frozen before they are merged. Run `python tests/holdout_draw_24.py` to print the
population and the draw.
"""

from __future__ import annotations

from pathlib import Path

from blind_draw import SAMPLE_SIZE, draw, population

SEED = 77972
POPULATION_FILE = Path(__file__).parent / "data" / "new_typed_cards_24.txt"

if __name__ == "__main__":
    cards = population(POPULATION_FILE)
    print(f"population ({len(cards)}):", *cards, sep="\n  ")
    print(f"drawn (seed {SEED}, {SAMPLE_SIZE}):", *draw(SEED, cards), sep="\n  ")
