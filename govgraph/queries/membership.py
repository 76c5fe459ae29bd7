"""Who sits where: the members of a body, the seats of a person, and people with many seats.

Filled, vacant, acting and ex officio are as defined in ``govgraph.queries._seats``.
The members of a body that does not exist on the day are not an empty list of seats:
``Members.exists`` is false and ``Members.reason`` gives the body's lifespan. A body or
seat past its ``attested_to`` is listed in ``Members.not_known``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from pydantic import Field

from govgraph.errors import InvalidParameter
from govgraph.graph.model import EdgeType, NodeKind, Record
from govgraph.graph.store import GraphStore
from govgraph.graph.timeline import Span, active, lifespan, not_known, parse_date
from govgraph.queries._seats import Seat, seats_of

__all__ = ["HeldPost", "Members", "Overload", "OverloadedPerson", "PostsOf", "members", "overload", "posts_of"]


class Members(Record):
    org_id: str = Field(description="The body asked about.")
    name: str = Field(description="The body's name.")
    as_of: date = Field(description="The day the seats and holders are for.")
    exists: bool = Field(description="Whether the body exists on as_of; when it does not, it has no seats that day.")
    reason: str | None = Field(default=None, description="When the body does not exist on as_of: its lifespan.")
    valid_from: date | None = Field(default=None, description="The body's first day; open if empty.")
    valid_to: date | None = Field(default=None, description="The body's first day gone; open if empty.")
    seats: list[Seat] = Field(description="The body's seats on as_of, each with its holders.")
    not_known: list[str] = Field(default_factory=list, description="The body or seats no source describes on as_of.")
    member_count: int = Field(description="Distinct people filling the seats.")
    vacant_seats: int = Field(description="Seats with no holder on as_of.")

    def rows(self) -> list[dict[str, Any]]:
        """One row per seat and holder; a vacant seat is one row with no holder."""
        return [
            {"seat": s.post_id, "name": s.name, "role": s.role, "represents": " ".join(s.represents),
             "held by": h.person_id if h else "", "holder name": h.name if h else "", "acting": h.acting if h else ""}
            for s in self.seats
            for h in (s.holders or [None])
        ]  # fmt: skip


class HeldPost(Record):
    post_id: str = Field(description="The seat held.")
    name: str = Field(description="The seat's name.")
    role: str = Field(description="The seat's role.")
    org_id: str | None = Field(description="The body the seat belongs to; null for a seat of no body.")
    org_name: str | None = Field(description="The name of that body.")
    acting: bool = Field(description="Whether the person holds it acting (as an interim).")
    valid_from: date | None = Field(default=None, description="The first day of the holding; open if empty.")
    valid_to: date | None = Field(default=None, description="The first day after the holding; open if empty.")


class PostsOf(Record):
    person_id: str = Field(description="The person asked about.")
    name: str = Field(description="The person's name.")
    as_of: date = Field(description="The day the holdings are for.")
    posts: list[HeldPost] = Field(description="The seats the person holds on as_of.")

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"post": p.post_id, "name": p.name, "role": p.role, "body": p.org_id, "acting": p.acting,
             "from": p.valid_from, "to": p.valid_to}
            for p in self.posts
        ]  # fmt: skip


class OverloadedPerson(Record):
    person_id: str = Field(description="The person.")
    name: str = Field(description="The person's name.")
    seats: int = Field(description="How many seats they hold on as_of.")
    posts: list[str] = Field(description="The ids of those seats.")


class Overload(Record):
    as_of: date = Field(description="The day the seats are counted on.")
    min_seats: int = Field(description="The fewest seats a person listed holds.")
    people: list[OverloadedPerson] = Field(description="People holding at least min_seats seats, most seats first.")

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"person": p.person_id, "name": p.name, "seats": p.seats, "posts": " ".join(p.posts)} for p in self.people
        ]


def members(store: GraphStore, org_id: str, *, as_of: str | date | None = None) -> Members:
    """The seats of a body on the day, with who fills each.

    >>> from govgraph.loaders import load_reference
    >>> m = members(load_reference(), "crg:CFS", as_of="2014-01-01")
    >>> len(m.seats), m.member_count, m.vacant_seats
    (22, 0, 22)
    >>> members(load_reference(), "crg:CFS", as_of="2024-01-01").reason
    'crg:CFS did not exist on 2024-01-01: it existed from 2013-04-01 to 2016-03-31'
    """
    day = parse_date(as_of)
    node = store.node(org_id)
    exists = active(node, day)
    seats = seats_of(store, org_id, day) if exists else []
    people = {h.person_id for s in seats for h in s.holders}
    span = Span.from_attrs(node)
    notes = [not_known(id, store.node(id), day) for id in [org_id, *(s.post_id for s in seats)]]
    return Members(org_id=org_id, name=node["name"], as_of=day, exists=exists,
                   reason=None if exists else lifespan(node, day), valid_from=span.start, valid_to=span.end,
                   seats=seats, not_known=[n for n in notes if n], member_count=len(people),
                   vacant_seats=sum(not s.filled for s in seats))  # fmt: skip


def posts_of(store: GraphStore, person_id: str, *, as_of: str | date | None = None) -> PostsOf:
    """The seats a person holds on the day."""
    day = parse_date(as_of)
    person = store.node(person_id)
    held = []
    for edge in store.out_edges(person_id, EdgeType.HOLDS, as_of=day):
        post = store.node(edge.to_id)
        orgs = sorted(e.to_id for e in store.out_edges(edge.to_id, EdgeType.POST_IN))
        org = orgs[0] if orgs else None
        held.append(HeldPost(post_id=edge.to_id, name=post["name"], role=post["role"], org_id=org,
                             org_name=store.node(org)["name"] if org else None, acting=edge.attrs.get("acting", False),
                             valid_from=edge.attrs.get("valid_from"), valid_to=edge.attrs.get("valid_to")))  # fmt: skip
    return PostsOf(person_id=person_id, name=person["name"], as_of=day, posts=sorted(held, key=lambda p: p.post_id))


def overload(store: GraphStore, *, min_seats: int = 5, as_of: str | date | None = None) -> Overload:
    """People holding at least ``min_seats`` seats on the day, most seats first."""
    if min_seats < 1:
        raise InvalidParameter(f"min_seats must be at least 1, not {min_seats}")
    day = parse_date(as_of)
    held: dict[str, list[str]] = defaultdict(list)
    for person in store.nodes(NodeKind.PERSON, as_of=day):
        for edge in store.out_edges(person["id"], EdgeType.HOLDS, as_of=day):
            held[person["id"]].append(edge.to_id)
    people = [
        OverloadedPerson(person_id=p, name=store.node(p)["name"], seats=len(posts), posts=sorted(posts))
        for p, posts in held.items()
        if len(posts) >= min_seats
    ]
    people.sort(key=lambda o: (-o.seats, o.person_id))
    return Overload(as_of=day, min_seats=min_seats, people=people)
