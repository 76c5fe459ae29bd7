"""Rosters as one Excel workbook (``.xlsx``): a sheet per table.

Sheets named ``people``, ``organisations``, ``posts`` and ``memberships`` (any case) hold
the same columns as the CSV files, with the header in row 1; other sheets are ignored.
Problems name the sheet as ``workbook.xlsx[sheet]`` and the sheet's own row numbers.

Cells are read as Excel shows them after its last calculation: a date cell gives its ISO
date, TRUE/FALSE give yes/no, a whole number gives its digits.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from govgraph.errors import Problem
from govgraph.loaders._build import Origin
from govgraph.loaders._tables import TABLES, RosterRows, Row, header_problems

__all__ = ["read_workbook"]


def read_workbook(path: Path) -> RosterRows:
    """The rows of a roster workbook's table sheets."""
    roster = RosterRows(path.name, files=[str(path)])
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        roster.problems.append(Problem(str(path), None, None, f"not a readable .xlsx workbook: {exc}"))
        return roster
    try:
        sheets = {sheet.title.strip().lower(): sheet for sheet in workbook.worksheets}
        found = [table for table in TABLES if table in sheets]
        if not found:
            expected = ", ".join(TABLES)
            roster.problems.append(
                Problem(str(path), None, None, f"no roster sheets found: expected one or more of {expected}")
            )
        for table in found:
            sheet = sheets[table]
            roster.files.append(f"{path}[{sheet.title}]")
            _read_sheet(
                table,
                sheet.iter_rows(values_only=True),
                f"{path}[{sheet.title}]",
                f"{path.name}[{sheet.title}]",
                roster,
            )
    finally:
        workbook.close()
    return roster


def _read_sheet(
    table: str, sheet_rows: Iterable[tuple[object, ...]], file: str, label: str, roster: RosterRows
) -> None:
    rows = iter(sheet_rows)
    first = next(rows, None)
    header = [_text(value) for value in first or ()]
    while header and not header[-1]:
        header.pop()
    if not header:
        roster.problems.append(Problem(file, 1, None, "row 1 must be the header"))
        return
    blank = [get_column_letter(n) for n, name in enumerate(header, start=1) if not name]
    if blank:
        roster.problems.append(Problem(file, 1, None, f"column {', '.join(blank)} has no name in the header"))
        return
    problems, readable = header_problems(TABLES[table], header, file)
    roster.problems.extend(problems)
    if not readable:
        return
    columns = {name.lower(): name for name in header}
    for number, values in enumerate(rows, start=2):
        cells = [_text(value) for value in values]
        if not any(cells):
            continue
        if any(cells[len(header) :]):
            roster.problems.append(Problem(file, number, None, "a value lies beyond the last named column"))
            continue
        named = {name.lower(): value for name, value in zip(header, cells, strict=False)}  # cells may stop short
        roster.rows.append(Row(table, named, Origin(file, number, columns), f"{label} row {number}"))


def _text(value: object) -> str:
    """A cell as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
