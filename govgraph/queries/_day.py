"""One day of a graph as tables: the seats of every body with their holders, read once.

A ``DayIndex`` answers what the representation rules and the coverage matrix ask again and
again (a body's seats, a seat's holders, the areas a seat speaks for, a person's seats)
from tables grouped by node. It reads the store only through ``GraphStore``, so it works
on any backend's slice of the day.

Each table is filled the first time a node is asked about, from that node's own edges,
and kept: a gap report reads every body's seats once, however many rules ask, and the
queries of one request share what each has read by passing the same index. Reading the
whole day up front (one pass over every edge) was measured no faster: it reads the
holders of every post of every kind, where a gap report asks about the committees' seats.

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
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, NamedTuple

from govgraph.graph.model import EdgeType
from govgraph.graph.store import EdgeView, GraphStore, NodeData
from govgraph.graph.timeline import active, attested

__all__ = [
    "INFERRED",
    "MAX_EX_OFFICIO_HOPS",
    "DayIndex",
    "HolderRow",
    "SeatRow",
    "Unattested",
    "gc_paused",
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


class DayIndex:
    """The seats and holders of a graph on one day, each read once."""

    def __init__(self, store: GraphStore, day: str) -> None:
        self.store = store
        self.day = day
        self._by_node: dict[tuple[EdgeType, bool], dict[str, list[EdgeView]]] = {key: {} for key in _TABLED}
        self._holders: dict[tuple[str, int], tuple[list[HolderRow], Unattested]] = {}
        self._seats: dict[str, tuple[list[SeatRow], Unattested]] = {}
        self._seat_reads: dict[str, Unattested] = {}
        self._covering: dict[str, frozenset[str]] = {}

    def late(self, label: str, attrs: Mapping[str, Any], found: Unattested) -> None:
        """Note ``label`` in ``found`` if its record counts on the day but is not attested
        then, or is only inferred."""
        # Most records have neither: look for them before asking whether the record counts.
        if attrs.get("attested_to") is not None and not attested(attrs, self.day) and active(attrs, self.day):
            found.setdefault(label, str(attrs["attested_to"]))
        elif attrs.get("basis") == INFERRED and active(attrs, self.day):
            found.setdefault(label, INFERRED)

    def _start(self, edge: EdgeView, found: Unattested) -> NodeData:
        """The node an edge starts from, noting both if they are not attested on the day."""
        self.late(f"{edge.from_id} -{edge.type}-> {edge.to_id}", edge.attrs, found)
        node = self.store.node(edge.from_id)
        self.late(edge.from_id, node, found)
        return node

    def edges(self, id: str, type: EdgeType, *, outgoing: bool) -> list[EdgeView]:
        """The edges of ``type`` from (``outgoing``) or to ``id`` that count on the day."""
        table = self._by_node[type, outgoing]
        if id in table:
            return table[id]
        read = self.store.out_edges if outgoing else self.store.in_edges
        table[id] = edges = list(read(id, type, as_of=self.day))
        return edges

    def holders(self, post_id: str, _hops: int = 0) -> tuple[list[HolderRow], Unattested]:
        """Who fills ``post_id`` on the day, directly or ex officio, by person id."""
        key = (post_id, _hops)
        if key not in self._holders:
            found: Unattested = {}
            rows = []
            for edge in self.edges(post_id, EdgeType.HOLDS, outgoing=False):
                person = self._start(edge, found)
                a = edge.attrs
                rows.append(HolderRow(edge.from_id, person["name"], a.get("acting", False), None,
                                      a.get("valid_from"), a.get("valid_to")))  # fmt: skip
            if _hops < MAX_EX_OFFICIO_HOPS:
                for edge in self.edges(post_id, EdgeType.EX_OFFICIO, outgoing=True):
                    self.late(f"{edge.from_id} -{edge.type}-> {edge.to_id}", edge.attrs, found)
                    followed, late = self.holders(edge.to_id, _hops + 1)
                    for label, last in late.items():
                        found.setdefault(label, last)
                    rows += [h._replace(via=edge.to_id) for h in followed]
            rows.sort(key=lambda h: h.person_id)
            self._holders[key] = (rows, found)
        return self._holders[key]

    def seats(self, body_id: str) -> tuple[list[SeatRow], Unattested]:
        """Every seat of a body on the day with its holders, by post id."""
        if body_id not in self._seats:
            found: Unattested = {}
            seats = []
            for edge in self.edges(body_id, EdgeType.POST_IN, outgoing=False):
                mine: Unattested = {}
                post = self._start(edge, mine)
                if not active(post, self.day):
                    continue
                speaks = self.edges(edge.from_id, EdgeType.REPRESENTS, outgoing=True)
                for e in speaks:
                    self.late(f"{e.from_id} -{e.type}-> {e.to_id}", e.attrs, mine)
                holders, late = self.holders(edge.from_id)
                for label, last in late.items():
                    mine.setdefault(label, last)
                self._seat_reads[edge.from_id] = mine
                for label, last in mine.items():
                    found.setdefault(label, last)
                seats.append(SeatRow(post["id"], post["name"], post["role"], sorted(e.to_id for e in speaks), holders))
            seats.sort(key=lambda s: s.post_id)
            self._seats[body_id] = (seats, found)
        return self._seats[body_id]

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
