"""A ``Subgraph`` as the data a vis-network diagram needs: nodes, edges, legend, notes.

``to_vis_data`` is pure and deterministic (nodes by id, edges by ends and type, the legend
in the model's order), so its output can be compared with a golden file. Tooltips are
plain-text lines; the page turns them into DOM text nodes, never HTML.

Colours are fixed per node kind and edge type so that every diagram reads the same way.
"""

from __future__ import annotations

import textwrap
from typing import Literal
from urllib.parse import quote

from pydantic import ConfigDict, Field

from govgraph.graph.model import EdgeType, NodeKind, Record
from govgraph.queries.neighbourhood import Subgraph, SubgraphEdge, SubgraphNode

__all__ = ["EDGE_COLOURS", "KIND_COLOURS", "LegendEntry", "VisEdge", "VisGraph", "VisNode", "node_url", "to_vis_data"]

#: Fill colour of each node kind (Tableau 20 hues: distinct, and dark labels read on them).
KIND_COLOURS: dict[str, str] = {
    NodeKind.REGION: "#4e79a7",
    NodeKind.HUB: "#76b7b2",
    NodeKind.AREA_TEAM: "#59a14f",
    NodeKind.CCG: "#8cd17d",
    NodeKind.ICB: "#499894",
    NodeKind.SENATE: "#f28e2b",
    NodeKind.PORTFOLIO: "#e15759",
    NodeKind.PROGRAMME: "#ff9d9a",
    NodeKind.CRG: "#b07aa1",
    NodeKind.BOARD: "#9d7660",
    NodeKind.ORGANISATION: "#bab0ac",
    NodeKind.POST: "#f1ce63",
    NodeKind.PERSON: "#79706e",
}

#: Line colour of each edge type.
EDGE_COLOURS: dict[str, str] = {
    EdgeType.PART_OF: "#555555",
    EdgeType.IN_AREA: "#76b7b2",
    EdgeType.SUCCEEDED_BY: "#9c755f",
    EdgeType.POST_IN: "#a0a0a0",
    EdgeType.HOLDS: "#4e79a7",
    EdgeType.REPRESENTS: "#f28e2b",
    EdgeType.REPORTS_TO: "#e15759",
    EdgeType.EX_OFFICIO: "#b07aa1",
    EdgeType.ACCOUNTABLE_TO: "#59a14f",
}

# Edges that relate a body to another one over time or by office, rather than by
# membership, are dashed so they stand out from the structure.
_DASHED = frozenset({EdgeType.SUCCEEDED_BY, EdgeType.EX_OFFICIO})
_LABEL_WIDTH = 24
_LABEL_LINES = 3


class VisNode(Record):
    id: str
    label: str = Field(description="The name on up to three short lines (joined by newlines).")
    group: str = Field(description="The node kind.")
    color: str
    shape: Literal["dot", "box"] = Field(description="box for a node that stands for several.")
    size: int
    title: list[str] = Field(description="Tooltip lines, plain text: the full name first.")
    url: str | None = Field(description="The node's page; none for a node that stands for several.")


class VisEdge(Record):
    model_config = ConfigDict(populate_by_name=True)

    id: str
    from_: str = Field(alias="from")
    to: str
    title: str = Field(description="The edge type, shown on hover.")
    color: str
    dashes: bool
    arrows: Literal["to"] = "to"


class LegendEntry(Record):
    label: str
    color: str
    mark: Literal["node", "edge", "dashed-edge"]


class VisGraph(Record):
    """Everything one diagram page shows. Dump with ``by_alias=True`` for vis-network."""

    as_of: str
    focus_id: str | None
    nodes: list[VisNode]
    edges: list[VisEdge]
    legend: list[LegendEntry]
    notes: list[str] = Field(description="What was collapsed or left out, to show beside the diagram.")


def node_url(id: str) -> str:
    """The path of a node's page. Ids keep their ``:`` and ``/``; anything else is quoted.

    >>> node_url("post:crg:CFS/chair")
    '/nodes/post:crg:CFS/chair'
    """
    return "/nodes/" + quote(id, safe=":/")


def to_vis_data(subgraph: Subgraph) -> VisGraph:
    """The vis-network data for a subgraph.

    >>> from govgraph.loaders import load_reference
    >>> from govgraph.queries.neighbourhood import focus
    >>> vis = to_vis_data(focus(load_reference(), "programme:trauma", as_of="2014-01-01"))
    >>> [entry.label for entry in vis.legend if entry.mark == "node"]
    ['Portfolio', 'Programme', 'CRG', 'Board']
    """
    nodes = sorted(subgraph.nodes, key=lambda n: n.id)
    edges = sorted(subgraph.edges, key=lambda e: (e.from_id, e.to_id, e.type))
    kinds = {n.kind for n in nodes}
    types = {e.type for e in edges}
    legend = [LegendEntry(label=str(k), color=KIND_COLOURS[k], mark="node") for k in NodeKind if k in kinds]
    legend += [
        LegendEntry(label=str(t), color=EDGE_COLOURS[t], mark="dashed-edge" if t in _DASHED else "edge")
        for t in EdgeType
        if t in types
    ]
    return VisGraph(
        as_of=subgraph.as_of.isoformat(),
        focus_id=subgraph.focus_id,
        nodes=[_vis_node(n, n.id == subgraph.focus_id) for n in nodes],
        edges=[_vis_edge(e) for e in edges],
        legend=legend,
        notes=list(subgraph.aggregated),
    )


def _label(name: str) -> str:
    """A name wrapped onto short lines, so that labels overlap less, and shortened when it
    would need more than three; the tooltip has it whole.

    >>> print(_label("Clinical member for London Clinical Senate (1 of 3)"))
    Clinical member for
    London Clinical Senate
    (1 of 3)
    """
    lines = textwrap.wrap(name, _LABEL_WIDTH, break_long_words=False) or [name]
    if len(lines) > _LABEL_LINES:
        lines = lines[:_LABEL_LINES]
        lines[-1] = lines[-1][: _LABEL_WIDTH - 1].rstrip() + "…"
    return "\n".join(lines)


def _vis_node(node: SubgraphNode, is_focus: bool) -> VisNode:
    return VisNode(
        id=node.id,
        label=_label(node.name),
        group=node.kind,
        color=KIND_COLOURS[node.kind],
        shape="box" if node.collapsed else "dot",
        size=28 if is_focus else 14,
        title=[node.name, *node.detail],
        url=None if node.collapsed else node_url(node.id),
    )


def _vis_edge(edge: SubgraphEdge) -> VisEdge:
    return VisEdge(
        id=f"{edge.from_id} {edge.type} {edge.to_id}",
        from_=edge.from_id,
        to=edge.to_id,
        title=edge.type,
        color=EDGE_COLOURS[edge.type],
        dashes=edge.type in _DASHED,
    )
