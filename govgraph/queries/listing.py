"""Listing nodes a page at a time, filtered by kind, by place in the structure and by text.

Terms
    *under* a body: a node is under body X when a chain of PART_OF edges leads from it to
    X (a CRG under its programme; a CCG under its hub and so under the hub's region), or
    when it is a seat (a Post) whose body, by POST_IN, is X or is under X. X itself is not
    under X.
    *as of*: with a date, only nodes that exist on it, reached through edges that count
    on it; without one, the whole history, as ``show`` and ``search`` do.
    *text*: matches a node whose id or name contains it, in any case.

Nodes are listed in id order, so a page is stable while the graph does not change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import Field

from govgraph.graph.model import EdgeType, Node, NodeKind, Record, node_from_attrs
from govgraph.graph.store import GraphStore, NodeData
from govgraph.graph.timeline import active, parse_date
from govgraph.graph.traverse import reachable

__all__ = ["Page", "list_nodes", "under"]


class Page(Record):
    """One page of nodes, and how many matched in all."""

    items: list[Node]
    total: int = Field(description="How many nodes matched, on every page together.")
    offset: int = Field(description="How many matching nodes come before this page.")
    limit: int = Field(description="The most items a page holds.")


def list_nodes(
    store: GraphStore,
    *,
    kind: NodeKind | None = None,
    programme: str | None = None,
    region: str | None = None,
    text: str | None = None,
    as_of: str | date | None = None,
    offset: int = 0,
    limit: int = 50,
) -> Page:
    """Nodes matching every filter given, in id order, ``limit`` of them from ``offset``.

    ``programme`` and ``region`` are ids; a node matches when it is under them (see the
    module docstring). An unknown id raises ``NotFound``.

    >>> from govgraph.loaders import load_reference
    >>> page = list_nodes(load_reference(), kind=NodeKind.CRG, text="cystic")
    >>> [node.id for node in page.items], page.total
    (['crg:CFS'], 1)
    >>> page = list_nodes(load_reference(), programme="programme:internal-medicine", kind=NodeKind.POST, limit=2)
    >>> [node.id for node in page.items]
    ['post:board:poc-internal-medicine/ccg-vice-chair', 'post:board:poc-internal-medicine/chair']
    """
    if offset < 0 or limit < 0:
        raise ValueError(f"offset and limit must not be negative (got offset={offset}, limit={limit})")
    day = parse_date(as_of) if as_of is not None else None
    needle = text.strip().casefold() if text else ""
    candidates: Iterable[NodeData]
    scopes = [under(store, id, as_of=day) for id in (programme, region) if id is not None]
    if scopes:
        ids = set.intersection(*scopes)
        candidates = (store.node(id) for id in ids)
    else:
        candidates = store.nodes(kind, as_of=day)
    matched = sorted(
        (
            attrs
            for attrs in candidates
            if (kind is None or attrs["kind"] == kind)
            and (day is None or active(attrs, day))
            and (not needle or needle in attrs["name"].casefold() or needle in attrs["id"].casefold())
        ),
        key=lambda attrs: attrs["id"],
    )
    return Page(
        items=[node_from_attrs(dict(attrs)) for attrs in matched[offset : offset + limit]],
        total=len(matched),
        offset=offset,
        limit=limit,
    )


def under(store: GraphStore, id: str, *, as_of: str | None = None) -> set[str]:
    """The ids of every node under body ``id``: its parts, their parts, and all their seats.

    >>> from govgraph.loaders import load_reference
    >>> found = under(load_reference(), "region:south", as_of="2016-01-01")
    >>> {"hub:wessex", "ccg:10G", "post:board:oversight-wessex/ccg-10G"} <= found
    True
    """
    bodies = reachable(store, id, EdgeType.PART_OF, direction="in", as_of=as_of)  # NotFound for an unknown id
    seats = {edge.from_id for body in (id, *bodies) for edge in store.in_edges(body, EdgeType.POST_IN, as_of=as_of)}
    return bodies | seats
