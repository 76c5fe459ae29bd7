"""Roster tables, row by row: the columns of each table and the records a row becomes.

Every roster format (a folder of CSV files, an Excel workbook, Popolo JSON) reads its
input into ``Row`` objects keyed by the column names in ``TABLES``; this module alone
turns rows into records, so each rule (what a date looks like, which roles exist) is
written once and every format reports it in the same words, naming the user's own
column (``Origin.columns`` maps our column names to theirs).

Two steps:

``parse_rows``
    each row on its own: required values, ids, dates, yes/no, roles, duplicate ids.
    Gives nodes, *links* (edges whose dates are not known yet) and memberships.
``build``
    the parsed rows against a store: a post with no dates takes its body's; an edge
    lasts while both its ends exist; a membership must fall within its seat's life;
    a membership given as ``org`` + ``role`` (+ ``represents``) takes the first seat by
    id that is vacant throughout it. Gives the ``Batch`` that ``_build.merge`` checks.

A row with a problem adds no records, and edges that point at the id such a row
defines are dropped, so one mistake is reported once rather than again at every row
that refers to it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from pydantic import ValidationError

from govgraph.errors import InvalidDate, NotFound, Problem
from govgraph.graph.model import (
    BODY_KINDS,
    EDGE_ENDPOINTS,
    ID_PREFIX,
    Edge,
    EdgeType,
    Node,
    NodeKind,
    Post,
    Role,
    kind_of_id,
    node_from_attrs,
)
from govgraph.graph.store import NetworkXStore
from govgraph.graph.timeline import Span, parse_date
from govgraph.loaders._build import Batch, Origin

__all__ = ["TABLES", "Parsed", "Row", "RosterRows", "Table", "build", "header_problems", "parse_rows"]


@dataclass(frozen=True, slots=True)
class Table:
    """One roster table: its columns in order, and those every row must fill."""

    name: str
    columns: tuple[str, ...]
    required: frozenset[str]


TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table("people", ("id", "name", "email", "employer"), frozenset({"id", "name"})),
        Table(
            "organisations",
            ("id", "kind", "name", "part_of", "valid_from", "valid_to"),
            frozenset({"id", "kind", "name"}),
        ),
        Table(
            "posts",
            (
                "id",
                "name",
                "org",
                "role",
                "single_holder",
                "represents",
                "reports_to",
                "ex_officio_of",
                "valid_from",
                "valid_to",
            ),
            frozenset({"id", "name", "org", "role"}),
        ),
        Table(
            "memberships",
            ("person", "post", "org", "role", "represents", "start", "end", "acting"),
            frozenset({"person", "start"}),
        ),
    )
}


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a roster table.

    ``values`` are keyed by our column names, stripped, ``""`` when empty; ``origin``
    locates the row and maps our column names to the user's; ``source`` is the citation
    its records carry.
    """

    table: str
    values: Mapping[str, str]
    origin: Origin
    source: str


@dataclass
class RosterRows:
    """What a reader got from one roster: its rows, and problems with the file itself.

    ``source`` names the roster (its folder or file name) in the graph's metadata; each
    record cites that name, the table and the row, whatever the path it was read from.
    ``files`` are the names problems give its files (or sheets), in reading order.
    """

    source: str
    files: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def header_problems(table: Table, names: Sequence[str], file: str) -> tuple[list[Problem], bool]:
    """Unknown, repeated and missing columns in a table's header (names as the user wrote
    them), and whether its rows are worth reading: with a required column missing, every
    row would only repeat that problem."""
    problems = []
    seen: set[str] = set()
    for name in names:
        key = name.strip().lower()
        if key in seen:
            problems.append(Problem(file, 1, name, f"column {name!r} appears more than once"))
        elif key not in table.columns:
            problems.append(Problem(file, 1, name, f"unknown column {name!r}; expected {', '.join(table.columns)}"))
        seen.add(key)
    missing = [
        Problem(file, 1, column, f"missing required column {column!r}")
        for column in table.columns
        if column in table.required and column not in seen
    ]
    if table.name == "memberships" and "post" not in seen and not {"org", "role"} <= seen:
        missing.append(Problem(file, 1, "post", "missing column: a membership needs 'post', or 'org' and 'role'"))
    return problems + missing, not missing


# -- step 1: each row on its own -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Link:
    """An edge a row asks for, dated later from the lives of its two ends."""

    type: EdgeType
    from_id: str
    to_id: str
    origin: Origin
    source: str


@dataclass(frozen=True, slots=True)
class _Membership:
    person: str
    post: str | None
    org: str | None
    role: Role | None
    represents: str | None
    start: date
    end: date | None  # the last day held
    acting: bool
    row: Row


@dataclass
class Parsed:
    """Rows parsed one at a time, before they meet the store."""

    nodes: list[tuple[Node, Origin]] = field(default_factory=list)
    links: list[_Link] = field(default_factory=list)
    memberships: list[_Membership] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    defined: dict[str, Origin] = field(default_factory=dict)
    rejected: set[str] = field(default_factory=set)


def parse_rows(rows: Iterable[Row], parsed: Parsed | None = None) -> Parsed:
    """Check each row on its own and turn the good ones into records."""
    parsed = parsed if parsed is not None else Parsed()
    for row in rows:
        cells = _Cells(row)
        defined = _PARSERS[row.table](cells, parsed)
        parsed.problems.extend(cells.problems)
        if defined is not None and cells.problems:
            parsed.rejected.add(defined)
    return parsed


_YES_NO = {"yes": True, "true": True, "no": False, "false": False}
_BODY_KIND_NAMES = {str(kind).lower(): kind for kind in sorted(BODY_KINDS)}
_REPRESENTABLE = EDGE_ENDPOINTS[EdgeType.REPRESENTS][1]
_POST = frozenset({NodeKind.POST})
_PERSON = frozenset({NodeKind.PERSON})


@lru_cache(maxsize=65_536)
def _day(value: str) -> date:
    """A date cell's day. Cached: a big roster repeats a few thousand days in a million
    cells, and parsing them was a sixth of the time spent checking its rows."""
    return date.fromisoformat(parse_date(value, default_today=False))


class _Cells:
    """Reads one row's values, recording a problem for each bad one."""

    def __init__(self, row: Row) -> None:
        self.row = row
        self.problems: list[Problem] = []

    def name(self, column: str) -> str:
        """The user's name for one of our columns."""
        return self.row.origin.columns.get(column, column)

    def problem(self, column: str | None, message: str) -> None:
        self.problems.append(self.row.origin.problem(column, message))

    def text(self, column: str, *, required: bool = False) -> str | None:
        value = self.row.values.get(column, "")
        if value:
            return value
        if required:
            self.problem(column, "a value is required")
        return None

    def id(self, column: str, kinds: frozenset[NodeKind], *, required: bool = False) -> str | None:
        value = self.text(column, required=required)
        if value is None:
            return None
        if kind_of_id(value) not in kinds:
            prefixes = sorted(f"'{ID_PREFIX[kind]}:'" for kind in kinds)
            wanted = prefixes[0] if len(prefixes) == 1 else "one of " + ", ".join(prefixes)
            self.problem(column, f"{value!r} is not an id starting with {wanted}")
            return None
        return value

    def date(self, column: str, *, required: bool = False) -> date | None:
        value = self.text(column, required=required)
        if value is None:
            return None
        try:
            return _day(value)
        except InvalidDate as exc:
            self.problem(column, str(exc))
            return None

    def flag(self, column: str, default: bool) -> bool:
        value = self.text(column)
        if value is None:
            return default
        if value.lower() not in _YES_NO:
            self.problem(column, f"{value!r} is not yes or no")
            return default
        return _YES_NO[value.lower()]

    def role(self, column: str, *, required: bool = False) -> Role | None:
        value = self.text(column, required=required)
        if value is None:
            return None
        try:
            return Role(value.lower())
        except ValueError:
            self.problem(column, f"unknown role {value!r}; expected one of {', '.join(Role)}")
            return None

    def span(self, start: str, end: str) -> tuple[date | None, date | None]:
        """Two date columns of which the second, an exclusive end, must come after the first."""
        first, last = self.date(start), self.date(end)
        if first is not None and last is not None and last <= first:
            self.problem(end, f"{self.name(end)} {last} must be after {self.name(start)} {first}")
        return first, last

    def record(self, attrs: dict[str, object]) -> Node | None:
        """Build a node, unless a value has already failed; the model's own checks
        (the shape of an id) become problems too."""
        if self.problems:
            return None
        try:
            return node_from_attrs({**attrs, "source": self.row.source})
        except ValidationError as exc:
            columns = TABLES[self.row.table].columns
            for error in exc.errors():
                column = next((str(part) for part in reversed(error["loc"]) if str(part) in columns), None)
                self.problem(column, str(error["msg"]).removeprefix("Value error, "))
            return None

    def link(self, type: EdgeType, from_id: str, to_id: str, from_column: str, to_column: str) -> _Link:
        columns = {"from_id": from_column, "to_id": to_column, "valid_from": "valid_from", "valid_to": "valid_to"}
        origin = Origin(self.row.origin.file, self.row.origin.row, {k: self.name(v) for k, v in columns.items()})
        return _Link(type, from_id, to_id, origin, self.row.source)


def _define(cells: _Cells, parsed: Parsed, id: str | None) -> str | None:
    """Claim an id for this row; a second row claiming it is a problem."""
    if id is None:
        return None
    first = parsed.defined.get(id)
    if first is not None:
        where = f"row {first.row}" if first.file == cells.row.origin.file else f"{first.file}, row {first.row}"
        cells.problem("id", f"duplicate id {id!r}; first defined on {where}")
        return None
    parsed.defined[id] = cells.row.origin
    return id


def _person(cells: _Cells, parsed: Parsed) -> str | None:
    id = _define(cells, parsed, cells.id("id", _PERSON, required=True))
    name = cells.text("name", required=True)
    email = cells.text("email")
    if email is not None and ("@" not in email or any(c.isspace() for c in email)):
        cells.problem("email", f"{email!r} is not an email address")
    employer = cells.text("employer")
    if id is not None and name is not None:
        person = cells.record({"kind": NodeKind.PERSON, "id": id, "name": name, "email": email, "employer": employer})
        if person is not None:
            parsed.nodes.append((person, cells.row.origin))
    return id


def _organisation(cells: _Cells, parsed: Parsed) -> str | None:
    id = _define(cells, parsed, cells.id("id", BODY_KINDS, required=True))
    kind_name = cells.text("kind", required=True)
    kind = _BODY_KIND_NAMES.get(kind_name.lower()) if kind_name else None
    if kind_name and kind is None:
        kinds = ", ".join(str(k) for k in _BODY_KIND_NAMES.values())
        cells.problem("kind", f"unknown kind {kind_name!r}; expected one of {kinds}")
    if kind is not None and id is not None and kind_of_id(id) is not kind:
        cells.problem("id", f"an id of kind {kind} must start with '{ID_PREFIX[kind]}:', not {id!r}")
    name = cells.text("name", required=True)
    part_of = cells.id("part_of", BODY_KINDS)
    valid_from, valid_to = cells.span("valid_from", "valid_to")
    if id is None or kind is None or name is None:
        return id
    body = cells.record({"kind": kind, "id": id, "name": name, "valid_from": valid_from, "valid_to": valid_to})
    if body is not None:
        parsed.nodes.append((body, cells.row.origin))
        if part_of is not None:
            parsed.links.append(cells.link(EdgeType.PART_OF, id, part_of, "id", "part_of"))
    return id


def _post(cells: _Cells, parsed: Parsed) -> str | None:
    id = _define(cells, parsed, cells.id("id", _POST, required=True))
    name = cells.text("name", required=True)
    org = cells.id("org", BODY_KINDS, required=True)
    role = cells.role("role", required=True)
    single_holder = cells.flag("single_holder", True)
    targets = {
        EdgeType.REPRESENTS: ("represents", cells.id("represents", _REPRESENTABLE)),
        EdgeType.REPORTS_TO: ("reports_to", cells.id("reports_to", _POST)),
        EdgeType.EX_OFFICIO: ("ex_officio_of", cells.id("ex_officio_of", _POST)),
    }
    valid_from, valid_to = cells.span("valid_from", "valid_to")
    if id is None or name is None or org is None or role is None:
        return id
    attrs = {"kind": NodeKind.POST, "id": id, "name": name, "role": role, "single_holder": single_holder}
    post = cells.record(attrs | {"valid_from": valid_from, "valid_to": valid_to})
    if post is not None:
        parsed.nodes.append((post, cells.row.origin))
        parsed.links.append(cells.link(EdgeType.POST_IN, id, org, "id", "org"))
        for type, (column, target) in targets.items():
            if target is not None:
                parsed.links.append(cells.link(type, id, target, "id", column))
    return id


def _membership(cells: _Cells, parsed: Parsed) -> None:
    person = cells.id("person", _PERSON, required=True)
    post = cells.id("post", _POST)
    org = cells.id("org", BODY_KINDS)
    role = cells.role("role")
    represents = cells.id("represents", _REPRESENTABLE)
    if not cells.text("post"):
        for column in ("org", "role"):
            if not cells.text(column):
                cells.problem(column, f"a value is required when {cells.name('post')!r} is empty")
    start = cells.date("start", required=True)
    end = cells.date("end")
    if start is not None and end is not None and end < start:
        cells.problem("end", f"{cells.name('end')} {end} is before {cells.name('start')} {start}")
    acting = cells.flag("acting", False)
    if not cells.problems and person is not None and start is not None:
        parsed.memberships.append(_Membership(person, post, org, role, represents, start, end, acting, cells.row))


_PARSERS: dict[str, Callable[[_Cells, Parsed], str | None]] = {
    "people": _person,
    "organisations": _organisation,
    "posts": _post,
    "memberships": _membership,
}


# -- step 2: against the store ---------------------------------------------------------

_Span = tuple[date | None, date | None]  # [from, to), either open


def _iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _overlap(a: _Span, b: _Span) -> _Span | None:
    starts = [d for d in (a[0], b[0]) if d is not None]
    ends = [d for d in (a[1], b[1]) if d is not None]
    span = (max(starts) if starts else None, min(ends) if ends else None)
    return None if span[0] is not None and span[1] is not None and span[1] <= span[0] else span


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
        self.nodes: dict[str, Node] = {node.id: node for node, _ in parsed.nodes}
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

    def known(self, id: str) -> bool:
        return id in self.nodes or self.store.has_node(id)

    def span(self, id: str) -> _Span | None:
        node = self.nodes.get(id)
        if node is not None:
            return (node.valid_from, node.valid_to)
        if self.store.has_node(id):
            attrs = self.store.node(id)
            return (_iso(attrs.get("valid_from")), _iso(attrs.get("valid_to")))
        return None

    def post(self, id: str) -> tuple[str | None, str | None, bool, set[str]]:
        """A known post's body, role, single-holder flag and what it represents."""
        if id not in self._posts:
            node = self.nodes.get(id)
            if isinstance(node, Post):
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
        if isinstance(node, Post) and node.id in world.post_org:
            node = _date_post(node, origin, world, batch)
            world.nodes[node.id] = node
        batch.add_node(node, origin)
    for link in parsed.links:
        if not {link.from_id, link.to_id} & parsed.rejected:
            _add_link(link, world, batch)
    # Memberships that name their seat claim it before any seat is picked by role.
    for membership in sorted(parsed.memberships, key=lambda m: m.post is None):
        if not {membership.person, membership.post, membership.org} & parsed.rejected:
            _add_membership(membership, world, batch)
    return batch


def _date_post(post: Post, origin: Origin, world: _World, batch: Batch) -> Post:
    """A post lives within its body's life, and takes its body's dates where it gives none."""
    org = world.post_org[post.id]
    org_span = world.span(org)
    if org_span is None:
        return post  # merge reports the unknown body
    last_day = Span(None, post.valid_to).last_day
    for column, day in (("valid_from", post.valid_from), ("valid_to", last_day)):
        if day is not None and not _contains(org_span, day):
            own = _describe((post.valid_from, post.valid_to))
            batch.problems.append(
                origin.problem(column, f"{post.id!r} would exist {own}, but {org!r} exists {_describe(org_span)}")
            )
            return post
    return post.model_copy(
        update={"valid_from": post.valid_from or org_span[0], "valid_to": post.valid_to or org_span[1]}
    )


def _add_link(link: _Link, world: _World, batch: Batch) -> None:
    span: _Span | None = (None, None)
    for end in (world.span(link.from_id), world.span(link.to_id)):
        if end is not None and span is not None:
            span = _overlap(span, end)
    if span is None:
        batch.problems.append(
            link.origin.problem("to_id", f"{link.from_id!r} and {link.to_id!r} never exist at the same time")
        )
        return
    edge = Edge(
        type=link.type, from_id=link.from_id, to_id=link.to_id, valid_from=span[0], valid_to=span[1], source=link.source
    )
    batch.add_edge(edge, link.origin)


def _held_span(m: _Membership, seat: _Span | None) -> _Span:
    """The days a membership covers, end exclusive; an empty end runs as long as the seat."""
    if m.end:
        return (m.start, Span.from_last_day(None, m.end).end)
    return (m.start, seat[1] if seat else None)


def _add_membership(m: _Membership, world: _World, batch: Batch) -> None:
    cells = _Cells(m.row)
    post = m.post if m.post is not None else _pick_seat(m, world, cells)
    seat = world.span(post) if post is not None else None
    span = _held_span(m, seat)
    if post is not None and seat is not None:
        _check_seat(m, post, span, seat, world, cells)
    if cells.problems or post is None:
        batch.problems.extend(cells.problems)
        return
    columns = {
        "from_id": "person",
        "to_id": "post" if m.post else "org",
        "valid_from": "start",
        "valid_to": "end",
        "acting": "acting",
    }
    origin = Origin(m.row.origin.file, m.row.origin.row, {k: cells.name(v) for k, v in columns.items()})
    edge = Edge(
        type=EdgeType.HOLDS,
        from_id=m.person,
        to_id=post,
        valid_from=span[0],
        valid_to=span[1],
        acting=m.acting,
        source=m.row.source,
    )
    batch.add_edge(edge, origin)
    if seat is not None:
        world.held(post).append((span, m.person))


def _check_seat(m: _Membership, post: str, span: _Span, seat: _Span, world: _World, cells: _Cells) -> None:
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
    held = next((s for s, holder in world.held(post) if holder == m.person and _overlap(s, span)), None)
    if held is not None:
        cells.problem("start", f"{m.person!r} already holds {post!r} {_describe(held)}")


def _pick_seat(m: _Membership, world: _World, cells: _Cells) -> str | None:
    """The first seat by id of the row's body and role (and area) that exists and is
    vacant throughout the membership."""
    assert m.org is not None and m.role is not None
    if not world.known(m.org):
        cells.problem("org", str(NotFound(m.org, world.store.suggest(m.org, n=1))))
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
