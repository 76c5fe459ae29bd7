"""Writes over HTTP: adding a person, filling a seat and ending a holding.

The routes translate HTTP to ``govgraph.writes.RosterWriter`` on the service's write
roster (``GOVGRAPH_WRITE_DIR``), whose docstring says how a write is checked and saved;
a refused write answers 422 ``load_error`` with every problem, and nothing changes.

Who may write
    Every write needs the API key in the ``X-API-Key`` header (``access.require_write_access``):
    a missing or wrong key is 401 ``unauthorized``; a service started without a key, or
    without a write folder (``GOVGRAPH_WRITE_DIR``), answers 403 ``admin_disabled``.

Writes and reloads take turns
    A write runs under the graph holder's reload lock, and the graph its check loaded is
    served next; requests already under way finish on the old one. Queued writes wait
    for the holder's one write thread (``GraphHolder.run_write``), not in the pool reads
    are answered from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fastapi import APIRouter, Depends, status
from fastapi.exceptions import RequestValidationError

from govgraph.api.access import KeyFirstRoute, require_write_access
from govgraph.api.deps import HolderDep, SettingsDep
from govgraph.api.errors import ErrorResponse, error_responses
from govgraph.api.holder import GraphHolder
from govgraph.api.loading import load_graph
from govgraph.api.operation_ids import operation_id
from govgraph.api.settings import Settings
from govgraph.errors import (
    AdminDisabled,
    ApiKeyRejected,
    BodyTooLarge,
    HoldingNotFound,
    LoadError,
    NotFound,
    RosterNotWritable,
)
from govgraph.graph.model import Person
from govgraph.writes import Holding, HoldingEnd, NewHolding, NewPerson, RosterWriter, Written

T = TypeVar("T")

router = APIRouter(
    tags=["writes"],
    dependencies=[Depends(require_write_access)],
    route_class=KeyFirstRoute,
    generate_unique_id_function=operation_id,
)

_WRITE_ERRORS = (ApiKeyRejected, AdminDisabled, BodyTooLarge, LoadError, RequestValidationError)


def _write_responses(*exceptions: type[Exception]) -> dict[int | str, dict[str, object]]:
    """A write's documented errors: ``_WRITE_ERRORS`` and ``exceptions``, and the 400 the
    framework answers itself (in the one error shape) for a body that is not UTF-8 text."""
    unreadable = {"model": ErrorResponse, "description": "A body that is not UTF-8 text, so not JSON at all."}
    return {**error_responses(*_WRITE_ERRORS, *exceptions), 400: unreadable}


def _writer(settings: Settings) -> RosterWriter:
    # require_write_access has let the request through, so the folder is configured.
    assert settings.write_dir is not None
    return RosterWriter(settings.write_dir, lambda path: load_graph(settings, write_roster=path))


async def _write(holder: GraphHolder, settings: Settings, change: Callable[[RosterWriter], Written[T]]) -> T:
    """Make ``change`` under the reload lock, in the holder's write thread, serve the graph
    it checked, and answer with what it wrote."""

    def write() -> T:
        with holder.writing() as serve:
            written = change(_writer(settings))
            serve(written.governance)
        return written.record

    return await holder.run_write(write)


@router.post("/people", status_code=status.HTTP_201_CREATED, responses=_write_responses())
async def add_person(person: NewPerson, holder: HolderDep, settings: SettingsDep) -> Person:
    """Add a person, as a row of the write roster's `people.csv`.

    The id must be new to the graph. Answers with the person as the graph now has it,
    email included, and its citation.
    """
    return await _write(holder, settings, lambda writer: writer.add_person(person))


@router.post("/memberships", status_code=status.HTTP_201_CREATED, responses=_write_responses())
async def add_holding(holding: NewHolding, holder: HolderDep, settings: SettingsDep) -> Holding:
    """Fill a seat: a person holds it from `start` (to `end`, the last day, if given), as a
    row of the write roster's `memberships.csv`.

    The seat is `post`, or the first seat by id of `org` with `role` (and `represents`)
    that is vacant throughout the holding, saved in the row's `post`. A one-holder seat
    held by someone else on any of those days, a seat that does not exist throughout, an
    unknown id: 422 with the problem on the field at fault.
    """
    return await _write(holder, settings, lambda writer: writer.fill_seat(holding))


@router.post(
    "/memberships/end",
    responses=_write_responses(NotFound, HoldingNotFound, RosterNotWritable),
)
async def end_holding(change: HoldingEnd, holder: HolderDep, settings: SettingsDep) -> Holding:
    """End a holding: `end` becomes its last day (replacing any it had).

    The holding is `person`'s of `post` starting on `start`. It must come from the write
    roster: one from another roster answers 409 `roster_not_writable` (change it there and
    reload). An unknown person or post is 404 `not_found`; a holding that does not exist,
    404 `holding_not_found`. An `end` before `start` or after the seat ends is 422.
    """
    # The store is read under the lock, so it is the graph the last write or reload left.
    return await _write(holder, settings, lambda writer: writer.end_holding(change, holder.current.governance.store))
