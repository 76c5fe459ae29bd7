"""The Cypher the Neo4j store runs: statement text, parameter batches, and row decoding.

Everything here is pure (no driver, no server), so it is tested on its own. The
Neo4j store sends these statements; the Cypher script export reuses the same bodies.

How the graph sits in Neo4j
    * A node has two labels, ``:GovGraph`` and its kind (``:GovGraph:CRG``). ``:GovGraph``
      is govgraph's own: every statement matches on it, so the graph can share a database
      with other applications, whose ``:Person`` or ``:Post`` nodes it never reads, changes
      or deletes. It carries the uniqueness constraint that makes every id look-up an
      index seek. The kind labels have no constraint of their own, since a constraint on
      ``:Person`` would bind other applications' nodes too.
    * A node's properties are its stored attributes without ``kind``, which is the label.
      A relationship's type is the edge type; its properties are the edge's attributes
      without ``type``, plus ``key`` (``model.edge_key``), on which writes MERGE. This is
      the shape ``neo4j-admin database import`` builds from the CSV export as well
      (``kind:LABEL`` and ``:TYPE`` columns are labels and types, not properties).
    * Dates stay ISO strings, as in the networkx store: the as-of predicate compares
      strings in Cypher exactly as ``timeline.active`` does in Python.
    * One ``:GovGraphMeta`` node, unique on its ``id``, holds the graph's metadata.

Safety
    Labels and relationship types cannot be parameters in Cypher, so they are the only
    text put into a statement, and only after ``label`` or ``rel_type`` has checked them
    against the closed enums ``NodeKind`` and ``EdgeType``. Every value is a parameter.

Writes are idempotent: MERGE on the id (nodes) or on the two ends and the key
(relationships), then ``SET x = row.props``, which replaces every property. Replacing
rather than adding (``+=``) means a field the source no longer has (an end date taken
back) disappears from Neo4j too, so loading the same data twice, or corrected data
once more, leaves exactly what was loaded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any, TypeVar

from govgraph.graph.model import EdgeType, NodeKind, edge_key
from govgraph.graph.store import GraphStore

__all__ = [
    "BASE_LABEL",
    "DEFAULT_BATCH_SIZE",
    "META_LABEL",
    "NEAR_IN_TYPES",
    "as_of_predicate",
    "batched",
    "constraint_statements",
    "count_nodes",
    "delete_meta",
    "delete_nodes",
    "drop_schema_statements",
    "edge_attrs",
    "edge_batches",
    "edge_merge_body",
    "edge_row",
    "edges_of",
    "in_edges",
    "in_edges_reaching",
    "label",
    "merge_edges",
    "merge_nodes",
    "meta_merge_body",
    "neighbourhood",
    "node_attrs",
    "node_batches",
    "node_by_id",
    "node_ids",
    "node_merge_body",
    "node_row",
    "nodes_of",
    "out_edges",
    "out_edges_reaching",
    "overlap_predicate",
    "posts_with_role",
    "read_meta",
    "rel_type",
    "slice_statements",
    "write_meta",
]

#: The label every govgraph node carries, whatever its kind, and only govgraph's do.
BASE_LABEL = "GovGraph"
#: The label of the one node holding the graph's metadata (sources, built_at).
META_LABEL = "GovGraphMeta"
#: Rows per write transaction: big enough to amortise a round trip, small enough that
#: a transaction stays well inside a default Neo4j heap.
DEFAULT_BATCH_SIZE = 1_000

_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
T = TypeVar("T")


# -- labels and types ---------------------------------------------------------------------
def label(kind: NodeKind | str) -> str:
    """The label of a node kind, refused unless it is one of ``NodeKind``.

    >>> label("CRG")
    'CRG'
    >>> label("CRG) DETACH DELETE (n")
    Traceback (most recent call last):
    ...
    ValueError: 'CRG) DETACH DELETE (n' is not a valid NodeKind
    """
    return _checked(NodeKind(kind).value)


def rel_type(type: EdgeType | str) -> str:
    """The relationship type of an edge type, refused unless it is one of ``EdgeType``.

    >>> rel_type("POST_IN")
    'POST_IN'
    """
    return _checked(EdgeType(type).value)


def _checked(name: str) -> str:
    # The enums are closed, but a value added to them later must still be a bare
    # identifier before it goes into statement text.
    if not _IDENTIFIER.match(name):
        raise ValueError(f"{name!r} cannot be a Neo4j label or relationship type")
    return name


# -- time ---------------------------------------------------------------------------------
def as_of_predicate(var: str) -> str:
    """Cypher that is true when ``var`` counts on ``$as_of``, or when ``$as_of`` is null.

    ``valid_from <= $as_of < valid_to``, either bound open when missing: the rule of
    ``timeline.active``, on the same ISO strings.

    >>> as_of_predicate("r")
    '($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR $as_of < r.valid_to)))'
    """
    _variable(var)
    return f"($as_of IS NULL OR {_interval(var, '$as_of', '$as_of')})"


def overlap_predicate(var: str) -> str:
    """Cypher that is true when ``var`` counts on some day from ``$start`` to ``$end``
    (both inclusive); with ``$start = $end`` it is the as-of rule for that day.

    >>> overlap_predicate("p")
    '((p.valid_from IS NULL OR p.valid_from <= $end) AND (p.valid_to IS NULL OR $start < p.valid_to))'
    """
    _variable(var)
    return _interval(var, "$start", "$end")


def _interval(var: str, start: str, end: str) -> str:
    starts = f"({var}.valid_from IS NULL OR {var}.valid_from <= {end})"
    ends = f"({var}.valid_to IS NULL OR {start} < {var}.valid_to)"
    return f"({starts} AND {ends})"


def _variable(var: str) -> None:
    if not _IDENTIFIER.match(var):
        raise ValueError(f"{var!r} is not a Cypher variable name")


# -- schema -------------------------------------------------------------------------------
def constraint_statements() -> list[str]:
    """Uniqueness of ``id`` on ``:GovGraph`` and on the metadata node, and an index on a
    seat's role (``posts_with_role``). Each runs on its own: Neo4j does not mix schema
    and data changes in one transaction.

    >>> constraint_statements()[0]
    'CREATE CONSTRAINT govgraph_id IF NOT EXISTS FOR (n:GovGraph) REQUIRE n.id IS UNIQUE'
    """
    return [
        _unique(BASE_LABEL),
        _unique(META_LABEL),
        f"CREATE INDEX {_ROLE_INDEX} IF NOT EXISTS FOR (n:{BASE_LABEL}) ON (n.role)",
    ]


def drop_schema_statements() -> list[str]:
    """Drop what ``constraint_statements`` creates."""
    names = [_constraint_name(BASE_LABEL), _constraint_name(META_LABEL)]
    return [f"DROP CONSTRAINT {name} IF EXISTS" for name in names] + [f"DROP INDEX {_ROLE_INDEX} IF EXISTS"]


_ROLE_INDEX = "govgraph_role"


def _unique(name: str) -> str:
    return f"CREATE CONSTRAINT {_constraint_name(name)} IF NOT EXISTS FOR (n:{name}) REQUIRE n.id IS UNIQUE"


def _constraint_name(name: str) -> str:
    return f"{name.lower()}_id"


# -- writes -------------------------------------------------------------------------------
def node_merge_body(kind: NodeKind | str) -> str:
    """What is done with each ``row`` (``{id, props}``) of a batch of nodes of one kind."""
    return f"MERGE (n:{BASE_LABEL}:{label(kind)} {{id: row.id}}) SET n = row.props"


def edge_merge_body(type: EdgeType | str) -> str:
    """What is done with each ``row`` (``{from_id, to_id, key, props}``) of a batch of
    edges of one type. Both ends are matched on ``:GovGraph`` so that the look-up is an
    index seek; a row whose end is missing writes nothing (the count returned tells)."""
    return (
        f"MATCH (a:{BASE_LABEL} {{id: row.from_id}}) MATCH (b:{BASE_LABEL} {{id: row.to_id}}) "
        f"MERGE (a)-[r:{rel_type(type)} {{key: row.key}}]->(b) SET r = row.props"
    )


def merge_nodes(kind: NodeKind | str) -> str:
    """``UNWIND $rows`` over ``node_merge_body``; returns how many rows were written.

    >>> merge_nodes("CRG")
    'UNWIND $rows AS row MERGE (n:GovGraph:CRG {id: row.id}) SET n = row.props RETURN count(*) AS written'
    """
    return f"UNWIND $rows AS row {node_merge_body(kind)} RETURN count(*) AS written"


def merge_edges(type: EdgeType | str) -> str:
    """``UNWIND $rows`` over ``edge_merge_body``; returns how many rows were written."""
    return f"UNWIND $rows AS row {edge_merge_body(type)} RETURN count(*) AS written"


def node_row(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """A stored node's attributes as one row of ``merge_nodes``.

    >>> node_row({"id": "crg:CFS", "kind": "CRG", "name": "Cystic Fibrosis", "source": "s"})
    {'id': 'crg:CFS', 'props': {'id': 'crg:CFS', 'name': 'Cystic Fibrosis', 'source': 's'}}
    """
    return {"id": attrs["id"], "props": {k: v for k, v in attrs.items() if k != "kind"}}


def edge_row(from_id: str, to_id: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """A stored edge's attributes as one row of ``merge_edges``.

    >>> row = edge_row("crg:CFS", "programme:x", {"type": "PART_OF", "valid_from": "2013-04-01", "source": "s"})
    >>> row["from_id"], row["to_id"], row["key"]
    ('crg:CFS', 'programme:x', 'PART_OF@2013-04-01')
    >>> row["props"]
    {'valid_from': '2013-04-01', 'source': 's', 'key': 'PART_OF@2013-04-01'}
    """
    key = edge_key(attrs["type"], attrs.get("valid_from"))
    props = {k: v for k, v in attrs.items() if k not in ("type", "from_id", "to_id")}
    return {"from_id": from_id, "to_id": to_id, "key": key, "props": props | {"key": key}}


def node_batches(store: GraphStore, size: int) -> Iterator[tuple[NodeKind, list[dict[str, Any]]]]:
    """Every node of ``store`` as ``merge_nodes`` rows: per kind, ``size`` rows at most."""
    for kind in NodeKind:
        for batch in batched((node_row(attrs) for attrs in store.nodes(kind)), size):
            yield kind, batch


def edge_batches(store: GraphStore, size: int) -> Iterator[tuple[EdgeType, list[dict[str, Any]]]]:
    """Every edge of ``store`` as ``merge_edges`` rows: per type, ``size`` rows at most.
    Write them after every node, since an edge row only matches existing ends."""
    for type in EdgeType:
        for batch in batched((edge_row(e.from_id, e.to_id, e.attrs) for e in store.edges(type)), size):
            yield type, batch


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter).

    >>> [len(b) for b in batched(range(2500), 1000)]
    [1000, 1000, 500]
    """
    if size < 1:
        raise ValueError(f"a batch holds at least one row, not {size}")
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def meta_merge_body() -> str:
    """Store ``json`` (the graph's metadata as JSON text) on the one metadata node."""
    return f"MERGE (m:{META_LABEL} {{id: 'meta'}}) SET m.json = json"


def write_meta() -> str:
    """``meta_merge_body`` with the JSON text as ``$json``."""
    return f"WITH $json AS json {meta_merge_body()}"


def delete_nodes() -> str:
    """Delete up to ``$limit`` govgraph nodes with their relationships; returns how many."""
    return f"MATCH (n:{BASE_LABEL}) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"


def delete_meta() -> str:
    return f"MATCH (m:{META_LABEL}) DELETE m"


# -- reads --------------------------------------------------------------------------------
# Node reads return ``props`` and ``labels``; edge reads return ``from_id``, ``to_id``,
# ``type`` and ``props`` (``a`` is always where the edge starts). ``node_attrs`` and ``edge_attrs`` turn them back into the
# attribute dicts the networkx store holds. Results come in id order (then key order for
# edges), so that a read is the same every time.

_NODE = "properties(n) AS props, labels(n) AS labels"
_EDGE = "a.id AS from_id, b.id AS to_id, type(r) AS type, properties(r) AS props"


def read_meta() -> str:
    return f"MATCH (m:{META_LABEL} {{id: 'meta'}}) RETURN m.json AS json"


def node_by_id() -> str:
    """The node ``$id``: one row, or none."""
    return f"MATCH (n:{BASE_LABEL} {{id: $id}}) RETURN {_NODE}"


def nodes_of(kind: NodeKind | str | None) -> str:
    """Nodes of one kind (every node for ``None``) that count on ``$as_of`` (all for null)."""
    return f"MATCH (n:{_node_label(kind)}) WHERE {as_of_predicate('n')} RETURN {_NODE} ORDER BY n.id"


def node_ids(kind: NodeKind | str | None) -> str:
    """Every id of one kind (of every kind for ``None``), for suggestions."""
    return f"MATCH (n:{_node_label(kind)}) RETURN n.id AS id ORDER BY n.id"


def count_nodes(kind: NodeKind | str | None) -> str:
    return f"MATCH (n:{_node_label(kind)}) RETURN count(n) AS count"


def posts_with_role() -> str:
    """Seats whose role is ``$role`` that count on ``$as_of``."""
    return (
        f"MATCH (n:{BASE_LABEL}) WHERE n.role = $role AND n:{label(NodeKind.POST)} AND {as_of_predicate('n')} "
        f"RETURN {_NODE} ORDER BY n.id"
    )


def out_edges(type: EdgeType | str | None) -> str:
    """Edges from ``$id`` (of one type, or any) that count on ``$as_of``.

    The rows also tell whether ``$id`` exists: none when it does not, one row of nulls
    when it exists with no such edge, so the store raises ``NotFound`` without a second
    round trip.
    """
    return (
        f"MATCH (a:{BASE_LABEL} {{id: $id}}) OPTIONAL MATCH (a)-[r{_rel(type)}]->(b:{BASE_LABEL}) "
        f"WHERE {as_of_predicate('r')} RETURN {_EDGE} ORDER BY b.id, r.key"
    )


def in_edges(type: EdgeType | str | None) -> str:
    """Edges into ``$id``; rows as ``out_edges``."""
    return (
        f"MATCH (b:{BASE_LABEL} {{id: $id}}) OPTIONAL MATCH (a:{BASE_LABEL})-[r{_rel(type)}]->(b) "
        f"WHERE {as_of_predicate('r')} RETURN {_EDGE} ORDER BY a.id, r.key"
    )


#: The in-edges read with a neighbour's out-edges (``out_edges_reaching``): a seat's
#: holders and a body's seats, the in-edges the queries ask for by node, both few per node.
NEAR_IN_TYPES = (EdgeType.HOLDS, EdgeType.POST_IN)


def out_edges_reaching() -> str:
    """``out_edges`` of each node whose id is in ``$ids``, of type ``$type`` (every type
    for null), and with them what a query asks next of each node ``m`` at their other
    end, in one read: ``m``'s out-edges of every type and its in-edges of the
    ``NEAR_IN_TYPES``, each with the node at its other end, all counting on ``$as_of``.

    One row per record, ``part`` telling which: ``node`` (a node of ``$ids``; none for an
    id that does not exist), ``edge`` (an edge of one of them, with ``m``), ``near_out``
    and ``near_in`` (an edge of ``m``, with the node at its other end). The node is in
    ``props`` and ``labels`` (as ``node_by_id``), the edge in ``from_id``, ``to_id``,
    ``type`` and ``edge_props``. Unordered: the store sorts them.

    The type is a parameter, not part of the text, so that the server plans the
    statement once, not once per type (planning a union of four takes it longer than
    running one).
    """
    return _reaching("-[r]->")


def in_edges_reaching() -> str:
    """``in_edges`` of each node of ``$ids`` with the same of each node at their other
    end; rows as ``out_edges_reaching``."""
    return _reaching("<-[r]-")


def _reaching(step: str) -> str:
    start = f"MATCH (n:{BASE_LABEL}) WHERE n.id IN $ids"
    reach = (
        f"{start} MATCH (n){step}(m:{BASE_LABEL}) WHERE ($type IS NULL OR type(r) = $type) AND {as_of_predicate('r')}"
    )
    near = f"{reach} WITH DISTINCT m MATCH "
    near_in = "|".join(rel_type(t) for t in NEAR_IN_TYPES)
    edge = "startNode({0}).id AS from_id, endNode({0}).id AS to_id, type({0}) AS type, properties({0}) AS edge_props"
    return " UNION ALL ".join(
        [
            f"{start} RETURN 'node' AS part, properties(n) AS props, labels(n) AS labels, null AS from_id, "
            "null AS to_id, null AS type, null AS edge_props",
            f"{reach} RETURN 'edge' AS part, properties(m) AS props, labels(m) AS labels, {edge.format('r')}",
            f"{near}(m)-[s]->(o:{BASE_LABEL}) WHERE {as_of_predicate('s')} "
            f"RETURN 'near_out' AS part, properties(o) AS props, labels(o) AS labels, {edge.format('s')}",
            f"{near}(m)<-[s:{near_in}]-(o:{BASE_LABEL}) WHERE {as_of_predicate('s')} "
            f"RETURN 'near_in' AS part, properties(o) AS props, labels(o) AS labels, {edge.format('s')}",
        ]
    )


def edges_of(type: EdgeType | str | None) -> str:
    """Every edge of one type (of every type for ``None``) that counts on ``$as_of``."""
    return (
        f"MATCH (a:{BASE_LABEL})-[r{_rel(type)}]->(b:{BASE_LABEL}) WHERE {as_of_predicate('r')} "
        f"RETURN {_EDGE} ORDER BY a.id, b.id, r.key"
    )


def neighbourhood() -> str:
    """The node ``$id`` with every edge touching it (any type, any date) and the node at
    the other end: one row per edge, or one row with null edge columns when it has none,
    or no row when the node does not exist."""
    return (
        f"MATCH (n:{BASE_LABEL} {{id: $id}}) OPTIONAL MATCH (n)-[r]-(m:{BASE_LABEL}) "
        f"RETURN properties(n) AS props, labels(n) AS labels, properties(m) AS other_props, "
        f"labels(m) AS other_labels, startNode(r).id AS from_id, endNode(r).id AS to_id, "
        f"type(r) AS type, properties(r) AS edge_props"
    )


def slice_statements() -> list[str]:
    """What ``Neo4jStore.subgraph_for`` reads, in one transaction, in this order:

    1. every node but people, whatever its dates;
    2. every edge but holdings (HOLDS), whatever its dates;
    3. people who exist on some day from ``$start`` to ``$end``;
    4. holdings that count on some day from ``$start`` to ``$end``, with their holders;
    5. the nodes whose ids are in ``$include``, whatever their dates.
    """
    person, holds = label(NodeKind.PERSON), rel_type(EdgeType.HOLDS)
    structure = "|".join(rel_type(t) for t in EdgeType if t is not EdgeType.HOLDS)
    return [
        f"MATCH (n:{BASE_LABEL}) WHERE NOT n:{person} RETURN {_NODE} ORDER BY n.id",
        f"MATCH (a:{BASE_LABEL})-[r:{structure}]->(b:{BASE_LABEL}) RETURN {_EDGE} ORDER BY a.id, b.id, r.key",
        f"MATCH (n:{BASE_LABEL}:{person}) WHERE {overlap_predicate('n')} RETURN {_NODE} ORDER BY n.id",
        f"MATCH (n:{BASE_LABEL}:{person})-[r:{holds}]->(b:{BASE_LABEL}) WHERE {overlap_predicate('r')} "
        f"RETURN {_NODE}, n.id AS from_id, b.id AS to_id, type(r) AS type, properties(r) AS edge_props "
        f"ORDER BY n.id, b.id, r.key",
        f"MATCH (n:{BASE_LABEL}) WHERE n.id IN $include RETURN {_NODE} ORDER BY n.id",
    ]


def _node_label(kind: NodeKind | str | None) -> str:
    # Always with BASE_LABEL: another application's nodes may carry a kind's label.
    return f"{BASE_LABEL}:{label(kind)}" if kind is not None else BASE_LABEL


def _rel(type: EdgeType | str | None) -> str:
    return f":{rel_type(type)}" if type is not None else ""


# -- decoding -----------------------------------------------------------------------------
def node_attrs(props: Mapping[str, Any], labels: Sequence[str]) -> dict[str, Any]:
    """A node's stored attributes from its properties and labels (the kind is a label).

    >>> node_attrs({"id": "crg:CFS", "name": "Cystic Fibrosis"}, ["GovGraph", "CRG"])
    {'id': 'crg:CFS', 'name': 'Cystic Fibrosis', 'kind': 'CRG'}
    """
    kinds = [name for name in labels if name in _KINDS]
    if len(kinds) != 1:
        raise ValueError(f"node {props.get('id')!r} has labels {list(labels)}, not exactly one node kind")
    return dict(props) | {"kind": kinds[0]}


def edge_attrs(type: str, props: Mapping[str, Any]) -> dict[str, Any]:
    """An edge's stored attributes from its relationship type and properties.

    >>> edge_attrs("PART_OF", {"key": "PART_OF@", "source": "s"})
    {'source': 's', 'type': 'PART_OF'}
    """
    return {k: v for k, v in props.items() if k != "key"} | {"type": type}


_KINDS = frozenset(kind.value for kind in NodeKind)
