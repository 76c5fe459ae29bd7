"""The one place every loader ends: check a batch of records against a store, then apply it.

Loaders parse their files into a ``Batch`` of validated records, each with its origin
(file, row). ``merge`` checks the batch as a whole against what the store already holds
and raises one ``LoadError`` listing every problem; only a clean batch touches the store,
so a failed load leaves the graph exactly as it was.

Checks made here, for every source format alike:
    * duplicate node ids, within the batch or against the store;
    * edges to unknown ids (with the nearest known id suggested);
    * edges joining kinds their type does not allow (a seat representing a person);
    * two edges of one type between the same nodes starting the same day;
    * two people holding a single-holder seat on the same day (every overlapping pair);
    * cycles in the relations where a cycle means nothing (``ACYCLIC``): a line of sight
      must end, a body cannot be part of itself, a seat cannot be ex officio of itself.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import Any, TypeVar

import networkx as nx

from govgraph.errors import LoadError, Problem
from govgraph.graph.model import EDGE_ENDPOINTS, Edge, EdgeType, Node, NodeKind, Role, edge_key, record_to_attrs
from govgraph.graph.snapshot import SCHEMA_VERSION
from govgraph.graph.store import NetworkXStore
from govgraph.loaders._hints import did_you_mean, suggest_id

_T = TypeVar("_T")

__all__ = ["Batch", "Origin", "RowEdge", "RowNode", "drained", "merge", "new_store"]


# Not frozen, though never changed once made: a frozen dataclass's __init__ sets each field
# through object.__setattr__, four times the cost, and a big roster makes millions of these.
# unsafe_hash keeps the hash a frozen one has.
@dataclass(slots=True, unsafe_hash=True)
class Origin:
    """Where a record came from, for error messages. ``columns`` maps a model field to the
    column (or JSON key) that carried it, so that a problem names what the user wrote."""

    file: str
    row: int | str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)

    def problem(self, field: str | None, message: str) -> Problem:
        column = self.columns.get(field, field) if field else None
        return Problem(self.file, self.row, column, message)


# Not frozen, for speed: see ``Origin``.
@dataclass(slots=True, unsafe_hash=True)
class RowNode:
    """A node a roster row asks for, its values checked as the row was read.

    It has the fields of the model's record of its kind (``model.Person``, ``model.Post``,
    ``model.Body``) that a roster can fill, and ``attrs`` gives what ``record_to_attrs``
    gives for that record, key for key; but it costs a tenth of a pydantic record, built
    and dumped, which a big roster makes a million of. Only the row checks
    (``loaders._parse``) make one, after checking what the model would.
    """

    kind: NodeKind
    id: str
    name: str
    source: str
    valid_from: date | None = None
    valid_to: date | None = None
    role: Role | None = None  # a Post's
    single_holder: bool = True  # a Post's
    email: str | None = None  # a Person's
    employer: str | None = None  # a Person's
    fictional: bool = False  # a Person's

    def attrs(self) -> dict[str, Any]:
        """The graph's attributes: ISO dates, plain strings, defaults left out, as ``record_to_attrs``."""
        attrs: dict[str, Any] = {"id": self.id, "name": self.name}
        if self.valid_from is not None:
            attrs["valid_from"] = _iso(self.valid_from)
        if self.valid_to is not None:
            attrs["valid_to"] = _iso(self.valid_to)
        attrs["source"] = self.source
        kind = _KIND_VALUE[self.kind]  # the enum's own string, one object for the whole graph
        if self.kind not in _KIND_DEFAULTED:
            attrs["kind"] = kind  # a Body's kind has no default, so it comes in field order
        if self.role is not None:
            attrs["role"] = _ROLE_VALUE[self.role]
        if not self.single_holder:
            attrs["single_holder"] = False
        if self.email is not None:
            attrs["email"] = self.email
        if self.employer is not None:
            attrs["employer"] = self.employer
        if self.fictional:
            attrs["fictional"] = True
        attrs["kind"] = kind
        return attrs


@lru_cache(maxsize=65_536)
def _iso(day: date) -> str:
    """A day as the graph stores it, one string per day: a big roster has a few thousand
    days in a million dates."""
    return sys.intern(day.isoformat())


# Each enum member's own string (``.value``), looked up here: ``.value`` is a property of
# Python's, and a big roster reads it a million times.
_KIND_VALUE = {kind: kind.value for kind in NodeKind}
_ROLE_VALUE = {role: role.value for role in Role}
_TYPE_VALUE = {type: type.value for type in EdgeType}


@lru_cache(maxsize=65_536)
def _key(type: EdgeType, valid_from: date | None) -> str:
    """``edge_key`` of a type and a day, made once per pair: a big roster has a few
    thousand distinct ones on a million edges."""
    return edge_key(type, _iso(valid_from) if valid_from else None)


#: Kinds whose model gives ``kind`` a default, which ``record_to_attrs`` adds last.
_KIND_DEFAULTED = frozenset({NodeKind.POST, NodeKind.PERSON, NodeKind.CRG, NodeKind.AREA_TEAM})


# Not frozen, for speed: see ``Origin``.
@dataclass(slots=True, unsafe_hash=True)
class RowEdge:
    """An edge a roster row asks for, as ``RowNode`` is a node: the fields of ``model.Edge``
    a roster fills, checked as the row was read and placed, and its graph attributes."""

    type: EdgeType
    from_id: str
    to_id: str
    source: str
    valid_from: date | None = None
    valid_to: date | None = None
    acting: bool = False
    appointed: date | None = None

    @property
    def key(self) -> str:
        return _key(self.type, self.valid_from)

    def attrs(self) -> dict[str, Any]:
        """As ``record_to_attrs`` gives for the same ``model.Edge``, less ``from_id`` and
        ``to_id``, which the graph keeps as the edge's ends."""
        attrs: dict[str, Any] = {"type": _TYPE_VALUE[self.type]}
        if self.valid_from is not None:
            attrs["valid_from"] = _iso(self.valid_from)
        if self.valid_to is not None:
            attrs["valid_to"] = _iso(self.valid_to)
        attrs["source"] = self.source
        if self.acting:
            attrs["acting"] = True
        if self.appointed is not None:
            attrs["appointed"] = _iso(self.appointed)
        return attrs


@dataclass
class Batch:
    """Records to add to a store, each with its origin, plus the files they came from."""

    nodes: list[tuple[Node | RowNode, Origin]] = field(default_factory=list)
    edges: list[tuple[Edge | RowEdge, Origin]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def add_node(self, node: Node | RowNode, origin: Origin) -> None:
        self.nodes.append((node, origin))

    def add_edge(self, edge: Edge | RowEdge, origin: Origin) -> None:
        self.edges.append((edge, origin))

    def extend(self, other: Batch) -> None:
        self.nodes.extend(other.nodes)
        self.edges.extend(other.edges)
        self.sources.extend(other.sources)
        self.problems.extend(other.problems)


def new_store(sources: Iterable[str] = ()) -> NetworkXStore:
    """An empty store stamped with the metadata every built graph carries."""
    return NetworkXStore(
        meta={
            "schema_version": SCHEMA_VERSION,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "sources": list(sources),
        }
    )


def merge(store: NetworkXStore, batch: Batch) -> NetworkXStore:
    """Add ``batch`` to ``store`` if the result is valid; otherwise raise and change nothing.

    A batch that is added is used up: its records are let go as the store takes them in.
    """
    problems = list(batch.problems) + _check(store, batch)
    if problems:
        raise LoadError(problems)
    # Checked as a whole above: every node is new and every edge joins known nodes, so the
    # store takes them in bulk, each record's attributes made as it is added.
    store.add_bulk(map(_node_attrs, drained(batch.nodes)), map(_edge_attrs, drained(batch.edges)))
    store.meta.setdefault("sources", [])
    store.meta["sources"] = [*store.meta["sources"], *(s for s in batch.sources if s not in store.meta["sources"])]
    return store


def drained(items: list[_T]) -> Iterator[_T]:
    """Each of ``items`` in order, each let go from the list as it is taken: the records of
    a big batch are freed as the graph takes them in, not kept beside the whole graph."""
    for index, item in enumerate(items):
        items[index] = None  # type: ignore[assignment]
        yield item
    items.clear()


def _node_attrs(item: tuple[Node | RowNode, Origin]) -> dict[str, Any]:
    node = item[0]
    return node.attrs() if isinstance(node, RowNode) else record_to_attrs(node)


def _edge_attrs(item: tuple[Edge | RowEdge, Origin]) -> tuple[str, str, dict[str, Any]]:
    edge = item[0]
    if isinstance(edge, RowEdge):
        return edge.from_id, edge.to_id, edge.attrs()
    attrs = record_to_attrs(edge)
    return attrs.pop("from_id"), attrs.pop("to_id"), attrs


def _check(store: NetworkXStore, batch: Batch) -> list[Problem]:
    problems: list[Problem] = []
    kinds: dict[str, str] = {}
    fresh: set[str] = set()  # the batch's ids the store has not: no edge of theirs is in it
    for node, origin in batch.nodes:
        in_store = store.has_node(node.id)
        if node.id in kinds or in_store:
            problems.append(origin.problem("id", f"duplicate id {node.id!r}"))
        if not in_store:
            fresh.add(node.id)
        kinds[node.id] = _KIND_VALUE[node.kind]

    stored: dict[str, str | None] = {}  # the kinds of the store's nodes the batch's edges meet

    def kind_of(id: str) -> str | None:
        if id in kinds:
            return kinds[id]
        if id not in stored:
            stored[id] = store.node(id)["kind"] if store.has_node(id) else None
        return stored[id]

    if not _edges_clean(batch.edges, kinds, fresh, kind_of):
        problems += _edge_problems(store, batch.edges, kinds, fresh, kind_of)
    # One pass over a big batch's edges for both checks below, not one per check or type:
    # each pass reads every edge from memory again.
    holds: dict[str, list[tuple[Edge | RowEdge, Origin]]] = defaultdict(list)
    chains: dict[EdgeType, list[tuple[Edge | RowEdge, Origin]]] = {type: [] for type in ACYCLIC}
    for item in batch.edges:
        type = item[0].type
        if type is EdgeType.HOLDS:
            holds[item[0].to_id].append(item)
        elif type in chains:
            chains[type].append(item)
    problems += _check_single_holders(store, batch, holds, fresh)
    for type, new in chains.items():
        problems += _check_cycles(type, store, new)
    return problems


def _edges_clean(
    edges: list[tuple[Edge | RowEdge, Origin]],
    kinds: Mapping[str, str],
    fresh: set[str],
    kind_of: Callable[[str], str | None],
) -> bool:
    """Whether ``_edge_problems`` would find nothing, asked a column at a time: each distinct
    (type, kind, kind) of the batch's edges once, and their keys as one set. A million edges
    of a roster have a few dozen such triples; C loops (``map``, ``zip``, ``set``) read the
    columns, where the edge-by-edge check is Python for every edge. Only an answer of no
    leads to that check, which alone words the problems."""
    records = list(map(itemgetter(0), edges))
    types = list(map(attrgetter("type"), records))
    from_ids = list(map(attrgetter("from_id"), records))
    to_ids = list(map(attrgetter("to_id"), records))
    # An edge from a node the store had before the batch may repeat one of the store's edges:
    # a roster's edges start at its own rows, so such a batch is rare and checked edge by edge.
    if not fresh.issuperset(from_ids):
        return False
    # Two edges of one type between the same nodes starting the same day have one key (the
    # key is made of the type and the day): any such pair, and the set is smaller.
    if len(set(zip(from_ids, to_ids, types, map(attrgetter("valid_from"), records), strict=True))) != len(records):
        return False
    ends = set(from_ids)
    ends.update(to_ids)
    known = dict(kinds)
    known.update({id: kind_of(id) for id in ends.difference(kinds)})  # the store's few the batch meets
    for type, from_kind, to_kind in set(
        zip(types, map(known.__getitem__, from_ids), map(known.__getitem__, to_ids), strict=True)
    ):
        allowed_from, allowed_to = EDGE_ENDPOINTS[type]
        if from_kind not in allowed_from or to_kind not in allowed_to:
            return False
    return True


def _edge_problems(
    store: NetworkXStore,
    edges: list[tuple[Edge | RowEdge, Origin]],
    kinds: Mapping[str, str],
    fresh: set[str],
    kind_of: Callable[[str], str | None],
) -> list[Problem]:
    """Each edge's unknown or wrong-kind ends and repeated key, edge by edge in batch order."""
    problems: list[Problem] = []
    seen_keys: set[tuple[str, str, str]] = set()
    for edge, origin in edges:
        allowed_from, allowed_to = EDGE_ENDPOINTS[edge.type]
        # A NodeKind is a str: the kinds as stored are looked up in the sets of NodeKinds as they are.
        # The batch's own ids first, without a call: nearly every edge of a roster joins them.
        from_kind, to_kind = kinds.get(edge.from_id), kinds.get(edge.to_id)
        if from_kind is None:
            from_kind = kind_of(edge.from_id)
        if to_kind is None:
            to_kind = kind_of(edge.to_id)
        if from_kind not in allowed_from or to_kind not in allowed_to:
            for end, id, allowed in (("from_id", edge.from_id, allowed_from), ("to_id", edge.to_id, allowed_to)):
                kind = kind_of(id)
                if kind is None:
                    problems.append(origin.problem(end, _unknown(id, store, kinds)))
                elif kind not in allowed:
                    wanted = " or ".join(sorted(allowed))
                    problems.append(
                        origin.problem(
                            end,
                            f"{edge.type} cannot {'start' if end == 'from_id' else 'end'} at {id!r} (a {kind}); "
                            f"expected a {wanted}",
                        )
                    )
        key = (edge.from_id, edge.to_id, edge.key)
        if key in seen_keys or (edge.from_id not in fresh and store.has_node(edge.from_id) and store.has_edge(*key)):
            problems.append(
                origin.problem(
                    "valid_from",
                    f"duplicate {edge.type} edge {edge.from_id!r} -> {edge.to_id!r} "
                    f"starting {edge.valid_from or 'open'}",
                )
            )
        seen_keys.add(key)
    return problems


def _unknown(id: str, store: NetworkXStore, batch_kinds: Mapping[str, str]) -> str:
    return f"unknown id {id!r}{did_you_mean(suggest_id(id, store, batch_kinds))}"


def _check_single_holders(
    store: NetworkXStore, batch: Batch, new_holds: Mapping[str, list[tuple[Edge | RowEdge, Origin]]], fresh: set[str]
) -> list[Problem]:
    """Two holdings of one single-holder seat whose date ranges overlap (``new_holds``: the
    batch's HOLDS edges by seat, in batch order; ``fresh``: the batch's ids the store has not)."""
    batch_single = {node.id: node.single_holder for node, _ in batch.nodes if node.kind is NodeKind.POST}
    problems = []
    for post_id, holds in new_holds.items():
        known = post_id not in fresh and store.has_node(post_id)
        single = batch_single.get(post_id)
        if single is None:
            if not known:
                continue
            single = store.node(post_id).get("single_holder", True)
        if not single or (len(holds) == 1 and not known):
            continue  # a seat held once in all, by this batch: no pair to compare
        spans: list[tuple[tuple[str, str], str, Origin | None]] = [
            (_span(e.valid_from, e.valid_to), e.from_id, o) for e, o in holds
        ]
        if known:
            for existing in store.in_edges(post_id, EdgeType.HOLDS):
                spans.append(
                    (
                        (existing.attrs.get("valid_from") or "", existing.attrs.get("valid_to") or "9999"),
                        existing.from_id,
                        None,
                    )
                )
        spans.sort(key=lambda s: s[0])
        # Every overlapping pair, not only neighbours: with three holders at once, each pair
        # is a problem to fix, and all of them are reported in one go.
        for later, (b, person_b, origin_b) in enumerate(spans):
            for a, person_a, origin_a in spans[:later]:
                row = origin_b or origin_a  # the pair's row in this batch, later first
                if b[0] < a[1] and row is not None:
                    problems.append(
                        row.problem(
                            "valid_from",
                            f"{post_id!r} holds one person at a time, but {person_a!r} and {person_b!r} "
                            f"both hold it from {b[0] or 'the start'}",
                        )
                    )
    return problems


def _span(start: Any, end: Any) -> tuple[str, str]:
    return (_iso(start) if start else "", _iso(end) if end else "9999")


#: Relations in which a cycle means nothing, refused wherever it is found.
ACYCLIC = (EdgeType.PART_OF, EdgeType.REPORTS_TO, EdgeType.EX_OFFICIO, EdgeType.SUCCEEDED_BY)


def _check_cycles(type: EdgeType, store: NetworkXStore, new: list[tuple[Edge | RowEdge, Origin]]) -> list[Problem]:
    """Each cycle of ``type`` edges that the batch closes (``new``, its edges of that type),
    once, at a row of the batch."""
    if not new:
        return []
    chain = nx.DiGraph()
    for view in store.edges(type):
        chain.add_edge(view.from_id, view.to_id)
    origins = {}
    for edge, origin in new:
        chain.add_edge(edge.from_id, edge.to_id)
        origins[(edge.from_id, edge.to_id)] = origin
    problems = []
    for found in sorted(nx.simple_cycles(chain)):
        # simple_cycles may start a ring at any of its nodes; start at the smallest id so
        # the same input always gives the same message.
        start = found.index(min(found))
        cycle = found[start:] + found[:start]
        ring = " -> ".join([*cycle, cycle[0]])
        pairs = list(zip(cycle, [*cycle[1:], cycle[0]], strict=True))
        origin = next((origins[p] for p in pairs if p in origins), Origin(str(type)))
        problems.append(origin.problem("to_id", f"{type} cycle: {ring}"))
    return problems
