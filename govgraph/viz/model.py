"""The data one diagram shows: nodes with their positions, edges, legend and notes.

Every diagram builder (``overview``, ``representation``, ``line_of_sight``, ``changes``)
returns a ``VisGraph``; ``render`` draws it as a page, ``svg`` as a picture and
``notebook`` as a pyvis ``Network``. Positions are computed in Python before anything is
drawn, so the same data and day always give the same picture. Tooltips are plain-text lines;
pages turn them into DOM text nodes, never HTML.

A node links to a graph node's page through ``target`` (an id), not a URL: where the page is
(the service, a sibling file, nowhere) is decided when the diagram is drawn.
"""

from __future__ import annotations

import textwrap
from typing import Literal

from pydantic import ConfigDict, Field

from govgraph.graph.model import EdgeType, NodeKind, Record, kind_of_id
from govgraph.viz.palette import EDGE_COLOURS, KIND_COLOURS, OTHER_COLOUR

__all__ = [
    "LegendEntry",
    "VisEdge",
    "VisGraph",
    "VisNode",
    "edge_legend",
    "kind_colour",
    "kind_legend",
    "label",
    "typed_edge",
    "vis_edge",
]

Shape = Literal["dot", "box", "diamond", "square", "text"]
DASHED = frozenset({EdgeType.SUCCEEDED_BY, EdgeType.EX_OFFICIO})
"""Edges that relate a body to another over time or by office, rather than by membership:
dashed, so that they stand out from the structure."""


class VisNode(Record):
    id: str
    label: str = Field(description="The text drawn on the diagram, on short lines joined by newlines.")
    group: str = Field(description="The node kind, or the state the node stands for.")
    color: str
    shape: Shape = Field(
        description="dot for a node; box for one that stands for several, or a break; diamond for something "
        "missing; square for a vacant seat; text for a heading."
    )
    size: int
    title: list[str] = Field(description="Tooltip lines, plain text: the full name first.")
    target: str | None = Field(description="The graph node whose page a click opens; none for a drawn-only node.")
    x: float
    y: float
    hidden: bool = Field(default=False, description="Drawn only once a neighbour is expanded (focus diagrams).")


class VisEdge(Record):
    model_config = ConfigDict(populate_by_name=True)

    id: str
    from_: str = Field(alias="from")
    to: str
    title: str = Field(description="The edge type (or what the line means), shown on hover.")
    color: str
    dashes: bool
    arrows: Literal["to"] = "to"


class LegendEntry(Record):
    label: str
    color: str
    mark: Literal["node", "square", "diamond", "edge", "dashed-edge"]


class VisGraph(Record):
    """Everything one diagram page shows. Dump with ``by_alias=True`` for vis-network."""

    view: Literal["overview", "focus", "representation", "line-of-sight", "changes"]
    title: str
    as_of: str
    from_date: str | None = Field(default=None, description="For a changes diagram, the first day of the window.")
    focus_id: str | None
    nodes: list[VisNode]
    edges: list[VisEdge]
    legend: list[LegendEntry]
    notes: list[str] = Field(description="What was collapsed, left out or found, to show beside the diagram.")


_LABEL_WIDTH = 22
_LABEL_LINES = 3


def label(name: str, *, width: int = _LABEL_WIDTH, lines: int = _LABEL_LINES) -> str:
    """A name wrapped onto short lines, and shortened when it would need more than
    ``lines``; the tooltip has it whole.

    >>> print(label("Clinical member for London Clinical Senate (1 of 3)"))
    Clinical member for
    London Clinical Senate
    (1 of 3)
    """
    wrapped = textwrap.wrap(name, width, break_long_words=False) or [name]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return "\n".join(wrapped)


def kind_legend(kinds: set[str]) -> list[LegendEntry]:
    """A legend entry for each node kind drawn, in the model's order."""
    return [LegendEntry(label=str(k), color=KIND_COLOURS[k], mark="node") for k in NodeKind if k in kinds]


def edge_legend(types: set[str]) -> list[LegendEntry]:
    """A legend entry for each edge type drawn, in the model's order."""
    return [
        LegendEntry(label=str(t), color=EDGE_COLOURS[t], mark="dashed-edge" if t in DASHED else "edge")
        for t in EdgeType
        if t in types
    ]


def vis_edge(*, id: str, from_id: str, to_id: str, title: str, color: str, dashes: bool) -> VisEdge:
    """An edge; ``from`` is a keyword in Python, so the model takes it by its alias."""
    return VisEdge.model_validate(
        {"id": id, "from": from_id, "to": to_id, "title": title, "color": color, "dashes": dashes}
    )


def typed_edge(from_id: str, type: str, to_id: str) -> VisEdge:
    """An edge of the graph's own, drawn in its type's colour."""
    return vis_edge(id=f"{from_id} {type} {to_id}", from_id=from_id, to_id=to_id, title=type,
                    color=EDGE_COLOURS[type], dashes=type in DASHED)  # fmt: skip


def kind_colour(id: str) -> tuple[str, str]:
    """The kind an id names and its colour; an id of no known kind is drawn grey."""
    kind = kind_of_id(id)
    return (str(kind), KIND_COLOURS[kind]) if kind is not None else ("other", OTHER_COLOUR)
