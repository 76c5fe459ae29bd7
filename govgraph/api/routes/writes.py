"""Writes: adding a person, filling a seat and ending a holding.

Who may write
    Every write needs the API key in the ``X-API-Key`` header (``deps.require_write_access``):
    a missing or wrong key is 401 ``unauthorized``; a service started without a key, or
    without a write folder (``GOVGRAPH_WRITE_DIR``), answers 403 ``admin_disabled``.

Where writes go
    Into the service's write roster, a folder of CSV roster tables (``docs/rosters.md``)
    loaded on top of the other rosters at every start and reload. A request's fields are
    that roster's columns, so they are checked exactly as a roster row is.

How a write happens
    Under the graph holder's reload lock, so that writes and reloads take turns: read the
    write roster's table, add or change the row, and load a whole new graph from a staged
    copy of the roster (``loaders.writer.stage``), as a reload would. If that fails, the
    answer is 422 ``load_error`` with every problem, each naming the field (the column)
    and the row the request would have made, and nothing changes. Otherwise the changed
    table replaces the old one atomically and the new graph is served; requests already
    under way finish on the old one.

A seat given by ``org`` + ``role`` (+ ``represents``) is saved with the seat it was given
(``post`` filled in, the other columns kept), so that later rows cannot move the holding
to another seat.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, status
from fastapi.exceptions import RequestValidationError
from pydantic import BeforeValidator, Field

from govgraph.api.deps import HolderDep, SettingsDep, load_graph, require_write_access
from govgraph.api.errors import (
    AdminDisabled,
    ApiKeyRejected,
    BodyTooLarge,
    ErrorResponse,
    HoldingNotFound,
    RosterNotWritable,
    error_responses,
)
from govgraph.api.settings import Settings
from govgraph.errors import LoadError, NotFound, Problem
from govgraph.governance import Governance
from govgraph.graph.model import EdgeType, Person, Record
from govgraph.graph.store import EdgeView, GraphStore
from govgraph.graph.timeline import Span, parse_date
from govgraph.loaders.writer import read_rows, stage

router = APIRouter(tags=["writes"], dependencies=[Depends(require_write_access)])

_WRITE_ERRORS = (ApiKeyRejected, AdminDisabled, BodyTooLarge, LoadError, RequestValidationError)


def _write_responses(*exceptions: type[Exception]) -> dict[int | str, dict[str, object]]:
    """A write's documented errors: ``_WRITE_ERRORS`` and ``exceptions``, and the 400 the
    framework answers itself (in the one error shape) for a body that is not UTF-8 text."""
    unreadable = {"model": ErrorResponse, "description": "A body that is not UTF-8 text, so not JSON at all."}
    return {**error_responses(*_WRITE_ERRORS, *exceptions), 400: unreadable}


# The fields of a new row stay text, dates included, so that the roster checks judge them
# and report them in the same words as they would a CSV row's.


def _iso_date(value: object) -> date:
    # The roster loader's own date rule, so a date it would refuse is refused here too.
    if not isinstance(value, (str, date)):
        raise ValueError("expected an ISO date YYYY-MM-DD")
    return date.fromisoformat(parse_date(value, default_today=False))


class NewPerson(Record):
    """A row of ``people.csv``."""

    id: str = Field(description="`person:<slug>`, new to the graph.", examples=["person:jo-example"])
    name: str = Field(description="As it should be shown.", examples=["Dr Jo Example"])
    email: str | None = Field(default=None, description="A contact address; shown only to callers with the API key.")
    employer: str | None = Field(default=None, description="Free text.")


class NewHolding(Record):
    """A row of ``memberships.csv``: the seat by `post`, or by `org` + `role` (+ `represents`)."""

    person: str = Field(description="The holder, `person:...`.", examples=["person:jo-example"])
    post: str | None = Field(default=None, description="The seat, `post:...`.", examples=["post:crg:CFS/chair"])
    org: str | None = Field(default=None, description="With `role`, when `post` is empty: the body of the seat.")
    role: str | None = Field(default=None, description="With `org`: the seat's role, e.g. clinical-member.")
    represents: str | None = Field(default=None, description="With `org` + `role`: which of several such seats.")
    start: str = Field(description="The first day held, YYYY-MM-DD.", examples=["2014-01-01"])
    end: str | None = Field(
        default=None, description="The last day held, YYYY-MM-DD; empty: for as long as the seat lasts."
    )
    acting: bool = Field(default=False, description="An acting or interim holder.")


class HoldingEnd(Record):
    """Which holding to end, and its last day."""

    person: str = Field(description="The holder, `person:...`.", examples=["person:jo-example"])
    post: str = Field(description="The seat held, `post:...`.", examples=["post:crg:CFS/chair"])
    start: Annotated[date, BeforeValidator(_iso_date)] = Field(
        description="The holding's first day, YYYY-MM-DD: which holding it is.", examples=["2014-01-01"]
    )
    end: str = Field(description="Its last day held, YYYY-MM-DD.", examples=["2015-03-31"])


class Holding(Record):
    """A holding as the graph has it after the write."""

    person: str
    post: str
    start: date = Field(description="The first day held.")
    end: date | None = Field(description="The last day held; a holding saved with no end runs until its seat ends.")
    acting: bool
    source: str = Field(description="Its citation: the write roster's file and row.")


@router.post("/people", status_code=status.HTTP_201_CREATED, responses=_write_responses())
def add_person(person: NewPerson, holder: HolderDep, settings: SettingsDep) -> Person:
    """Add a person, as a row of the write roster's `people.csv`.

    The id must be new to the graph. Answers with the person as the graph now has it,
    email included, and its citation.
    """
    row = {"id": person.id, "name": person.name, "email": person.email or "", "employer": person.employer or ""}
    loaded = holder.update(lambda: _append(settings, "people", row))
    return Person.model_validate(dict(loaded.governance.store.node(person.id)))


@router.post("/memberships", status_code=status.HTTP_201_CREATED, responses=_write_responses())
def add_holding(holding: NewHolding, holder: HolderDep, settings: SettingsDep) -> Holding:
    """Fill a seat: a person holds it from `start` (to `end`, the last day, if given), as a
    row of the write roster's `memberships.csv`.

    The seat is `post`, or the first seat by id of `org` with `role` (and `represents`)
    that is vacant throughout the holding. A one-holder seat held by someone else on any
    of those days, a seat that does not exist throughout, an unknown id: 422 with the
    problem on the field at fault.
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

    def build() -> Governance:
        if not row["post"]:
            row["post"] = _seat_given(settings, row)
        return _append(settings, "memberships", row)

    loaded = holder.update(build)
    # The load accepted start, so it is an ISO date once trimmed, as the load trims it.
    return _holding(loaded.governance.store, holding.person, row["post"], date.fromisoformat(holding.start.strip()))


@router.post(
    "/memberships/end",
    responses=_write_responses(NotFound, HoldingNotFound, RosterNotWritable),
)
def end_holding(change: HoldingEnd, holder: HolderDep, settings: SettingsDep) -> Holding:
    """End a holding: `end` becomes its last day (replacing any it had).

    The holding is `person`'s of `post` starting on `start`. It must come from the write
    roster: one from another roster answers 409 `roster_not_writable` (change it there and
    reload). An unknown person or post is 404 `not_found`; a holding that does not exist,
    404 `holding_not_found`. An `end` before `start` or after the seat ends is 422.
    """

    def build() -> Governance:
        store = holder.current.governance.store
        edge = _find_holding(store, change.person, change.post, change.start)
        existing = read_rows(_write_folder(settings), "memberships")
        # The edge cites the row it came from. A read-only roster could be a folder of the
        # same name, so the row must also be this person's from this day.
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
                f"{change.person!r} holds {change.post!r} from {change.start} by {edge.attrs['source']}, a roster "
                "the service only reads: change that roster and reload"
            )
        rows = [dict(row.values) for row in existing]
        rows[index]["end"] = change.end
        return _replace(settings, "memberships", rows)

    loaded = holder.update(build)
    return _holding(loaded.governance.store, change.person, change.post, change.start)


def _write_folder(settings: Settings) -> Path:
    # require_write_access has let the request through, so the folder is configured.
    assert settings.write_dir is not None
    return settings.write_dir


def _append(settings: Settings, table: str, row: dict[str, str]) -> Governance:
    """The graph with ``row`` added to the write roster's ``table``, which is saved."""
    rows = [dict(existing.values) for existing in read_rows(_write_folder(settings), table)]
    if not any(value.strip() for value in row.values()):
        # A roster load skips a row of blanks, as it does a blank line: saved, this row
        # would be kept in the file but never loaded, and the write would answer for nothing.
        file = str(_write_folder(settings) / f"{table}.csv")
        first = next(iter(row))  # the table's key column (id, person): rows are built in column order
        raise LoadError([Problem(file, len(rows) + 2, first, "a value is required")])
    return _replace(settings, table, [*rows, row])


def _replace(settings: Settings, table: str, rows: list[dict[str, str]]) -> Governance:
    """The graph with the write roster's ``table`` holding ``rows``: checked by loading it
    all as a reload would, then saved. A ``LoadError`` leaves the roster as it was."""
    with stage(_write_folder(settings), table, rows) as staged:
        governance = staged.load(lambda path: load_graph(settings, write_roster=path))
        staged.commit()
    return governance


def _seat_given(settings: Settings, row: dict[str, str]) -> str:
    """The seat a membership row given by ``org`` + ``role`` takes, as the roster load
    places it after every other row. Raises ``LoadError`` if it takes none."""
    folder = _write_folder(settings)
    rows = [dict(existing.values) for existing in read_rows(folder, "memberships")]
    with stage(folder, "memberships", [*rows, row]) as staged:
        governance = staged.load(lambda path: load_graph(settings, write_roster=path))
        source = staged.rows("memberships")[-1].source
    edges = governance.store.out_edges(row["person"], EdgeType.HOLDS)
    return next(edge.to_id for edge in edges if edge.attrs["source"] == source)


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
