"""Exports for other tools and for print, a class's copy (--no-bundled, export by id),
`quizapp new` and the deck format doc from an installed quizapp."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tomllib
import zipfile
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.core import paths
from quizapp.core.decks.loader import load_deck
from quizapp.core.decks.validation import ID_PATTERN

ROOT = Path(__file__).resolve().parents[1]

DECK = """\
format: 1
id: class-deck
title: The class's deck
tags: [unit-3]
cards:
  - id: why-alliances
    kind: cause
    type: flip
    question: Why did Pakistan join the <b>Western</b> alliances?
    answer: For economic and military aid against India.
    source: "Pakistan hoped to acquire substantial economic and military aid"
    tags: [1950s]
  - id: seato
    kind: date
    type: typed
    question: In which year did Pakistan join SEATO?
    answer: "1954"
    date: "1954"
    source: "SEATO in 1954"
  - id: kosygin
    kind: actor
    type: choice
    question: Who visited Pakistan in April 1968?
    answer: Kosygin
    wrong: [Brezhnev, Khrushchev, Bulganin]
    source: "Kosygin"
  - id: alliances-cloze
    kind: event
    type: cloze
    text: Pakistan joined {{SEATO}} in {{1954}}.
    source: "SEATO in 1954"
"""


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    folder = tmp_path / "class"
    folder.mkdir()
    path = folder / "class-deck.yaml"
    path.write_text(DECK, encoding="utf-8")
    return path


def export(deck: Path, target: Path, *extra: str) -> int:
    return main(["export", str(deck), "--to", str(target), *extra])


def test_flip_cards_go_to_gift_as_essays_with_a_model_answer(deck: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.gift"
    assert export(deck, out) == 0
    text = out.read_text(encoding="utf-8")
    assert (
        "::why-alliances:: Why did Pakistan join the &lt;b&gt;Western&lt;/b&gt; alliances? "
        "{####Model answer\\: For economic and military aid against India.}"
    ) in text
    assert "// [tag:1950s]\n// [tag:unit-3]\n" in text  # the card's tags, then the deck's
    back = tmp_path / "back.yaml"
    assert main(["import", str(out), "--to", str(back)]) == 0
    card = load_deck(back).deck.card("why-alliances")  # type: ignore[union-attr]
    assert card is not None and card.type == "flip"
    assert card.question == "Why did Pakistan join the <b>Western</b> alliances?"
    assert card.answer == "For economic and military aid against India."


def test_quizlet_excel_and_tags_in_apkg_and_csv(deck: Path, tmp_path: Path) -> None:
    quizlet = tmp_path / "q.tsv"
    assert export(deck, quizlet) == 0
    lines = quizlet.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == [
        "Why did Pakistan join the <b>Western</b> alliances?",
        "For economic and military aid against India.",
    ]
    assert lines[3] == "Pakistan joined [1] _____ in [2] _____.\tPakistan joined SEATO in 1954."
    excel = tmp_path / "e.csv"
    assert export(deck, excel, "--format", "excel") == 0
    data = excel.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0]["tags"] == "1950s unit-3" and rows[1]["tags"] == "unit-3"
    package = tmp_path / "p.apkg"
    assert export(deck, package) == 0
    with zipfile.ZipFile(package) as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "c.anki2")
    tags = [row[0].split() for row in conn.execute("SELECT tags FROM notes ORDER BY id")]
    conn.close()
    assert all("unit-3" in t for t in tags) and ["1950s", "unit-3"] in tags


def test_no_file_is_overwritten_without_force(
    deck: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.csv"
    out.write_text("precious", encoding="utf-8")
    assert export(deck, out) == 2
    assert "out.csv already exists; add --force to replace it" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "precious"
    sheet = tmp_path / "sheet.md"
    (tmp_path / "sheet-answers.md").write_text("key", encoding="utf-8")
    assert export(deck, sheet) == 2  # the answer key would be replaced
    assert not sheet.exists()
    assert export(deck, out, "--force") == 0 and out.read_text(encoding="utf-8") != "precious"


def test_worksheet_title_instructions_versions_and_cloze_key(deck: Path, tmp_path: Path) -> None:
    options = ["--title", "Unit 3 quiz", "--instructions", "Answer every question."]
    assert export(deck, tmp_path / "full.md", *options) == 0
    sheet = (tmp_path / "full.md").read_text(encoding="utf-8")
    assert sheet.startswith("# Unit 3 quiz\n") and "Answer every question." in sheet
    key = (tmp_path / "full-answers.md").read_text(encoding="utf-8")
    assert "**4.** [1] SEATO   [2] 1954" in key
    versions = []
    for seed in ("1", "2", "1"):
        target = tmp_path / f"v{len(versions)}.md"
        assert export(deck, target, "--count", "3", "--seed", seed) == 0
        versions.append(target.read_text(encoding="utf-8"))
    assert versions[0] == versions[2] and versions[0] != versions[1]
    assert versions[0].startswith("# Worksheet (version 1)")
    assert versions[0].count("**") // 2 == 3  # three questions


def test_a_class_copy_without_the_bundled_decks(
    deck: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    own = data / "decks"
    own.mkdir(parents=True)
    (own / "class-deck.yaml").write_text(DECK, encoding="utf-8")
    assert main(["list", "--json", "--data-dir", str(data)]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 9  # 8 bundled and the class's
    assert main(["list", "--json", "--no-bundled", "--data-dir", str(data)]) == 0
    assert [d["id"] for d in json.loads(capsys.readouterr().out)] == ["class-deck"]
    monkeypatch.setenv("QUIZAPP_NO_BUNDLED", "1")
    assert main(["list", "--json", "--data-dir", str(data)]) == 0
    assert [d["id"] for d in json.loads(capsys.readouterr().out)] == ["class-deck"]
    # The setting, made with `quizapp config` or in the app, wins over the environment.
    assert main(["config", "bundled-decks", "shown", "--data-dir", str(data)]) == 0
    capsys.readouterr()
    assert main(["list", "--json", "--data-dir", str(data)]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 9
    monkeypatch.delenv("QUIZAPP_NO_BUNDLED")
    assert main(["config", "bundled-decks", "hidden", "--data-dir", str(data)]) == 0
    capsys.readouterr()
    assert main(["list", "--json", "--data-dir", str(data)]) == 0
    assert [d["id"] for d in json.loads(capsys.readouterr().out)] == ["class-deck"]
    monkeypatch.setenv("QUIZAPP_NO_BUNDLED", "1")
    # Export by id: a bundled deck is not found while they are hidden.
    assert (
        main(["export", "class-deck", "--to", str(tmp_path / "a.csv"), "--data-dir", str(data)])
        == 0
    )
    bundled_id = "russia-after-the-cold-war"
    assert (
        main(["export", bundled_id, "--to", str(tmp_path / "b.csv"), "--data-dir", str(data)]) == 2
    )


def test_bundled_decks_shown_decides_in_one_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUIZAPP_NO_BUNDLED", raising=False)
    assert paths.bundled_decks_shown()
    assert not paths.bundled_decks_shown(no_bundled=True)
    assert not paths.bundled_decks_shown(setting=False)
    monkeypatch.setenv("QUIZAPP_NO_BUNDLED", "yes")
    assert not paths.bundled_decks_shown()
    assert paths.bundled_decks_shown(setting=True)  # a setting made in the app wins
    assert paths.bundled_decks_dir() not in paths.default_deck_paths(Path("/nowhere"))


def test_export_by_deck_id_from_decks(deck: Path, tmp_path: Path, capsys) -> None:
    folder = str(deck.parent)
    target = tmp_path / "one.csv"
    assert main(["export", "--decks", folder, "class-deck", "--to", str(target)]) == 0
    assert "Exported 4 card(s) of 1 deck(s)" in capsys.readouterr().out
    assert main(["export", "--decks", folder, "--to", str(tmp_path / "all.csv")]) == 0
    assert main(["export", "--decks", folder, "nope", "--to", str(tmp_path / "x.csv")]) == 2
    assert (
        "no deck file, folder or deck id 'nope' in --decks (class-deck)" in capsys.readouterr().err
    )


def test_new_takes_a_name_and_leaves_the_reference_to_the_author(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "World War One"]) == 0
    deck = load_deck(tmp_path / "world-war-one.yaml").deck
    assert deck is not None and (deck.id, deck.title) == ("world-war-one", "World War One")
    assert deck.reference.title == ""  # not the bundled article's
    text = (tmp_path / "world-war-one.yaml").read_text(encoding="utf-8")
    assert "# sources: none" in text and "quizapp help deck-format" in text
    assert main(["check", "--strict", "world-war-one.yaml"]) == 0


def test_the_deck_format_doc_ships_and_states_the_id_rule(capsys) -> None:
    assert main(["help", "deck-format"]) == 0
    doc = capsys.readouterr().out
    assert doc.startswith("# Deck format, version 1")
    rule = "letters, digits, `-`, `_` and `.`, starting with a letter or digit"
    assert doc.count(rule) >= 2  # deck and card ids
    for good in ("cold-war", "Unit_3.v2", "9a"):
        assert ID_PATTERN.fullmatch(good)
    for bad in ("-x", "a b", ".x", "é"):
        assert not ID_PATTERN.fullmatch(bad)
    # An installed quizapp carries the doc inside the package.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    included = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert included["docs/deck-format.md"] == "quizapp/docs/deck-format.md"
    assert main(["help", "nope"]) == 2
