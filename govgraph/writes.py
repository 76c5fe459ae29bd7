"""Writes to a roster folder: adding a person, filling a seat and ending a holding.

A write roster is a folder of CSV roster tables (``docs/rosters.md``) that a graph is
loaded with, on top of whatever else it loads (the REST service's ``GOVGRAPH_WRITE_DIR``,
or the folder given to ``govgraph person add`` / ``seat fill`` / ``seat end``). A write is
a row added to one of its tables, or one row's ``end`` changed, so its fields are that
table's columns and are checked exactly as a roster row is.

How a write happens, checked once
    ``RosterWriter`` reads the table, makes the new rows, and loads the graph once from a
    staged copy of the folder holding them (``loaders.writer.stage``), as a reload would.
    That load is the check: if it fails, a ``LoadError`` lists every problem, each naming
    the real folder's file, the row the write would have made and the column at fault, and
    nothing changes. Otherwise the changed table replaces the old one atomically and the
    graph just loaded is the answer, with the record as that graph has it.

A seat given by ``org`` + ``role`` (+ ``represents``) is saved with the seat the load gave
it (``post`` filled in, the other columns kept), so that later rows cannot move the holding
to another seat. Filling in ``post`` does not change that load's answer: the row already
held that seat, vacant throughout, when it was placed after every other row.

Callers take turns: ``RosterWriter`` does not lock. The service writes under its graph
holder's reload lock; two CLI processes writing to one folder at once may lose a row.

>>> import shutil, tempfile
>>> folder = Path(tempfile.mkdtemp()) / "writes"
>>> writer = RosterWriter.on(folder)
>>> written = writer.add_person(NewPerson(id="person:jo-example", name="Dr Jo Example"))
>>> written.record.source
'writes/people.csv row 2'
>>> chair = NewHolding(person="person:jo-example", org="crg:CFS", role="chair", start="2014-01-01")
>>> writer.fill_seat(chair).record.post
'post:crg:CFS/chair'
>>> shutil.rmtree(folder.parent)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Generic, TypeVar

from pydantic import BeforeValidator, Field

from govgraph.errors import HoldingNotFound, LoadError, Problem, RosterNotWritable
from govgraph.governance import Governance, load
from govgraph.graph.model import EdgeType, Person, Record
from govgraph.graph.store import EdgeView, GraphStore
from govgraph.graph.timeline import Span, parse_date
from govgraph.loaders.writer import ensure_roster_folder, read_rows, stage

__all__ = ["Holding", "HoldingEnd", "NewHolding", "NewPerson", "RosterWriter", "Written"]

T = TypeVar("T")


def _iso_date(value: object) -> date:
    # The roster loader's own date rule, so a date it would refuse is refused here too. A
    # ValueError, not a TypeError: pydantic turns only the former into a 422 on the field.
    if not isinstance(value, str | date):
        raise ValueError("expected an ISO date YYYY-MM-DD")
    return date.fromisoformat(parse_date(value, default_today=False))


def _text(value: object) -> object:
    """A write's text field as it will be saved: trimmed here, once, as a roster load trims
    a cell (``str.strip`` also takes NBSP and U+2028), so that the answer, the saved row and
    a later look-up all name the same id. Text that could not be saved as UTF-8 (a lone
    surrogate) or that no roster cell may hold (NUL) is a ValueError: a 422 on the field."""
    if not isinstance(value, str):
        return value  # pydantic reports the wrong type
    if "\x00" in value:
        raise ValueError("text must not contain a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode (it holds a lone surrogate)") from None
    return value.strip()


#: Text as a write saves it (``_text``).
Text = Annotated[str, BeforeValidator(_text)]

# The fields of a new row stay text, dates included, so that the roster checks judge them
# and report them in the same words as they would a CSV row's.


class NewPerson(Record):
    """A row of ``people.csv``."""

    id: Text = Field(description="`person:<slug>`, new to the graph.", examples=["person:jo-example"])
    name: Text = Field(description="As it should be shown.", examples=["Dr Jo Example"])
    email: Text | None = Field(default=None, description="A contact address; shown only to callers with the API key.")
    employer: Text | None = Field(default=None, description="Free text.")


class NewHolding(Record):
    """A row of ``memberships.csv``: the seat by `post`, or by `org` + `role` (+ `represents`)."""

    person: Text = Field(description="The holder, `person:...`.", examples=["person:jo-example"])
    post: Text | None = Field(default=None, description="The seat, `post:...`.", examples=["post:crg:CFS/chair"])
    org: Text | None = Field(default=None, description="With `role`, when `post` is empty: the body of the seat.")
    role: Text | None = Field(default=None, description="With `org`: the seat's role, e.g. clinical-member.")
    represents: Text | None = Field(default=None, description="With `org` + `role`: which of several such seats.")
    start: Text = Field(description="The first day held, YYYY-MM-DD.", examples=["2014-01-01"])
    end: Text | None = Field(
        default=None, description="The last day held, YYYY-MM-DD; empty: for as long as the seat lasts."
    )
    acting: bool = Field(default=False, description="An acting or interim holder.")


class HoldingEnd(Record):
    """Which holding to end, and its last day."""

    person: Text = Field(description="The holder, `person:...`.", examples=["person:jo-example"])
    post: Text = Field(description="The seat held, `post:...`.", examples=["post:crg:CFS/chair"])
    start: Annotated[date, BeforeValidator(_iso_date)] = Field(
        description="The holding's first day, YYYY-MM-DD: which holding it is.", examples=["2014-01-01"]
    )
    end: Text = Field(description="Its last day held, YYYY-MM-DD.", examples=["2015-03-31"])


class Holding(Record):
    """A holding as the graph has it after the write."""

    person: str = Field(description="The holder, `person:...`.")
    post: str = Field(description="The seat held, `post:...`.")
    start: date = Field(description="The first day held.")
    end: date | None = Field(description="The last day held; a holding saved with no end runs until its seat ends.")
    acting: bool = Field(description="Whether the holding is acting (an interim).")
    source: str = Field(description="Its citation: the write roster's file and row.")


@dataclass(frozen=True)
class Written(Generic[T]):
    """A write's outcome: the graph loaded with it, and the record it made or changed."""

    governance: Governance
    record: T


class RosterWriter:
    """Writes to the roster folder ``folder``, created with empty tables if missing.

    ``load(path)`` loads the whole graph with ``path`` as the write roster; a write calls it
    once, with a staged copy of the folder, to check the write and to answer with the graph.
    """

    def __init__(self, folder: Path, load: Callable[[Path], Governance]) -> None:
        ensure_roster_folder(folder)
        self.folder = folder
        self._load = load

    @classmethod
    def on(cls, folder: Path, *, data: Sequence[str | Path] = (), rules: Sequence[str | Path] = ()) -> RosterWriter:
        """A writer whose graph is the built-in dataset, the rosters ``data`` and the folder,
        checked with the built-in rules and ``rules``."""
        return cls(folder, lambda path: load([*data, path], rules=rules))

    def add_person(self, person: NewPerson) -> Written[Person]:
        """Add ``person`` as a row of ``people.csv``; the id must be new to the graph."""
        row = {"id": person.id, "name": person.name, "email": person.email or "", "employer": person.employer or ""}
        governance = self._append("people", row, fill_post=False)
        return Written(governance, Person.model_validate(dict(governance.store.node(person.id))))

    def fill_seat(self, holding: NewHolding) -> Written[Holding]:
        """Add ``holding`` as a row of ``memberships.csv``.

        The seat is ``post``, or the first seat by id of ``org`` with ``role`` (and
        ``represents``) that is vacant throughout the holding, saved in the row's ``post``.
        """
        row = {
            "person": holding.person,
            "post": holding.post or "",
            "org": holding.org or "",
            "role": holding.role or "",
            "represents": holding.represents or "",
            "start": holding.start,
            "end": holding.end or "",
            "acting": "yes" if holding.acting else "no",
        }
        governance = self._append("memberships", row, fill_post=not row["post"])
        # The load accepted start, so it is an ISO date (trimmed already, as every field is).
        start = date.fromisoformat(holding.start)
        return Written(governance, _holding(governance.store, holding.person, row["post"], start))

    def end_holding(self, change: HoldingEnd, current: GraphStore | None = None) -> Written[Holding]:
        """Make ``change.end`` the last day of ``change.person``'s holding of ``change.post``
        from ``change.start`` (replacing any it had).

        ``current`` is the graph as it is now, to find the holding in; without it, the folder
        is loaded as it is. Raises ``NotFound`` for an unknown person or post,
        ``HoldingNotFound`` for a holding nobody has, ``RosterNotWritable`` for one that comes
        from another roster, and ``LoadError`` for an end the roster checks refuse.
        """
        store = current if current is not None else self._load(self.folder).store
        edge = _find_holding(store, change.person, change.post, change.start)
        existing = read_rows(self.folder, "memberships")
        # The edge cites the row it came from. A roster that is only read could be a folder
        # of the same name, so the row must also be this person's from this day.
        index = next(
            (
                i
                for i, row in enumerate(existing)
                if (row.source, row.values["person"], row.values["start"])
                == (edge.attrs["source"], change.person, change.start.isoformat())
            ),
            None,
        )
        if index is None:
            raise RosterNotWritable(
                f"{change.person!r} holds {change.post!r} from {change.start} by {edge.attrs['source']}, not by "
                f"the write roster {self.folder.name!r}: change that roster and reload"
            )
        rows = [dict(row.values) for row in existing]
        rows[index]["end"] = change.end
        governance = self._replace("memberships", rows)
        return Written(governance, _holding(governance.store, change.person, change.post, change.start))

    # -- the one staged load ------------------------------------------------------------

    def _append(self, table: str, row: dict[str, str], *, fill_post: bool) -> Governance:
        """The graph with ``row`` added to ``table``, which is saved; with ``fill_post``, the
        row's ``post`` is set to the seat the load gave it, and saved so."""
        rows = [dict(existing.values) for existing in read_rows(self.folder, table)]
        if not any(value.strip() for value in row.values()):
            # A roster load skips a row of blanks, as it does a blank line: saved, this row
            # would be kept in the file but never loaded, and the write would answer for nothing.
            first = next(iter(row))  # the table's key column (id, person): rows are built in column order
            raise LoadError([Problem(str(self.folder / f"{table}.csv"), len(rows) + 2, first, "a value is required")])
        with stage(self.folder, table, [*rows, row]) as staged:
            governance = staged.load(self._load)
            if fill_post:
                source = staged.rows(table)[-1].source
                row["post"] = _post_of(governance.store, row["person"], source)
                staged.rewrite([*rows, row])
            staged.commit()
        return governance

    def _replace(self, table: str, rows: list[dict[str, str]]) -> Governance:
        """The graph with ``table`` holding ``rows``, checked by loading it all, then saved."""
        with stage(self.folder, table, rows) as staged:
            governance = staged.load(self._load)
            staged.commit()
        return governance


def _post_of(store: GraphStore, person: str, source: str) -> str:
    """The seat of ``person``'s holding cited as ``source`` (a row of the write roster)."""
    return next(edge.to_id for edge in store.out_edges(person, EdgeType.HOLDS) if edge.attrs["source"] == source)


def _find_holding(store: GraphStore, person: str, post: str, start: date) -> EdgeView:
    """The HOLDS edge of ``person`` to ``post`` from ``start``."""
    for id in (person, post):
        store.node(id)  # raises NotFound, with the closest ids, for an unknown one
    held = [edge for edge in store.out_edges(person, EdgeType.HOLDS) if edge.to_id == post]
    edge = next((edge for edge in held if edge.attrs.get("valid_from") == start.isoformat()), None)
    if edge is None:
        starts = sorted(str(edge.attrs.get("valid_from")) for edge in held)
        others = f"holds it from {', '.join(starts)}, not from {start}" if starts else "has never held it"
        raise HoldingNotFound(f"no holding of {post!r} by {person!r} from {start}: {person!r} {others}")
    return edge


def _holding(store: GraphStore, person: str, post: str, start: date) -> Holding:
    attrs = _find_holding(store, person, post, start).attrs
    return Holding(
        person=person,
        post=post,
        start=start,
        end=Span.from_attrs(attrs).last_day,
        acting=attrs.get("acting", False),
        source=attrs["source"],
    )
