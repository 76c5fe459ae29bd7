"""Rosters as one Excel workbook (``.xlsx``): a sheet per table.

Sheets named ``people``, ``organisations``, ``posts`` and ``memberships`` (any case) hold
the same columns as the CSV files, with the header in row 1; a sheet named almost so
(``Membreships``) is a problem, any other is named in a ``RosterWarning``.
Problems name the sheet as ``workbook.xlsx[sheet]`` and the sheet's own row numbers.

Cells are read as Excel shows them after its last calculation: a date cell gives its ISO
date, TRUE/FALSE give yes/no, a whole number gives its digits.
"""

from __future__ import annotations

import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from govgraph.errors import Problem
from govgraph.loaders._build import Origin
from govgraph.loaders._tables import (
    MAX_SHEET_ROWS,
    TABLES,
    RosterRows,
    RosterWarning,
    Row,
    header_problems,
    table_names,
)

__all__ = ["read_workbook"]


#: The most a workbook may unpack to. A roster of a million rows unpacks to a few hundred
#: megabytes; a small file that unpacks to gigabytes is a zip bomb, refused before reading.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024

# What reading a damaged workbook can raise, past opening it: a truncated sheet's XML, a
# member whose compressed data stops short or fails its checksum.
# SyntaxError: the XML parser's error, lxml's or the standard library's.
_DAMAGED = (SyntaxError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, OSError)


def read_workbook(path: Path) -> RosterRows:
    """The rows of a roster workbook's table sheets."""
    roster = RosterRows(path.name, files=[str(path)])
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            message = f"unpacks to {unpacked:,} bytes, over the limit of {MAX_UNPACKED_BYTES:,}: not read"
            roster.problems.append(Problem(str(path), None, None, message))
            return roster
        workbook = load_workbook(path, read_only=True, data_only=True)
        # The same sheets as written, to tell a formula Excel never calculated from a blank.
        formulas = load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, *_DAMAGED) as exc:
        roster.problems.append(Problem(str(path), None, None, f"not a readable .xlsx workbook: {exc}"))
        return roster
    try:
        sheets = {sheet.title: sheet for sheet in workbook.worksheets}
        names, problems, unread = table_names(sheets, str(path), "sheet")
        roster.problems.extend(problems)
        if unread:
            listed = ", ".join(unread)
            warnings.warn(f"{path}: sheets that are not roster tables, not read: {listed}", RosterWarning, stacklevel=2)
        found = [table for table in TABLES if table in names]
        if not found and not problems:
            expected = ", ".join(TABLES)
            roster.problems.append(
                Problem(str(path), None, None, f"no roster sheets found: expected one or more of {expected}")
            )
        for table in found:
            sheet = sheets[names[table]]
            file = f"{path}[{sheet.title}]"
            roster.files.append(file)
            written = formulas[sheet.title].iter_rows(values_only=True)
            rows = _calculated(sheet.iter_rows(values_only=True), written, file, roster.problems)
            try:
                _read_sheet(table, rows, file, f"{path.name}[{sheet.title}]", roster)
            except _DAMAGED as exc:
                roster.problems.append(Problem(file, None, None, f"the sheet is damaged and cannot be read: {exc}"))
    finally:
        workbook.close()
        formulas.close()
    return roster


def _calculated(
    values: Iterable[tuple[object, ...]], written: Iterable[tuple[object, ...]], file: str, problems: list[Problem]
) -> Iterator[tuple[object, ...]]:
    """``values`` (as Excel last calculated them), each cell a formula with no saved value
    reported: read as blank, its row would be lost or misread without a word. Rows past
    ``MAX_SHEET_ROWS`` are a problem too."""
    for number, (row, formula_row) in enumerate(zip(values, written, strict=False), start=1):
        if number > MAX_SHEET_ROWS:
            problems.append(Problem(file, number, None, f"more than {MAX_SHEET_ROWS:,} rows: the rest is not read"))
            return
        for column, (value, formula) in enumerate(zip(row, formula_row, strict=False), start=1):
            letter = get_column_letter(column)
            if value is None and isinstance(formula, str) and formula.startswith("="):
                message = (
                    f"cell {letter}{number} is a formula with no saved value: open the workbook in Excel and save it"
                )
                problems.append(Problem(file, number, None, message))
        yield row


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
        named = {name.lower(): value for name, value in zip(header, cells, strict=False)  # cells may stop short
                 if name.lower() in TABLES[table].columns}  # fmt: skip
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
