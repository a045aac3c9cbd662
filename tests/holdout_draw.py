"""How the fifth held-out draw of the marker chose its cards (tests/data/marking_holdout.yaml
and its siblings hold the earlier draws; docs/marking.md tells the story).

The population is every bundled typed card that
- no earlier draw drew (their cards served to develop the rules),
- no row of the marking table copies (tests/data/marking_table.yaml, as it stood at the draw),
- and some earlier draw's population held: cards outside every earlier population had been
  tried while the rules were written or were named or added by the issue that asked for them,
  so they count as used too.
The 20 cards are random.Random(SEED).sample(population, 20), the population sorted by its
deck/card keys. Run `python tests/holdout_draw.py` to print the population and the draw.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
SEED = 1729
SAMPLE_SIZE = 20
EARLIER = ("marking_holdout_1414.yaml", "marking_holdout_2718.yaml", "marking_holdout.yaml",
           "marking_holdout_1618.yaml")  # fmt: skip


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8"))


def typed_cards() -> list[str]:
    """The deck/card keys of the bundled typed cards."""
    keys = []
    for path in sorted((HERE.parent / "decks").glob("*.yaml")):
        deck = _load(path)
        keys += [
            f"{deck['id']}/{card['id']}"
            for card in deck["cards"]
            if card.get("type", "typed") == "typed"
        ]
    return keys


def population() -> list[str]:
    """The cards the fifth draw may draw, sorted."""
    earlier = [_load(HERE / "data" / name) for name in EARLIER]
    drawn = {card for draw in earlier for card in draw["cards"]}
    offered = {card for draw in earlier for card in draw["population"]}
    table = _load(HERE / "data" / "marking_table.yaml")["rows"]
    in_table = {row["card"] for row in table if "card" in row}
    return sorted(k for k in typed_cards() if k in offered and k not in drawn | in_table)


def draw(cards: list[str]) -> list[str]:
    """The cards drawn, in the order drawn."""
    return random.Random(SEED).sample(cards, SAMPLE_SIZE)


if __name__ == "__main__":
    cards = population()
    print(f"population ({len(cards)}):", *cards, sep="\n  ")
    print(f"drawn (seed {SEED}):", *draw(cards), sep="\n  ")
