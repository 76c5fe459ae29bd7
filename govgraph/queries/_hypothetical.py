"""A read-only view of a store as it would be if some holdings changed: the "what if" of
the look-ahead queries, without touching the shared graph.

A ``Hypothetical`` wraps any ``GraphStore`` (the embedded one, a Neo4j store or a slice of
it) and implements the same interface. It differs from the store it wraps only in HOLDS
edges and in the people holding them:

* ``replaced`` edges (by ``EdgeId``) are read with other attributes (a holding that ends
  earlier or runs on), or hidden when replaced by ``None`` (a holding that never starts);
* ``added`` people and their holdings are read as if they were in the store.

Every query reads the view as it reads a store, so representation rules, ex officio seats
and lines of sight are judged by the same code as ever. The view copies nothing: a read
that touches no changed node goes straight to the store underneath.

The helpers below build the changes the look-ahead queries ask about: a person leaving
(``leaving``), a holding running on past its end (``staying``) and a new appointee in a
vacant seat (``appointing``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

from govgraph.graph.model import Edge, EdgeType, Node, NodeKind, Role, edge_key
from govgraph.graph.store import EdgeView, GraphStore, NodeData
from govgraph.graph.timeline import active

__all__ = ["APPOINTEE", "EdgeId", "Hypothetical", "appointing", "edge_id", "leaving", "staying"]

#: The id of the person ``appointing`` puts in a vacant seat; no roster id can clash with
#: it, as roster ids have no parentheses.
APPOINTEE = "person:(new-appointee)"
_SOURCE = "hypothetical: not in any roster"


class EdgeId(NamedTuple):
    """One edge among those joining two nodes: its ends and its key (``model.edge_key``)."""

    from_id: str
    to_id: str
    key: str


def edge_id(edge: EdgeView) -> EdgeId:
    return EdgeId(edge.from_id, edge.to_id, edge_key(edge.type, edge.attrs.get("valid_from")))


class Hypothetical:
    """``base`` with some holdings replaced, hidden or added; read-only.

    >>> from govgraph.loaders import load_reference
    >>> store = load_reference()
    >>> seat = "post:crg:CFS/chair"
    >>> view = Hypothetical(store, **appointing(seat, "2014-01-01"))
    >>> [e.from_id for e in view.in_edges(seat, EdgeType.HOLDS, as_of="2014-01-01")]
    ['person:(new-appointee)']
    >>> [e.from_id for e in store.in_edges(seat, EdgeType.HOLDS, as_of="2014-01-01")]   # unchanged
    []
    """

    def __init__(
        self,
        base: GraphStore,
        *,
        replaced: Mapping[EdgeId, Mapping[str, Any] | None] | None = None,
        added_nodes: Sequence[Mapping[str, Any]] = (),
        added_edges: Sequence[EdgeView] = (),
    ) -> None:
        self._base = base
        self._replaced = dict(replaced or {})
        self._added_nodes = {n["id"]: n for n in added_nodes}
        self._added_edges = list(added_edges)
        self._changed = {e.from_id for e in self._replaced} | {e.to_id for e in self._replaced}
        self._changed |= {e.from_id for e in self._added_edges} | {e.to_id for e in self._added_edges}
        self.meta = base.meta

    def _with(self, base: GraphStore) -> Hypothetical:
        return Hypothetical(
            base, replaced=self._replaced, added_nodes=list(self._added_nodes.values()), added_edges=self._added_edges
        )

    # -- writes: refused, the view is a question, not a change ---------------------------
    def add_node(self, node: Node) -> None:
        raise TypeError("a hypothetical view of the graph is read-only")

    def add_edge(self, edge: Edge) -> None:
        raise TypeError("a hypothetical view of the graph is read-only")

    # -- reads -------------------------------------------------------------------------
    def has_node(self, id: str) -> bool:
        return id in self._added_nodes or self._base.has_node(id)

    def node(self, id: str) -> NodeData:
        added = self._added_nodes.get(id)
        return added if added is not None else self._base.node(id)

    def nodes(self, kind: NodeKind | None = None, *, as_of: str | None = None) -> Iterator[NodeData]:
        yield from self._base.nodes(kind, as_of=as_of)
        for attrs in self._added_nodes.values():
            if (kind is None or attrs["kind"] == kind) and (as_of is None or active(attrs, as_of)):
                yield attrs

    def count(self, kind: NodeKind | None = None) -> int:
        added = sum(1 for n in self._added_nodes.values() if kind is None or n["kind"] == kind)
        return self._base.count(kind) + added

    def posts_with_role(self, role: Role, *, as_of: str | None = None) -> Iterator[NodeData]:
        return self._base.posts_with_role(role, as_of=as_of)  # the view adds people, never seats

    def out_edges(self, id: str, type: EdgeType | None = None, *, as_of: str | None = None) -> Iterator[EdgeView]:
        if id not in self._added_nodes:
            yield from self._changes(id, self._base.out_edges, type, as_of)
        yield from self._added(lambda e: e.from_id == id, type, as_of)

    def in_edges(self, id: str, type: EdgeType | None = None, *, as_of: str | None = None) -> Iterator[EdgeView]:
        if id not in self._added_nodes:
            yield from self._changes(id, self._base.in_edges, type, as_of)
        yield from self._added(lambda e: e.to_id == id, type, as_of)

    def edges(self, type: EdgeType | None = None, *, as_of: str | None = None) -> Iterator[EdgeView]:
        if self._replaced and type in (None, EdgeType.HOLDS):
            yield from self._apply(self._base.edges(type), as_of)
        else:
            yield from self._base.edges(type, as_of=as_of)
        yield from self._added(lambda e: True, type, as_of)

    def suggest(self, id: str, n: int = 5) -> list[str]:
        return self._base.suggest(id, n)

    def subgraph_for(
        self, start: str | date | None = None, end: str | date | None = None, *, include: Sequence[str] = ()
    ) -> Hypothetical:
        kept = [id for id in include if id not in self._added_nodes]
        return self._with(self._base.subgraph_for(start, end, include=kept))

    def neighbourhood(self, id: str) -> Hypothetical:
        return self if id in self._added_nodes else self._with(self._base.neighbourhood(id))

    # -- how changes are applied ---------------------------------------------------------
    def _changes(self, id: str, read: Any, type: EdgeType | None, as_of: str | None) -> Iterator[EdgeView]:
        if id not in self._changed:
            edges: Iterator[EdgeView] = read(id, type, as_of=as_of)
            return edges
        # A replaced edge may count on a day the original did not: read them all, then filter.
        return self._apply(read(id, type), as_of)

    def _apply(self, edges: Iterable[EdgeView], as_of: str | None) -> Iterator[EdgeView]:
        for edge in edges:
            ident = edge_id(edge)
            if ident in self._replaced:
                attrs = self._replaced[ident]
                if attrs is None:
                    continue
                edge = EdgeView(edge.from_id, edge.to_id, attrs)
            if as_of is None or active(edge.attrs, as_of):
                yield edge

    def _added(self, keep: Any, type: EdgeType | None, as_of: str | None) -> Iterator[EdgeView]:
        for edge in self._added_edges:
            if keep(edge) and (type is None or edge.type == type) and (as_of is None or active(edge.attrs, as_of)):
                yield edge


# -- the changes the look-ahead queries ask about -------------------------------------------


def leaving(store: GraphStore, person_id: str, day: str, *, post_id: str | None = None) -> dict[str, Any]:
    """``Hypothetical`` arguments for ``person_id`` leaving every seat (or only ``post_id``)
    on ``day``: holdings counting then end on ``day``, holdings starting later never start."""
    replaced: dict[EdgeId, Mapping[str, Any] | None] = {}
    for edge in store.out_edges(person_id, EdgeType.HOLDS):
        if post_id is not None and edge.to_id != post_id:
            continue
        start, end = edge.attrs.get("valid_from"), edge.attrs.get("valid_to")
        if start is not None and start >= day:
            replaced[edge_id(edge)] = None
        elif end is None or end > day:
            replaced[edge_id(edge)] = {**edge.attrs, "valid_to": day}
    return {"replaced": replaced}


def staying(store: GraphStore, holding: EdgeView, single_holder: bool) -> dict[str, Any]:
    """``Hypothetical`` arguments for ``holding`` running on past its end, as if its holder
    stayed. In a seat for one holder, whoever the data has taking the seat from that day on
    does not: had the holder stayed, the seat would not have been free."""
    replaced: dict[EdgeId, Mapping[str, Any] | None] = {
        edge_id(holding): {k: v for k, v in holding.attrs.items() if k != "valid_to"}
    }
    end = holding.attrs.get("valid_to")
    if single_holder and end is not None:
        for other in store.in_edges(holding.to_id, EdgeType.HOLDS):
            if other.from_id != holding.from_id and (other.attrs.get("valid_from") or "") >= end:
                replaced[edge_id(other)] = None
    return {"replaced": replaced}


def appointing(post_id: str, day: str) -> dict[str, Any]:
    """``Hypothetical`` arguments for a new person (``APPOINTEE``) holding ``post_id`` from ``day``."""
    person = {"id": APPOINTEE, "kind": str(NodeKind.PERSON), "name": "(a new appointee)", "source": _SOURCE}
    holding = EdgeView(APPOINTEE, post_id, {"type": str(EdgeType.HOLDS), "valid_from": day, "source": _SOURCE})
    return {"added_nodes": [person], "added_edges": [holding]}
