"""What changed between two days.

A change is counted when it falls in the half-open window ``(from, to]``: something that
starts on ``to`` has appeared by ``to``; something that ends on ``from`` (its ``valid_to``)
had already gone on ``from``.

* people **joined** / **left**: HOLDS edges starting / ending in the window;
* seats **filled** / **fallen vacant**: vacant on ``from`` and filled on ``to``, or the reverse;
* bodies **created** / **ended**: bodies whose dates start / end in the window;
* bodies **succeeded**: SUCCEEDED_BY edges dated in the window;
* rules **newly failing** / **newly passing**: gaps on ``to`` that were not on ``from``,
  and the reverse.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import Field

from govgraph.errors import InvalidParameter
from govgraph.graph.model import BODY_KINDS, EdgeType, NodeKind, Record
from govgraph.graph.store import GraphStore
from govgraph.graph.timeline import active, parse_date
from govgraph.queries._seats import holders
from govgraph.queries.representation import gaps
from govgraph.queries.rules import Rule

__all__ = ["Change", "Changes", "changes"]


class Change(Record):
    id: str = Field(description="The node the change is about (a person, seat or body).")
    name: str = Field(description="The name of that node.")
    other_id: str | None = Field(default=None, description="The seat joined or left, or the successor.")
    other_name: str | None = Field(default=None, description="The name of other_id.")
    on: date | None = Field(
        default=None,
        description="The day it happened; null for a seat filled or fallen vacant (somewhere in the window).",
    )


class Changes(Record):
    from_date: date = Field(description="The day compared from: what changed after it counts.")
    to_date: date = Field(description="The day compared to: what changed up to and on it counts.")
    joined: list[Change] = Field(description="People who started holding a seat.")
    left: list[Change] = Field(description="People whose holding of a seat ended.")
    seats_filled: list[Change] = Field(description="Seats vacant on from_date and filled on to_date.")
    seats_vacated: list[Change] = Field(description="Seats filled on from_date and vacant on to_date.")
    bodies_created: list[Change] = Field(description="Bodies that came into being.")
    bodies_ended: list[Change] = Field(description="Bodies that ended.")
    bodies_succeeded: list[Change] = Field(
        description="Bodies succeeded by another (other_id), on the day of the succession."
    )
    rules_newly_failing: list[str] = Field(
        description="'rule-id subject-id' pairs failing on to_date but not on from_date."
    )
    rules_newly_passing: list[str] = Field(
        description="'rule-id subject-id' pairs failing on from_date but not on to_date."
    )


def changes(
    store: GraphStore, from_date: str | date, to_date: str | date, *, rules: Iterable[Rule] | None = None
) -> Changes:
    """Everything that changed between ``from_date`` and ``to_date``.

    >>> from govgraph.loaders import load_reference
    >>> c = changes(load_reference(), "2015-01-01", "2015-06-01")
    >>> sorted(b.id for b in c.bodies_created if b.id.startswith("board:oversight-"))[:2]
    ['board:oversight-east-midlands', 'board:oversight-east-of-england']
    >>> [(s.other_id, s.other_name) for s in c.bodies_succeeded if s.id == "programme:cancer-and-blood"]
    [('programme:blood-and-infection', 'Blood and Infection'), ('programme:cancer', 'Cancer')]
    """
    start, end = parse_date(from_date), parse_date(to_date)
    if end < start:
        raise InvalidParameter(f"to_date {end} is before from_date {start}")

    def inside(day: str | None) -> bool:
        return day is not None and start < day <= end

    joined, left = [], []
    for edge in store.edges(EdgeType.HOLDS):
        person, seat = store.node(edge.from_id)["name"], store.node(edge.to_id)["name"]
        if inside(edge.attrs.get("valid_from")):
            joined.append(
                Change(id=edge.from_id, name=person, other_id=edge.to_id, other_name=seat, on=edge.attrs["valid_from"])
            )
        if inside(edge.attrs.get("valid_to")):
            left.append(
                Change(id=edge.from_id, name=person, other_id=edge.to_id, other_name=seat, on=edge.attrs["valid_to"])
            )
    filled: list[Change] = []
    vacated: list[Change] = []
    for post in store.nodes(NodeKind.POST):
        if not (active(post, start) and active(post, end)):
            continue
        before, after = bool(holders(store, post["id"], start)), bool(holders(store, post["id"], end))
        if before != after:
            (filled if after else vacated).append(Change(id=post["id"], name=post["name"]))
    created, ended = [], []
    for kind in sorted(BODY_KINDS):
        for body in store.nodes(kind):
            if inside(body.get("valid_from")):
                created.append(Change(id=body["id"], name=body["name"], on=body["valid_from"]))
            if inside(body.get("valid_to")):
                ended.append(Change(id=body["id"], name=body["name"], on=body["valid_to"]))
    succeeded = [
        Change(
            id=e.from_id,
            name=store.node(e.from_id)["name"],
            other_id=e.to_id,
            other_name=store.node(e.to_id)["name"],
            on=e.attrs.get("valid_from"),
        )
        for e in store.edges(EdgeType.SUCCEEDED_BY)
        if inside(e.attrs.get("valid_from"))
    ]
    rules = list(rules) if rules is not None else None
    failing_before = {f"{v.rule_id} {v.subject_id}" for v in gaps(store, as_of=start, rules=rules).gaps}
    failing_after = {f"{v.rule_id} {v.subject_id}" for v in gaps(store, as_of=end, rules=rules).gaps}

    def ordered(items: list[Change]) -> list[Change]:
        return sorted(items, key=lambda c: (str(c.on), c.id, c.other_id or ""))

    return Changes(
        from_date=start,
        to_date=end,
        joined=ordered(joined),
        left=ordered(left),
        seats_filled=ordered(filled),
        seats_vacated=ordered(vacated),
        bodies_created=ordered(created),
        bodies_ended=ordered(ended),
        bodies_succeeded=ordered(succeeded),
        rules_newly_failing=sorted(failing_after - failing_before),
        rules_newly_passing=sorted(failing_before - failing_after),
    )
