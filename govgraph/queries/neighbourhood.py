"""Neighbourhoods to draw: the overview of the programmes of care, and one node's surroundings.

Both queries return a ``Subgraph``: the nodes and edges that count on one day, each node
with plain-text ``detail`` lines (dates, code, who holds a seat, the citation) ready for a
tooltip. ``viz`` draws a Subgraph; it never decides what belongs in one.

Terms
    *overview*: the portfolios and programmes of care that exist on the day, with the CRGs
    and boards that are PART_OF a programme on that day.
    *neighbourhood to depth N*: every node reachable from the focus node in at most N steps
    over edges of any type, followed either way (a seat's holder and its body are both one
    step from the seat), where each step's edge and node count on the day.
    *collapsed node*: when a neighbourhood would exceed ``max_nodes``, the nodes over the cap
    are not drawn one by one; the ones reached from the same node, by the same edge type and
    direction, and of the same kind become one node that says how many it stands for
    (``collapsed``), and ``aggregated`` says what was left out. The nodes kept are the
    nearest first, then by edge type, kind and id, so the same graph always gives the same
    picture.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from pydantic import Field

from govgraph.errors import InvalidParameter
from govgraph.graph.model import EdgeType, NodeKind, Record
from govgraph.graph.store import GraphStore
from govgraph.graph.timeline import active, parse_date
from govgraph.queries._seats import Holder, holders

__all__ = [
    "DEFAULT_MAX_NODES",
    "MAX_DEPTH",
    "Subgraph",
    "SubgraphEdge",
    "SubgraphNode",
    "focus",
    "overview",
]

#: The deepest neighbourhood ``focus`` draws; five steps already reach most of the graph.
MAX_DEPTH = 5
#: Past this many nodes a browser diagram stops being readable (and slows to a crawl).
DEFAULT_MAX_NODES = 2_000

Direction = Literal["in", "out"]


class SubgraphNode(Record):
    id: str = Field(description="The node's id; for a collapsed node, an id no graph node can have.")
    kind: str = Field(description="The node kind (for a collapsed node, the kind of the nodes it stands for).")
    name: str
    role: str | None = Field(default=None, description="A seat's role.")
    detail: list[str] = Field(description="Plain-text lines describing the node on as_of.")
    collapsed: int = Field(default=0, description="How many nodes this one stands for; 0 for a real node.")


class SubgraphEdge(Record):
    from_id: str
    to_id: str
    type: str


class Subgraph(Record):
    as_of: date
    title: str
    focus_id: str | None = Field(default=None, description="The node a focus diagram is centred on.")
    nodes: list[SubgraphNode]
    edges: list[SubgraphEdge]
    aggregated: list[str] = Field(description="What was collapsed or left out to keep the diagram readable.")


def overview(store: GraphStore, *, as_of: str | date | None = None) -> Subgraph:
    """Portfolios, programmes of care, and the CRGs and boards PART_OF each programme, on ``as_of``.

    >>> from govgraph.loaders import load_reference
    >>> view = overview(load_reference(), as_of="2013-06-01")
    >>> sum(node.kind == "CRG" for node in view.nodes), sum(node.kind == "Programme" for node in view.nodes)
    (73, 5)
    """
    day = parse_date(as_of)
    portfolios = [a["id"] for a in store.nodes(NodeKind.PORTFOLIO, as_of=day)]
    programmes = [a["id"] for a in store.nodes(NodeKind.PROGRAMME, as_of=day)]
    parts = [
        edge.from_id
        for programme in programmes
        for edge in store.in_edges(programme, EdgeType.PART_OF, as_of=day)
        if _is_drawn_part(store.node(edge.from_id), day)
    ]
    drawn = set(portfolios + programmes + parts)  # a part of two programmes is drawn once
    edges = {
        SubgraphEdge(from_id=edge.from_id, to_id=edge.to_id, type=edge.type)
        for id in drawn
        for edge in store.out_edges(id, EdgeType.PART_OF, as_of=day)
        if edge.to_id in drawn
    }
    nodes = sorted(drawn, key=lambda id: (_KIND_ORDER[store.node(id)["kind"]], id))
    return Subgraph(
        as_of=day,
        title="Portfolios, programmes of care, CRGs and boards",
        nodes=[_node(store, id, day) for id in nodes],
        edges=sorted(edges, key=_edge_order),
        aggregated=[],
    )


def focus(
    store: GraphStore,
    id: str,
    *,
    depth: int = 1,
    as_of: str | date | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Subgraph:
    """The node ``id`` and everything within ``depth`` steps of it on ``as_of``.

    Raises ``NotFound`` (with suggestions) for an unknown id and ``InvalidParameter`` for a
    depth outside 1 to ``MAX_DEPTH`` or a ``max_nodes`` below 1. A node that does not exist
    on the day is drawn alone, with a detail line saying so.

    >>> from govgraph.loaders import load_reference
    >>> view = focus(load_reference(), "crg:CFS", as_of="2014-01-01")
    >>> [node.id for node in view.nodes if node.kind != "Post"]
    ['crg:CFS', 'programme:internal-medicine', 'board:poc-internal-medicine']
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidParameter(f"depth must be between 1 and {MAX_DEPTH}, not {depth}")
    if max_nodes < 1:
        raise InvalidParameter(f"max_nodes must be at least 1, not {max_nodes}")
    day = parse_date(as_of)
    root = store.node(id)
    # A breadth-first walk of our own, through the GraphStore interface so that it runs on
    # any backend, and because it must stop at the cap and remember where each node over
    # the cap was reached from.
    drawn: dict[str, int] = {id: 0}  # id -> steps from the focus node
    seen = {id}
    # (node reached from, direction, edge type, kind) -> how many nodes over the cap
    overflow: Counter[tuple[str, Direction, str, str]] = Counter()
    frontier = [id] if active(root, day) else []
    notes: list[str] = []
    for step in range(1, depth + 1):
        reached: list[str] = []
        for here in frontier:
            for direction, type, kind, other in _neighbours(store, here, day):
                if other in seen:
                    continue
                seen.add(other)
                if len(drawn) < max_nodes:
                    drawn[other] = step
                    reached.append(other)
                else:
                    overflow[(here, direction, type, kind)] += 1
        frontier = reached
        if len(drawn) >= max_nodes and step < depth:
            # Going deeper would only add collapsed nodes around nodes already at the edge.
            notes.append(
                f"The diagram is capped at {max_nodes:,} nodes and reached the cap {step} "
                f"step{'s' if step > 1 else ''} from {id}: nothing further away is drawn."
            )
            break
    order = sorted(drawn, key=lambda n: (drawn[n], _KIND_ORDER[store.node(n)["kind"]], n))
    nodes = [_node(store, n, day) for n in order]
    edges = {
        SubgraphEdge(from_id=edge.from_id, to_id=edge.to_id, type=edge.type)
        for n in drawn
        for edge in store.out_edges(n, as_of=day)
        if edge.to_id in drawn
    }
    for (here, direction, type, kind), count in sorted(overflow.items()):
        collapsed_id = f"{here}+{direction}:{type}:{kind}"
        nodes.append(_collapsed_node(collapsed_id, here, direction, type, kind, count, max_nodes))
        ends = (collapsed_id, here) if direction == "in" else (here, collapsed_id)
        edges.add(SubgraphEdge(from_id=ends[0], to_id=ends[1], type=type))
        notes.append(f"{_nodes(count, kind)} joined to {here} by {type}: shown as one node.")
    return Subgraph(
        as_of=day,
        title=f"{root['name']} ({id}), {depth} step{'s' if depth > 1 else ''} around",
        focus_id=id,
        nodes=nodes,
        edges=sorted(edges, key=_edge_order),
        aggregated=notes,
    )


_KIND_ORDER = {str(kind): rank for rank, kind in enumerate(NodeKind)}


def _is_drawn_part(attrs: Mapping[str, Any], day: str) -> bool:
    return attrs["kind"] in (NodeKind.CRG, NodeKind.BOARD) and active(attrs, day)


def _edge_order(edge: SubgraphEdge) -> tuple[str, str, str]:
    return (edge.type, edge.from_id, edge.to_id)


def _neighbours(store: GraphStore, id: str, day: str) -> list[tuple[Direction, str, str, str]]:
    """(direction, edge type, kind, other id) for each node one step from ``id`` on ``day``,
    in the order the cap keeps them: by edge type, kind and id."""
    found: set[tuple[Direction, str, str]] = set()
    for edge in store.out_edges(id, as_of=day):
        found.add(("out", edge.type, edge.to_id))
    for edge in store.in_edges(id, as_of=day):
        found.add(("in", edge.type, edge.from_id))
    steps = []
    for direction, type, other in found:
        attrs = store.node(other)
        if active(attrs, day):
            steps.append((direction, type, str(attrs["kind"]), other))
    steps.sort(key=lambda s: (s[1], _KIND_ORDER[s[2]], s[3], s[0]))
    return steps


def _node(store: GraphStore, id: str, day: str) -> SubgraphNode:
    attrs = store.node(id)
    return SubgraphNode(
        id=id,
        kind=attrs["kind"],
        name=attrs["name"],
        role=attrs.get("role"),
        detail=_detail(store, attrs, day),
    )


def _detail(store: GraphStore, attrs: Mapping[str, Any], day: str) -> list[str]:
    """What a tooltip says about a node. A person's email is left out: it is shown only to
    callers with the API key, and a diagram is a page anyone can open."""
    lines = [f"{attrs['kind']} {attrs['id']}"]
    for field in ("role", "code", "model", "employer"):
        if attrs.get(field):
            lines.append(f"{field}: {attrs[field]}")
    start, end = attrs.get("valid_from"), attrs.get("valid_to")
    if start or end:
        lines.append(f"from {start or 'the start'}" + (f" until {end} (exclusive)" if end else ""))
    if not active(attrs, day):
        lines.append(f"not in existence on {day}")
    if attrs["kind"] == NodeKind.POST:
        # ``_seats.holders`` is the one answer to who fills a seat (ex officio seats included),
        # so a diagram never calls vacant a seat that ``members`` and ``coverage`` call filled.
        names = sorted(_holder_text(holder) for holder in holders(store, attrs["id"], day))
        lines.append(f"held by {', '.join(names)}" if names else f"vacant on {day}")
    lines.append(f"source: {attrs['source']}")
    return lines


def _holder_text(holder: Holder) -> str:
    """``Ann``, ``Ann (acting)``, ``Bo (ex officio, as holder of post:crg:X/chair)``."""
    notes = (["acting"] if holder.acting else []) + ([f"ex officio, as holder of {holder.via}"] if holder.via else [])
    return holder.name + (f" ({'; '.join(notes)})" if notes else "")


def _collapsed_node(
    id: str, here: str, direction: Direction, type: str, kind: str, count: int, max_nodes: int
) -> SubgraphNode:
    towards = f"{kind} -[{type}]-> {here}" if direction == "in" else f"{here} -[{type}]-> {kind}"
    return SubgraphNode(
        id=id,
        kind=kind,
        name=f"+{_nodes(count, kind)}",
        detail=[
            f"{_nodes(count, kind)}: {towards}",
            f"not drawn one by one: the diagram is capped at {max_nodes:,} nodes",
        ],
        collapsed=count,
    )


def _nodes(count: int, kind: str) -> str:
    """``1 Post node``, ``1,234 Post nodes``."""
    return f"{count:,} {kind} node{'' if count == 1 else 's'}"
