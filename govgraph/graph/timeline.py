"""Dates, spans of days and the as-of rule.

A node or edge counts on day D when ``valid_from <= D < valid_to``, either bound open:
its life is the half-open span ``[valid_from, valid_to)``, a ``Span``. Everything that
turns an exclusive end into a last day held (a roster's ``end`` column, a Popolo
``end_date``), or back, goes through ``Span`` too, so the off-by-one lives in one place.

The graph stores dates as ISO strings (``YYYY-MM-DD``), which sort in date order, so
``active`` (the as-of rule on stored attributes, read in every look-up) is two string
comparisons; ``Span.contains`` is the same rule on parsed dates.

What the sources attest is a second question: a record whose sources stop describing it
on ``attested_to`` (its last attested day) still counts after that day, but is **not
known** there (``attested``); queries that rest on it say so instead of asserting it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from govgraph.errors import InvalidDate

__all__ = ["EARLIEST", "Span", "active", "attested", "lifespan", "not_known", "parse_date", "today"]

# Year 1 and year 9999 parse, but no governance record lives there; refusing them keeps
# absurd input from looking like a real answer.
EARLIEST = date(1900, 1, 1)
_LATEST = date(2199, 12, 31)
# The one accepted spelling. ``date.fromisoformat`` alone also takes ISO week and ordinal
# dates (2013-W14-1, 2013-091) and compact forms: a roster or as_of written that way would
# load a day nobody meant, and a holding saved so could never be found again to end it.
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def today() -> str:
    return date.today().isoformat()


def parse_date(value: str | date | None, *, default_today: bool = True) -> str:
    """An ISO date string from user input; ``None`` means today.

    >>> parse_date("2013-04-01")
    '2013-04-01'
    >>> parse_date("01/04/2013")
    Traceback (most recent call last):
    ...
    govgraph.errors.InvalidDate: invalid date '01/04/2013': expected an ISO date YYYY-MM-DD
    >>> parse_date("2013-W14-1")
    Traceback (most recent call last):
    ...
    govgraph.errors.InvalidDate: invalid date '2013-W14-1': expected an ISO date YYYY-MM-DD
    """
    if value is None:
        if default_today:
            return today()
        raise InvalidDate(value)
    if isinstance(value, date):
        parsed = value
    else:
        text = value.strip() if isinstance(value, str) else ""
        if not _ISO_DAY.fullmatch(text):
            raise InvalidDate(value)
        try:
            parsed = date.fromisoformat(text)
        except ValueError:
            raise InvalidDate(value) from None
    if not EARLIEST <= parsed <= _LATEST:
        raise InvalidDate(value, f"outside {EARLIEST.year}-{_LATEST.year}")
    return parsed.isoformat()


def active(attrs: Mapping[str, Any], day: str) -> bool:
    """Whether a record with these attributes counts on ``day`` (an ISO string).

    >>> active({"valid_from": "2013-04-01", "valid_to": "2015-04-01"}, "2015-03-31")
    True
    >>> active({"valid_from": "2013-04-01", "valid_to": "2015-04-01"}, "2015-04-01")
    False
    >>> active({}, "1999-01-01")
    True
    """
    start = attrs.get("valid_from")
    if start is not None and day < start:
        return False
    end = attrs.get("valid_to")
    return end is None or day < end


def attested(attrs: Mapping[str, Any], day: str) -> bool:
    """Whether a source describes the record on ``day``: on or before its ``attested_to``.

    >>> attested({"valid_from": "2015-04-01", "attested_to": "2016-03-31"}, "2016-03-31")
    True
    >>> attested({"valid_from": "2015-04-01", "attested_to": "2016-03-31"}, "2016-04-01")
    False
    >>> attested({}, "2099-01-01")
    True
    """
    last = attrs.get("attested_to")
    return last is None or day <= str(last)


def not_known(label: str, attrs: Mapping[str, Any], day: str) -> str | None:
    """What to say about a record that counts on ``day`` but is past its ``attested_to``.

    >>> not_known("hub:wessex", {"valid_from": "2015-04-01", "attested_to": "2016-03-31"}, "2024-01-01")
    'hub:wessex is not known after 2016-03-31'
    >>> not_known("hub:wessex", {"valid_from": "2015-04-01", "attested_to": "2016-03-31"}, "2016-01-01") is None
    True
    """
    if active(attrs, day) and not attested(attrs, day):
        return f"{label} is not known after {attrs['attested_to']}"
    return None


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open span of days ``[start, end)``: ``start`` is the first day, ``end`` the
    first day after it; ``None`` leaves that side open.

    >>> life = Span.from_attrs({"valid_from": "2013-04-01", "valid_to": "2016-04-01"})
    >>> life.contains("2016-03-31"), life.contains("2016-04-01")
    (True, False)
    >>> life.last_day
    datetime.date(2016, 3, 31)
    >>> Span.from_last_day(date(2013, 4, 1), date(2016, 3, 31)) == life
    True
    >>> life.overlaps(Span(start=date(2016, 4, 1))), life.overlaps(Span(end=date(2013, 4, 2)))
    (False, True)
    >>> life.describe()
    'from 2013-04-01 to 2016-03-31'
    """

    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError(f"a span ending on {self.end} must start before it, not on {self.start}")

    @classmethod
    def from_attrs(cls, attrs: Mapping[str, Any]) -> Span:
        """The life of a stored record (or a record's fields): ``valid_from``/``valid_to``."""
        return cls(_as_date(attrs.get("valid_from")), _as_date(attrs.get("valid_to")))

    @classmethod
    def from_last_day(cls, start: date | None, last: date | None) -> Span:
        """The span from ``start`` up to and including ``last`` (a roster's end column)."""
        return cls(start, last + timedelta(days=1) if last is not None else None)

    @property
    def last_day(self) -> date | None:
        """The last day inside the span; ``None`` when it is open-ended."""
        return self.end - timedelta(days=1) if self.end is not None else None

    def contains(self, day: date | str) -> bool:
        """Whether ``day`` is inside the span (the as-of rule)."""
        d = day if isinstance(day, date) else date.fromisoformat(day)
        return (self.start is None or self.start <= d) and (self.end is None or d < self.end)

    def overlaps(self, other: Span) -> bool:
        """Whether some day is inside both spans."""
        return self.intersection(other) is not None

    def intersection(self, other: Span) -> Span | None:
        """The days inside both spans, or ``None`` when they share none."""
        starts = [d for d in (self.start, other.start) if d is not None]
        ends = [d for d in (self.end, other.end) if d is not None]
        start, end = max(starts, default=None), min(ends, default=None)
        if start is not None and end is not None and end <= start:
            return None
        return Span(start, end)

    def describe(self) -> str:
        """The span in words, with its last day rather than its exclusive end."""
        last = self.last_day
        if self.start and last:
            return f"from {self.start} to {last}"
        if self.start:
            return f"from {self.start}"
        if last:
            return f"until {last}"
        return "always"


def lifespan(node: Mapping[str, Any], day: str) -> str:
    """Why a node is not there on ``day``, with the span it exists.

    >>> lifespan({"id": "crg:CFS", "valid_from": "2013-04-01", "valid_to": "2016-04-01"}, "2024-01-01")
    'crg:CFS did not exist on 2024-01-01: it existed from 2013-04-01 to 2016-03-31'
    >>> lifespan({"id": "icb:QE1", "valid_from": "2022-07-01"}, "2020-01-01")
    'icb:QE1 did not exist on 2020-01-01: it exists from 2022-07-01'
    """
    span = Span.from_attrs(node)
    tense = "existed" if span.end is not None else "exists"
    return f"{node['id']} did not exist on {day}: it {tense} {span.describe()}"
