"""A corpus of broken deck files: each gets a clear message at its place, never a traceback.

tests/data/bad_decks/ holds the small ones (see README.md there); the 50 MB file, deep block
nesting, a folder named x.yaml, symlink loops, a pipe and an unreadable file are made here at
test time. Every one must give exit status 1 from `quizapp check` with `path:line:col: error:`,
and none may stop the other decks from loading. How long each takes and how much memory it
costs are measured by bench/run.py (bad_deck_max_ms, bad_deck_peak_mb), not asserted here.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from platform_support import needs_fifo, needs_posix_permissions, needs_symlinks

from quizapp.cli import main
from quizapp.core.authoring.lint_rules import CODES as RULE_CODES
from quizapp.core.collection import Collection
from quizapp.core.decks.codes import CODES as FORMAT_CODES
from quizapp.core.decks.library import load_decks
from quizapp.core.decks.loader import LoadResult, load_deck

CORPUS = Path(__file__).parent / "data" / "bad_decks"

# file: (line, column, what the first matching error says)
EXPECTED: dict[str, tuple[int, int, str]] = {
    "alias-bomb.yaml": (1, 4, "anchor '&a': anchors and aliases are not allowed in decks;"),
    "alias-in-card.yaml": (5, 5, "anchor '&first': anchors and aliases are not allowed in"),
    "binary.yaml": (1, 1, "the file holds binary data, not YAML text"),
    "bom-with-error.yaml": (6, 11, "the kind of card 'a' is 'person'; use one of: date, actor,"),
    "control-character.yaml": (
        8,
        27,
        "the character U+0007 (a control character) is not allowed in",
    ),
    "deep-nesting.yaml": (1, 1007, "YAML syntax: while increasing flow level exceeded maximum"),
    "dup-card-id.yaml": (11, 5, "duplicate card id 'a' (first used on line 5)"),
    "dup-card-key.yaml": (11, 5, "duplicate key 'answer' in card 'a' (first given on line 9)"),
    "dup-deck-key.yaml": (4, 1, "duplicate key 'title' in the deck (first given on line 3)"),
    "empty-cards.yaml": (4, 8, "the deck has no cards"),
    "empty.yaml": (1, 1, "the file is empty; a deck needs format, id, title and cards"),
    "latin1.yaml": (8, 22, "the file is not UTF-8 text here (it may be Latin-1 or"),
    "list-document.yaml": (1, 1, "the deck must be a mapping of fields, not a list"),
    "missing-card-kind.yaml": (5, 5, "card 'a' is missing the required field 'kind'"),
    "missing-cards.yaml": (1, 1, "the deck is missing the required field 'cards'"),
    "missing-id-and-title.yaml": (1, 1, "the deck is missing the required field 'id'"),
    "null-document.yaml": (1, 1, "the file is empty; a deck needs format, id, title and cards"),
    "only-comments.yaml": (1, 1, "the file is empty; a deck needs format, id, title and cards"),
    "png-renamed.yaml": (1, 1, "the file holds binary data, not YAML text"),
    "scalar-document.yaml": (1, 1, "the deck must be a mapping of fields, not 'Just some text,"),
    "syntax-bad-indent.yaml": (8, 4, "YAML syntax: while parsing a block collection did not find"),
    "syntax-colon-in-text.yaml": (
        8,
        15,
        "the text of 'question' holds ': ' (a colon and a space), which YAML reads as the start",
    ),
    "syntax-stray-text.yaml": (12, 1, "YAML syntax: while scanning a simple key could not find"),
    "syntax-tab-before-value.yaml": (15, 1, "a tab character here: YAML indents with spaces"),
    "syntax-tab-indent.yaml": (6, 1, "a tab character here: YAML indents with spaces only;"),
    "syntax-two-documents.yaml": (
        11,
        1,
        "YAML syntax: expected a single document in the stream but",
    ),
    "syntax-unclosed-bracket.yaml": (
        12,
        1,
        "YAML syntax: while parsing a flow sequence did not find",
    ),
    "syntax-unclosed-quote.yaml": (8, 15, "this quote is not closed on its line and runs to"),
    "tag-custom.yaml": (9, 13, "YAML tag '!secret' is not allowed in decks"),
    "tag-python-object.yaml": (
        9,
        13,
        "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is",
    ),
    "type-alternatives-mapping.yaml": (
        11,
        19,
        "alternatives of card 'a' must be a list of text, not a mapping",
    ),
    "type-answer-list.yaml": (9, 13, "the answer of card 'a' must be text, not a list"),
    "type-card-id-list.yaml": (5, 9, "the card id must be text, not a list"),
    "type-card-is-text.yaml": (11, 5, "a card must be a mapping of fields, not 'just a sentence'"),
    "type-cards-mapping.yaml": (5, 3, "cards must be a list, not a mapping"),
    "type-cards-text.yaml": (4, 8, "cards must be a list, not 'none yet'"),
    "type-chronology-too-few.yaml": (10, 7, "card 'a': a chronology needs 4 to 6 events, not 2"),
    "type-cloze-no-blank.yaml": (9, 11, "card 'a': a cloze text needs at least one blank written"),
    "type-date-impossible.yaml": (11, 11, "date '1991-13' has no month 13"),
    "type-description-list.yaml": (4, 14, "the description must be text, not a list"),
    "type-event-bad-date.yaml": (13, 28, "date '19xx' must be written YYYY, YYYY-MM or YYYY-MM-DD"),
    "type-events-text.yaml": (9, 13, "the events of card 'a' must be a list, not 'four events'"),
    "type-explanation-list.yaml": (11, 18, "the explanation must be text, not a list"),
    "type-format-list.yaml": (1, 9, "format must be a whole number, not a list"),
    "type-format-text.yaml": (1, 9, "format must be a whole number, not 'one'"),
    "type-format-unsupported.yaml": (
        1,
        9,
        "format 2 is not supported; this quizapp reads format 1",
    ),
    "type-id-bad-characters.yaml": (
        2,
        5,
        "deck id 'my deck!' must use only letters, digits, '-', '_'",
    ),
    "type-id-list.yaml": (2, 5, "the deck id must be text, not a list"),
    "type-kind-list.yaml": (6, 11, "the kind of card 'a' must be text, not a list"),
    "type-kind-unknown.yaml": (6, 11, "the kind of card 'a' is 'person'; use one of: date, actor,"),
    "type-question-mapping.yaml": (8, 15, "the question of card 'a' must be text, not a mapping"),
    "type-reference-author-list.yaml": (6, 11, "reference author must be text, not a list"),
    "type-reference-text.yaml": (4, 12, "reference must be a mapping of fields, not 'an article'"),
    "type-source-mapping.yaml": (10, 13, "the source of card 'a' must be text, not a mapping"),
    "type-tags-mapping.yaml": (4, 7, "tags must be a list of text, not a mapping"),
    "type-tags-nested.yaml": (11, 12, "an item of tags of card 'a' must be text, not a list"),
    "type-title-empty.yaml": (3, 8, "the title is empty"),
    "type-title-mapping.yaml": (3, 8, "the title must be text, not a mapping"),
    "type-truefalse-maybe.yaml": (9, 13, "card 'a': a truefalse answer must be true or false, not"),
    "type-type-unknown.yaml": (7, 11, "the type of card 'a' is 'essay'; use one of: flip, typed,"),
    "type-wrong-is-the-answer.yaml": (
        11,
        13,
        "card 'a': the wrong option 'Alexei Kosygin' is also an",
    ),
    "type-wrong-too-few.yaml": (11, 12, "card 'a': a choice card needs at least 2 different wrong"),
    "unknown-card-key.yaml": (11, 5, "unknown key 'anwser' in card 'a'; did you mean 'answer'?"),
    "unknown-deck-key.yaml": (3, 1, "unknown key 'titel' in the deck; did you mean 'title'?"),
    "utf16-bom-with-error.yaml": (
        6,
        11,
        "the kind of card 'a' is 'person'; use one of: date, actor,",
    ),
    "utf16-no-bom.yaml": (1, 1, "the file looks like UTF-16 text without a byte-order mark;"),
}

ALL_CODES = {**FORMAT_CODES, **RULE_CODES}

GOOD_DECK = """\
format: 1
id: good
title: A good deck
cards:
  - id: a
    kind: concept
    type: flip
    question: Who mediated at Tashkent in 1966?
    answer: Alexei Kosygin
    source: A passage.
"""


def has_error(result: LoadResult, line: int, column: int, text: str) -> bool:
    return any((p.line, p.column) == (line, column) and text in p.message for p in result.errors)


def check_exits_1_at(path: Path, line: int, column: int, capsys: pytest.CaptureFixture[str]) -> str:
    """Run `quizapp check PATH`; it must fail with the problem at its place."""
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert f"{path}:{line}:{column}: error:" in out, out
    assert "Traceback" not in out + err
    return out


def test_the_corpus_is_complete() -> None:
    on_disk = {p.name for p in CORPUS.iterdir() if p.suffix == ".yaml"}
    assert on_disk == set(EXPECTED)
    assert len(on_disk) >= 40


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_file_is_reported_at_its_place(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line, column, text = EXPECTED[name]
    result = load_deck(CORPUS / name)
    assert not result.ok
    assert has_error(result, line, column, text), [str(p) for p in result.problems]
    # Every problem has a code, listed with what it is about.
    assert all(p.code in ALL_CODES for p in result.problems), [str(p) for p in result.problems]
    check_exits_1_at(CORPUS / name, line, column, capsys)


def test_a_bom_alone_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD_DECK.encode())
    assert load_deck(path).ok
    path.write_bytes(GOOD_DECK.encode("utf-16"))  # UTF-16 with its byte-order mark
    assert load_deck(path).ok


def test_a_50_mb_file_is_refused_without_reading_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to the disk
    result = load_deck(path)
    assert has_error(result, 1, 1, "the file is 50 MB; decks are at most 10 MB")
    check_exits_1_at(path, 1, 1, capsys)


def test_deep_block_nesting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("".join(" " * depth + "- \n" for depth in range(1500)))
    result = load_deck(path)
    assert result.errors and "nesting" in result.errors[0].message
    assert main(["check", str(path)]) == 1
    assert "Traceback" not in "".join(capsys.readouterr())


def test_a_folder_named_like_a_deck(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "decks" / "x.yaml").mkdir(parents=True)
    (result,) = load_decks([tmp_path / "decks"])
    assert has_error(result, 1, 1, "this is a folder, not a deck file")
    assert main(["check", str(tmp_path / "decks")]) == 1
    assert f"{tmp_path / 'decks' / 'x.yaml'}:1:1: error:" in capsys.readouterr().out


@needs_symlinks
def test_a_symlink_loop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "a.yaml").symlink_to(folder / "b.yaml")
    (folder / "b.yaml").symlink_to(folder / "a.yaml")
    results = load_decks([folder])
    assert [r.path.name for r in results] == ["a.yaml", "b.yaml"]
    for result in results:
        assert has_error(result, 1, 1, "cannot read the file")
    check_exits_1_at(folder / "a.yaml", 1, 1, capsys)  # named directly, too


@needs_symlinks
def test_a_dangling_symlink(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "deleted.yaml")
    assert has_error(load_deck(link), 1, 1, "cannot read the file")
    check_exits_1_at(link, 1, 1, capsys)


@needs_fifo
def test_a_pipe_is_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)  # reading it would wait forever
    assert has_error(load_deck(pipe), 1, 1, "not a regular file")
    check_exits_1_at(pipe, 1, 1, capsys)


@needs_posix_permissions
def test_an_unreadable_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(GOOD_DECK)
    path.chmod(0)
    if os.geteuid() == 0:  # root reads it anyway: make the read fail as it would for others
        real = Path.read_bytes

        def refuse(self: Path) -> bytes:
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", refuse)
    try:
        assert has_error(load_deck(path), 1, 1, "cannot read the file: Permission denied")
        check_exits_1_at(path, 1, 1, capsys)
    finally:
        path.chmod(0o644)


@needs_symlinks
def test_broken_decks_never_stop_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    shutil.copytree(CORPUS, folder)
    (folder / "zz-good.yaml").write_text(GOOD_DECK)
    (folder / "x.yaml").mkdir()
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    collection = Collection.open([folder], tmp_path / "data")
    try:
        assert [deck.id for deck in collection.decks] == ["good"]
        assert len(collection.failed) == len(EXPECTED) + 2
        assert collection.counts(collection.decks[0]).cards == 1
    finally:
        collection.close()
