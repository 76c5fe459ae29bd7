"""Roster tables: the columns of each table, the rows readers make of them, and header checks.

Every roster format (a folder of CSV files, an Excel workbook, Popolo JSON) reads its
input into ``Row`` objects keyed by the column names in ``TABLES``; ``loaders._parse``
checks each row and ``loaders._place`` places them against a store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from govgraph.errors import Problem
from govgraph.loaders._build import Origin

__all__ = ["TABLES", "RosterRows", "Row", "Table", "header_problems"]


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
            ("person", "post", "org", "role", "represents", "start", "end", "acting"),
            frozenset({"person", "start"}),
        ),
    )
}


@dataclass(frozen=True, slots=True)
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
    """Unknown, repeated and missing columns in a table's header (names as the user wrote
    them), and whether its rows are worth reading: with a required column missing, every
    row would only repeat that problem."""
    problems = []
    seen: set[str] = set()
    for name in names:
        key = name.strip().lower()
        if key in seen:
            problems.append(Problem(file, 1, name, f"column {name!r} appears more than once"))
        elif key not in table.columns:
            problems.append(Problem(file, 1, name, f"unknown column {name!r}; expected {', '.join(table.columns)}"))
        seen.add(key)
    missing = [
        Problem(file, 1, column, f"missing required column {column!r}")
        for column in table.columns
        if column in table.required and column not in seen
    ]
    if table.name == "memberships" and "post" not in seen and not {"org", "role"} <= seen:
        missing.append(Problem(file, 1, "post", "missing column: a membership needs 'post', or 'org' and 'role'"))
    return problems + missing, not missing
