"""Coverage: a matrix of bodies (CRGs or boards) by areas (Senate areas, regions, hubs, ICBs).

A cell counts the **filled** and **vacant** seats of the body that speak for the area on
the day (filled and vacant as in ``govgraph.queries._seats``). A seat speaks for an area
when its REPRESENTS target is:

* ``by=senate`` or ``by=icb``: the area itself or a body it succeeded (an ICB's 2021
  CCGs, the North West senate's two predecessors). The 42 ICB footprints are columns on
  any day, so a day before July 2022 is answered through the CCGs each ICB replaced;
* ``by=region``: the region, or anything that is part of it on the day (a Senate area, a
  hub, an ICB), or a body those succeeded;
* ``by=hub``: the hub, or a CCG that is part of it on the day.

A body with no seat for an area shows ``filled=0, vacant=0``: no voice and no seat for one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from functools import lru_cache

from pydantic import Field

from govgraph.errors import InvalidParameter
from govgraph.graph.model import EdgeType, NodeKind, Record
from govgraph.graph.store import GraphStore, NodeData
from govgraph.graph.timeline import parse_date
from govgraph.graph.traverse import reachable
from govgraph.queries._day import DayIndex, SeatRow, gc_paused
from govgraph.queries._result import Result
from govgraph.queries._seats import predecessors

__all__ = ["Area", "BodyRow", "By", "Cell", "Coverage", "Of", "coverage"]


class Of(StrEnum):
    CRG = "crg"
    BOARD = "board"


class By(StrEnum):
    SENATE = "senate"
    REGION = "region"
    HUB = "hub"
    ICB = "icb"


_AREA_KIND = {By.SENATE: NodeKind.SENATE, By.REGION: NodeKind.REGION, By.HUB: NodeKind.HUB, By.ICB: NodeKind.ICB}
_BODY_KIND = {Of.CRG: NodeKind.CRG, Of.BOARD: NodeKind.BOARD}


class Area(Record):
    id: str = Field(description="The area's id: a Senate area, region, hub or ICB.")
    name: str = Field(description="The area's name.")


class Cell(Record):
    area_id: str = Field(description="The area (column) this cell is for.")
    filled: int = Field(description="Filled seats of the body speaking for the area on as_of.")
    vacant: int = Field(description="Vacant seats of the body speaking for the area on as_of.")


class BodyRow(Record):
    id: str = Field(description="The body's id: a CRG or board.")
    name: str = Field(description="The body's name.")
    cells: list[Cell] = Field(description="One per area, in the order of Coverage.areas.")
    areas_without_voice: list[str] = Field(description="Areas with no filled seat on this body.")


class Coverage(Result):
    as_of: date = Field(description="The day the matrix is for.")
    of: Of = Field(description="What the rows are: CRGs or boards.")
    by: By = Field(description="What the columns are: Senate areas, regions, hubs or ICBs.")
    areas: list[Area] = Field(description="The columns: every area of that kind existing on as_of, in order.")
    bodies: list[BodyRow] = Field(description="Bodies with at least one seat speaking for an area of this kind.")


def coverage(
    store: GraphStore,
    *,
    of: Of | str = Of.CRG,
    by: By | str = By.SENATE,
    as_of: str | date | None = None,
    index: DayIndex | None = None,
) -> Coverage:
    """The body x area matrix of filled and vacant seats on the day.

    The seats are read from the day's tables (``govgraph.queries._day``); ``index`` passes
    tables already read for the same store and day.

    >>> from govgraph.loaders import load_reference
    >>> cov = coverage(load_reference(), of="crg", by="senate", as_of="2014-01-01")
    >>> len(cov.areas), len(cov.bodies)
    (12, 72)
    >>> [(c.area_id, c.vacant) for c in cov.bodies[0].cells if c.area_id == "senate:london"]
    [('senate:london', 3)]
    """
    try:
        of, by = Of(of), By(by)
    except ValueError as exc:
        raise InvalidParameter(
            f"{exc}; of is one of {[o.value for o in Of]}, by one of {[b.value for b in By]}"
        ) from None
    day = parse_date(as_of)
    # ICB footprints are columns on any day: before July 2022 they are answered through
    # the CCGs each ICB replaced.
    areas = sorted(store.nodes(_AREA_KIND[by], as_of=None if by is By.ICB else day), key=lambda a: a["name"])
    # Set-at-a-time: each REPRESENTS target maps to the columns it counts for, so every
    # seat is read once rather than once per area.
    columns: dict[str, list[int]] = {}
    for column, area in enumerate(areas):
        for target in _speakers(store, area["id"], by, day):
            columns.setdefault(target, []).append(column)
    bodies = sorted(store.nodes(_BODY_KIND[of], as_of=day), key=lambda b: b["id"])
    with gc_paused():
        tables = index if index is not None else DayIndex(store, day)
        # Imported here: numpy is loaded only by a question about many bodies (tests/cli/test_startup.py).
        from govgraph.queries._columns import day_columns

        columns_of_day = day_columns(tables)
        counted: Iterable[tuple[list[int], list[int]]]
        if columns_of_day is None:
            counted = (_count_seats(tables.seats(body["id"])[0], columns, len(areas)) for body in bodies)
        else:  # every body's seats at once, as arrays
            numbers = columns_of_day.body_numbers(body["id"] for body in bodies)
            seats, cols = columns_of_day.seats_by_area(numbers, columns)
            filled, vacant = columns_of_day.counts(seats, cols, numbers, len(areas))
            counted = zip(filled.tolist(), vacant.tolist(), strict=True)
        found = [_row(body, areas, filled, vacant) for body, (filled, vacant) in zip(bodies, counted, strict=True)
                 if any(filled) or any(vacant)]  # fmt: skip
        del tables, columns_of_day  # freed before the collector comes back (``gc_paused``)
    return Coverage(as_of=day, of=of, by=by, areas=[Area(id=a["id"], name=a["name"]) for a in areas], bodies=found)


def _count_seats(seats: list[SeatRow], columns: dict[str, list[int]], width: int) -> tuple[list[int], list[int]]:
    """Filled and vacant seats per column of one body, each seat once per column."""
    filled, vacant = [0] * width, [0] * width
    for seat in seats:
        counts = filled if seat.filled else vacant
        for column in {c for target in seat.represents for c in columns.get(target, ())}:
            counts[column] += 1
    return filled, vacant


def _row(body: NodeData, areas: list[NodeData], filled: list[int], vacant: list[int]) -> BodyRow:
    cells = [_cell(area["id"], f, v) for area, f, v in zip(areas, filled, vacant, strict=True)]
    return BodyRow(
        id=body["id"], name=body["name"], cells=cells, areas_without_voice=[c.area_id for c in cells if not c.filled]
    )


@lru_cache(maxsize=4096)
def _cell(area_id: str, filled: int, vacant: int) -> Cell:
    """One cell: immutable, so equal cells are one object (a matrix of thousands of bodies
    holds few distinct cells, and building each is most of the time of a large matrix)."""
    return Cell(area_id=area_id, filled=filled, vacant=vacant)


def _speakers(store: GraphStore, area_id: str, by: By, day: str) -> frozenset[str]:
    """Every REPRESENTS target that counts for ``area_id``."""
    ids = set(predecessors(store, area_id))
    if by in (By.REGION, By.HUB):
        # A hub's parts are its CCGs; a region's are its hubs, and their CCGs, two steps down.
        depth = 2 if by is By.REGION else 1
        for part in reachable(store, area_id, EdgeType.PART_OF, direction="in", as_of=day, max_depth=depth):
            ids |= predecessors(store, part)
    return frozenset(ids)
