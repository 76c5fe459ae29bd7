"""Roster rows, each on its own: the cells of a row and the records it becomes.

This module alone turns rows into records, so each rule (what a date looks like, which
roles exist) is written once and every format reports it in the same words, naming the
user's own column (``Origin.columns`` maps our column names to theirs).

``parse_rows`` checks required values, ids, dates, yes/no, roles and duplicate ids, and
gives nodes, *links* (edges whose dates are not known yet) and memberships;
``loaders._place`` then places them against a store. A row with a problem adds no
records, and the id it defines is marked rejected, so that the rows referring to it are
not reported again.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from govgraph.errors import InvalidDate, Problem
from govgraph.graph.model import BODY_KINDS, EDGE_ENDPOINTS, ID_PREFIX, EdgeType, NodeKind, Role, kind_of_id
from govgraph.graph.timeline import parse_date
from govgraph.loaders._build import Origin, RowNode
from govgraph.loaders._hints import Hints, did_you_mean, meant_date, meant_flag, meant_role
from govgraph.loaders._tables import MAX_CELL_CHARS, Row

__all__ = ["Cells", "Link", "Membership", "Parsed", "parse_rows"]


# Not frozen, for speed: see ``_build.Origin``.
@dataclass(slots=True, unsafe_hash=True)
class Link:
    """An edge a row asks for, dated later from the lives of its two ends."""

    type: EdgeType
    from_id: str
    to_id: str
    origin: Origin
    source: str


# Not frozen, for speed: see ``_build.Origin``.
@dataclass(slots=True, unsafe_hash=True)
class Membership:
    person: str
    post: str | None
    org: str | None
    role: Role | None
    represents: str | None
    start: date
    end: date | None  # the last day held
    acting: bool
    row: Row
    appointed: date | None = None  # first appointed to the role, on or before start


@dataclass
class Parsed:
    """Rows parsed one at a time, before they meet the store."""

    nodes: list[tuple[RowNode, Origin]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    defined: dict[str, Origin] = field(default_factory=dict)
    rejected: set[str] = field(default_factory=set)
    #: The ids of the store loaded into, for ``did you mean`` hints; none without a store.
    hints: Hints | None = None


def parse_rows(rows: Iterable[Row], parsed: Parsed | None = None) -> Parsed:
    """Check each row on its own and turn the good ones into records."""
    parsed = parsed if parsed is not None else Parsed()
    _LINK_COLUMNS.clear()
    for row in rows:
        # All the row's values at once: only a row holding a NUL or too long a value is read
        # value by value (below), and only a row the quick checks do not pass cell by cell.
        joined = "".join(row.values.values())
        clean = "\x00" not in joined and len(joined) <= MAX_CELL_CHARS
        if clean:
            try:
                if _QUICK[row.table](row, parsed):
                    continue
            except _Unsure:
                pass
        cells = Cells(row, parsed.hints)
        for column, value in row.values.items():
            if "\x00" in value:  # no format's reader stops it, and no id or name holds one
                cells.problem(column, "contains a NUL character")
            elif len(value) > MAX_CELL_CHARS:
                cells.problem(column, f"holds {len(value):,} characters, over the limit of {MAX_CELL_CHARS:,}")
        defined = _PARSERS[row.table](cells, parsed)
        parsed.problems.extend(cells.problems)
        if defined is not None and cells.problems:
            parsed.rejected.add(defined)
    return parsed


#: The shape the model gives an id (``model._NodeBase``), checked here as a record is built.
_ID_SHAPE = re.compile(r"^[a-z][a-z-]*:[A-Za-z0-9][A-Za-z0-9._:/-]*$")
#: (a file's column mapping, from and to columns) -> the Origin columns of its links; emptied
#: as each load starts, so that it holds one load's few files.
_LINK_COLUMNS: dict[tuple[int, str, str], tuple[Mapping[str, str], Mapping[str, str]]] = {}
_LOCAL_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")  # an id's part after its prefix, as model's ids have it
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


_Dates = tuple[date | None, date | None]  # named here: inside Cells, ``date`` is its method


class Cells:
    """Reads one row's values, recording a problem for each bad one."""

    def __init__(self, row: Row, hints: Hints | None = None) -> None:
        self.row = row
        self.hints = hints
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

    def id(
        self,
        column: str,
        kinds: frozenset[NodeKind],
        *,
        required: bool = False,
        within: str | None = None,
        role: Role | None = None,
        defines: bool = False,
    ) -> str | None:
        """An id of one of ``kinds``. A hint for one without its prefix names the known ids it
        may mean, those a seat of the body ``within`` (with ``role``) speaks for first; in a column that
        ``defines`` an id, the value with its prefix."""
        value = self.text(column, required=required)
        if value is None:
            return None
        if kind_of_id(value) not in kinds:
            prefixes = sorted(f"'{ID_PREFIX[kind]}:'" for kind in kinds)
            wanted = prefixes[0] if len(prefixes) == 1 else "one of " + ", ".join(prefixes)
            meant = self.hints.ids(value, kinds, within=within, role=role)[:4] if self.hints is not None else []
            if defines and not meant and len(kinds) == 1 and _LOCAL_PART.fullmatch(value):
                # A column that defines an id of one kind (people's id): the prefix is all it lacks.
                meant = [f"{ID_PREFIX[kind]}:{value}" for kind in kinds]
            self.problem(column, f"{value!r} is not an id starting with {wanted}{did_you_mean(meant)}")
            return None
        if "." in value and {".", ".."} & set(re.split(r"[/:]", value)):
            # A browser resolves such a segment in the node's address (/nodes/post:x/../y),
            # so its links would lead to another node.
            self.problem(column, f"{value!r} has a '.' or '..' segment, which an id may not have")
            return None
        return value

    def date(self, column: str, *, required: bool = False) -> date | None:
        value = self.text(column, required=required)
        if value is None:
            return None
        try:
            return _day(value)
        except InvalidDate as exc:
            meant = meant_date(value)
            self.problem(column, f"{exc}{did_you_mean([meant] if meant else [])}")
            return None

    def flag(self, column: str, default: bool) -> bool:
        value = self.text(column)
        if value is None:
            return default
        if value.lower() not in _YES_NO:
            meant = meant_flag(value)
            self.problem(column, f"{value!r} is not yes or no{did_you_mean([meant] if meant else [])}")
            return default
        return _YES_NO[value.lower()]

    def role(self, column: str, *, required: bool = False) -> Role | None:
        value = self.text(column, required=required)
        if value is None:
            return None
        try:
            return Role(value.lower())
        except ValueError:
            meant = meant_role(value)
            hint = did_you_mean([meant]) if meant else f"; expected one of {', '.join(Role)}"
            self.problem(column, f"unknown role {value!r}{hint}")
            return None

    def span(self, start: str, end: str) -> _Dates:
        """Two date columns of which the second, an exclusive end, must come after the first."""
        first, last = self.date(start), self.date(end)
        if first is not None and last is not None and last <= first:
            self.problem(end, f"{self.name(end)} {last} must be after {self.name(start)} {first}")
        return first, last

    def record(self, attrs: dict[str, Any]) -> RowNode | None:
        """Build a node, unless a value has already failed.

        The row's checks have made every value what the model's record takes (an id of
        the row's kind, dates in order, a name); what remains of the model's own checks,
        the shape of the id, is made here in the model's words. So the node is a light
        ``RowNode``, not a pydantic record validated again: that was a sixth of a big load.
        """
        if self.problems:
            return None
        if not _ID_SHAPE.match(attrs["id"]):
            self.problem("id", f"{attrs['id']!r} is not an id of the form 'prefix:local-part'")
            return None
        given = {name: value for name, value in attrs.items() if value is not None}
        return RowNode(**given, source=self.row.source)

    def link(self, type: EdgeType, from_id: str, to_id: str, from_column: str, to_column: str) -> Link:
        return _link(self.row, type, from_id, to_id, from_column, to_column)


def _link(row: Row, type: EdgeType, from_id: str, to_id: str, from_column: str, to_column: str) -> Link:
    """The edge a row asks for, from its ``from_column`` to its ``to_column``."""
    # One mapping of the user's columns per file and column pair, shared by its rows.
    given = row.origin.columns
    key = (id(given), from_column, to_column)
    columns = _LINK_COLUMNS.get(key)
    if columns is None or columns[0] is not given:
        ours = {"from_id": from_column, "to_id": to_column, "valid_from": "valid_from", "valid_to": "valid_to"}
        columns = _LINK_COLUMNS[key] = (given, {k: given.get(v, v) for k, v in ours.items()})
    return Link(type, from_id, to_id, Origin(row.origin.file, row.origin.row, columns[1]), row.source)


def _define(cells: Cells, parsed: Parsed, id: str | None) -> str | None:
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


def _person(cells: Cells, parsed: Parsed) -> str | None:
    id = _define(cells, parsed, cells.id("id", _PERSON, required=True, defines=True))
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


def _organisation(cells: Cells, parsed: Parsed) -> str | None:
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


def _post(cells: Cells, parsed: Parsed) -> str | None:
    id = _define(cells, parsed, cells.id("id", _POST, required=True, defines=True))
    name = cells.text("name", required=True)
    org = cells.id("org", BODY_KINDS, required=True)
    role = cells.role("role", required=True)
    single_holder = cells.flag("single_holder", True)
    targets = {
        EdgeType.REPRESENTS: ("represents", cells.id("represents", _REPRESENTABLE, within=org, role=role)),
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


def _membership(cells: Cells, parsed: Parsed) -> None:
    person = cells.id("person", _PERSON, required=True)
    post = cells.id("post", _POST)
    org = cells.id("org", BODY_KINDS)
    role = cells.role("role")
    represents = cells.id("represents", _REPRESENTABLE, within=org, role=role)
    if not cells.text("post"):
        for column in ("org", "role"):
            if not cells.text(column):
                cells.problem(column, f"a value is required when {cells.name('post')!r} is empty")
    start = cells.date("start", required=True)
    end = cells.date("end")
    if start is not None and end is not None and end < start:
        cells.problem("end", f"{cells.name('end')} {end} is before {cells.name('start')} {start}")
    acting = cells.flag("acting", False)
    appointed = cells.date("appointed")
    if start is not None and appointed is not None and appointed > start:
        cells.problem("appointed", f"{cells.name('appointed')} {appointed} is after {cells.name('start')} {start}")
    if not cells.problems and person is not None and start is not None:
        parsed.memberships.append(
            Membership(person, post, org, role, represents, start, end, acting, _placed(cells.row), appointed)
        )


def _placed(row: Row) -> Row:
    """The row as placing a membership needs it: its origin and citation, not its values,
    which a big roster would otherwise keep (a million dicts) until every row is placed."""
    return Row(row.table, _NO_VALUES, row.origin, row.source)


_NO_VALUES: Mapping[str, str] = MappingProxyType({})

_PARSERS: dict[str, Callable[[Cells, Parsed], str | None]] = {
    "people": _person,
    "organisations": _organisation,
    "posts": _post,
    "memberships": _membership,
}


# -- the quick path -------------------------------------------------------------------
# Most rows of a big roster are right. For each table, a function takes a row that passes
# every check of the table's parser above in a few look-ups, and gives the same records
# with the same side effects (the id it defines); it returns False, having changed
# nothing, at the first value it is not sure of, and the row is then read cell by cell
# above, which reports each problem in its own words. So a problem is always reported by
# the one parser, and the quick path only has to be right about rows with none. A helper that meets a value
# it is not sure of raises ``_Unsure``, before the row's records are made.

_ROLES = {str(role): role for role in Role}


def _is_id(value: str, kinds: frozenset[NodeKind]) -> bool:
    """Whether ``Cells.id`` takes ``value`` as an id of one of ``kinds`` without a problem."""
    return kind_of_id(value) in kinds and not ("." in value and {".", ".."} & set(re.split(r"[/:]", value)))


def _is_email(value: str) -> bool:
    """Whether ``_person`` takes ``value`` as an email address; split at whitespace as
    ``str.isspace`` has it, one with none is one word."""
    return "@" in value and value.split() == [value]


class _Unsure(Exception):
    """A quick check met a value it is not sure of: the row is read cell by cell."""


def _quick_day(value: str) -> date | None:
    """A date cell's day as ``Cells.date`` reads it, None when empty."""
    if not value:
        return None
    try:
        return _day(value)
    except InvalidDate:
        raise _Unsure from None


def _quick_flag(value: str, default: bool) -> bool:
    """A yes/no cell as ``Cells.flag`` reads it."""
    if not value:
        return default
    flag = _YES_NO.get(value.lower())
    if flag is None:
        raise _Unsure
    return flag


def _quick_person(row: Row, parsed: Parsed) -> bool:
    values = row.values
    id, name = values.get("id", ""), values.get("name", "")
    email, employer = values.get("email") or None, values.get("employer") or None
    if not (name and _is_id(id, _PERSON) and id not in parsed.defined and _ID_SHAPE.match(id)):
        return False
    if email is not None and not _is_email(email):
        return False
    id = sys.intern(id)  # the id every membership of the person names: one string for all
    # Many people share an employer, and a name: one string each in the graph, not one a row.
    name, employer = sys.intern(name), sys.intern(employer) if employer is not None else None
    parsed.defined[id] = row.origin
    person = RowNode(NodeKind.PERSON, id, name, row.source, email=email, employer=employer)
    parsed.nodes.append((person, row.origin))
    return True


def _quick_post(row: Row, parsed: Parsed) -> bool:
    values = row.values
    id, name, org = values.get("id", ""), values.get("name", ""), values.get("org", "")
    role = _ROLES.get(values.get("role", "").lower())
    single_holder = _quick_flag(values.get("single_holder", ""), True)
    if not (name and role is not None and _is_id(org, BODY_KINDS)):
        return False
    if not (_is_id(id, _POST) and id not in parsed.defined and _ID_SHAPE.match(id)):
        return False
    targets = []
    for type, column, kinds in _POST_TARGETS:
        target = values.get(column, "")
        if target:
            if not _is_id(target, kinds):
                return False
            targets.append((type, column, sys.intern(target)))
    valid_from, valid_to = _quick_day(values.get("valid_from", "")), _quick_day(values.get("valid_to", ""))
    if valid_from is not None and valid_to is not None and valid_to <= valid_from:
        return False
    id, org, name = sys.intern(id), sys.intern(org), sys.intern(name)  # a name as "Chair" is in every body
    parsed.defined[id] = row.origin
    post = RowNode(NodeKind.POST, id, name, row.source, valid_from, valid_to, role, single_holder)
    parsed.nodes.append((post, row.origin))
    parsed.links.append(_link(row, EdgeType.POST_IN, id, org, "id", "org"))
    for type, column, target in targets:
        parsed.links.append(_link(row, type, id, target, "id", column))
    return True


#: The columns of a post naming another node, in the order ``_post`` links them.
_POST_TARGETS = (
    (EdgeType.REPRESENTS, "represents", _REPRESENTABLE),
    (EdgeType.REPORTS_TO, "reports_to", _POST),
    (EdgeType.EX_OFFICIO, "ex_officio_of", _POST),
)


def _quick_membership(row: Row, parsed: Parsed) -> bool:
    values = row.values
    person, post = values.get("person", ""), values.get("post", "")
    org, represents = values.get("org") or None, values.get("represents") or None
    role_name = values.get("role", "")
    role = _ROLES.get(role_name.lower()) if role_name else None
    if role_name and role is None:
        return False
    # A row without its post picks a seat by org and role: rare, and read cell by cell.
    if not (_is_id(person, _PERSON) and _is_id(post, _POST)):
        return False
    if (org is not None and not _is_id(org, BODY_KINDS)) or (
        represents is not None and not _is_id(represents, _REPRESENTABLE)
    ):
        return False
    start, end = _quick_day(values.get("start", "")), _quick_day(values.get("end", ""))
    appointed = _quick_day(values.get("appointed", ""))
    acting = _quick_flag(values.get("acting", ""), False)
    if start is None:
        return False
    if (end is not None and end < start) or (appointed is not None and appointed > start):
        return False
    person, post = sys.intern(person), sys.intern(post)
    parsed.memberships.append(
        Membership(person, post, org, role, represents, start, end, acting, _placed(row), appointed)
    )
    return True


def _quick_organisation(row: Row, parsed: Parsed) -> bool:
    """A roster has a few bodies: their rows are all read cell by cell."""
    return False


_QUICK: dict[str, Callable[[Row, Parsed], bool]] = {
    "people": _quick_person,
    "organisations": _quick_organisation,
    "posts": _quick_post,
    "memberships": _quick_membership,
}
