"""The coverage heat map as a table that leads the eye to gaps, and its CSV download (its
Excel download is ``govgraph.xlsx.coverage_workbook``).

Each cell of a ``Coverage`` has a **gap state**, from the seats the coverage query counted:

* ``filled``: the body has seats speaking for the area and all are filled;
* ``partly-vacant``: some of those seats are filled, some vacant;
* ``vacant``: it has seats for the area and none is filled: the area has no voice there;
* ``no-seat``: it has no seat for the area at all.

A row's gaps are its cells in any state but ``filled``. The table can keep only the rows
with gaps and sort by their number; the downloads hold exactly the rows shown, in the order
shown. Text in a download that a spreadsheet would read as a formula is neutralised.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Literal

from govgraph.queries.coverage import Cell, Coverage
from govgraph.tables import cell

__all__ = ["GAP_LABELS", "GapState", "HeatCell", "HeatRow", "HeatTable", "Sort", "heat_table", "to_csv"]

GapState = Literal["filled", "partly-vacant", "vacant", "no-seat"]
Sort = Literal["name", "gaps"]

#: How each state reads in the legend and in a cell's text for screen readers.
GAP_LABELS: dict[str, str] = {
    "filled": "every seat filled",
    "partly-vacant": "a seat vacant, others filled",
    "vacant": "seats, none filled: no voice",
    "no-seat": "no seat for the area",
}


@dataclass(frozen=True)
class HeatCell:
    area_id: str
    filled: int
    seats: int
    state: GapState

    @property
    def text(self) -> str:
        """``filled/seats``, as the CLI's and the API's coverage rows read."""
        return f"{self.filled}/{self.seats}"


@dataclass(frozen=True)
class HeatRow:
    id: str
    name: str
    cells: tuple[HeatCell, ...]
    without_voice: int

    @property
    def gaps(self) -> int:
        return sum(cell.state != "filled" for cell in self.cells)


@dataclass(frozen=True)
class HeatTable:
    coverage: Coverage
    rows: tuple[HeatRow, ...]
    gaps_only: bool
    sort: Sort


def gap_state(cell: Cell) -> GapState:
    """
    >>> gap_state(Cell(area_id="senate:london", filled=1, vacant=2))
    'partly-vacant'
    """
    if cell.filled and cell.vacant:
        return "partly-vacant"
    if cell.filled:
        return "filled"
    return "vacant" if cell.vacant else "no-seat"


def heat_table(coverage: Coverage, *, gaps_only: bool = False, sort: Sort = "name") -> HeatTable:
    """The rows of ``coverage`` as shown: every body (or only those with gaps), in the
    query's order or by most gaps first (then the query's order)."""
    rows = [
        HeatRow(
            id=body.id,
            name=body.name,
            cells=tuple(HeatCell(c.area_id, c.filled, c.filled + c.vacant, gap_state(c)) for c in body.cells),
            without_voice=len(body.areas_without_voice),
        )
        for body in coverage.bodies
    ]
    if gaps_only:
        rows = [row for row in rows if row.gaps]
    if sort == "gaps":
        rows.sort(key=lambda row: -row.gaps)  # stable: the query's order among equals
    return HeatTable(coverage=coverage, rows=tuple(rows), gaps_only=gaps_only, sort=sort)


def _header(table: HeatTable) -> list[str]:
    return ["id", "name", *(area.name for area in table.coverage.areas), "areas without a voice", "gaps"]


def _values(row: HeatRow) -> list[str | int]:
    return [row.id, row.name, *(cell.text for cell in row.cells), row.without_voice, row.gaps]


def to_csv(table: HeatTable) -> str:
    """The rows shown as CSV: id, name, a ``filled/seats`` column per area (by its name),
    then the areas without a voice and the gaps."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([cell(v) for v in _header(table)])
    writer.writerows([cell(v) for v in _values(row)] for row in table.rows)
    return out.getvalue()
