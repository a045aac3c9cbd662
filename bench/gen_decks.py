"""Generate large, valid decks for the benchmarks: realistic cards of about 730 bytes each.

Usage: python bench/gen_decks.py OUT_DIR [--decks 100] [--cards 1000]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = (
    "treaty alliance border trade embassy minister summit pact delegation accord frontier "
    "economy military cooperation visit agreement dispute region policy strategic council "
    "mission convoy garrison reform council republic province harbour railway pipeline"
).split()
KINDS = ("date", "actor", "cause", "event", "number", "concept")


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def card_yaml(rng: random.Random, deck: int, index: int) -> str:
    """One card as YAML text (about 730 bytes), cycling through the question types."""
    card_id = f"d{deck}-card-{index:05d}"
    year = 1900 + rng.randrange(120)
    source = _sentence(rng, 24)
    explanation = _sentence(rng, 22)
    style = index % 5
    lines = [f"  - id: {card_id}"]
    if style == 0:
        lines += [
            "    kind: date",
            "    type: typed",
            f"    question: In which year was the {rng.choice(WORDS)} {rng.choice(WORDS)} of "
            f"{_sentence(rng, 8).lower()} signed, as the source tells it?",
            f'    answer: "{year}"',
            f'    alternatives: ["{year}-01", "{year} AD"]',
            f'    date: "{year}"',
            f'    wrong: ["{year - 3}", "{year + 4}", "{year + 9}"]',
        ]
    elif style == 1:
        answer = _sentence(rng, 3)
        lines += [
            "    kind: actor",
            "    type: choice",
            f"    question: Who led the {rng.choice(WORDS)} {_sentence(rng, 10).lower()}?",
            f"    answer: {answer} {index}",
            f"    alternatives: [{answer.lower()} {index}]",
            f"    wrong: [{_sentence(rng, 2)} A, {_sentence(rng, 2)} B, {_sentence(rng, 2)} C]",
        ]
    elif style == 2:
        lines += [
            "    kind: concept",
            "    type: truefalse",
            f"    question: The source says the {_sentence(rng, 14).lower()} came first.",
            f'    answer: "{rng.choice(("true", "false"))}"',
        ]
    elif style == 3:
        lines += [
            "    kind: event",
            "    type: cloze",
            f"    text: In {{{{{year}}}}} the {_sentence(rng, 10).lower()} reached "
            f"{{{{{rng.choice(WORDS)}|the {rng.choice(WORDS)}}}}}.",
        ]
    else:
        lines += [
            "    kind: cause",
            "    type: flip",
            f"    question: Why did the {_sentence(rng, 12).lower()} change course?",
            f"    answer: {_sentence(rng, 14)}",
        ]
    lines += [
        f"    explanation: {explanation}.",
        f'    source: "{source}."',
        f"    tags: [{year // 10 * 10}s, {rng.choice(WORDS)}]",
    ]
    return "\n".join(lines) + "\n\n"


def deck_yaml(deck: int, cards: int, seed: int = 0) -> str:
    """A whole deck file's text."""
    rng = random.Random(seed * 100_003 + deck)
    head = (
        f"format: 1\nid: bench-deck-{deck:03d}\ntitle: Benchmark deck {deck:03d}\n"
        "description: Generated cards for measuring quizapp.\n"
        "reference:\n  title: A generated reference\n  author: bench/gen_decks.py\n"
        "tags: [bench]\ncards:\n"
    )
    return head + "".join(card_yaml(rng, deck, i) for i in range(cards))


def generate(out: Path, decks: int = 100, cards: int = 1000, seed: int = 0) -> list[Path]:
    """Write `decks` deck files of `cards` cards each into `out`; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for deck in range(decks):
        path = out / f"bench-{deck:03d}.yaml"
        path.write_text(deck_yaml(deck, cards, seed), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--decks", type=int, default=100)
    parser.add_argument("--cards", type=int, default=1000)
    args = parser.parse_args()
    paths = generate(args.out, args.decks, args.cards)
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} decks, {args.decks * args.cards} cards, {total / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
