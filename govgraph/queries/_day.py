"""One day of a graph as tables: the seats of every body with their holders, read once.

A ``DayIndex`` answers what the representation rules and the coverage matrix ask again and
again (a body's seats, a seat's holders, the areas a seat speaks for, a person's seats)
from tables grouped by node. It reads the store only through ``GraphStore``, so it works
on any backend's slice of the day.

Two ways to fill the tables, with the same answers:

* from the **whole graph's seat tables** (``SeatTables``): every seat of every body, every
  holding, every area spoken for and every ex officio link, with the days each counts,
  read in one pass over each edge type (``store.edges(type)``) and kept while the graph
  is unchanged (the embedded store's ``version``, which every write moves on). A day
  then filters them seat by seat with two string comparisons per row, never reading the
  store: what a gap report or a coverage matrix over every body needs, and what makes one
  body's representation cheap once the tables are there;
* **node by node** (``by_node=True``, and for any other store: a hypothetical overlay, the
  witness of a verdict that notes every read): a node's edges are read from the store the first time
  it is asked about, and kept.

Either way a gap report reads every body's seats once, however many rules ask, and the
queries of one request share what each has read by passing the same index.

Answers keep the store's order for records from one node's adjacency; a seat's holders
are sorted by person id and a body's seats by post id.

What counts as a seat, a holder or ex officio is defined in ``govgraph.queries._seats``.
Every answer about a body also carries the records read for it that count on the day
but are past their ``attested_to`` (label to last attested day) or are only inferred
(``basis: inferred``; label to ``"inferred"``), so that a verdict resting on them can be
set aside as not assessed (``representation._Witness``); ``seat_reads`` gives them for
one seat, so that a verdict rests only on the seats its rule uses.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from operator import itemgetter
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from govgraph.graph.model import EdgeType
from govgraph.graph.store import EdgeView, GraphStore, NetworkXStore, NodeData
from govgraph.graph.timeline import active, attested

__all__ = [
    "INFERRED",
    "MAX_EX_OFFICIO_HOPS",
    "DayIndex",
    "HolderRow",
    "SeatRow",
    "SeatTables",
    "Unattested",
    "gc_paused",
    "is_flagged",
    "predecessors",
]

MAX_EX_OFFICIO_HOPS = 8  # an ex officio chain longer than this is a data error, not a seat

#: Records read that count on the day but no source describes then, or that are only
#: inferred: label -> attested_to, or ``INFERRED``.
Unattested = dict[str, str]
INFERRED = "inferred"

# The edge types read by node: (type, grouped by the edge's start (True) or end).
_TABLED = (
    (EdgeType.POST_IN, False),
    (EdgeType.HOLDS, False),
    (EdgeType.HOLDS, True),
    (EdgeType.REPRESENTS, True),
    (EdgeType.EX_OFFICIO, True),
)
_BY_ID = itemgetter(0)  # a row's first field: a holder's person id, a seat's post id


class HolderRow(NamedTuple):
    """A holder of a seat, as ``_seats.Holder`` without a model's cost."""

    person_id: str
    name: str
    acting: bool
    via: str | None
    valid_from: Any
    valid_to: Any


class SeatRow(NamedTuple):
    """A seat of a body, as ``_seats.Seat`` without a model's cost."""

    post_id: str
    name: str
    role: str
    represents: list[str]
    holders: list[HolderRow]

    @property
    def filled(self) -> bool:
        return bool(self.holders)


#: The records of a row that carry an ``attested_to`` or ``basis: inferred`` (label, attributes):
#: the few whose notes depend on the day, so the only ones ``late`` is asked about.
Flagged = tuple[tuple[str, NodeData], ...]
# A row of the seat tables: it counts on the days ``start <= day < end`` (ISO strings; an
# open bound is a string sorting before or after every date).
_Row = tuple[str, str, Any, Flagged]
_OPEN_START, _OPEN_END = "", "\uffff"


class SeatTables:
    """Every seat of every body of a graph, on every day: what a ``DayIndex`` filters by day.

    ``seats`` (body id -> rows of (post id, name, role): a seat counts while both its
    POST_IN edge and its post do), ``held`` (post id -> a ``HolderRow`` per HOLDS edge),
    ``speaks`` (post id -> area id per REPRESENTS edge) and ``follows`` (post id -> the
    post it follows per EX_OFFICIO edge), each in the store's order. Built in one pass over
    each edge type and kept, per store, until the store's ``version`` moves on.
    """

    def __init__(self, store: NetworkXStore) -> None:
        self.version = store.version
        node = store.node
        self.seats: dict[str, list[_Row]] = {}
        for edge in store.edges(EdgeType.POST_IN):
            post = node(edge.from_id)
            start = max(_start(edge.attrs), _start(post))
            end = min(_end(edge.attrs), _end(post))
            if start < end:  # else the post and its seat never count on the same day
                row = (post["id"], post["name"], post["role"])
                flagged = _edge_flag(edge) + _node_flag(edge.from_id, post)
                self.seats.setdefault(edge.to_id, []).append((start, end, row, flagged))
        self.held: dict[str, list[_Row]] = {}
        for edge in store.edges(EdgeType.HOLDS):
            a, person = edge.attrs, node(edge.from_id)
            holder = HolderRow(edge.from_id, person["name"], a.get("acting", False), None,
                               a.get("valid_from"), a.get("valid_to"))  # fmt: skip
            flagged = _edge_flag(edge) + _node_flag(edge.from_id, person)
            self.held.setdefault(edge.to_id, []).append((_start(a), _end(a), holder, flagged))
        self.speaks = self._by_start(store, EdgeType.REPRESENTS)
        self.follows = self._by_start(store, EdgeType.EX_OFFICIO)

    @staticmethod
    def _by_start(store: NetworkXStore, type: EdgeType) -> dict[str, list[_Row]]:
        found: dict[str, list[_Row]] = {}
        for edge in store.edges(type):
            found.setdefault(edge.from_id, []).append((_start(edge.attrs), _end(edge.attrs), edge.to_id,
                                                       _edge_flag(edge)))  # fmt: skip
        return found

    @classmethod
    def of(cls, store: GraphStore) -> SeatTables | None:
        """The tables of ``store``, built once per ``version`` of it; ``None`` for any store
        but the embedded one, which alone has a ``version`` to tell when they are out of
        date (a view that notes what is read through it, such as the witness of a verdict,
        must be read node by node, so that every read passes through it)."""
        if type(store) is not NetworkXStore:
            return None
        known = _TABLES.get(store)
        if known is None or known.version != store.version:
            # One build for every thread that asks at once: the service answers plain
            # routes in a thread pool, and fifty requests arriving after a reload would
            # otherwise each build the tables of a big graph.
            with _BUILDING:
                known = _TABLES.get(store)
                if known is None or known.version != store.version:
                    with gc_paused():
                        known = cls(store)
                    _TABLES[store] = known
        return known


_TABLES: WeakKeyDictionary[NetworkXStore, SeatTables] = WeakKeyDictionary()
_BUILDING = threading.Lock()


def _start(attrs: Mapping[str, Any]) -> str:
    return attrs.get("valid_from") or _OPEN_START


def _end(attrs: Mapping[str, Any]) -> str:
    return attrs.get("valid_to") or _OPEN_END


def is_flagged(attrs: Mapping[str, Any]) -> bool:
    """Whether a record carries what a verdict resting on it must weigh: an ``attested_to``
    or ``basis: inferred``."""
    return attrs.get("attested_to") is not None or attrs.get("basis") == INFERRED


def _edge_flag(edge: EdgeView) -> Flagged:
    a = edge.attrs
    return ((f"{edge.from_id} -{a['type']}-> {edge.to_id}", a),) if is_flagged(a) else ()


def _node_flag(id: str, attrs: NodeData) -> Flagged:
    return ((id, attrs),) if is_flagged(attrs) else ()


class DayIndex:
    """The seats and holders of a graph on one day, each read once."""

    def __init__(self, store: GraphStore, day: str, *, by_node: bool = False) -> None:
        self.store = store
        self.day = day
        self._tables = None if by_node else SeatTables.of(store)
        self._by_node: dict[tuple[EdgeType, bool], dict[str, list[EdgeView]]] = {key: {} for key in _TABLED}
        self._holders: dict[tuple[str, int], tuple[list[HolderRow], Unattested]] = {}
        self._seats: dict[str, tuple[list[SeatRow], Unattested]] = {}
        self._seat_reads: dict[str, Unattested] = {}
        self._covering: dict[str, frozenset[str]] = {}

    @property
    def tables(self) -> SeatTables | None:
        """The whole graph's seat tables this index filters, or ``None`` when it reads node by node."""
        return self._tables

    def late(self, label: str, attrs: Mapping[str, Any], found: Unattested) -> None:
        """Note ``label`` in ``found`` if its record counts on the day but is not attested
        then, or is only inferred."""
        # Most records have neither: look for them before asking whether the record counts.
        if attrs.get("attested_to") is not None and not attested(attrs, self.day) and active(attrs, self.day):
            found.setdefault(label, str(attrs["attested_to"]))
        elif attrs.get("basis") == INFERRED and active(attrs, self.day):
            found.setdefault(label, INFERRED)

    def _late_edge(self, edge: EdgeView, found: Unattested) -> None:
        """``late`` for an edge, its label written only for the few records that need one."""
        for label, attrs in _edge_flag(edge):
            self.late(label, attrs, found)

    def _late_node(self, id: str, attrs: NodeData, found: Unattested) -> None:
        if is_flagged(attrs):
            self.late(id, attrs, found)

    def edges(self, id: str, type: EdgeType, *, outgoing: bool) -> list[EdgeView]:
        """The edges of ``type`` from (``outgoing``) or to ``id`` that count on the day."""
        table = self._by_node[type, outgoing]
        found = table.get(id)
        if found is not None:
            return found
        read = self.store.out_edges if outgoing else self.store.in_edges
        table[id] = edges = list(read(id, type, as_of=self.day))
        return edges

    def holders(self, post_id: str, _hops: int = 0) -> tuple[list[HolderRow], Unattested]:
        """Who fills ``post_id`` on the day, directly or ex officio, by person id."""
        key = (post_id, _hops)
        known = self._holders.get(key)
        if known is None:
            tables = self._tables
            known = self._held_by_node(post_id, _hops) if tables is None else self._held(tables, post_id, _hops)
            self._holders[key] = known
        return known

    def _held(self, tables: SeatTables, post_id: str, hops: int) -> tuple[list[HolderRow], Unattested]:
        day = self.day
        found: Unattested = {}
        rows = []
        for start, end, row, flagged in tables.held.get(post_id, ()):
            if start <= day < end:
                rows.append(row)
                for label, attrs in flagged:
                    self.late(label, attrs, found)
        if hops < MAX_EX_OFFICIO_HOPS:
            for start, end, followed_id, flagged in tables.follows.get(post_id, ()):
                if start <= day < end:
                    for label, attrs in flagged:
                        self.late(label, attrs, found)
                    rows += self._followed(followed_id, hops, found)
        if len(rows) > 1:
            rows.sort(key=_BY_ID)
        return rows, found

    def _held_by_node(self, post_id: str, hops: int) -> tuple[list[HolderRow], Unattested]:
        found: Unattested = {}
        rows = []
        node = self.store.node
        for edge in self.edges(post_id, EdgeType.HOLDS, outgoing=False):
            self._late_edge(edge, found)
            person = node(edge.from_id)
            self._late_node(edge.from_id, person, found)
            a = edge.attrs
            rows.append(HolderRow(edge.from_id, person["name"], a.get("acting", False), None,
                                  a.get("valid_from"), a.get("valid_to")))  # fmt: skip
        if hops < MAX_EX_OFFICIO_HOPS:
            for edge in self.edges(post_id, EdgeType.EX_OFFICIO, outgoing=True):
                self._late_edge(edge, found)
                rows += self._followed(edge.to_id, hops, found)
        if len(rows) > 1:
            rows.sort(key=_BY_ID)
        return rows, found

    def _followed(self, post_id: str, hops: int, found: Unattested) -> list[HolderRow]:
        """The holders of the post an ex officio seat follows, marked as filling it through it."""
        followed, late = self.holders(post_id, hops + 1)
        for label, last in late.items():
            found.setdefault(label, last)
        return [h._replace(via=post_id) for h in followed]

    def seats(self, body_id: str) -> tuple[list[SeatRow], Unattested]:
        """Every seat of a body on the day with its holders, by post id."""
        known = self._seats.get(body_id)
        if known is None:
            tables = self._tables
            known = self._seats_by_node(body_id) if tables is None else self._seats_of(tables, body_id)
            self._seats[body_id] = known
        return known

    def _seats_of(self, tables: SeatTables, body_id: str) -> tuple[list[SeatRow], Unattested]:
        day, speaks_of = self.day, tables.speaks
        found: Unattested = {}
        seats = []
        for start, end, (post_id, name, role), flagged in tables.seats.get(body_id, ()):
            if not start <= day < end:
                continue
            mine: Unattested = {}
            for label, attrs in flagged:
                self.late(label, attrs, mine)
            speaks = []
            for start, end, target, flagged in speaks_of.get(post_id, ()):
                if start <= day < end:
                    speaks.append(target)
                    for label, attrs in flagged:
                        self.late(label, attrs, mine)
            seats.append(SeatRow(post_id, name, role, sorted(speaks), self._seat_holders(post_id, mine)))
            for label, last in mine.items():
                found.setdefault(label, last)
        if len(seats) > 1:
            seats.sort(key=_BY_ID)
        return seats, found

    def _seats_by_node(self, body_id: str) -> tuple[list[SeatRow], Unattested]:
        found: Unattested = {}
        seats = []
        node, day = self.store.node, self.day
        for edge in self.edges(body_id, EdgeType.POST_IN, outgoing=False):
            post_id = edge.from_id
            post = node(post_id)
            if not active(post, day):
                continue
            mine: Unattested = {}
            self._late_edge(edge, mine)
            self._late_node(post_id, post, mine)
            speaks = self.edges(post_id, EdgeType.REPRESENTS, outgoing=True)
            for e in speaks:
                self._late_edge(e, mine)
            seats.append(SeatRow(post_id, post["name"], post["role"], sorted([e.to_id for e in speaks]),
                                 self._seat_holders(post_id, mine)))  # fmt: skip
            for label, last in mine.items():
                found.setdefault(label, last)
        if len(seats) > 1:
            seats.sort(key=_BY_ID)
        return seats, found

    def _seat_holders(self, post_id: str, mine: Unattested) -> list[HolderRow]:
        """The holders of a seat, their unattested reads added to the seat's own (``seat_reads``)."""
        holders, late = self.holders(post_id)
        for label, last in late.items():
            mine.setdefault(label, last)
        self._seat_reads[post_id] = mine
        return holders

    def seat_reads(self, post_id: str) -> Unattested:
        """The unattested or inferred records read for one seat of a body already read by ``seats``."""
        return self._seat_reads[post_id]

    def covering(self, area_id: str) -> frozenset[str]:
        """The ids a seat may speak for to count for ``area_id``: it and all it succeeded."""
        if area_id not in self._covering:
            self._covering[area_id] = frozenset(predecessors(self.store, area_id))
        return self._covering[area_id]

    def seats_held(self, person_id: str) -> list[EdgeView]:
        """The person's HOLDS edges that count on the day."""
        return self.edges(person_id, EdgeType.HOLDS, outgoing=True)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold Python's cyclic garbage collector while a day's tables are built and read.

    The tables are tens of thousands of tuples and lists that live until the answer is
    given and hold no reference cycles; every collection the allocations trigger walks
    them all again for nothing (half the time of a gap report at scale 20). Reference
    counting still frees everything as usual. A collector already paused is left so.
    Let the tables go inside the block: the collector counts every object allocated while
    it was held and not yet freed, and on coming back walks those still alive (and, past a
    quarter of the heap, the whole graph).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def predecessors(store: GraphStore, area_id: str) -> set[str]:
    """The area and every body it succeeded, transitively (an ICB and its 2021 CCGs).

    A seat that speaks for any of them counts for the area, whatever the day: a question
    about an ICB before July 2022 is answered through the CCGs it replaced, and a seat
    still speaking for a CCG after July 2022 counts for the ICB.
    """
    seen = {area_id}
    frontier = [area_id]
    while frontier:
        for edge in store.in_edges(frontier.pop(), EdgeType.SUCCEEDED_BY):
            if edge.from_id not in seen:
                seen.add(edge.from_id)
                frontier.append(edge.from_id)
    return seen
