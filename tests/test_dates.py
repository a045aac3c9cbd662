"""Tests of partial dates: strict deck parsing, tolerant answer parsing, formatting."""

from __future__ import annotations

import dataclasses

import pytest

from quizapp.core.grading.dates import PartialDate, compare_dates, parse_date, parse_iso_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1965", PartialDate(1965)),
        ("1965-04", PartialDate(1965, 4)),
        ("1965-04-10", PartialDate(1965, 4, 10)),
        ("2000-02-29", PartialDate(2000, 2, 29)),
    ],
)
def test_parse_iso_date(text: str, expected: PartialDate) -> None:
    assert parse_iso_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "", "65", "1965-4", "1965-04-1", "1965/04", "April 1965", " 1965", "1965-04-10T00:00",
        "1965-13", "1965-00", "1965-04-31", "1900-02-29", "0000", "١٩٦٥",
    ],
)  # fmt: skip
def test_parse_iso_date_is_strict(text: str) -> None:
    with pytest.raises(ValueError):
        parse_iso_date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1965", "1965"),
        ("in 1965", "1965"),
        ("April 1965", "1965-04"),
        ("Apr 1965", "1965-04"),
        ("Sept. 1965", "1965-09"),
        ("april, 1965", "1965-04"),
        ("1965 April", "1965-04"),
        ("1965-04", "1965-04"),
        ("1965/4", "1965-04"),
        ("4/1965", "1965-04"),
        ("04/1965", "1965-04"),
        ("10 April 1965", "1965-04-10"),
        ("10th April 1965", "1965-04-10"),
        ("the 10th of April, 1965", "1965-04-10"),
        ("April 10, 1965", "1965-04-10"),
        ("April 10th 1965", "1965-04-10"),
        ("10.4.1965", "1965-04-10"),  # numeric dates are day-first
        ("1/12/1979", "1979-12-01"),
        ("1965-04-10", "1965-04-10"),
        ("  1965-04-10  ", "1965-04-10"),
        ("nineteen sixty-five", "1965"),
        ("April nineteen sixty five", "1965-04"),
        ("'65", "1965"),
    ],
)
def test_parse_date_forms(text: str, expected: str) -> None:
    date = parse_date(text)
    assert date is not None and date.iso() == expected


@pytest.mark.parametrize(
    "text",
    [
        "", "April", "65", "1965-66", "1965 to 1966", "31.4.1965", "13/1965",
        "April 1965, Tashkent", "about 1965", "10 Ma 1965", "1965?!",
    ],
)  # fmt: skip
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("date", "text", "iso", "precision"),
    [
        (PartialDate(1965), "1965", "1965", "year"),
        (PartialDate(1965, 4), "April 1965", "1965-04", "month"),
        (PartialDate(1965, 4, 10), "10 April 1965", "1965-04-10", "day"),
        (PartialDate(1966, 1, 1), "1 January 1966", "1966-01-01", "day"),
    ],
)
def test_formatting(date: PartialDate, text: str, iso: str, precision: str) -> None:
    assert (str(date), date.iso(), date.precision) == (text, iso, precision)
    assert parse_iso_date(iso) == date


def test_invalid_dates_raise() -> None:
    for args in [(1965, 13), (1965, None, 10), (1965, 2, 30), (0,)]:
        with pytest.raises(ValueError):
            PartialDate(*args)


def test_dates_sort_chronologically_across_precisions() -> None:
    dates = [PartialDate(1965, 4, 10), PartialDate(1966), PartialDate(1965, 4), PartialDate(1965)]
    assert [d.iso() for d in sorted(dates)] == ["1965", "1965-04", "1965-04-10", "1966"]
    assert PartialDate(1965, 4) == parse_iso_date("1965-04")
    assert len({PartialDate(1965), parse_iso_date("1965")}) == 1
    assert dataclasses.replace(PartialDate(1965, 4), day=10) == PartialDate(1965, 4, 10)


@pytest.mark.parametrize(
    ("given", "card", "match", "note"),
    [
        ("1965", "1965-04", "near", "right year, month missing"),
        ("1965-04-09", "1965-04-10", "near", "right month, wrong day"),
        ("1979-12", "1980-01", "near", "one month off"),
        ("1966-04", "1965-04", "near", "one year off"),
        ("1966-05", "1965-04", "wrong", ""),
        ("1965-09", "1965-04", "wrong", "right year, but "),
        ("1965-04-10", "1965", "right", ""),
    ],
)
def test_compare_dates(given: str, card: str, match: str, note: str) -> None:
    assert compare_dates(parse_iso_date(given), parse_iso_date(card)) == (match, note)
