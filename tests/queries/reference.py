"""The straightforward path the set-at-a-time evaluation is tested against.

``WalkedIndex`` answers every question about a body's seats by walking the store from the
body, one node's edges at a time, with pydantic models and every read through the
witness of ``representation`` (as govgraph did before its day tables); the rest of a
``DayIndex`` reads a node's edges when first asked. Passed as ``index=`` to ``gaps``,
``representation`` and ``coverage``, it gives the answers the tables must equal.
"""

from __future__ import annotations

from typing import cast

from govgraph.graph.model import EdgeType
from govgraph.graph.store import GraphStore
from govgraph.graph.timeline import active
from govgraph.queries._day import MAX_EX_OFFICIO_HOPS, DayIndex, HolderRow, SeatRow, Unattested
from govgraph.queries._seats import Holder, Seat
from govgraph.queries.representation import _Witness


def walked_holders(store: GraphStore, post_id: str, day: str, _hops: int = 0) -> list[Holder]:
    found = []
    for edge in store.in_edges(post_id, EdgeType.HOLDS, as_of=day):
        person = store.node(edge.from_id)
        a = edge.attrs
        found.append(Holder(person_id=edge.from_id, name=person["name"], acting=a.get("acting", False),
                            valid_from=a.get("valid_from"), valid_to=a.get("valid_to")))  # fmt: skip
    if _hops < MAX_EX_OFFICIO_HOPS:
        for edge in store.out_edges(post_id, EdgeType.EX_OFFICIO, as_of=day):
            for holder in walked_holders(store, edge.to_id, day, _hops + 1):
                found.append(holder.model_copy(update={"via": edge.to_id}))
    return sorted(found, key=lambda h: h.person_id)


def walked_seats(store: GraphStore, body_id: str, day: str) -> list[Seat]:
    seats = []
    for edge in store.in_edges(body_id, EdgeType.POST_IN, as_of=day):
        post = store.node(edge.from_id)
        if not active(post, day):
            continue
        represents = sorted(e.to_id for e in store.out_edges(post["id"], EdgeType.REPRESENTS, as_of=day))
        seats.append(Seat(post_id=post["id"], name=post["name"], role=post["role"], represents=represents,
                          holders=walked_holders(store, post["id"], day)))  # fmt: skip
    return sorted(seats, key=lambda s: s.post_id)


class WalkedIndex(DayIndex):
    """A ``DayIndex`` whose seats are walked from the store, body by body, each seat's reads
    gathered by the witness on their own (a verdict rests only on the seats it uses).
    It offers no whole-graph tables, so no query reads it set-at-a-time either."""

    @property
    def tables(self) -> None:
        return None

    def seats(self, body_id: str) -> tuple[list[SeatRow], Unattested]:
        witness = _Witness(self.store, self.day)
        reads = cast(GraphStore, witness)
        rows, found = [], {}
        for edge in self.store.in_edges(body_id, EdgeType.POST_IN, as_of=self.day):
            post = self.store.node(edge.from_id)
            if not active(post, self.day):
                continue
            with witness.collect() as mine:
                witness.note(f"{edge.from_id} -{edge.type}-> {body_id}", edge.attrs)
                witness.note(post["id"], post)
                represents = sorted(e.to_id for e in reads.out_edges(post["id"], EdgeType.REPRESENTS, as_of=self.day))
                holders = walked_holders(reads, post["id"], self.day)
            self._seat_reads[post["id"]] = mine
            for label, last in mine.items():
                found.setdefault(label, last)
            rows.append(SeatRow(post["id"], post["name"], post["role"], represents,
                                [HolderRow(h.person_id, h.name, h.acting, h.via, h.valid_from, h.valid_to)
                                 for h in holders]))  # fmt: skip
        return sorted(rows, key=lambda s: s.post_id), found
