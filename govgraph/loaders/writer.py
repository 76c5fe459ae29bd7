"""Changing a CSV roster folder safely: check the change as a whole load would, then
swap each changed file in whole.

The REST service keeps the people and holdings it is sent in a roster folder of its own
(``docs/rosters.md`` describes the four tables). A change goes through ``stage``:

1. the folder's tables, with one table replaced by its new rows, are written to a staging
   folder *inside* the roster folder, named like it, so that its records cite the same
   ``<folder>/<table>.csv row N`` the real folder will give them;
2. the caller loads the staged folder (``StagedRoster.load``) exactly as it would load the
   real one; a ``LoadError`` names the real folder's files and nothing has changed;
3. ``StagedRoster.commit`` renames the staged table over the real one. The staged file
   was flushed to disk first and the rename is atomic (``os.replace`` within one folder),
   so a reader, a crash or a power cut sees the old table or the new one, never half.

The staging folder starts with a dot; loading a roster folder ignores its sub-folders,
so a staging folder left by a crash is never read, and ``ensure_roster_folder`` (run as a
writer starts) removes those left for over ``STALE_AFTER_SECONDS``.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp()) / "writes"
>>> ensure_roster_folder(folder)
>>> sorted(path.name for path in folder.iterdir())
['memberships.csv', 'organisations.csv', 'people.csv', 'posts.csv']
>>> with stage(folder, "people", [{"id": "person:jo-example", "name": "Jo Example"}]) as staged:
...     staged.commit()
>>> [row.values["id"] for row in read_rows(folder, "people")]
['person:jo-example']
>>> shutil.rmtree(folder.parent)
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from govgraph.errors import LoadError, Problem
from govgraph.loaders._tables import TABLES, Row
from govgraph.loaders.roster import read_csv_folder

__all__ = ["StagedRoster", "ensure_roster_folder", "read_rows", "stage"]

T = TypeVar("T")


#: Staging left this long is a crash's: a write's load takes seconds. Younger staging may be
#: another process's write under way, and is left alone.
STALE_AFTER_SECONDS = 3600


def ensure_roster_folder(folder: Path) -> None:
    """Create ``folder`` if it is missing, and in it each of the four tables it lacks as
    a header alone, so that it always loads as a roster, even before its first row.

    Raises
    ------
    LoadError
        when the folder cannot be created (a file is in the way, no permission).
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_stale_staging(folder)
        present = _table_files(folder)
        for table in TABLES:
            if table not in present:
                _replace_atomically(folder / f"{table}.csv", _csv_text(table, []))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise LoadError([Problem(str(folder), None, None, f"cannot use it as a roster folder: {reason}")]) from exc


def read_rows(folder: Path, table: str) -> list[Row]:
    """The rows of one table of a roster folder, in file order.

    Raises
    ------
    LoadError
        when any table of the folder cannot be read (a bad header, bad encoding): a
        change written from a partial reading would lose rows.
    """
    roster = read_csv_folder(folder)
    if roster.problems:
        raise LoadError(roster.problems)
    return [row for row in roster.rows if row.table == table]


@dataclass(frozen=True)
class StagedRoster:
    """A copy of a roster folder with one table changed, not yet in place.

    ``path`` is the staged folder (same name as ``folder``); ``table`` is the changed table
    and ``file`` its file's name in both.
    """

    folder: Path
    path: Path
    table: str
    file: str

    def load(self, load: Callable[[Path], T]) -> T:
        """``load(path)``, with a ``LoadError``'s problems naming the real folder's files
        rather than the staging folder's."""
        try:
            return load(self.path)
        except LoadError as exc:
            staged, real = str(self.path), str(self.folder)
            problems = [
                Problem(p.file.replace(staged, real), p.row, p.field, p.message.replace(staged, real))
                for p in exc.problems
            ]
            raise type(exc)(problems) from None

    def rows(self, table: str) -> list[Row]:
        """The staged rows of one table, with the citations they load with."""
        return read_rows(self.path, table)

    def rewrite(self, rows: Iterable[Mapping[str, str]]) -> None:
        """Replace the staged table's rows without loading them: for a change the caller
        knows the load would answer the same (a seat the load picked, written in)."""
        staged = self.path / self.file
        staged.unlink()
        _write_synced(staged, _csv_text(self.table, rows))

    def commit(self) -> None:
        """Put the changed table in place of the real one, atomically."""
        os.replace(self.path / self.file, self.folder / self.file)
        _sync_folder(self.folder)


@contextmanager
def stage(folder: Path, table: str, rows: Iterable[Mapping[str, str]]) -> Iterator[StagedRoster]:
    """Stage ``folder`` with ``table`` holding ``rows`` (values by column name; a missing
    column is empty), for the block to load and perhaps commit. The staging folder is
    removed when the block ends, committed or not.
    """
    files = _table_files(folder)
    file = files[table].name if table in files else f"{table}.csv"
    with tempfile.TemporaryDirectory(dir=folder, prefix=".staging-") as scratch:
        staged = Path(scratch) / folder.name
        staged.mkdir()
        for other, path in files.items():
            if other != table:
                shutil.copyfile(path, staged / path.name)
        _write_synced(staged / file, _csv_text(table, rows))
        yield StagedRoster(folder=folder, path=staged, table=table, file=file)


def _table_files(folder: Path) -> dict[str, Path]:
    """The folder's table files by table name, chosen as ``read_csv_folder`` chooses them
    (names in any case)."""
    files = {path.name.lower(): path for path in sorted(folder.iterdir()) if path.is_file()}
    return {table: files[f"{table}.csv"] for table in TABLES if f"{table}.csv" in files}


def _csv_text(table: str, rows: Iterable[Mapping[str, str]]) -> str:
    out = io.StringIO()
    # "\n" on every platform, as the synthetic roster writer does; every column, in order.
    writer = csv.DictWriter(out, TABLES[table].columns, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _remove_stale_staging(folder: Path) -> None:
    """Remove the staging folders and scratch files a crashed write left in ``folder``."""
    cutoff = time.time() - STALE_AFTER_SECONDS
    for path in folder.iterdir():
        staging = path.is_dir() and path.name.startswith(".staging-")
        scratch = path.is_file() and path.name.startswith(".") and path.name.endswith(".tmp")
        if not (staging or scratch) or path.stat().st_mtime >= cutoff:
            continue
        if staging:
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _replace_atomically(path: Path, text: str) -> None:
    scratch = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        _write_synced(scratch, text)
        os.replace(scratch, path)
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _write_synced(path: Path, text: str) -> None:
    """Write a new file and flush it to disk, so that renaming it later moves whole data."""
    with path.open("x", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries, so that a rename in it survives a power cut. Only POSIX
    systems can open a folder to do so."""
    if os.name == "posix":
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
