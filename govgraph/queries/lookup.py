"""Looking things up: one node with its relations (``show``), text search, and counts.

Terms
    *relation*: an edge seen from one of its ends; ``direction`` is ``out`` when the node
    is the edge's start (a seat is ``out`` POST_IN to its body) and ``in`` otherwise.
    *as of*: ``show`` and ``search`` take an optional date; without one they cover the
    whole history, since a body that has ended (a 2013 CRG) is still worth looking at.
    ``stats`` counts what exists on one day, today by default.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from pydantic import Field

from govgraph.graph.model import Node, NodeKind, Record, name_on, node_from_attrs, stated_total
from govgraph.graph.store import EdgeView, GraphStore
from govgraph.graph.timeline import active, attested, lifespan, not_known, parse_date

__all__ = ["NodeDetail", "NotKnown", "Relation", "SearchHit", "Stats", "search", "show", "stats"]


class Relation(Record):
    type: str = Field(description="The edge type: PART_OF, HOLDS, ...")
    direction: str = Field(description="'out' when the node is where the edge starts, 'in' otherwise.")
    id: str = Field(description="The node at the other end.")
    kind: str = Field(description="The kind of the node at the other end.")
    name: str = Field(description="The name of the node at the other end.")
    valid_from: date | None = Field(default=None, description="The first day the relation counts; open if empty.")
    valid_to: date | None = Field(default=None, description="The first day it no longer counts; open if empty.")
    acting: bool = Field(default=False, description="For HOLDS: whether the holding is acting (an interim).")
    source: str = Field(description="The relation's citation: seed file and paragraph, or loaded file and row.")


class NodeDetail(Record):
    as_of: date | None = Field(description="The day relations were filtered to; empty for the whole history.")
    node: Node = Field(description="The node, with its own fields by kind.")
    active: bool = Field(description="Whether the node itself exists on as_of (always true without one).")
    reason: str | None = Field(default=None, description="When the node does not exist on as_of: its lifespan.")
    not_known: str | None = Field(
        default=None, description="When no source describes the node on as_of (past its attested_to): since when."
    )
    relations: list[Relation] = Field(description="Every edge from or to the node (on as_of, when given).")


class SearchHit(Record):
    id: str = Field(description="The node's id.")
    kind: str = Field(description="The node's kind.")
    name: str = Field(description="The node's name.")
    valid_from: date | None = Field(default=None, description="The first day it exists; open if empty.")
    valid_to: date | None = Field(default=None, description="The first day it no longer exists; open if empty.")


class Named(Record):
    """How many nodes of a kind the dataset names on a day, beside the total a source states."""

    kind: str = Field(description="The node kind counted.")
    named: int = Field(description="How many nodes of the kind the dataset names on the day.")
    total: int = Field(description="How many the source says there were.")
    text: str = Field(description="'N of T named in the dataset'.")
    source: str = Field(description="The source of the total: seed file and paragraph.")


class NotKnown(Record):
    """Nodes of one kind counted on a day that no source describes then (past their ``attested_to``)."""

    kind: str = Field(description="The node kind counted.")
    count: int = Field(description="How many of the kind's nodes counted on as_of are past their attested_to.")
    of: int = Field(description="How many nodes of the kind are counted on as_of.")
    last_described: list[date] = Field(description="The distinct days after which no source describes them.")
    text: str = Field(description="'N of M <kind> nodes counted are not known on <as_of> ...'.")


class Stats(Record):
    as_of: date = Field(description="The day counted.")
    nodes: dict[str, int] = Field(description="Nodes that exist on as_of, by kind (every kind listed).")
    edges: dict[str, int] = Field(description="Edges that count on as_of, by type.")
    earliest: date | None = Field(description="The earliest date any record starts.")
    latest: date | None = Field(description="The latest date any record starts or ends.")
    sources: list[str] = Field(description="The data loaded: the built-in dataset and each roster or rule file.")
    named: list[Named] = Field(
        default_factory=list,
        description="For each kind with a total the sources state for the day: how many of them the dataset names.",
    )
    not_known: list[NotKnown] = Field(
        default_factory=list,
        description="Nodes counted in `nodes` that no source describes on as_of (past their attested_to), by kind "
        "and last attested day: they are counted because nothing ends them, not because a source says they exist.",
    )


def show(store: GraphStore, id: str, *, as_of: str | date | None = None) -> NodeDetail:
    """A node with every relation it has (on ``as_of``, or over its whole history).

    >>> from govgraph.loaders import load_reference
    >>> detail = show(load_reference(), "crg:CFS")
    >>> [r.id for r in detail.relations if r.type == "PART_OF"]
    ['programme:internal-medicine']
    >>> show(load_reference(), "crg:CFS", as_of="2024-01-01").reason
    'crg:CFS did not exist on 2024-01-01: it existed from 2013-04-01 to 2016-03-31'
    """
    day = parse_date(as_of) if as_of is not None else None
    attrs = store.node(id)
    relations = [_relation(store, e, "out", e.to_id, day) for e in store.out_edges(id, as_of=day)]
    relations += [_relation(store, e, "in", e.from_id, day) for e in store.in_edges(id, as_of=day)]
    relations.sort(key=lambda r: (r.type, r.direction, r.id, str(r.valid_from)))
    return NodeDetail(
        as_of=day,
        node=node_from_attrs(dict(attrs)),
        active=day is None or active(attrs, day),
        reason=None if day is None or active(attrs, day) else lifespan(attrs, day),
        not_known=None if day is None else not_known(id, attrs, day),
        relations=relations,
    )


def _relation(store: GraphStore, edge: EdgeView, direction: str, other: str, day: str | None) -> Relation:
    """The edge seen from one end; on a day, the other end carries its name of that day (a CCG's 2015 name)."""
    node = store.node(other)
    a = edge.attrs
    return Relation(
        type=edge.type,
        direction=direction,
        id=other,
        kind=node["kind"],
        name=node["name"] if day is None else name_on(node, day),
        valid_from=a.get("valid_from"),
        valid_to=a.get("valid_to"),
        acting=a.get("acting", False),
        source=a["source"],
    )


def search(
    store: GraphStore,
    text: str,
    *,
    kind: NodeKind | None = None,
    as_of: str | date | None = None,
    limit: int = 50,
) -> list[SearchHit]:
    """Nodes whose id or name contains ``text`` (any case), best matches first: an exact
    id, then names that start with the text, then the rest, each group by name.

    >>> from govgraph.loaders import load_reference
    >>> [hit.id for hit in search(load_reference(), "cystic")]
    ['crg:CFS']
    """
    needle = text.strip().casefold()
    if not needle:
        return []
    day = parse_date(as_of) if as_of is not None else None
    ranked = []
    for attrs in store.nodes(kind, as_of=day):
        id, name = attrs["id"], attrs["name"]
        folded_name, folded_id = name.casefold(), id.casefold()
        if needle == folded_id:
            rank = 0
        elif folded_name.startswith(needle) or folded_id.split(":", 1)[-1].startswith(needle):
            rank = 1
        elif needle in folded_name or needle in folded_id:
            rank = 2
        else:
            continue
        ranked.append((rank, folded_name, id, attrs))
    ranked.sort(key=lambda r: r[:3])
    return [
        SearchHit(
            id=a["id"], kind=a["kind"], name=a["name"], valid_from=a.get("valid_from"), valid_to=a.get("valid_to")
        )
        for *_, a in ranked[:limit]
    ]


def _not_known(kind: str, counted: int, days: list[str], day: str) -> NotKnown:
    last = sorted(set(days))
    when = f"after {last[0]}" if len(last) == 1 else f"after days from {last[0]} to {last[-1]}"
    text = f"{len(days)} of {counted} {kind} nodes counted are not known on {day}: no source describes them {when}"
    return NotKnown(kind=kind, count=len(days), of=counted, last_described=last, text=text)


def stats(store: GraphStore, *, as_of: str | date | None = None) -> Stats:
    """Counts of what exists on ``as_of`` (today by default), by kind and by edge type, and
    for a kind whose total a source states (38 CRGs in 2023), how many of them are named.

    >>> from govgraph.loaders import load_reference
    >>> [n.text for n in stats(load_reference(), as_of="2024-01-01").named]
    ['37 of 38 named in the dataset']
    """
    day = parse_date(as_of)
    nodes = Counter({str(kind): 0 for kind in NodeKind})
    unattested: dict[str, list[str]] = {}
    starts: list[str] = []
    ends: list[str] = []
    for attrs in store.nodes():
        if "valid_from" in attrs:
            starts.append(attrs["valid_from"])
        if "valid_to" in attrs:
            ends.append(attrs["valid_to"])
        if active(attrs, day):
            nodes[attrs["kind"]] += 1
            if not attested(attrs, day):
                unattested.setdefault(attrs["kind"], []).append(str(attrs["attested_to"]))
    edges = Counter(edge.type for edge in store.edges(as_of=day))
    named = []
    for kind in NodeKind:
        total = stated_total(store.meta, kind, day)
        # Only a total of the whole kind ("CRGs"), not of some of it ("regional groupings
        # of ICBs", which are Boards).
        if total is not None and total.what == f"{kind}s":
            text = f"{nodes[kind]} of {total.total} named in the dataset"
            named.append(Named(kind=kind, named=nodes[kind], total=total.total, text=text, source=total.source))
    not_known = [_not_known(kind, nodes[kind], days, day) for kind, days in sorted(unattested.items())]
    return Stats(
        named=named,
        not_known=not_known,
        as_of=day,
        nodes=dict(nodes),
        edges=dict(sorted(edges.items())),
        earliest=min(starts, default=None),
        latest=max(starts + ends, default=None),
        sources=list(store.meta.get("sources", [])),
    )
