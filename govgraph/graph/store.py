"""The GraphStore interface and its embedded implementation on a networkx MultiDiGraph.

Queries talk to a ``GraphStore``; they never touch networkx directly, so the same query
code runs on the embedded store and on a store that pulls a bounded subgraph from a
server.

How look-ups avoid scanning the graph
    * every node id is in an index by kind, and every post in an index by role;
    * an edge's key is ``"<TYPE>@<valid_from>"`` (``model.edge_key``), so a node's edges of
      one type are read from that node's own adjacency, never from the whole edge list;
    * a node's incoming edges are also indexed by type: a Senate area has an incoming
      REPRESENTS edge from every seat speaking for it (tens of thousands in a big roster),
      and reading its few SUCCEEDED_BY edges must not walk them all;
    * listing every edge of one type reads a table of that type's edges with their start
      and end days, built from the nodes of the kinds the type can start from
      (``model.EDGE_ENDPOINTS``) the first time it is asked for and kept until an edge of
      the type is added or ended: a whole-day query (a gap report, a coverage matrix)
      filters it by day in one pass instead of reading node by node.

Stored attributes are plain dicts shared with the graph: treat what a look-up returns as
read-only. Changes go through ``add_node``/``add_edge``/``end_edge`` so that the indexes
stay true.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple, Protocol, runtime_checkable

import networkx as nx

from govgraph.errors import NotFound
from govgraph.graph.model import (
    EDGE_ENDPOINTS,
    Edge,
    EdgeType,
    Node,
    NodeKind,
    Role,
    edge_key,
    kind_of_id,
    record_to_attrs,
)
from govgraph.graph.timeline import active

__all__ = ["EdgeView", "GraphStore", "NetworkXStore", "NodeData", "closest"]

NodeData = Mapping[str, Any]
# Open bounds in an edge table: every ISO date sorts after the one and before the other.
_OPEN_START = ""
_OPEN_END = "\uffff"


class EdgeView(NamedTuple):
    """One edge as a look-up returns it."""

    from_id: str
    to_id: str
    attrs: Mapping[str, Any]

    @property
    def type(self) -> str:
        return str(self.attrs["type"])


# The edges of one type, with their valid_from and valid_to as columns (open: _OPEN_*).
_EdgeTable = tuple[list[EdgeView], list[str], list[str]]


@runtime_checkable
class GraphStore(Protocol):
    """What queries need from a backend. Every read takes an optional ``as_of`` (ISO date)."""

    meta: dict[str, Any]

    def add_node(self, node: Node) -> None: ...
    def add_edge(self, edge: Edge) -> None: ...
    def has_node(self, id: str) -> bool: ...
    def node(self, id: str) -> NodeData: ...
    def nodes(self, kind: NodeKind | None = None, *, as_of: str | None = None) -> Iterator[NodeData]: ...
    def count(self, kind: NodeKind | None = None) -> int: ...
    def posts_with_role(self, role: Role, *, as_of: str | None = None) -> Iterator[NodeData]: ...
    def out_edges(self, id: str, type: EdgeType | None = None, *, as_of: str | None = None) -> Iterator[EdgeView]: ...
    def in_edges(self, id: str, type: EdgeType | None = None, *, as_of: str | None = None) -> Iterator[EdgeView]: ...
    def edges(self, type: EdgeType | None = None, *, as_of: str | None = None) -> Iterator[EdgeView]: ...
    def suggest(self, id: str, n: int = 5) -> list[str]: ...
    def subgraph_for(
        self, start: str | date | None = None, end: str | date | None = None, *, include: Sequence[str] = ()
    ) -> GraphStore: ...
    def neighbourhood(self, id: str) -> GraphStore: ...


class NetworkXStore:
    """The embedded store: one in-process ``networkx.MultiDiGraph`` plus indexes.

    >>> from govgraph.graph.model import Body, NodeKind
    >>> store = NetworkXStore()
    >>> store.add_node(Body(id="region:london", kind=NodeKind.REGION, name="London", source="doc"))
    >>> store.node("region:london")["name"]
    'London'
    >>> store.node("region:londn")
    Traceback (most recent call last):
    ...
    govgraph.errors.NotFound: unknown id 'region:londn'; did you mean 'region:london'?
    """

    def __init__(self, meta: dict[str, Any] | None = None) -> None:
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self.meta: dict[str, Any] = self.graph.graph
        self.meta.update(meta or {})
        self._by_kind: dict[str, dict[str, None]] = {str(k): {} for k in NodeKind}
        self._by_role: dict[str, dict[str, None]] = {str(r): {} for r in Role}
        # to_id -> edge type -> the nodes with an edge of that type to it (dicts keep order)
        self._pred_by_type: dict[str, dict[str, dict[str, None]]] = {}
        # edge type -> (its edges, their valid_from, their valid_to), built when first listed
        self._by_type: dict[str, _EdgeTable] = {}
        #: Moves on at every write, so that what is derived from the graph and kept (the
        #: seat tables of ``queries._day``) knows when it is out of date.
        self.version = 0

    # -- writes ---------------------------------------------------------------------
    def add_node(self, node: Node) -> None:
        """Add a node, or replace the attributes of the node with the same id."""
        self.add_node_attrs(record_to_attrs(node))

    def add_node_attrs(self, attrs: dict[str, Any]) -> None:
        """Add already-validated attributes (from a snapshot or a loader's batch)."""
        id = attrs["id"]
        self.version += 1
        old = self.graph.nodes.get(id)
        if old is not None:
            self._unindex(id, old)
            old.clear()
            old.update(attrs)
        else:
            self.graph.add_node(id, **attrs)
        self._by_kind[attrs["kind"]][id] = None
        if "role" in attrs:
            self._by_role[attrs["role"]][id] = None

    def _unindex(self, id: str, attrs: Mapping[str, Any]) -> None:
        self._by_kind[attrs["kind"]].pop(id, None)
        if "role" in attrs:
            self._by_role[attrs["role"]].pop(id, None)

    def add_edge(self, edge: Edge) -> None:
        """Add an edge between two existing nodes (replacing one with the same key)."""
        self.add_edge_attrs(edge.from_id, edge.to_id, record_to_attrs(edge))

    def add_edge_attrs(self, from_id: str, to_id: str, attrs: dict[str, Any]) -> None:
        attrs = {k: v for k, v in attrs.items() if k not in ("from_id", "to_id")}
        for id in (from_id, to_id):
            if id not in self.graph:
                raise NotFound(id, self.suggest(id))
        key = edge_key(attrs["type"], attrs.get("valid_from"))
        self.version += 1
        self.graph.add_edge(from_id, to_id, key=key, **attrs)
        self._pred_by_type.setdefault(to_id, {}).setdefault(str(attrs["type"]), {})[from_id] = None
        self._by_type.pop(str(attrs["type"]), None)

    def add_bulk(self, nodes: Iterable[dict[str, Any]], edges: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
        """Add new nodes, then edges between known nodes, from already-checked attributes,
        as ``add_node_attrs`` and ``add_edge_attrs`` one by one would, in far less time.

        For a loader's batch that was checked as a whole (``loaders._build.merge``): the
        nodes must be new and every edge's ends must exist once the nodes are in, since
        neither is checked again here. Edge keys are interned: a big roster has a few
        thousand distinct ones (``HOLDS@2013-04-01``) on a million edges. The values are
        the caller's to share: a loader passes one string per day, kind and type; the dicts
        themselves become the graph's, so the caller must not keep or change them.
        """
        by_kind, by_role = self._by_kind, self._by_role
        pred_by_type = self._pred_by_type
        graph = self.graph
        # networkx's own dicts, written as ``add_node`` and ``add_edge`` write them but without
        # their per-call work: each given dict becomes the graph's attribute dict itself, where
        # networkx would copy it into a new one (and ``add_nodes_from`` tries each (id, attrs)
        # pair as a node first, failing on the dict). A MultiDiGraph keeps one key dict per
        # (from, to) pair, shared by its successor and predecessor maps.
        succ, pred, node_attrs = graph._succ, graph._pred, graph._node
        self.version += 1
        self._by_type.clear()
        for attrs in nodes:
            id = attrs["id"]
            by_kind[attrs["kind"]][id] = None
            if "role" in attrs:
                by_role[attrs["role"]][id] = None
            succ[id] = {}
            pred[id] = {}
            node_attrs[id] = attrs
        for from_id, to_id, attrs in edges:
            type = attrs["type"]
            # get, not setdefault: setdefault would make two dicts per edge to throw away.
            by_type = pred_by_type.get(to_id)
            if by_type is None:
                by_type = pred_by_type[to_id] = {}
            preds = by_type.get(type)
            if preds is None:
                preds = by_type[type] = {}
            preds[from_id] = None
            out = succ[from_id]
            keys = out.get(to_id)
            if keys is None:
                keys = out[to_id] = {}
                pred[to_id][from_id] = keys
            keys[_interned_key(type, attrs.get("valid_from"))] = attrs
        nx._clear_cache(graph)  # as every networkx write does: a cached view must not outlive it

    def end_edge(self, from_id: str, to_id: str, key: str, valid_to: str) -> None:
        """Close an edge on ``valid_to`` (exclusive), keeping its history."""
        try:
            attrs = self.graph.edges[from_id, to_id, key]
        except KeyError:
            raise NotFound(f"{from_id} -[{key}]-> {to_id}") from None
        attrs["valid_to"] = valid_to
        self.version += 1
        self._by_type.pop(str(attrs["type"]), None)

    # -- reads ----------------------------------------------------------------------
    def has_node(self, id: str) -> bool:
        return id in self.graph

    def node(self, id: str) -> NodeData:
        try:
            attrs: NodeData = self.graph.nodes[id]
        except KeyError:
            raise NotFound(id, self.suggest(id)) from None
        return attrs

    def nodes(self, kind: NodeKind | None = None, *, as_of: str | None = None) -> Iterator[NodeData]:
        data = self.graph.nodes
        ids: Iterable[str] = self._by_kind[str(kind)] if kind is not None else data
        for id in ids:
            attrs = data[id]
            if as_of is None or active(attrs, as_of):
                yield attrs

    def count(self, kind: NodeKind | None = None) -> int:
        return len(self._by_kind[str(kind)]) if kind is not None else int(self.graph.number_of_nodes())

    def has_edge(self, from_id: str, to_id: str, key: str) -> bool:
        """Whether the edge with ``key`` (``model.edge_key``) runs from ``from_id`` to ``to_id``."""
        return bool(self.graph.has_edge(from_id, to_id, key))

    def number_of_edges(self) -> int:
        return int(self.graph.number_of_edges())

    def posts_with_role(self, role: Role, *, as_of: str | None = None) -> Iterator[NodeData]:
        data = self.graph.nodes
        for id in self._by_role[str(role)]:
            attrs = data[id]
            if as_of is None or active(attrs, as_of):
                yield attrs

    def out_edges(self, id: str, type: EdgeType | None = None, *, as_of: str | None = None) -> Iterator[EdgeView]:
        try:
            neighbours = self.graph._succ[id]
        except KeyError:
            raise NotFound(id, self.suggest(id)) from None
        for other, keyed in neighbours.items():
            for attrs in _matching(keyed, type, as_of):
                yield EdgeView(id, other, attrs)

    def in_edges(self, id: str, type: EdgeType | None = None, *, as_of: str | None = None) -> Iterator[EdgeView]:
        try:
            neighbours = self.graph._pred[id]
        except KeyError:
            raise NotFound(id, self.suggest(id)) from None
        others: Iterable[str] = neighbours if type is None else self._pred_by_type.get(id, {}).get(str(type), ())
        for other in others:
            for attrs in _matching(neighbours[other], type, as_of):
                yield EdgeView(other, id, attrs)

    def edges(self, type: EdgeType | None = None, *, as_of: str | None = None) -> Iterator[EdgeView]:
        if type is None:
            return (
                EdgeView(u, v, attrs)
                for u, v, attrs in self.graph.edges(data=True)
                if as_of is None or active(attrs, as_of)
            )
        table = self._by_type.get(str(type))
        if table is None:
            table = self._by_type[str(type)] = self._edge_table(type)
        edges, starts, ends = table
        if as_of is None:
            return iter(edges)
        # The as-of rule (``timeline.active``) on prepared columns, an open bound standing
        # as a string that sorts before or after every ISO date.
        return iter([edge for edge, start, end in zip(edges, starts, ends, strict=True) if start <= as_of < end])

    def _edge_table(self, type: EdgeType) -> _EdgeTable:
        edges = [
            edge
            for kind in EDGE_ENDPOINTS[type][0]
            for id in self._by_kind[str(kind)]
            for edge in self.out_edges(id, type)
        ]
        starts = [edge.attrs.get("valid_from") or _OPEN_START for edge in edges]
        ends = [edge.attrs.get("valid_to") or _OPEN_END for edge in edges]
        return edges, starts, ends

    def suggest(self, id: str, n: int = 5) -> list[str]:
        """The existing ids closest to ``id``, best first, from the same kind when it has one."""
        kind = kind_of_id(id)
        pool: Iterable[str] = self._by_kind[str(kind)] if kind is not None else self.graph.nodes
        candidates = list(pool)
        if len(candidates) > 20_000:
            # difflib is linear in candidates; keep the error path quick on big rosters.
            stem = id[: len(id.split(":", 1)[0]) + 3]
            candidates = [c for c in candidates if c.startswith(stem)][:20_000]
        return closest(id, candidates, n)

    def subgraph_for(
        self, start: str | date | None = None, end: str | date | None = None, *, include: Sequence[str] = ()
    ) -> NetworkXStore:
        """What a whole-graph query on the days from ``start`` to ``end`` needs to read.

        A server-backed store answers with a bounded copy read in one transaction; this
        store holds everything in memory already, so it is its own answer. ``include``
        names nodes that must be in it (an unknown one raises ``NotFound``).
        """
        for id in include:
            self.node(id)
        return self

    def neighbourhood(self, id: str) -> NetworkXStore:
        """All that ``show`` reads about ``id``: here, the store itself."""
        self.node(id)
        return self

    def graph_view(self, types: Iterable[EdgeType], *, as_of: str | None = None) -> nx.MultiDiGraph:
        """A read-only view with only edges of ``types`` (and only what counts on ``as_of``),
        for networkx's own algorithms (``nx.descendants`` over REPORTS_TO is a chain upwards)."""
        prefixes = tuple(f"{t}@" for t in types)
        graph = self.graph

        def keep_node(id: str) -> bool:
            return as_of is None or active(graph.nodes[id], as_of)

        def keep_edge(u: str, v: str, key: str) -> bool:
            return key.startswith(prefixes) and (as_of is None or active(graph.edges[u, v, key], as_of))

        return nx.subgraph_view(graph, filter_node=keep_node, filter_edge=keep_edge)


@lru_cache(maxsize=65_536)
def _interned_key(type: str, valid_from: str | None) -> str:
    """``edge_key``, one string per key: a big roster has a few thousand distinct ones
    (``HOLDS@2013-04-01``) on a million edges."""
    return sys.intern(edge_key(type, valid_from))


def closest(id: str, candidates: list[str], n: int) -> list[str]:
    """Like ``difflib.get_close_matches``, but a candidate with exactly the same letters
    (a transposition: ``crg:CSF`` for ``crg:CFS``) ranks first among equals."""
    matcher = difflib.SequenceMatcher(b=id)
    letters = sorted(id)
    scored = []
    for candidate in candidates:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < 0.6 or matcher.quick_ratio() < 0.6:
            continue
        score = matcher.ratio()
        if score >= 0.6:
            scored.append((score + (0.1 if sorted(candidate) == letters else 0.0), candidate))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [candidate for _, candidate in scored[:n]]


def _matching(
    keyed: Mapping[str, Mapping[str, Any]], type: EdgeType | None, as_of: str | None
) -> Iterator[Mapping[str, Any]]:
    prefix = f"{type}@" if type is not None else ""
    for key, attrs in keyed.items():
        if key.startswith(prefix) and (as_of is None or active(attrs, as_of)):
            yield attrs
