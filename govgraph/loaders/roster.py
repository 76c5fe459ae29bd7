"""Rosters: who holds which seat, and the extra bodies and seats a user's data needs.

A roster is one of

* a folder of CSV files ``people.csv``, ``organisations.csv``, ``posts.csv`` and
  ``memberships.csv`` (any of them; other files are ignored), UTF-8 with or without a
  byte-order mark, or Windows-1252 as Excel writes it;
* an Excel workbook (``.xlsx``) with sheets of the same names (``loaders.spreadsheet``);
* a Popolo JSON document (``.json``, ``loaders.popolo``).

All three feed the same row checks (``loaders._parse``, then ``loaders._place``); ``docs/rosters.md`` describes
every column. ``load_rosters`` reads every roster given, collects every problem in all of
them, and merges into the store only when there are none: a failed load changes nothing.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from importlib import resources
from operator import itemgetter
from pathlib import Path

from govgraph.errors import LoadError, Problem
from govgraph.graph.model import NodeKind
from govgraph.graph.store import NetworkXStore
from govgraph.loaders._build import Batch, Origin, RowNode, drained, merge
from govgraph.loaders._hints import Hints
from govgraph.loaders._parse import Parsed, parse_rows
from govgraph.loaders._place import build
from govgraph.loaders._tables import MAX_ROWS, TABLES, RosterRows, RosterWarning, Row, header_problems, table_names
from govgraph.loaders.popolo import MAPPING as POPOLO_ARRAYS
from govgraph.loaders.popolo import read_popolo

__all__ = ["EXAMPLE_ROSTER", "Progress", "load_rosters", "read_csv_folder", "read_roster"]

#: The fictional example roster (invented people, deliberate gaps; docs/example-roster.md).
EXAMPLE_ROSTER = Path(str(resources.files("govgraph").joinpath("data/example")))
#: How a load reports progress, for a caller to show: ``progress(step, done, total)``, where
#: ``step`` says what is being done and ``total`` is None for a step of unknown length.
Progress = Callable[[str, int, int | None], None]
#: What a roster whose tables hold no row is told (as a ``RosterWarning``).
NOTHING_TO_LOAD = "nothing to load: every table of the roster is empty or holds only its header"
_EVERY = 1_000  # rows between two reports: often enough for a bar, rarely enough to cost nothing


def load_rosters(
    store: NetworkXStore, paths: Iterable[str | Path], *, progress: Progress | None = None
) -> NetworkXStore:
    """Merge every roster in ``paths`` into ``store``, all or nothing.

    ``progress``, when given, is called as the rows are checked (``"Checking roster rows"``,
    with counts) and once as they are checked against the graph (a step of unknown length).

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
    # Python's cyclic collector would walk the millions of new containers a big roster makes
    # again and again (a third of the load's time); nothing made here is garbage in a cycle.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(store, paths, progress or _silent)
    finally:
        if collecting:
            gc.enable()


def _load(store: NetworkXStore, paths: Iterable[str | Path], report: Progress) -> NetworkXStore:
    rosters = [read_roster(Path(path)) for path in paths]
    # Often the wrong file, or rows where nothing reads them; but a write folder no one has
    # written to yet is an empty roster too, so a warning, not an error. (No loop over the
    # rosters themselves: its variable would keep the last one's rows alive to the end.)
    for file in [roster.files[0] for roster in rosters if not roster.rows and not roster.problems]:
        warnings.warn(f"{file}: {NOTHING_TO_LOAD}", RosterWarning, stacklevel=3)
    rows = [row for roster in rosters for row in roster.rows]
    # Problems with the files themselves come first, then those of their rows.
    parsed = Parsed(problems=[problem for roster in rosters for problem in roster.problems])
    parsed.hints = Hints(store, parsed.defined)
    files = [file for roster in rosters for file in roster.files]
    sources = [roster.source for roster in rosters]
    del rosters  # the rows live on in ``rows`` until they are parsed, and no longer
    try:
        parse_rows(_counted(rows, "Checking roster rows", report), parsed)
        del rows
        report("Checking against the graph", 0, None)
        batch = build(store, parsed, sources)
        del parsed  # the records are in the batch now: the rows they came from can go
        return merge(store, _mark_fictional(batch))
    except LoadError as exc:
        raise LoadError(_in_file_order(exc.problems, files)) from None


def _mark_fictional(batch: Batch) -> Batch:
    """Mark the people read from the example roster as fictional, wherever it is loaded from."""
    example = EXAMPLE_ROSTER.resolve()
    # Resolved once per file: a roster has a handful of files and may have a million people.
    files = {origin.file for node, origin in batch.nodes if node.kind is NodeKind.PERSON}
    fictional = {file for file in files if Path(file).resolve().parent == example}
    if fictional:
        batch.nodes = [
            (replace(node, fictional=True), origin)
            if isinstance(node, RowNode) and node.kind is NodeKind.PERSON and origin.file in fictional
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
            _, array, index = ([*problem.row.split("/"), "", ""])[:3]
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
    """The rows of a folder of CSV roster tables; file names match whatever their case.

    Every ``.csv`` file is read or reported: one named almost as a table (``membership.csv``)
    or a second file for one table is a problem, any other is named in a ``RosterWarning``.
    """
    roster = RosterRows(folder.name, files=[str(folder)])
    csvs = {path.stem: path for path in sorted(folder.iterdir()) if path.is_file() and path.suffix.lower() == ".csv"}
    names, problems, unread = table_names(csvs, str(folder), "file")
    roster.problems.extend(problems)
    if unread:
        listed = ", ".join(csvs[name].name for name in unread)
        warnings.warn(f"{folder}: not roster tables, not read: {listed}", RosterWarning, stacklevel=2)
    if not names and not problems:
        expected = ", ".join(f"{table}.csv" for table in TABLES)
        roster.problems.append(
            Problem(str(folder), None, None, f"no roster tables found: expected one or more of {expected}")
        )
    for table in TABLES:
        if table in names:
            path = csvs[names[table]]
            roster.files.append(str(path))
            _read_csv(table, path, f"{folder.name}/{path.name}", roster)
    return roster


#: Lines one quoted value may span. A roster cell is a name or an id: a value running over
#: more lines is almost surely a quote left open, swallowing the rows after it.
MAX_VALUE_LINES = 5


def _read_csv(table: str, path: Path, label: str, roster: RosterRows) -> None:
    file = str(path)
    text = _decode(path.read_bytes(), file, roster.problems)
    if text is None:
        return
    # strict: a quote still open at the end of the file is an error, not a last value
    # holding every line after it.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 1  # the line the record being read starts on
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
        # Only the table's own columns: one of the user's own (notes) is not read.
        kept = [(n, name.lower()) for n, name in enumerate(header) if name.lower() in TABLES[table].columns]
        names = [name for _, name in kept]
        cells_of = _cells_getter([n for n, _ in kept])
        width = len(header)
        row_label = f"{label} row "
        rows = roster.rows
        line = reader.line_num + 1
        for count, values in enumerate(reader, start=1):
            if count > MAX_ROWS:
                roster.problems.append(Problem(file, line, None, f"more than {MAX_ROWS:,} rows: the rest is not read"))
                return
            if reader.line_num - line >= MAX_VALUE_LINES:
                message = (
                    f"a quoted value opened on this row runs over {reader.line_num - line + 1} lines: "
                    "is a closing quote missing?"
                )
                roster.problems.append(Problem(file, line, None, message))
                return
            # Joined, the values are blank only if each of them is: one call instead of a loop.
            if "".join(values).strip():
                if len(values) != width:
                    message = f"{len(values)} values, but the header has {width} columns"
                    roster.problems.append(Problem(file, line, None, message))
                else:
                    cells = dict(zip(names, map(str.strip, cells_of(values)), strict=True))
                    rows.append(Row(table, cells, Origin(file, line, columns), f"{row_label}{line}"))
            line = reader.line_num + 1
        if _open_at_end(text):
            # An empty quoted value opened at the very end: the csv module reads it as an
            # empty value (it reports only one that holds something), but it was cut short.
            line = text.count("\n", 0, len(text) - 1) + 1  # the quote's own line
            message = "a quoted value opened on this row is never closed: a closing quote is missing"
            roster.problems.append(Problem(file, line, None, message))
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            message = "a quoted value opened on this row is never closed: a closing quote is missing"
        elif reader.line_num > line:
            message = f"unreadable CSV from this row on: {exc}; is a closing quote missing?"
        else:
            message = f"unreadable CSV: {exc}"
        roster.problems.append(Problem(file, line, None, message))


def _cells_getter(indices: list[int]) -> Callable[[list[str]], Sequence[str]]:
    """The values at ``indices`` of a row, as a sequence whatever their number (``itemgetter``
    gives a bare value for one index)."""
    if len(indices) == 1:
        index = indices[0]
        return lambda values: (values[index],)
    return itemgetter(*indices)


def _open_at_end(text: str) -> bool:
    """Whether ``text`` ends with a quote that opens an empty value (at the start of the text,
    after a comma or at the start of a line): the csv module reads it as an empty value (it
    reports only one that holds something), but it was cut short.

    >>> [_open_at_end(text) for text in ('a,"', 'a\\r\\n"', '"', 'a,"b"', 'a,""')]
    [True, True, True, False, False]
    """
    return text.endswith('"') and (len(text) == 1 or text[-2] in ",\r\n")


def _decode(data: bytes, file: str, problems: list[Problem]) -> str | None:
    """Text from UTF-8 (a byte-order mark is dropped) or, failing that, Windows-1252.

    A file with any valid UTF-8 beyond ASCII is UTF-8, and a byte that is not is reported
    at its row: read as Windows-1252, every other accented name in it would be garbled.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.append(Problem(file, None, None, "UTF-16 text is not supported: save the file as CSV (UTF-8)"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    lenient = data.decode("utf-8-sig", errors="surrogateescape")
    if any(ord(char) > 0x7F and not 0xDC80 <= ord(char) <= 0xDCFF for char in lenient):
        line = data.count(b"\n", 0, first_bad) + 1
        message = f"UTF-8 text with a byte that is not UTF-8 (0x{data[first_bad]:02x}): fix or retype that character"
        problems.append(Problem(file, line, None, message))
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start]
        problems.append(
            Problem(file, line, None, f"not UTF-8 or Windows-1252 text: byte 0x{bad:02x} has no meaning in either")
        )
        return None


def _counted(rows: list[Row], step: str, progress: Progress) -> Iterator[Row]:
    """``rows``, reporting every ``_EVERY`` rows and at the end how many have been taken.

    Each row is let go from the list as it is taken: a row's values are not needed once it
    is parsed, and a big roster's would otherwise live on beside its records.
    """
    total = len(rows)
    progress(step, 0, total)
    for done, row in enumerate(drained(rows), start=1):
        yield row
        if done % _EVERY == 0 or done == total:
            progress(step, done, total)


def _silent(step: str, done: int, total: int | None) -> None:
    """The progress callback of a load nobody watches."""
