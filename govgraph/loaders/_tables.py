"""Roster tables: the columns of each table, the rows readers make of them, and header checks.

Every roster format (a folder of CSV files, an Excel workbook, Popolo JSON) reads its
input into ``Row`` objects keyed by the column names in ``TABLES``; ``loaders._parse``
checks each row and ``loaders._place`` places them against a store.
"""

from __future__ import annotations

import difflib
import re
import warnings
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from govgraph.errors import Problem
from govgraph.loaders._build import Origin

__all__ = [
    "MAX_CELL_CHARS",
    "MAX_ROWS",
    "MAX_SHEET_ROWS",
    "TABLES",
    "RosterRows",
    "RosterWarning",
    "Row",
    "Table",
    "header_problems",
    "meant_column",
    "table_names",
]


@dataclass(frozen=True, slots=True)
class Table:
    """One roster table: its columns in order, and those every row must fill."""

    name: str
    columns: tuple[str, ...]
    required: frozenset[str]


TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table("people", ("id", "name", "email", "employer"), frozenset({"id", "name"})),
        Table(
            "organisations",
            ("id", "kind", "name", "part_of", "valid_from", "valid_to"),
            frozenset({"id", "kind", "name"}),
        ),
        Table(
            "posts",
            (
                "id",
                "name",
                "org",
                "role",
                "single_holder",
                "represents",
                "reports_to",
                "ex_officio_of",
                "valid_from",
                "valid_to",
            ),
            frozenset({"id", "name", "org", "role"}),
        ),
        Table(
            "memberships",
            ("person", "post", "org", "role", "represents", "start", "end", "acting", "appointed"),
            frozenset({"person", "start"}),
        ),
    )
}


# Not frozen, for speed: see ``_build.Origin``.
@dataclass(slots=True, unsafe_hash=True)
class Row:
    """One row of a roster table.

    ``values`` are keyed by our column names, stripped, ``""`` when empty; ``origin``
    locates the row and maps our column names to the user's; ``source`` is the citation
    its records carry.
    """

    table: str
    values: Mapping[str, str]
    origin: Origin
    source: str


@dataclass
class RosterRows:
    """What a reader got from one roster: its rows, and problems with the file itself.

    ``source`` names the roster (its folder or file name) in the graph's metadata; each
    record cites that name, the table and the row, whatever the path it was read from.
    ``files`` are the names problems give its files (or sheets), in reading order.
    """

    source: str
    files: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def header_problems(table: Table, names: Sequence[str], file: str) -> tuple[list[Problem], bool]:
    """Misspelt, repeated and missing columns in a table's header (names as the user wrote
    them), and whether its rows are worth reading: with a required column missing, every
    row would only repeat that problem.

    A column that is no roster column and not plainly meant as one (a planner's ``notes``)
    is not read, and a ``RosterWarning`` names it with ``file``; readers leave it out of
    their rows. One that plainly means a column (``meant_column``) is a problem: its values
    would otherwise be lost without a word.
    """
    problems = []
    seen: set[str] = set()
    ignored = []
    for name in names:
        key = name.strip().lower()
        if key in seen:
            problems.append(Problem(file, 1, name, f"column {name!r} appears more than once"))
        elif key not in table.columns:
            meant = meant_column(name, table.columns)
            elsewhere = meant_column(name, _ALL_COLUMNS) if meant is None else None
            if meant is not None:
                problems.append(Problem(file, 1, name, f"unknown column {name!r}; did you mean {meant!r}?"))
            elif elsewhere is not None:
                tables = " and ".join(t.name for t in TABLES.values() if elsewhere in t.columns)
                message = (
                    f"unknown column {name!r}: {elsewhere!r} is a column of {tables}, not of {table.name}; "
                    f"expected {', '.join(table.columns)}"
                )
                problems.append(Problem(file, 1, name, message))
            else:
                ignored.append(name)
        seen.add(key)
    if ignored:
        listed = ", ".join(repr(name) for name in ignored)
        warnings.warn(f"{file}: not a column of {table.name}, not read: {listed}", RosterWarning, stacklevel=3)
    missing = [
        Problem(file, 1, column, f"missing required column {column!r}")
        for column in table.columns
        if column in table.required and column not in seen
    ]
    if table.name == "memberships" and "post" not in seen and not {"org", "role"} <= seen:
        missing.append(Problem(file, 1, "post", "missing column: a membership needs 'post', or 'org' and 'role'"))
    return problems + missing, not missing


_ALL_COLUMNS = frozenset(column for table in TABLES.values() for column in table.columns)


def meant_column(name: str, columns: Collection[str]) -> str | None:
    """The one of ``columns`` that a header name plainly means, or None for a column of the
    user's own (``notes``): the same words with other separators or case (``Valid From``),
    an ``id`` or ``date`` suffix (``person_ID``, ``start date``), a transposition
    (``vaild_from``) or a close spelling (``emial``).

    >>> people, posts = TABLES["people"].columns, TABLES["posts"].columns
    >>> [meant_column(name, TABLES["memberships"].columns) for name in ("person_ID", "Start Date", "Acting?")]
    ['person', 'start', 'acting']
    >>> [meant_column(name, posts) for name in ("vaild_from", "Valid From", "single-holder", "Represent")]
    ['valid_from', 'valid_from', 'single_holder', 'represents']
    >>> [meant_column(name, people) for name in ("notes", "phone", "Name ", "emial", "email address")]
    [None, None, 'name', 'email', None]
    """
    words = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
    for candidate in (words, re.sub(r"_?id$", "", words), re.sub(r"_?date$", "", words)):
        if candidate in columns:
            return candidate
    ordered = sorted(columns)
    same_letters = [column for column in ordered if sorted(column) == sorted(words)]
    close = same_letters or difflib.get_close_matches(words, ordered, n=1, cutoff=0.8)
    return close[0] if close else None


#: The longest text one roster cell may hold: a name, an id or a citation is far shorter.
MAX_CELL_CHARS = 10_000
#: The most rows one CSV table or JSON array may hold: eight times the largest synthetic
#: roster benchmarked (scale 500, 1.25 million memberships), so that a runaway file is
#: refused but a roster of any real size loads.
MAX_ROWS = 10_000_000
#: The most rows one sheet may hold: Excel's own limit.
MAX_SHEET_ROWS = 1_048_576


class RosterWarning(UserWarning):
    """Something in a roster that was not read but need not stop the load (a notes sheet)."""


def table_names(names: Iterable[str], where: str, what: str) -> tuple[dict[str, str], list[Problem], list[str]]:
    """Which of a roster's files or sheets (``names``, without their ``.csv``) hold which table.

    Returns the table each name holds, the problems (two names for one table differing
    only in letter case; a name close to a table's, as ``membership`` or ``Membreships``,
    whose rows would otherwise be lost without a word) and the names left unread, for a
    warning. ``where`` names the roster in problems, ``what`` says "file" or "sheet".

    >>> found, problems, unread = table_names(["People", "Membreships", "Notes"], "r.xlsx", "sheet")
    >>> found, [p.message for p in problems], unread
    ({'people': 'People'}, ["sheet 'Membreships' is not read: did you mean 'memberships'?"], ['Notes'])
    """
    found: dict[str, str] = {}
    problems: list[Problem] = []
    unread: list[str] = []
    for name in names:
        key = name.strip().lower()
        if key in TABLES:
            if key in found:
                message = f"{what}s {found[key]!r} and {name!r} both hold {key}: keep one"
                problems.append(Problem(where, None, None, message))
            else:
                found[key] = name
            continue
        close = difflib.get_close_matches(key, TABLES, n=1, cutoff=0.75)
        if close:
            problems.append(Problem(where, None, None, f"{what} {name!r} is not read: did you mean {close[0]!r}?"))
        else:
            unread.append(name)
    return found, problems, unread
