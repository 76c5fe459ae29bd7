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
  (``appointments``; the ``tenure`` rule shape reads it). The time in the seat runs from
  the first of them, or from the day its holder was ``appointed`` to the role when the
  roster gives an earlier one (``in_seat_since``).
* An **area** a seat speaks for is the target of its REPRESENTS edge. A seat that speaks
  for a CCG also counts for the ICB that succeeded it, and for the CCGs an ICB succeeded
  when the question is about the ICB: see ``predecessors`` and ``current_form``.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from govgraph.graph.model import EdgeType, Record
from govgraph.graph.store import EdgeView, GraphStore
from govgraph.graph.timeline import Span, active
from govgraph.queries._day import DayIndex, SeatRow, predecessors

__all__ = [
    "Holder", "Seat", "appointments", "current_form", "holders", "in_seat_since", "predecessors", "seats_of", "to_seat",
]  # fmt: skip


class Holder(Record):
    person_id: str = Field(description="The holder.")
    name: str = Field(description="The holder's name.")
    acting: bool = Field(default=False, description="Whether the holder is acting (an interim holder).")
    via: str | None = Field(default=None, description="For an ex officio seat, the post whose holder fills it.")
    valid_from: date | None = Field(default=None, description="The first day of the holding; open if empty.")
    valid_to: date | None = Field(default=None, description="The first day after the holding; open if empty.")


class Seat(Record):
    post_id: str = Field(description="The seat's id.")
    name: str = Field(description="The seat's name.")
    role: str = Field(description="The seat's role.")
    represents: list[str] = Field(default_factory=list, description="Ids of the areas or bodies the seat speaks for.")
    holders: list[Holder] = Field(
        default_factory=list, description="Who holds the seat on the day; empty when it is vacant."
    )

    @property
    def filled(self) -> bool:
        return bool(self.holders)


def holders(store: GraphStore, post_id: str, day: str, *, index: DayIndex | None = None) -> list[Holder]:
    """Who fills ``post_id`` on ``day``, directly or ex officio, ordered by person id
    (read from ``index``, the day's tables of the same store, when a caller has one)."""
    rows = (index if index is not None else DayIndex(store, day)).holders(post_id)[0]
    return [Holder(**h._asdict()) for h in rows]


def seats_of(store: GraphStore, body_id: str, day: str) -> list[Seat]:
    """Every seat of a body on ``day`` with its holders, ordered by post id."""
    return [to_seat(row) for row in DayIndex(store, day).seats(body_id)[0]]


def to_seat(row: SeatRow) -> Seat:
    """The model of a seat read from a day's tables."""
    return Seat(post_id=row.post_id, name=row.name, role=row.role, represents=row.represents,
                holders=[Holder(**h._asdict()) for h in row.holders])  # fmt: skip


def appointments(store: GraphStore, person_id: str, post_id: str, day: str) -> list[Span]:
    """The appointments of ``person_id`` to ``post_id`` that run without a gap into the one
    held on ``day`` (or the latest begun by then), earliest first; empty if none has begun.

    ``result[0].start`` is the day the person has held the seat since; ``len(result) - 1``
    is the number of re-appointments.
    """
    return [Span.from_attrs(e.attrs) for e in _run(store, person_id, post_id, day)]


def in_seat_since(store: GraphStore, person_id: str, post_id: str, day: str) -> date | None:
    """The day the holder's continuous time in the seat held on ``day`` began: the first
    appointment's ``appointed`` date where the roster gives one (a chair appointed before
    the seat existed, as in the 2012 transition of 001 para 20), else its start."""
    run = _run(store, person_id, post_id, day)
    if not run:
        return None
    first = run[0].attrs
    return date.fromisoformat(first["appointed"]) if first.get("appointed") else Span.from_attrs(first).start


def _run(store: GraphStore, person_id: str, post_id: str, day: str) -> list[EdgeView]:
    """The HOLDS edges of ``appointments``, earliest first."""
    edges = sorted(
        (e for e in store.out_edges(person_id, EdgeType.HOLDS) if e.to_id == post_id),
        key=lambda e: Span.from_attrs(e.attrs).start or date.min,
    )
    edges = [e for e in edges if (e.attrs.get("valid_from") or "") <= day]
    run = edges[-1:]
    for earlier in reversed(edges[:-1]):
        end = Span.from_attrs(earlier.attrs).end
        if end is None or end != Span.from_attrs(run[0].attrs).start:
            break
        run.insert(0, earlier)
    return run


def current_form(store: GraphStore, area_id: str, day: str) -> list[str]:
    """What an area had become by ``day``: itself while it exists, else its successors."""
    if active(store.node(area_id), day):
        return [area_id]
    later = [
        e.to_id for e in store.out_edges(area_id, EdgeType.SUCCEEDED_BY) if (e.attrs.get("valid_from") or "") <= day
    ]
    return sorted({form for successor in later for form in current_form(store, successor, day)}) or [area_id]
