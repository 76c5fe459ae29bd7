"""Dates as the queries take them (govgraph.graph.timeline): ISO days only, and half-open spans."""

from __future__ import annotations

from datetime import date

import pytest

from govgraph.errors import InvalidDate
from govgraph.graph.timeline import active, parse_date, today


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2013-04-01", "2013-04-01"), (" 2013-04-01 ", "2013-04-01"), (date(2022, 7, 1), "2022-07-01")],
)
def test_an_iso_day_is_taken_as_it_is(value: str | date, expected: str) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("01/04/2013", "expected an ISO date YYYY-MM-DD"),
        ("2013-4-1", "expected an ISO date YYYY-MM-DD"),
        ("20130401", "expected an ISO date YYYY-MM-DD"),  # ISO basic form: not the one we take
        ("2014-02-30", "expected an ISO date YYYY-MM-DD"),
        ("1899-12-31", "outside 1900-2199"),
    ],
)
def test_anything_else_is_an_invalid_date(value: str, reason: str) -> None:
    with pytest.raises(InvalidDate, match=reason):
        parse_date(value)


def test_no_date_is_today_unless_one_is_required() -> None:
    assert parse_date(None) == today() == date.today().isoformat()
    with pytest.raises(InvalidDate):
        parse_date(None, default_today=False)


def test_a_span_counts_from_its_first_day_to_the_day_before_its_end() -> None:
    # 2015-04-01 is the exclusive end: the last day counted is 2015-03-31.
    span = {"valid_from": "2013-04-01", "valid_to": "2015-04-01"}
    assert [active(span, day) for day in ("2013-03-31", "2013-04-01", "2015-03-31", "2015-04-01")] == [
        False,
        True,
        True,
        False,
    ]
    assert active({"valid_to": "2015-04-01"}, "1900-01-01") and active({"valid_from": "2013-04-01"}, "2199-12-31")
