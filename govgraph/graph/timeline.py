"""Dates and the as-of rule.

A node or edge counts on day D when ``valid_from <= D < valid_to``, either bound open.
The graph stores dates as ISO strings (``YYYY-MM-DD``), which sort in date order, so the
check is two string comparisons.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from govgraph.errors import InvalidDate

__all__ = ["active", "parse_date", "today"]

# Year 1 and year 9999 parse, but no governance record lives there; refusing them keeps
# absurd input from looking like a real answer.
_EARLIEST = date(1900, 1, 1)
_LATEST = date(2199, 12, 31)


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
    """
    if value is None:
        if default_today:
            return today()
        raise InvalidDate(value)
    if isinstance(value, date):
        parsed = value
    else:
        try:
            parsed = date.fromisoformat(value.strip())
        except (ValueError, AttributeError):
            raise InvalidDate(value) from None
        if len(value.strip()) != 10:
            raise InvalidDate(value)
    if not _EARLIEST <= parsed <= _LATEST:
        raise InvalidDate(value, f"outside {_EARLIEST.year}-{_LATEST.year}")
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
