"""Seats and who fills them on a day: the terms every representation query shares.

* A **seat** of a body is a Post with a POST_IN edge to it that counts on the day.
* A seat is **filled** when someone holds it on the day: a HOLDS edge that counts, or,
  for an **ex officio** seat (EX_OFFICIO), whoever holds the post it follows. Acting and
  interim holders fill a seat; they are marked ``acting``.
* A **vacant** seat is one nobody fills.
* The **members** of a body are the distinct people filling its seats: one person on two
  seats is one member, but fills both seats.
* A holder's **appointments** to a seat are their HOLDS edges to it; one that starts the
  day the previous one ended is a re-appointment, and the time in the seat runs on
  (``appointments``; the ``tenure`` rule shape reads it).
* An **area** a seat speaks for is the target of its REPRESENTS edge. A seat that speaks
  for a CCG also counts for the ICB that succeeded it, and for the CCGs an ICB succeeded
  when the question is about the ICB: see ``predecessors`` and ``current_form``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pydantic import Field

from govgraph.graph.model import EdgeType, Record
from govgraph.graph.store import GraphStore, NodeData
from govgraph.graph.timeline import Span, active

__all__ = [
    "Holder",
    "Seat",
    "appointments",
    "current_form",
    "holders",
    "predecessors",
    "seat",
    "seat_posts",
    "seats_of",
]

_MAX_EX_OFFICIO_HOPS = 8  # an ex officio chain longer than this is a data error, not a seat


class Holder(Record):
    person_id: str
    name: str
    acting: bool = False
    via: str | None = Field(default=None, description="For an ex officio seat, the post whose holder fills it.")
    valid_from: date | None = None
    valid_to: date | None = None


class Seat(Record):
    post_id: str
    name: str
    role: str
    represents: list[str] = Field(default_factory=list, description="Ids of the areas or bodies the seat speaks for.")
    holders: list[Holder] = Field(default_factory=list)

    @property
    def filled(self) -> bool:
        return bool(self.holders)


def holders(store: GraphStore, post_id: str, day: str, _hops: int = 0) -> list[Holder]:
    """Who fills ``post_id`` on ``day``, directly or ex officio."""
    found = []
    for edge in store.in_edges(post_id, EdgeType.HOLDS, as_of=day):
        person = store.node(edge.from_id)
        a = edge.attrs
        found.append(Holder(person_id=edge.from_id, name=person["name"], acting=a.get("acting", False),
                            valid_from=a.get("valid_from"), valid_to=a.get("valid_to")))  # fmt: skip
    if _hops < _MAX_EX_OFFICIO_HOPS:
        for edge in store.out_edges(post_id, EdgeType.EX_OFFICIO, as_of=day):
            for holder in holders(store, edge.to_id, day, _hops + 1):
                found.append(holder.model_copy(update={"via": edge.to_id}))
    return sorted(found, key=lambda h: h.person_id)


def seat_posts(store: GraphStore, body_id: str, day: str) -> Iterator[NodeData]:
    for edge in store.in_edges(body_id, EdgeType.POST_IN, as_of=day):
        post = store.node(edge.from_id)
        if active(post, day):
            yield post


def seats_of(store: GraphStore, body_id: str, day: str) -> list[Seat]:
    """Every seat of a body on ``day`` with its holders, ordered by post id."""
    return sorted((seat(store, post, day) for post in seat_posts(store, body_id, day)), key=lambda s: s.post_id)


def seat(store: GraphStore, post: NodeData, day: str) -> Seat:
    """One seat (a post of a body) on ``day``, with the areas it speaks for and its holders."""
    represents = sorted(e.to_id for e in store.out_edges(post["id"], EdgeType.REPRESENTS, as_of=day))
    return Seat(post_id=post["id"], name=post["name"], role=post["role"], represents=represents,
                holders=holders(store, post["id"], day))  # fmt: skip


def appointments(store: GraphStore, person_id: str, post_id: str, day: str) -> list[Span]:
    """The appointments of ``person_id`` to ``post_id`` that run without a gap into the one
    held on ``day`` (or the latest begun by then), earliest first; empty if none has begun.

    ``result[0].start`` is the day the person has been in the seat since; ``len(result) - 1``
    is the number of re-appointments.
    """
    spans = sorted(
        (Span.from_attrs(e.attrs) for e in store.out_edges(person_id, EdgeType.HOLDS) if e.to_id == post_id),
        key=lambda s: s.start or date.min,
    )
    spans = [s for s in spans if s.start is None or s.start.isoformat() <= day]
    run = spans[-1:]
    for earlier in reversed(spans[:-1]):
        if earlier.end is None or earlier.end != run[0].start:
            break
        run.insert(0, earlier)
    return run


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


def current_form(store: GraphStore, area_id: str, day: str) -> list[str]:
    """What an area had become by ``day``: itself while it exists, else its successors."""
    if active(store.node(area_id), day):
        return [area_id]
    later = [
        e.to_id for e in store.out_edges(area_id, EdgeType.SUCCEEDED_BY) if (e.attrs.get("valid_from") or "") <= day
    ]
    return sorted({form for successor in later for form in current_form(store, successor, day)}) or [area_id]
