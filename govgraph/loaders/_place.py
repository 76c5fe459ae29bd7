"""Parsed roster rows against a store: dating links and posts, checking and placing holdings.

``build`` gives the ``Batch`` that ``_build.merge`` checks: a post with no dates takes its
body's; an edge lasts while both its ends exist; a membership must fall within its seat's
life; a membership given as ``org`` + ``role`` (+ ``represents``) takes the first seat by
id that is vacant throughout it (``_pick_seat``). Edges that point at an id a rejected row
defines are dropped, so one mistake is reported once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from govgraph.errors import NotFound
from govgraph.graph.model import EdgeType, NodeKind
from govgraph.graph.store import NetworkXStore
from govgraph.graph.timeline import Span
from govgraph.loaders._build import Batch, Origin, RowEdge, RowNode
from govgraph.loaders._hints import suggest_id
from govgraph.loaders._parse import Cells, Link, Membership, Parsed

__all__ = ["build"]


_Span = tuple[date | None, date | None]  # [from, to), either open


def _iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _overlap(a: _Span, b: _Span) -> _Span | None:
    """The days two spans share, None when none (called for every edge and holding of a load).

    >>> _overlap((date(2013, 4, 1), None), (None, date(2016, 4, 1)))
    (datetime.date(2013, 4, 1), datetime.date(2016, 4, 1))
    >>> _overlap((date(2013, 4, 1), None), (None, date(2013, 4, 1))) is None
    True
    """
    start = a[0] if b[0] is None else b[0] if a[0] is None else max(a[0], b[0])
    end = a[1] if b[1] is None else b[1] if a[1] is None else min(a[1], b[1])
    return None if start is not None and end is not None and end <= start else (start, end)


@lru_cache(maxsize=65_536)
def _shift(day: date, days: int) -> date:
    """``day`` moved by ``days``: from a last day to an exclusive end and back, as ``Span``
    does, once per distinct day (a big roster has a few thousand in a million rows)."""
    return day + timedelta(days=days)


def _contains(span: _Span, day: date) -> bool:
    return (span[0] is None or span[0] <= day) and (span[1] is None or day < span[1])


def _within(inner: _Span, outer: _Span) -> bool:
    starts_in = outer[0] is None or (inner[0] is not None and inner[0] >= outer[0])
    ends_in = outer[1] is None or (inner[1] is not None and inner[1] <= outer[1])
    return starts_in and ends_in


def _describe(span: _Span) -> str:
    """A span in words, with its last day rather than its exclusive end."""
    start, end = span
    last = Span(None, end).last_day
    if start and last:
        return f"from {start} to {last}"
    if start:
        return f"from {start}"
    return f"until {last}" if last else "at any time"


class _World:
    """What building needs to know about a node: from the parsed rows, else the store."""

    def __init__(self, store: NetworkXStore, parsed: Parsed) -> None:
        self.store = store
        self.nodes: dict[str, RowNode] = {node.id: node for node, _ in parsed.nodes}
        self.post_org = {link.from_id: link.to_id for link in parsed.links if link.type is EdgeType.POST_IN}
        self.represents: dict[str, set[str]] = defaultdict(set)
        self.seats: dict[str, list[str]] = defaultdict(list)  # body -> its parsed posts
        for link in parsed.links:
            if link.type is EdgeType.REPRESENTS:
                self.represents[link.from_id].add(link.to_id)
            elif link.type is EdgeType.POST_IN:
                self.seats[link.to_id].append(link.from_id)
        # post -> [(span, person)] held, from the store first and then as rows are placed
        self.holdings: dict[str, list[tuple[_Span, str]]] = {}
        self._posts: dict[str, tuple[str | None, str | None, bool, set[str]]] = {}
        self._holding_columns: dict[tuple[int, bool], Mapping[str, str]] = {}
        self._store_spans: dict[str, _Span | None] = {}  # read once: a body has thousands of seats

    def holding_columns(self, cells: Cells, *, by_post: bool) -> Mapping[str, str]:
        """The user's columns for a HOLDS edge's fields, one mapping shared by the rows of a
        file (a big roster has a million holdings and a handful of files)."""
        key = (id(cells.row.origin.columns), by_post)
        if key not in self._holding_columns:
            columns = {
                "from_id": "person",
                "to_id": "post" if by_post else "org",
                "valid_from": "start",
                "valid_to": "end",
                "acting": "acting",
                "appointed": "appointed",
            }
            self._holding_columns[key] = {k: cells.name(v) for k, v in columns.items()}
        return self._holding_columns[key]

    def known(self, id: str) -> bool:
        return id in self.nodes or self.store.has_node(id)

    def span(self, id: str) -> _Span | None:
        node = self.nodes.get(id)
        if node is not None:
            return (node.valid_from, node.valid_to)
        if id not in self._store_spans:
            attrs = self.store.node(id) if self.store.has_node(id) else None
            span = None if attrs is None else (_iso(attrs.get("valid_from")), _iso(attrs.get("valid_to")))
            self._store_spans[id] = span
        return self._store_spans[id]

    def post(self, id: str) -> tuple[str | None, str | None, bool, set[str]]:
        """A known post's body, role, single-holder flag and what it represents."""
        if id not in self._posts:
            node = self.nodes.get(id)
            if node is not None and node.kind is NodeKind.POST:
                self._posts[id] = (self.post_org.get(id), str(node.role), node.single_holder, self.represents[id])
            else:
                attrs = self.store.node(id)
                org = next((e.to_id for e in self.store.out_edges(id, EdgeType.POST_IN)), None)
                represents = {e.to_id for e in self.store.out_edges(id, EdgeType.REPRESENTS)}
                self._posts[id] = (org, attrs.get("role"), attrs.get("single_holder", True), represents)
        return self._posts[id]

    def seats_of(self, org: str) -> list[str]:
        ids = set(self.seats.get(org, ()))
        if self.store.has_node(org):
            ids.update(e.from_id for e in self.store.in_edges(org, EdgeType.POST_IN))
        return sorted(ids)

    def held(self, post: str) -> list[tuple[_Span, str]]:
        if post not in self.holdings:
            self.holdings[post] = [
                ((_iso(e.attrs.get("valid_from")), _iso(e.attrs.get("valid_to"))), e.from_id)
                for e in (self.store.in_edges(post, EdgeType.HOLDS) if self.store.has_node(post) else ())
            ]
        return self.holdings[post]


def build(store: NetworkXStore, parsed: Parsed, sources: Iterable[str] = ()) -> Batch:
    """Date the links, check and place the memberships: the batch ``merge`` will check."""
    batch = Batch(sources=list(sources), problems=list(parsed.problems))
    world = _World(store, parsed)
    for node, origin in parsed.nodes:
        if store.has_node(node.id):
            # Reported here rather than by merge, so that the row's edges are not reported too.
            batch.problems.append(origin.problem("id", f"duplicate id {node.id!r}: the graph already has it"))
            parsed.rejected.add(node.id)
            continue
        if node.kind is NodeKind.POST and node.id in world.post_org:
            node = _date_post(node, origin, world, batch)
            world.nodes[node.id] = node
        batch.nodes.append((node, origin))
    rejected = parsed.rejected  # empty unless a row failed: then no set is made per row
    for link in parsed.links:
        if not rejected or not {link.from_id, link.to_id} & rejected:
            _add_link(link, world, batch)
    # Memberships that name their seat claim it before any seat is picked by role.
    named = [m for m in parsed.memberships if m.post is not None]
    for membership in named + [m for m in parsed.memberships if m.post is None]:
        if not rejected or not {membership.person, membership.post, membership.org} & rejected:
            _add_membership(membership, world, batch)
    return batch


def _date_post(post: RowNode, origin: Origin, world: _World, batch: Batch) -> RowNode:
    """A post lives within its body's life, and takes its body's dates where it gives none."""
    org = world.post_org[post.id]
    org_span = world.span(org)
    if org_span is None:
        return post  # merge reports the unknown body
    last_day = _shift(post.valid_to, -1) if post.valid_to is not None else None
    for column, day in (("valid_from", post.valid_from), ("valid_to", last_day)):
        if day is not None and not _contains(org_span, day):
            own = _describe((post.valid_from, post.valid_to))
            batch.problems.append(
                origin.problem(column, f"{post.id!r} would exist {own}, but {org!r} exists {_describe(org_span)}")
            )
            return post
    if post.valid_from is not None and post.valid_to is not None:
        return post
    return replace(post, valid_from=post.valid_from or org_span[0], valid_to=post.valid_to or org_span[1])


def _add_link(link: Link, world: _World, batch: Batch) -> None:
    span: _Span | None = (None, None)
    for end in (world.span(link.from_id), world.span(link.to_id)):
        if end is not None and span is not None:
            span = _overlap(span, end)
    if span is None:
        batch.problems.append(
            link.origin.problem("to_id", f"{link.from_id!r} and {link.to_id!r} never exist at the same time")
        )
        return
    # The span is not empty: the edge is what model.Edge would take.
    edge = RowEdge(link.type, link.from_id, link.to_id, link.source, span[0], span[1])
    batch.edges.append((edge, link.origin))


def _held_span(m: Membership, seat: _Span | None) -> _Span:
    """The days a membership covers, end exclusive; an empty end runs as long as the seat."""
    if m.end:
        return (m.start, _shift(m.end, 1))
    return (m.start, seat[1] if seat else None)


def _add_membership(m: Membership, world: _World, batch: Batch) -> None:
    cells = Cells(m.row)
    post = m.post if m.post is not None else _pick_seat(m, world, cells)
    seat = world.span(post) if post is not None else None
    span = _held_span(m, seat)
    if post is not None and seat is not None:
        _check_seat(m, post, span, seat, world, cells)
    if cells.problems or post is None:
        batch.problems.extend(cells.problems)
        return
    origin = Origin(m.row.origin.file, m.row.origin.row, world.holding_columns(cells, by_post=m.post is not None))
    # Checked already (parse, _check_seat): the holding ends after it starts, within its
    # seat's life, and the appointed day is not after the start: what model.Edge would take.
    # Positional: keywords cost a third more, on a million edges.
    edge = RowEdge(EdgeType.HOLDS, m.person, post, m.row.source, span[0], span[1], m.acting, m.appointed)
    batch.edges.append((edge, origin))
    if seat is not None:
        world.held(post).append((span, m.person))


def _check_seat(m: Membership, post: str, span: _Span, seat: _Span, world: _World, cells: Cells) -> None:
    """A named seat must agree with the row's other columns and exist throughout the membership."""
    org, role, _, represents = world.post(post)
    if m.org is not None and org is not None and m.org != org:
        cells.problem("org", f"{post!r} is a seat of {org!r}, not {m.org!r}")
    if m.role is not None and role is not None and str(m.role) != role:
        cells.problem("role", f"{post!r} has role {role!r}, not {str(m.role)!r}")
    if m.represents is not None and m.represents not in represents:
        cells.problem("represents", f"{post!r} does not represent {m.represents!r}")
    if not _contains(seat, m.start):
        cells.problem("start", f"{post!r} exists {_describe(seat)}, so it cannot be held from {m.start}")
    elif not _within(span, seat):
        cells.problem("end", f"{post!r} exists {_describe(seat)}, so it cannot be held until {m.end}")
    for held, holder in world.held(post):
        if holder == m.person and _overlap(held, span):
            cells.problem("start", f"{m.person!r} already holds {post!r} {_describe(held)}")
            break


def _pick_seat(m: Membership, world: _World, cells: Cells) -> str | None:
    """The first seat by id of the row's body and role (and area) that exists and is
    vacant throughout the membership."""
    assert m.org is not None and m.role is not None
    if not world.known(m.org):
        cells.problem("org", str(NotFound(m.org, suggest_id(m.org, world.store, world.nodes))))
        return None
    with_role = [post for post in world.seats_of(m.org) if world.post(post)[1] == str(m.role)]
    if not with_role:
        cells.problem("role", f"{m.org!r} has no seat with role {str(m.role)!r}")
        return None
    candidates = [post for post in with_role if m.represents is None or m.represents in world.post(post)[3]]
    if not candidates:
        cells.problem("represents", f"{m.org!r} has no seat with role {str(m.role)!r} representing {m.represents!r}")
        return None
    for post in candidates:
        seat = world.span(post)
        span = _held_span(m, seat)
        if seat is None or not _contains(seat, m.start) or not _within(span, seat):
            continue
        if any(holder == m.person and _overlap(s, span) for s, holder in world.held(post)):
            return post  # _check_seat reports that the person already holds it
        if not world.post(post)[2] or not any(_overlap(s, span) for s, _ in world.held(post)):
            return post
    area = f" representing {m.represents!r}" if m.represents else ""
    last = f" to {m.end}" if m.end else ""
    cells.problem(
        "start",
        f"no seat of {m.org!r} with role {str(m.role)!r}{area} is vacant from {m.start}{last} "
        f"(held, or not in existence then: {', '.join(candidates)})",
    )
    return None
