"""Rosters: who holds which seat, and the extra bodies and seats a user's data needs.

A roster is one of

* a folder of CSV files ``people.csv``, ``organisations.csv``, ``posts.csv`` and
  ``memberships.csv`` (any of them; other files are ignored), UTF-8 with or without a
  byte-order mark, or Windows-1252 as Excel writes it;
* an Excel workbook (``.xlsx``) with sheets of the same names (``loaders.spreadsheet``);
* a Popolo JSON document (``.json``, ``loaders.popolo``).

All three feed the same row checks (``loaders._rows``); ``docs/rosters.md`` describes
every column. ``load_rosters`` reads every roster given, collects every problem in all of
them, and merges into the store only when there are none: a failed load changes nothing.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from govgraph.errors import LoadError, Problem
from govgraph.graph.model import Person
from govgraph.graph.store import NetworkXStore
from govgraph.loaders._build import Batch, Origin, merge
from govgraph.loaders._rows import TABLES, Parsed, RosterRows, Row, build, header_problems, parse_rows
from govgraph.loaders.popolo import MAPPING as POPOLO_ARRAYS
from govgraph.loaders.popolo import read_popolo

__all__ = ["EXAMPLE_ROSTER", "load_rosters", "read_csv_folder", "read_roster"]

#: The fictional example roster (invented people, deliberate gaps; docs/example-roster.md).
EXAMPLE_ROSTER = Path(str(resources.files("govgraph").joinpath("data/example")))
#: Rosters with more rows than this show a progress bar when loaded from a terminal.
PROGRESS_ROWS = 10_000


def load_rosters(store: NetworkXStore, paths: Iterable[str | Path]) -> NetworkXStore:
    """Merge every roster in ``paths`` into ``store``, all or nothing.

    Raises
    ------
    LoadError
        listing every problem in every roster, by file and row; the store is then
        unchanged.

    Examples
    --------
    >>> from govgraph.loaders import load_reference
    >>> store = load_rosters(load_reference(), ["no-such-roster"])
    Traceback (most recent call last):
    ...
    govgraph.errors.LoadError: 1 problem found; nothing was loaded
      no-such-roster: no such file or folder
    """
    rosters = [read_roster(Path(path)) for path in paths]
    rows = [row for roster in rosters for row in roster.rows]
    # Problems with the files themselves come first, then those of their rows.
    parsed = Parsed(problems=[problem for roster in rosters for problem in roster.problems])
    try:
        with _Progress(len(rows)) as progress:
            parse_rows(progress.track(rows, "Checking roster rows"), parsed)
            progress.stage("Checking against the graph")
            batch = build(store, parsed, [roster.source for roster in rosters])
            return merge(store, _mark_fictional(batch))
    except LoadError as exc:
        files = [file for roster in rosters for file in roster.files]
        raise LoadError(_in_file_order(exc.problems, files)) from None


def _mark_fictional(batch: Batch) -> Batch:
    """Mark the people read from the example roster as fictional, wherever it is loaded from."""
    example = EXAMPLE_ROSTER.resolve()
    batch.nodes = [
        (node.model_copy(update={"fictional": True}), origin)
        if isinstance(node, Person) and Path(origin.file).resolve().parent == example
        else (node, origin)
        for node, origin in batch.nodes
    ]
    return batch


def _in_file_order(problems: list[Problem], files: list[str]) -> list[Problem]:
    """Problems by file, in reading order, and each file's by row: the order someone
    fixing them reads in, whichever check found them."""
    order = {file: n for n, file in enumerate(files)}
    arrays = list(POPOLO_ARRAYS)

    def position(problem: Problem) -> tuple[int, int, int]:
        file = order.get(problem.file, len(order))
        if isinstance(problem.row, str):  # a JSON pointer: /memberships/3
            _, array, index = (problem.row.split("/") + ["", ""])[:3]
            return (
                file,
                arrays.index(array) if array in arrays else len(arrays),
                int(index) if index.isdigit() else -1,
            )
        return (file, 0, problem.row or 0)

    return sorted(problems, key=position)


def read_roster(path: Path) -> RosterRows:
    """The rows of one roster, whichever of the three forms it takes."""
    if path.is_dir():
        return read_csv_folder(path)
    if not path.exists():
        return _not_read(path, "no such file or folder")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        # openpyxl (and the numpy it loads) only when a workbook is read: most loads never do.
        from govgraph.loaders.spreadsheet import read_workbook

        return read_workbook(path)
    if suffix == ".json":
        return read_popolo(path)
    return _not_read(path, "not a roster: expected a folder of CSV files, an .xlsx workbook or a Popolo .json file")


def _not_read(path: Path, message: str) -> RosterRows:
    return RosterRows(path.name, files=[str(path)], problems=[Problem(str(path), None, None, message)])


def read_csv_folder(folder: Path) -> RosterRows:
    """The rows of a folder of CSV roster tables; file names match whatever their case."""
    roster = RosterRows(folder.name, files=[str(folder)])
    files = {path.name.lower(): path for path in sorted(folder.iterdir()) if path.is_file()}
    found = [(table, files[f"{table}.csv"]) for table in TABLES if f"{table}.csv" in files]
    if not found:
        expected = ", ".join(f"{table}.csv" for table in TABLES)
        roster.problems.append(
            Problem(str(folder), None, None, f"no roster tables found: expected one or more of {expected}")
        )
    for table, path in found:
        roster.files.append(str(path))
        _read_csv(table, path, f"{folder.name}/{path.name}", roster)
    return roster


def _read_csv(table: str, path: Path, label: str, roster: RosterRows) -> None:
    file = str(path)
    text = _decode(path.read_bytes(), file, roster.problems)
    if text is None:
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if not header or not any(name.strip() for name in header):
            roster.problems.append(Problem(file, 1, None, "the first line must be the header"))
            return
        header = [name.strip() for name in header]
        problems, readable = header_problems(TABLES[table], header, file)
        roster.problems.extend(problems)
        if not readable:
            return
        columns = {name.lower(): name for name in header}
        line = reader.line_num + 1
        for values in reader:
            if any(value.strip() for value in values):
                if len(values) != len(header):
                    message = f"{len(values)} values, but the header has {len(header)} columns"
                    roster.problems.append(Problem(file, line, None, message))
                else:
                    cells = {name.lower(): value.strip() for name, value in zip(header, values)}
                    roster.rows.append(Row(table, cells, Origin(file, line, columns), f"{label} row {line}"))
            line = reader.line_num + 1
    except csv.Error as exc:
        roster.problems.append(Problem(file, reader.line_num, None, f"unreadable CSV: {exc}"))


def _decode(data: bytes, file: str, problems: list[Problem]) -> str | None:
    """Text from UTF-8 (a byte-order mark is dropped) or, failing that, Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.append(Problem(file, None, None, "UTF-16 text is not supported: save the file as CSV (UTF-8)"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start]
        problems.append(
            Problem(file, line, None, f"not UTF-8 or Windows-1252 text: byte 0x{bad:02x} has no meaning in either")
        )
        return None


class _Progress:
    """Progress on stderr while a big roster loads from a terminal; silent when piped or small."""

    def __init__(self, rows: int) -> None:
        shown = rows > PROGRESS_ROWS and sys.stderr.isatty()
        self.display = Progress(console=Console(stderr=True), transient=True) if shown else None

    def __enter__(self) -> _Progress:
        if self.display is not None:
            self.display.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.display is not None:
            self.display.stop()

    def track(self, rows: Sequence[Row], description: str) -> Iterable[Row]:
        if self.display is None:
            return rows
        return self.display.track(rows, description=description)

    def stage(self, description: str) -> None:
        """A step whose length is not known: shown as a pulsing bar."""
        if self.display is not None:
            self.display.add_task(description, total=None)
