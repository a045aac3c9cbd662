"""Import from and export to Anki, Quizlet and Moodle, through the CLI as an instructor uses it.

The samples in tests/data/exchange were made by other tools: the .apkg files and
anki-notes.txt by Anki's own library (see make_anki_samples.py), the GIFT and Aiken files by
hand to Moodle's documented formats, quizlet.tsv in Quizlet's export layout.
"""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from dataclasses import replace
from pathlib import Path

import genanki
import pytest
import zstandard

from quizapp.cli import main
from quizapp.cli.progress import ProgressLine
from quizapp.core.authoring.exchange.registry import import_format
from quizapp.core.decks.cloze import cloze_filled
from quizapp.core.decks.library import load_decks
from quizapp.core.decks.loader import load_deck
from quizapp.core.decks.model import Card, Deck, QuestionType

ROOT = Path(__file__).resolve().parents[1]
DECKS = ROOT / "decks"
DATA = ROOT / "tests" / "data" / "exchange"


def bundled() -> list[Deck]:
    return [r.deck for r in load_decks([DECKS]) if r.deck is not None]


def imported(path: Path) -> Deck:
    result = load_deck(path)
    assert result.deck is not None and not result.errors, result.problems[:3]
    return result.deck


def qa(card: Card) -> tuple[str, str]:
    """What a card asks and what answers it, whatever its type."""
    if card.type is QuestionType.CLOZE:
        return card.text, cloze_filled(card.text)
    if card.type is QuestionType.CHRONOLOGY:
        return card.question, " / ".join(f"{e.date} {e.text}" for e in card.events)
    return card.question, card.answer


def same(card: Card) -> Card:
    return replace(card, line=0)


def run_import(source: Path, target: Path, *extra: str) -> int:
    return main(["import", str(source), "--to", str(target), *extra])


# Acceptance 2: GIFT and CSV round trips --------------------------------------------------


@pytest.mark.parametrize("fmt", ["gift", "csv"])
def test_bundled_decks_round_trip(fmt: str, tmp_path: Path, capsys) -> None:
    for deck in bundled():
        exported = tmp_path / f"{deck.id}.{fmt}"
        assert main(["export", str(deck.path), "--to", str(exported)]) == 0
        target = tmp_path / f"{deck.id}.yaml"
        assert run_import(exported, target) == 0
        back = {card.id: card for card in imported(target).cards}
        assert [qa(back[card.id]) for card in deck.cards] == [qa(card) for card in deck.cards]
        if fmt == "csv":  # every field has a column
            assert [same(back[c.id]) for c in deck.cards] == [same(c) for c in deck.cards]
    assert f"Imported {len(deck.cards)} card(s)" in capsys.readouterr().out


@pytest.mark.parametrize("deck", bundled(), ids=lambda deck: deck.id)
def test_gift_without_our_comments_keeps_questions_and_answers(deck: Deck, tmp_path) -> None:
    """What Moodle keeps of our export (it drops comments) still has every question."""
    exported = tmp_path / "deck.gift"
    assert main(["export", str(deck.path), "--to", str(exported)]) == 0
    text = exported.read_text(encoding="utf-8")
    assert "// quizapp:" in text
    plain = tmp_path / "plain.gift"
    plain.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("//")), "utf-8"
    )
    assert run_import(plain, tmp_path / "plain.yaml") == 0
    back = {card.id: card for card in imported(tmp_path / "plain.yaml").cards}
    assert len(back) == len(deck.cards)
    for card in deck.cards:
        got = back[card.id]
        if card.type is QuestionType.CHRONOLOGY:  # event sources live in our comment
            assert [(e.text, e.date) for e in got.events] == [(e.text, e.date) for e in card.events]
        else:
            assert qa(got) == qa(card)
        if card.type is not QuestionType.FLIP:  # flip cards come back as typed
            assert got.type is card.type


# Acceptance 3: .apkg -----------------------------------------------------------------------


def open_collection(package: Path, folder: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(package) as archive:
        assert "collection.anki2" in archive.namelist()
        archive.extract("collection.anki2", folder)
    return sqlite3.connect(folder / "collection.anki2")


def test_apkg_holds_an_anki_collection_matching_the_cards(tmp_path: Path) -> None:
    decks = bundled()
    package = tmp_path / "all.apkg"
    assert main(["export", str(DECKS), "--to", str(package)]) == 0
    conn = open_collection(package, tmp_path)
    models = json.loads(conn.execute("SELECT models FROM col").fetchone()[0])
    names = {
        int(key): [f["name"] for f in sorted(m["flds"], key=lambda f: f["ord"])]
        for key, m in models.items()
    }
    notes = {
        guid: dict(zip(names[mid], flds.split("\x1f"), strict=True))
        for guid, mid, flds in conn.execute("SELECT guid, mid, flds FROM notes")
    }
    anki_decks = {
        d["name"] for d in json.loads(conn.execute("SELECT decks FROM col").fetchone()[0]).values()
    }
    conn.close()
    assert {deck.title for deck in decks} <= anki_decks
    cards = [(deck, card) for deck in decks for card in deck.cards]
    assert len(notes) == len(cards)
    for deck, card in cards:
        note = notes[genanki.guid_for(deck.id, card.id)]
        if card.type is QuestionType.CLOZE:
            assert "{{c1::" in note["Text"]
            first = card.text.split("{{")[0]
            assert note["Text"].startswith(first.replace("&", "&amp;").replace("<", "&lt;"))
        else:
            assert note["Question"] == card.question.replace("&", "&amp;").replace("<", "&lt;")
            if card.type in (QuestionType.FLIP, QuestionType.TYPED, QuestionType.CHOICE):
                assert note["Answer"] == card.answer.replace("&", "&amp;").replace("<", "&lt;")
        assert json.loads(note["Quizapp"].replace("&amp;", "&"))["id"] == card.id


def test_apkg_imports_back_to_the_same_cards(tmp_path: Path) -> None:
    for deck in bundled():
        package = tmp_path / f"{deck.id}.apkg"
        assert main(["export", str(deck.path), "--to", str(package)]) == 0
        target = tmp_path / f"{deck.id}.yaml"
        assert run_import(package, target) == 0
        back = imported(target)
        assert back.title == deck.title
        assert [same(c) for c in back.cards] == [same(c) for c in deck.cards]


def test_apkg_keeps_marks_that_html_escapes(tmp_path: Path) -> None:
    # The hidden metadata is escaped for Anki's editor: "&" came back as "&amp;".
    source = tmp_path / "marks.yaml"
    source.write_text(
        "format: 1\nid: marks\ntitle: Marks\nsources: none\ncards:\n"
        "  - id: c1\n    kind: cause\n    question: What did Pakistan need?\n"
        "    answer: science and technology\n"
        "    alternatives: ['science & technology', 'S&T <research>']\n"
        "    wrong: ['trade & aid']\n",
        encoding="utf-8",
    )
    package, target = tmp_path / "marks.apkg", tmp_path / "back.yaml"
    assert main(["export", str(source), "--to", str(package)]) == 0
    assert run_import(package, target) == 0
    [card] = imported(target).cards
    assert card.alternatives == ("science & technology", "S&T <research>")
    assert card.wrong == ("trade & aid",)


def test_re_export_keeps_note_guids(tmp_path: Path) -> None:
    deck = bundled()[0]
    guids = []
    for name in ("one", "two"):
        package = tmp_path / f"{name}.apkg"
        main(["export", str(deck.path), "--to", str(package)])
        folder = tmp_path / name
        conn = open_collection(package, folder)
        guids.append(sorted(row[0] for row in conn.execute("SELECT guid FROM notes")))
        conn.close()
    assert guids[0] == guids[1] and len(guids[0]) == len(deck.cards)


# Acceptance 4: real samples, and broken ones ----------------------------------------------


def test_moodle_gift_sample(tmp_path: Path, capsys) -> None:
    target = tmp_path / "gift.yaml"
    assert run_import(DATA / "moodle.gift", target) == 0
    err = capsys.readouterr().err
    assert "moodle.gift:50: an essay question has no answer to grade; skipped" in err
    cards = imported(target).cards
    by_question = {card.prompt: card for card in cards}
    kosygin = by_question["Which Soviet premier visited Pakistan in April 1968?"]
    assert kosygin.type is QuestionType.CHOICE and kosygin.answer == "Alexei Kosygin"
    assert kosygin.wrong == ("Nikita Khrushchev", "Leonid Brezhnev", "Nikolai Bulganin")
    assert kosygin.explanation == "Right: Premier Kosygin came in April 1968."
    assert kosygin.feedback_for("Nikita Khrushchev") == "No: he had left office in 1964."
    cento = by_question["Pakistan joined CENTO before it joined SEATO."]
    assert (cento.type, cento.answer) == (QuestionType.TRUE_FALSE, "false")
    tashkent = by_question["Where was the 1966 declaration between India and Pakistan signed?"]
    assert tashkent.alternatives == ("Tashkent, Uzbekistan",)
    assert tashkent.explanation == "The Tashkent Declaration was signed on Soviet territory."
    era = [c for c in cards if "Era of _____." in c.question]
    assert era and era[0].answer == "Alliances"
    ayub = [c for c in cards if c.type is QuestionType.CLOZE]
    assert [c.text for c in ayub] == ["President {{Ayub Khan|Ayub}} visited Moscow in April 1965."]
    seato = by_question["In which year did Pakistan join SEATO?"]
    assert (seato.answer, seato.date) == ("1954", "1954")
    aid = by_question[
        "How many million US dollars of aid did the Soviet Union offer Pakistan in 1966?"
    ]
    assert (aid.type, aid.answer, aid.tolerance) == (QuestionType.TYPED, "80", "10")
    offices = sorted(c.id for c in cards if c.id.startswith("Offices."))
    assert offices == ["Offices.1", "Offices.2", "Offices.3"]
    [order] = [c for c in cards if c.type is QuestionType.CHRONOLOGY]
    assert [e.date for e in order.events] == ["1954", "1955", "1965-04", "1968-04"]
    escapes = [c for c in cards if c.id == "Escapes"][0]
    assert (
        escapes.question
        == "Which alliance did Pakistan join in 1955: the {Baghdad Pact}, renamed in 1959?"
    )
    assert len(cards) == 13
    assert main(["check", str(target)]) == 0


def test_aiken_sample(tmp_path: Path) -> None:
    target = tmp_path / "aiken.yaml"
    assert run_import(DATA / "moodle.aiken.txt", target) == 0
    first, second, third = imported(target).cards
    assert (first.type, first.answer) == (QuestionType.CHOICE, "The United States")
    assert first.wrong == ("Russia", "China", "The European Union")
    assert (second.answer, second.wrong, second.date) == ("1955", ("1954", "1962"), "1955")
    assert (third.type, third.answer) == (QuestionType.TRUE_FALSE, "true")


def test_quizlet_sample(tmp_path: Path) -> None:
    target = tmp_path / "quizlet.yaml"
    assert run_import(DATA / "quizlet.tsv", target, "--title", "Alliances") == 0
    deck = imported(target)
    assert deck.title == "Alliances" and len(deck.cards) == 5
    assert (deck.cards[0].question, deck.cards[0].type) == ("SEATO", QuestionType.FLIP)
    assert deck.cards[-1].answer == "1954-1962"


def test_anki_text_export_sample(tmp_path: Path) -> None:
    target = tmp_path / "anki-text.yaml"
    assert run_import(DATA / "anki-notes.txt", target) == 0
    cards = imported(target).cards
    assert [c.type for c in cards] == [QuestionType.FLIP] * 3 + [QuestionType.TYPED] + [
        QuestionType.CLOZE
    ] * 2
    assert cards[0].question == "In which year did Pakistan join SEATO?"  # HTML gone
    assert cards[0].tags == ("1950s", "alliances")
    assert cards[2].answer == "Alexei Kosygin\n(Premier Kosygin)"
    assert cards[4].text == "Pakistan joined {{SEATO}} in 1954 and {{CENTO}} in 1955."
    assert cards[4].explanation == "The Era of Alliances (1954-1962)."


@pytest.mark.parametrize("name", ["anki-current.apkg", "anki-legacy.apkg", "anki-2.0.apkg"])
def test_anki_package_samples(name: str, tmp_path: Path) -> None:
    target = tmp_path / "anki.yaml"
    assert run_import(DATA / name, target) == 0
    deck = imported(target)
    assert deck.title == "Pakistan and the USSR"
    text = {c.prompt: c for c in deck.cards}
    assert len(deck.cards) == 6
    assert text["In which year did Pakistan join SEATO?"].answer == "1954"
    assert text["Where was the 1966 declaration between India and Pakistan signed?"].type is (
        QuestionType.TYPED
    )
    assert "President {{Ayub Khan::a Pakistani president}} visited Moscow in April 1965." in text
    # The package and Anki's text export of the same notes give the same card ids.
    assert run_import(DATA / "anki-notes.txt", target) == 0
    assert len(imported(target).cards) == 6


def damaged_zstd(folder: Path) -> Path:
    path = folder / "damaged.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("collection.anki21b", zstandard.ZstdCompressor().compress(b"x" * 99)[:12])
    return path


def unknown_separator(folder: Path) -> Path:
    path = folder / "anki-notes.txt"
    path.write_text("#separator:Tabs\nSEATO\t1954\n", "utf-8")
    return path


def no_collection(folder: Path) -> Path:
    path = folder / "media-only.apkg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("media", "{}")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: DATA / "moodle-broken.gift", "moodle-broken.gift:4: the answers '{' are never"),
        (lambda d: DATA / "moodle-broken.aiken.txt", "aiken.txt:6: ANSWER: E is not one of"),
        (lambda d: DATA / "quizlet-broken.tsv", "quizlet-broken.tsv:1: 3 columns but only 2"),
        (lambda d: DATA / "garbage.apkg", "garbage.apkg: not an Anki package: the file is not a"),
        (lambda d: DATA / "truncated.apkg", "truncated.apkg: the package is truncated or damaged"),
        (damaged_zstd, "damaged.apkg: the compressed collection is damaged"),
        (no_collection, "media-only.apkg: not an Anki package: it holds no collection"),
        (unknown_separator, "anki-notes.txt: the header line '#separator:Tabs' names no"),
    ],
)
def test_broken_files_write_nothing(make, message: str, tmp_path: Path, capsys) -> None:
    source = make(tmp_path)
    target = tmp_path / "deck.yaml"
    assert run_import(source, target) == 1
    err = capsys.readouterr().err
    assert message in err and "nothing was written" in err and "Traceback" not in err
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".deck")] == []
    # An existing deck is left exactly as it was.
    main(["new", str(target)])
    before = target.read_bytes()
    assert run_import(source, target) == 1
    assert target.read_bytes() == before


# Stable ids, merging, columns ---------------------------------------------------------------


def test_importing_again_updates_not_duplicates(tmp_path: Path, capsys) -> None:
    target = tmp_path / "quizlet.yaml"
    assert run_import(DATA / "quizlet.tsv", target) == 0
    first = imported(target)
    # The instructor adds a source to a card; the source tool changes a definition.
    text = target.read_text(encoding="utf-8").replace(
        "    answer: 1954-1962\n", '    answer: 1954-1962\n    source: "Era of Alliances"\n'
    )
    target.write_text(text, encoding="utf-8")
    changed = tmp_path / "quizlet.tsv"
    changed.write_text(
        (DATA / "quizlet.tsv").read_text(encoding="utf-8").replace("1954-1962", "1954 to 1962"),
        "utf-8",
    )
    capsys.readouterr()
    assert run_import(changed, target) == 0
    assert "0 new, 1 updated, 4 unchanged; the deck has 5 card(s)" in capsys.readouterr().out
    second = imported(target)
    assert [c.id for c in second.cards] == [c.id for c in first.cards]
    era = second.cards[-1]
    assert (era.answer, era.source) == ("1954 to 1962", "Era of Alliances")


def test_a_card_id_used_in_two_exported_decks_stays_two_cards(tmp_path: Path, capsys) -> None:
    exported = tmp_path / "all.csv"
    assert main(["export", str(DECKS), "--to", str(exported)]) == 0
    assert run_import(exported, tmp_path / "all.yaml") == 0
    assert "card id 'look-west-policy-name' is used twice; imported as" in capsys.readouterr().err
    back = {card.id: card for card in imported(tmp_path / "all.yaml").cards}
    cards = [card for deck in bundled() for card in deck.cards]
    assert len(back) == len(cards)
    again = [c for c in cards if c.id == "look-west-policy-name"][1]
    assert same(back["look-west-policy-name-2"]) == replace(
        same(again), id="look-west-policy-name-2"
    )


def test_columns_and_header_rows(tmp_path: Path) -> None:
    mapped = tmp_path / "mapped.csv"
    mapped.write_text("1954;In which year did Pakistan join SEATO?;alliances\n", "utf-8")
    target = tmp_path / "mapped.yaml"
    assert run_import(mapped, target, "--columns", "answer,question,tags") == 0
    [card] = imported(target).cards
    assert (card.question, card.answer, card.tags) == (
        "In which year did Pakistan join SEATO?",
        "1954",
        ("alliances",),
    )
    header = tmp_path / "header.csv"
    header.write_text("Term,Definition,Wrong\nSEATO,1954,1955|1962|1979\n", "utf-8")
    assert run_import(header, tmp_path / "header.yaml") == 0
    [card] = imported(tmp_path / "header.yaml").cards
    assert (card.type, card.wrong) == (QuestionType.CHOICE, ("1955", "1962", "1979"))


def test_existing_deck_with_errors_is_not_touched(tmp_path: Path, capsys) -> None:
    target = tmp_path / "broken.yaml"
    target.write_text("format: 1\nid: broken\ntitle: B\ncards: []\n", "utf-8")
    assert run_import(DATA / "quizlet.tsv", target) == 1
    assert "the deck file has errors; fix them first" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "format: 1\nid: broken\ntitle: B\ncards: []\n"


def test_json_round_trip(tmp_path: Path) -> None:
    exported = tmp_path / "all.json"
    assert main(["export", str(DECKS), "--to", str(exported)]) == 0
    payload = json.loads(exported.read_text(encoding="utf-8"))
    assert [d["id"] for d in payload["decks"]] == [d.id for d in bundled()]
    deck = bundled()[3]
    one = tmp_path / "one.json"
    main(["export", str(deck.path), "--to", str(one)])
    assert run_import(one, tmp_path / "one.yaml") == 0
    assert [same(c) for c in imported(tmp_path / "one.yaml").cards] == [same(c) for c in deck.cards]


def test_markdown_worksheet_and_answer_key(tmp_path: Path, capsys) -> None:
    deck = bundled()[0]
    sheet = tmp_path / "sheet.md"
    assert main(["export", str(deck.path), "--to", str(sheet)]) == 0
    key = tmp_path / "sheet-answers.md"
    assert f"to {sheet} and {key} (markdown)" in capsys.readouterr().out
    questions, answers = sheet.read_text("utf-8"), key.read_text("utf-8")
    count = len(deck.cards)
    assert f"**{count}.**" in questions and f"**{count + 1}.**" not in questions
    assert f"**{count}.**" in answers
    typed = next(c for c in deck.cards if c.type is QuestionType.TYPED)
    assert "Answer: ____" in questions and "Source:" not in questions
    assert typed.answer in answers and "*Source:*" in answers


def test_export_refuses_decks_with_errors(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: b\ntitle: B\ncards:\n  - id: a\n    kind: nope\n", "utf-8")
    assert main(["export", str(broken), "--to", str(tmp_path / "b.csv")]) == 1
    assert "fix the decks first" in capsys.readouterr().err
    assert not (tmp_path / "b.csv").exists()
    assert main(["export", str(broken), "--to", str(tmp_path / "b.xyz")]) == 2


def test_export_by_deck_id(tmp_path: Path, capsys) -> None:
    deck = bundled()[0]
    target = tmp_path / "one.csv"
    args = ["export", deck.id, "--to", str(target), "--data-dir", str(tmp_path / "data")]
    assert main(args) == 0
    assert f"Exported {len(deck.cards)} card(s) of 1 deck(s)" in capsys.readouterr().out
    assert main(["export", "no-such-deck", "--to", str(target), "--force"]) == 2
    assert "no deck file, folder or deck id 'no-such-deck'" in capsys.readouterr().err


def test_format_detection(tmp_path: Path) -> None:
    assert (
        import_format(DATA / "moodle.aiken.txt", (DATA / "moodle.aiken.txt").read_bytes())
        == "aiken"
    )
    assert import_format(DATA / "anki-notes.txt", (DATA / "anki-notes.txt").read_bytes()) == "tsv"
    gift = tmp_path / "questions.txt"
    gift.write_bytes((DATA / "moodle.gift").read_bytes())
    assert import_format(gift, gift.read_bytes()) == "gift"
    package = tmp_path / "deck.zip"
    package.write_bytes((DATA / "anki-2.0.apkg").read_bytes())
    assert import_format(package, package.read_bytes()) == "apkg"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_on_a_terminal_and_silence_elsewhere() -> None:
    terminal = _Terminal()
    line = ProgressLine("Importing x", terminal)
    for done in range(1, 201):
        line(done, 200)
    line.close()
    shown = terminal.getvalue()
    assert shown.count("\r") == 101  # one redraw per percent (0 to 100), not per card
    assert shown.endswith("] 200/200\n") and "[" + "#" * 30 + "]" in shown
    log = io.StringIO()
    quiet = ProgressLine("Importing x", log)
    quiet(1, 2)
    quiet.close()
    assert log.getvalue() == ""
