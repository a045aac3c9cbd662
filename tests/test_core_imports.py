"""The core never imports Textual, and neither do the commands that do not open the app."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

# Runs in a fresh interpreter: this test process may have imported Textual already.
IMPORT_ALL_CORE = """
import importlib, json, pkgutil, sys
import quizapp.core

names = sorted(
    info.name for info in pkgutil.walk_packages(quizapp.core.__path__, "quizapp.core.")
)
for name in names:
    importlib.import_module(name)
textual = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print("RESULT", json.dumps({"modules": names, "textual": textual}))
"""

RUN_COMMANDS = """
import json, sys
import quizapp.cli.check_cmd, quizapp.cli.list_cmd
from quizapp.cli import main

deck, data = sys.argv[1:3]
codes = [main(["check", deck]), main(["list", "--json", "--decks", deck, "--data-dir", data])]
textual = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print("RESULT", json.dumps({"codes": codes, "textual": textual}))
"""


def run(script: str, *args: str, cwd: Path) -> dict[str, list]:
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
    )
    assert done.returncode == 0, done.stderr
    results = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    return json.loads(results[-1].removeprefix("RESULT "))


def test_no_core_module_imports_textual(tmp_path: Path) -> None:
    found = run(IMPORT_ALL_CORE, cwd=tmp_path)
    # The walk really found the core (a broken walk would pass vacuously).
    for name in (
        "decks.loader",
        "progress.store",
        "sessions.study",
        "scheduling.scheduler",
        "collection",
        "progress.database",
        "progress.replay",
    ):
        assert f"quizapp.core.{name}" in found["modules"]
    assert found["textual"] == []


def test_check_and_list_do_not_import_textual(
    tmp_path: Path, write_deck: Callable[..., Path]
) -> None:
    deck = write_deck("sample")
    found = run(RUN_COMMANDS, str(deck), str(tmp_path / "data"), cwd=tmp_path)
    assert found["codes"] == [0, 0]
    assert found["textual"] == []


def test_only_the_progress_package_speaks_sql() -> None:
    # Reading another tool's database (an Anki package) is reading a file, not our store.
    allowed = {"quizapp/core/authoring/exchange/apkg_read.py"}
    root = Path(__file__).resolve().parent.parent
    speaking = sorted(
        path.relative_to(root).as_posix()
        for path in (root / "quizapp").rglob("*.py")
        if ".execute(" in path.read_text(encoding="utf-8")
        and "quizapp/core/progress/" not in path.as_posix()
    )
    assert [path for path in speaking if path not in allowed] == []


def test_no_module_is_over_400_lines() -> None:
    # Small modules named for what they hold: a module past this has two things to split.
    root = Path(__file__).resolve().parent.parent
    long = {
        path.relative_to(root).as_posix(): lines
        for path in (root / "quizapp").rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
