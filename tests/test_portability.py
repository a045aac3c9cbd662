"""Portability: the machine's timezone read so study days follow DST, and output that cannot be
encoded (a redirected Windows console, an ASCII locale) replaced rather than fatal."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import TZPATH, ZoneInfo

import pytest
from conftest import DeckWriter
from platform_support import needs_tzset

from quizapp.cli import main
from quizapp.core.scheduling import local_zone
from quizapp.core.scheduling.local_zone import SystemLocalTime, local_timezone
from quizapp.core.scheduling.scheduler import Scheduler
from quizapp.core.scheduling.study_day import start_of_study_day, study_day

NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")  # DST of half an hour, south of the equator
# The same rules as POSIX TZ strings, which zoneinfo cannot read: only the C library can.
NEW_YORK_RULE = "XST5XDT,M3.2.0,M11.1.0"
LORD_HOWE_RULE = "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0"
RULES = [(NEW_YORK_RULE, NEW_YORK), (LORD_HOWE_RULE, LORD_HOWE)]

SetTZ = Callable[[str | None], None]


@pytest.fixture
def machine_tz() -> Iterator[SetTZ]:
    """Set the machine's zone ($TZ, seen by the C library too); restored afterwards."""
    before = os.environ.get("TZ")

    def set_tz(value: str | None) -> None:
        if value is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = value
        if hasattr(time, "tzset"):
            time.tzset()

    yield set_tz
    set_tz(before)


def zone_file(key: str) -> Path:
    for folder in TZPATH:
        if (Path(folder) / key).is_file():
            return Path(folder) / key
    pytest.skip(f"no zone file for {key} on this machine")


def follows_london(zone: object) -> None:
    assert isinstance(zone, ZoneInfo | SystemLocalTime)
    assert start_of_study_day(date(2024, 1, 15), zone) == datetime(2024, 1, 15, 4, tzinfo=UTC)
    assert start_of_study_day(date(2024, 7, 15), zone) == datetime(2024, 7, 15, 3, tzinfo=UTC)


@pytest.mark.parametrize("value", ["Europe/London", ":Europe/London"])
def test_tz_naming_a_zone(machine_tz: SetTZ, value: str) -> None:
    machine_tz(value)
    assert local_timezone() is ZoneInfo("Europe/London")
    assert Scheduler().tz is ZoneInfo("Europe/London")


def test_tz_giving_a_zone_files_path(machine_tz: SetTZ) -> None:
    machine_tz(str(zone_file("Europe/London")))
    follows_london(local_timezone())


def test_etc_localtime_as_a_link_or_a_copy(
    machine_tz: SetTZ, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    machine_tz(None)
    source = zone_file("Europe/London")
    link = tmp_path / "localtime"
    try:
        link.symlink_to(source)
    except OSError:
        pytest.skip("cannot make symbolic links here")
    monkeypatch.setattr(local_zone, "LOCALTIME", link)
    assert local_timezone() is ZoneInfo("Europe/London")  # named by the link's target
    link.unlink()
    link.write_bytes(source.read_bytes())
    follows_london(local_timezone())


def test_no_zone_file_at_all_asks_the_system(
    machine_tz: SetTZ, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on Windows: no $TZ, no /etc/localtime.
    machine_tz(None)
    monkeypatch.setattr(local_zone, "LOCALTIME", tmp_path / "missing")
    assert isinstance(local_timezone(), SystemLocalTime)
    machine_tz("Nowhere/Special")  # a name zoneinfo does not know: the C library decides
    assert isinstance(local_timezone(), SystemLocalTime)


def hours_of(year: int) -> Iterator[datetime]:
    moment = datetime(year, 1, 1, tzinfo=UTC)
    while moment.year == year:
        yield moment
        moment += timedelta(minutes=30)


@needs_tzset
@pytest.mark.parametrize(("rule", "named"), RULES)
def test_the_systems_local_time_follows_dst_as_the_named_zone(
    machine_tz: SetTZ, rule: str, named: ZoneInfo
) -> None:
    machine_tz(rule)
    system = local_timezone()
    assert isinstance(system, SystemLocalTime)
    for moment in hours_of(2024):
        local, expected = moment.astimezone(system), moment.astimezone(named)
        assert (local.replace(tzinfo=None), local.fold) == (
            expected.replace(tzinfo=None),
            expected.fold,
        ), moment
        assert local.utcoffset() == expected.utcoffset() and local.astimezone(UTC) == moment
        assert study_day(moment, system) == study_day(moment, named)
    day = date(2024, 1, 1)
    while day.year == 2024:
        for hour in (0, 1, 2, 3, 4):  # rollover hours that fall in gaps and repeated hours
            assert start_of_study_day(day, system, hour) == start_of_study_day(day, named, hour)
        day += timedelta(days=1)


@needs_tzset
def test_wall_times_in_gaps_and_repeats_read_as_zoneinfo_reads_them(machine_tz: SetTZ) -> None:
    machine_tz(NEW_YORK_RULE)
    system = local_timezone()
    for wall in (datetime(2024, 3, 10, 2, 30), datetime(2024, 11, 3, 1, 30)):
        for fold in (0, 1):
            mine = wall.replace(tzinfo=system, fold=fold)
            theirs = wall.replace(tzinfo=NEW_YORK, fold=fold)
            assert mine.utcoffset() == theirs.utcoffset(), (wall, fold)
    assert system.tzname(datetime(2024, 7, 1, tzinfo=system)) == "XDT"


def test_output_the_console_cannot_encode_is_replaced(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "QUIZAPP_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "quizapp", "stats"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Streak: 0 study days" in done.stdout
    assert "?" in done.stdout  # the middle dots the statistics use


def test_a_cp1252_console_gets_question_marks_for_other_scripts(
    write_deck: DeckWriter, deck_dir: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_deck("russia", title="Пакистан и Россия")
    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding="cp1252")
    monkeypatch.setattr(sys, "stdout", console)
    assert main(["list", "--json", "--decks", str(deck_dir), "--data-dir", str(data_dir)]) == 0
    console.flush()
    [deck] = json.loads(raw.getvalue().decode("cp1252"))
    assert deck["id"] == "russia" and deck["title"] == "???????? ? ??????"
