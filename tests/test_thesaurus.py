"""The thesaurus the marker reads a student's own words through (WordNet 3.0, common words in
their frequent senses), and the file it is read from."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quizapp.core.grading.thesaurus import base_forms, taken_for, thesaurus

ROOT = Path(__file__).parent.parent
DATA = ROOT / "quizapp" / "core" / "grading" / "thesaurus.txt.gz"
WORDNET = Path("/usr/share/wordnet")


@pytest.mark.parametrize(
    ("given", "target"),
    [
        ("unsure", "uncertain"),  # one synset
        ("distrust", "suspicion"),
        ("computerizing", "computerization"),  # an inflection, then a derived form
        ("computerising", "computerization"),  # a British spelling
        ("available", "availability"),
        ("withdrew", "withdrawal"),  # an irregular form
        ("supported", "support"),
        ("finances", "financial"),  # a plural meets what its noun derives
    ],
)
def test_a_teacher_takes_these_words_for_one_another(given: str, target: str) -> None:
    assert taken_for(given, target)
    assert taken_for(target, given)


@pytest.mark.parametrize(
    ("broader", "narrower"),
    [("statements", "declarations"), ("meeting", "conference"), ("expert", "parliamentarian")],
)
def test_the_next_broader_noun_is_taken_for_the_narrower_only(broader: str, narrower: str) -> None:
    # A statement is said of a declaration; a parliamentarian (a kind of expert) is no word
    # for experts: a narrower word says something the card does not.
    assert taken_for(broader, narrower)
    assert not taken_for(narrower, broader)


@pytest.mark.parametrize(
    ("given", "target"),
    [
        ("soviet", "russian"),
        ("trade", "economic"),
        ("import", "export"),
        ("increase", "decrease"),
        ("first", "last"),
        ("military", "economic"),
        ("shaky", "uncertain"),  # a synonym of a synonym at best: one step only
        ("tanks", "jets"),  # two kinds of one thing are not one another
        ("india", "pakistan"),
        ("experts", "expertise"),  # people, not the skill WordNet derives from the adjective
    ],
)
def test_other_things_are_never_taken_for_one_another(given: str, target: str) -> None:
    assert not taken_for(given, target)


def test_base_forms_follow_wordnets_rules_and_exceptions() -> None:
    assert "computerize" in base_forms("computerizing")
    assert "withdraw" in base_forms("withdrew")
    assert "country" in base_forms("countries")
    assert base_forms("qwertyuiop") == frozenset({"qwertyuiop"})


def test_only_common_words_are_kept() -> None:
    book = thesaurus()
    assert book.words and all(word == word.lower() for word in book.words)
    assert all(" " not in word and "_" not in word for word in book.words)


def test_the_file_carries_wordnets_notice() -> None:
    head = gzip.decompress(DATA.read_bytes()).decode("utf-8")[:2000]
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in head


@pytest.mark.skipif(not WORDNET.is_dir(), reason="WordNet (Debian's wordnet-base) not installed")
def test_the_file_is_what_the_builder_makes_from_wordnet(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    (copy / ".ci").mkdir(parents=True)
    (copy / "quizapp" / "core" / "grading").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "build_thesaurus.py", copy / ".ci")
    subprocess.run(
        [sys.executable, str(copy / ".ci" / "build_thesaurus.py"), str(WORDNET)],
        check=True,
        capture_output=True,
    )
    built = copy / "quizapp" / "core" / "grading" / "thesaurus.txt.gz"
    assert built.read_bytes() == DATA.read_bytes()
