"""Build quizapp/core/grading/thesaurus.txt.gz from WordNet 3.0 (Debian's wordnet-base).

The marker reads a student's own words for a word of the answer ("unsure" for uncertain,
"computerizing" for computerization) through this file (quizapp/core/grading/thesaurus.py).
Only common words (lower case, one word) in their frequent senses are kept, so that a word is
never read as another through a sense a student would not mean:

- `=` lines: the words of one synset, each of which has the synset among its first
  TOP_SENSES senses (by WordNet's frequency order);
- `+` lines: two words WordNet derives one from the other ("available", "availability") in
  such senses;
- `&` lines: a noun and a word WordNet derives from that noun's sense, one way ("finance",
  "financial"): what a plural's derived forms are ("experts" are people; expertise comes from
  the adjective expert);
- `^` lines: a noun and the next broader noun WordNet names for it ("declaration",
  "statement"; "head", "leader"), in such senses;
- `~` lines: a word and the words a student may say for it: the other words of each of its
  frequent senses, however rarely they have that sense themselves ("former": "old"), and for
  an adjective the words of the senses WordNet calls similar ("international": "world"); one
  way only, from the card's word to the student's;
- `<` lines: an irregular form and its base ("withdrew withdraw"), from WordNet's exception
  lists.

- `!` lines: two words WordNet gives as antonyms in any sense ("new", "old"): never a reading,
  only a guard (a qualifier that is the opposite of an answer's word is no qualifier).

Derived forms include WordNet's pertainyms: an adverb and its adjective ("peacefully",
"peaceful"), an adjective and its noun ("regional", "region").

Run by hand when the source changes (apt-get install wordnet-base):
    python .ci/build_thesaurus.py [/usr/share/wordnet]
The output is deterministic: the same WordNet gives the same bytes.
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

TOP_SENSES = 3
POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
OUT = Path(__file__).resolve().parent.parent / "quizapp" / "core" / "grading" / "thesaurus.txt.gz"
WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
HEADER = """\
# Words for the marker, from WordNet 3.0 (Princeton University), built by .ci/build_thesaurus.py.
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND
# DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES,
# EXPRESS OR IMPLIED. The name of Princeton University or Princeton may not be used in
# advertising or publicity pertaining to distribution of the software and/or database.
# Permission to use, copy, modify and distribute this software and database and its
# documentation for any purpose and without fee or royalty is hereby granted, provided that
# this notice and the copyright notice appear on all copies.
"""


def plain(word: str) -> str | None:
    """The word as the marker reads it, or None for names, phrases and odd forms."""
    word = re.sub(r"\(.*\)$", "", word)  # adjective markers: "(a)", "(p)", "(ip)"
    return word if WORD.fullmatch(word) else None


def main(source: Path) -> None:
    # Each word's rank in each of its synsets, by part of speech.
    rank: dict[tuple[str, str, int], int] = {}
    for name, pos in POS.items():
        for line in (source / f"index.{name}").read_text("latin-1").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            lemma, synset_count, pointer_count = fields[0], int(fields[2]), int(fields[3])
            offsets = fields[4 + pointer_count + 2 :][:synset_count]
            for i, offset in enumerate(offsets):
                rank[(lemma, pos, int(offset))] = i
    synonyms: set[tuple[str, ...]] = set()
    derived: set[tuple[str, str, bool]] = set()  # a word, its derived form, from a noun sense
    kinds: list[tuple[tuple[str, ...], int]] = []  # a noun synset's words, its hypernym's offset
    similar: list[tuple[tuple[str, ...], int]] = []  # an adjective synset's words, a similar one
    loose: dict[str, set[str]] = defaultdict(set)  # a word in a frequent sense -> its words
    opposite_refs: set[tuple[str, str]] = set()  # a word, its antonym's synset and number
    for name, pos in POS.items():
        for line in (source / f"data.{name}").read_text("latin-1").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split(" | ")[0].split()
            offset, count = int(fields[0]), int(fields[3], 16)
            raw = [fields[4 + 2 * i] for i in range(count)]
            members = [w.lower() if w.islower() else "" for w in raw]
            frequent = [
                plain(w)
                for w in members
                if w and plain(w) and rank.get((plain(w) or "", pos, offset), 99) < TOP_SENSES
            ]
            words = sorted({w for w in frequent if w})
            if len(words) > 1:
                synonyms.add(tuple(words))
            # A card's word in a frequent sense may be said in any word of that sense.
            every = sorted({w for w in (plain(m) for m in members if m) if w})
            for word in words:
                loose[word].update(w for w in every if w != word)
            at = 4 + 2 * count
            for p in range(int(fields[at])):
                symbol, target, target_pos, numbers = fields[at + 1 + 4 * p : at + 5 + 4 * p]
                if symbol == "@" and pos == "n" and words:
                    kinds.append((tuple(words), int(target)))
                if symbol == "&" and pos == "a" and words:
                    similar.append((tuple(words), int(target)))
                source_word = members[int(numbers[:2], 16) - 1] if numbers[:2] != "00" else ""
                word = plain(source_word) if source_word else None
                if symbol == "!" and word:  # antonyms, in any sense: a guard, never a reading
                    ref = f"{target_pos.replace('s', 'a')}:{int(target)}:{numbers[2:]}"
                    opposite_refs.add((word, ref))
                if symbol not in ("+", "\\"):
                    continue  # derived forms, and pertainyms: "peacefully", "regional"
                if not word or rank.get((word, pos, offset), 99) >= TOP_SENSES:
                    continue
                ref = f"{target_pos.replace('s', 'a')}:{int(target)}:{numbers[2:]}"
                derived.add((word, ref, pos == "n"))
    # Resolve the targets of derivations to words (a second pass over the data files).
    wanted: dict[tuple[str, int], list[tuple[str, int, bool]]] = defaultdict(list)
    for word, target, from_noun in derived:
        pos, offset, number = target.split(":")
        wanted[(pos, int(offset))].append((word, int(number, 16), from_noun))
    against: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
    for word, target in opposite_refs:
        pos, offset, number = target.split(":")
        against[(pos, int(offset))].append((word, int(number, 16)))
    opposites: set[tuple[str, str]] = set()
    hypernyms: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for words, hypernym in kinds:
        hypernyms[hypernym].append(words)
    alike: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for words, other in similar:
        alike[other].append(words)
    pairs: set[tuple[str, str]] = set()
    noun_pairs: set[tuple[str, str]] = set()
    broader: set[tuple[str, str]] = set()
    for name, pos in POS.items():
        for line in (source / f"data.{name}").read_text("latin-1").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            offset, count = int(fields[0]), int(fields[3], 16)
            key = ("a" if pos == "a" else pos, offset)
            if pos == "a" and offset in alike:
                lemmas = sorted({w for w in (plain(fields[4 + 2 * i]) for i in range(count)) if w})
                for words in alike[offset]:
                    for word in words:
                        loose[word].update(w for w in lemmas if w != word)
            if pos == "n" and offset in hypernyms:
                for number in range(count):
                    general = plain(fields[4 + 2 * number])
                    if not general or rank.get((general, pos, offset), 99) >= TOP_SENSES:
                        continue
                    for words in hypernyms[offset]:
                        broader.update((w, general) for w in words if w != general)
            for word, number in against.get(key, []):
                other = plain(fields[4 + 2 * (number - 1)])
                if other and other != word:
                    opposites.add((min(word, other), max(word, other)))
            for word, number, from_noun in wanted.get(key, []):
                other = plain(fields[4 + 2 * (number - 1)])
                if other and other != word and rank.get((other, pos, offset), 99) < TOP_SENSES:
                    pairs.add((min(word, other), max(word, other)))
                    if from_noun:
                        noun_pairs.add((word, other))
    irregular: set[tuple[str, str]] = set()
    for name in POS:
        path = source / f"{name}.exc"
        for line in path.read_text("latin-1").splitlines():
            form, *bases = line.split()
            for base in bases:
                if plain(form) and plain(base) and form != base:
                    irregular.add((form, base))
    lines = [HEADER]
    lines += [f"= {' '.join(group)}\n" for group in sorted(synonyms)]
    lines += [f"+ {a} {b}\n" for a, b in sorted(pairs)]
    lines += [f"& {a} {b}\n" for a, b in sorted(noun_pairs)]
    lines += [f"^ {a} {b}\n" for a, b in sorted(broader)]
    frequent_groups: dict[str, set[str]] = defaultdict(set)
    for group in synonyms:
        for word in group:
            frequent_groups[word].update(group)
    loose_lines = {
        word: sorted(others - frequent_groups.get(word, set())) for word, others in loose.items()
    }
    lines += [f"~ {w} {' '.join(o)}\n" for w, o in sorted(loose_lines.items()) if o]
    lines += [f"< {form} {base}\n" for form, base in sorted(irregular)]
    lines += [f"! {a} {b}\n" for a, b in sorted(opposites)]
    OUT.write_bytes(gzip.compress("".join(lines).encode("utf-8"), mtime=0))
    print(
        f"{OUT}: {len(synonyms)} synonym groups, {len(pairs)} derivations, "
        f"{len(broader)} broader nouns, {len(loose_lines)} words in any of their senses' words, "
        f"{len(irregular)} irregular forms, {len(opposites)} antonyms"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"))
