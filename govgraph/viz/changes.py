"""The changes between two days: rows for a sortable table, and a diagram drawn from ``Changes``.

The table is the main view (who joined and left which seat, which bodies began, ended or
were succeeded, which seats fell vacant or were filled); the diagram is a second one, a
block per sort of change with what changed in a grid under its heading and, for a person
who joined or left a seat (or a body succeeded), the seat (or successor) just below.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from govgraph.graph.model import EdgeType, NodeKind
from govgraph.queries.changes import Change, Changes
from govgraph.viz.layout import LABEL_HEIGHT, LABEL_WIDTH
from govgraph.viz.model import (
    LegendEntry,
    VisEdge,
    VisGraph,
    VisNode,
    edge_legend,
    kind_colour,
    kind_legend,
    label,
    typed_edge,
    vis_edge,
)
from govgraph.viz.palette import CHANGE_COLOURS

__all__ = ["CHANGE_SORTS", "MAX_CHANGES_DRAWN", "ChangeRow", "change_rows", "changes_diagram"]

#: Each sort of change, the field of ``Changes`` that lists it, and its heading.
CHANGE_SORTS = (
    ("appeared", "bodies_created", "Appeared"),
    ("ended", "bodies_ended", "Ended"),
    ("succeeded", "bodies_succeeded", "Succeeded by"),
    ("fell vacant", "seats_vacated", "Fell vacant"),
    ("filled", "seats_filled", "Filled"),
    ("joined", "joined", "Joined a seat"),
    ("left", "left", "Left a seat"),
)
_HOLDINGS = ("joined", "left")

#: Past this many changes of one sort, the diagram draws one node that says how many more:
#: a year of a large roster holds thousands of joiners (the table lists them all).
MAX_CHANGES_DRAWN = 250
_NODE_SIZE = 12
_GROUP_SIZE = 24


@dataclass(frozen=True)
class ChangeRow:
    """One line of the changes table."""

    sort: str
    heading: str
    on: str
    id: str
    name: str
    other_id: str | None
    other_name: str | None


def change_rows(changes: Changes) -> list[ChangeRow]:
    """Every change as a table row, by sort then day then id."""
    rows = []
    for sort, field, heading in CHANGE_SORTS:
        item: Change
        for item in getattr(changes, field):
            rows.append(ChangeRow(sort=sort, heading=heading, on=item.on.isoformat() if item.on else "", id=item.id,
                                  name=item.name, other_id=item.other_id, other_name=item.other_name))  # fmt: skip
    return rows


def changes_diagram(changes: Changes) -> VisGraph:
    nodes: dict[str, VisNode] = {}
    edges: dict[str, VisEdge] = {}
    notes: list[str] = []
    left = 0.0

    def add_node(id: str, name: str, x: float, y: float, why: str) -> None:
        if id in nodes:
            nodes[id] = nodes[id].model_copy(update={"title": [*nodes[id].title, why]})
            return
        kind, colour = kind_colour(id)
        # Seat names repeat from body to body ("Chair"); a seat's id says whose it is.
        text = id.removeprefix("post:") if kind == NodeKind.POST else name
        nodes[id] = VisNode(id=id, label=label(text, lines=2), group=kind, color=colour, shape="dot",
                            size=_NODE_SIZE, title=[name, f"{kind} {id}", why], target=id, x=x, y=y)  # fmt: skip

    # A block per sort of change, side by side: its heading, then what changed in a square
    # grid under it; a person who joined or left (or a body succeeded) has the seat (or the
    # successor) just below, joined to it.
    for sort, field, heading in CHANGE_SORTS:
        items: list[Change] = getattr(changes, field)
        if not items:
            continue
        drawn = items[:MAX_CHANGES_DRAWN]
        paired = sort in _HOLDINGS or sort == "succeeded"
        columns = max(1, math.ceil(math.sqrt(len(drawn) / (2 if paired else 1))))
        row_height = LABEL_HEIGHT * (1.6 if paired else 0.8)
        group = f"change:{sort.replace(' ', '-')}"
        colour = CHANGE_COLOURS[sort]
        nodes[group] = VisNode(id=group, label=f"{heading}\n({len(items):,})", group=sort, color=colour, shape="box",
                               size=_GROUP_SIZE, title=[f"{heading}: {len(items):,}"], target=None,
                               x=left + (columns - 1) * LABEL_WIDTH / 2, y=0.0)  # fmt: skip
        for index, change in enumerate(drawn):
            x = left + (index % columns) * LABEL_WIDTH
            y = LABEL_HEIGHT + (index // columns) * row_height
            on = f" on {change.on}" if change.on else ""
            add_node(change.id, change.name, x, y, f"{heading.lower()}{on}")
            if not paired or change.other_id is None:
                continue  # a succession always names its successor; a holding, its seat
            add_node(change.other_id, change.other_name or change.other_id, x, y + LABEL_HEIGHT * 0.7,
                     f"{heading.lower()}{on}: {change.name}")  # fmt: skip
            if sort == "succeeded":
                edge = typed_edge(change.id, EdgeType.SUCCEEDED_BY, change.other_id)
                edges.setdefault(edge.id, edge.model_copy(update={"title": f"SUCCEEDED_BY{on}"}))
            else:
                id = f"{change.id} {sort} {change.other_id} {change.on}"
                edges.setdefault(id, vis_edge(id=id, from_id=change.id, to_id=change.other_id, title=f"{sort}{on}",
                                              color=colour, dashes=sort == "left"))  # fmt: skip
        left += columns * LABEL_WIDTH + LABEL_WIDTH / 2
        if len(items) > MAX_CHANGES_DRAWN:
            notes.append(
                f"{heading}: the first {MAX_CHANGES_DRAWN} of {len(items):,} are drawn; the table lists them all."
            )
    notes += [f"Newly failing: {pair}" for pair in changes.rules_newly_failing]
    notes += [f"Newly passing: {pair}" for pair in changes.rules_newly_passing]
    present = [(sort, heading) for sort, field, heading in CHANGE_SORTS if getattr(changes, field)]
    legend = [
        LegendEntry(label=f"{heading} (heading of its block)", color=CHANGE_COLOURS[sort], mark="node")
        for sort, heading in present
    ]
    legend += kind_legend({node.group for node in nodes.values() if node.target is not None})
    legend += [LegendEntry(label=heading, color=CHANGE_COLOURS[sort], mark="dashed-edge" if sort == "left" else "edge")
               for sort, heading in present if sort in _HOLDINGS]  # fmt: skip
    legend += edge_legend({EdgeType.SUCCEEDED_BY} if changes.bodies_succeeded else set())
    return VisGraph(
        view="changes",
        title=f"Changes from {changes.from_date} to {changes.to_date}",
        as_of=changes.to_date.isoformat(),
        from_date=changes.from_date.isoformat(),
        focus_id=None,
        nodes=list(nodes.values()),
        edges=list(edges.values()),
        legend=legend,
        notes=notes,
    )
