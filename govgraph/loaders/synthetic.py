"""A deterministic synthetic roster at any scale, for benchmarks and load tests.

The roster is written in the roster CSV format (``docs/rosters.md``); every name in it is
made up. It is valid by construction: every id is unique, a single-holder seat never has two holders on one
day, every holding lies within its seat's dates, and REPORTS_TO only points up the real
line of sight, so it cannot form a cycle.

What a scale builds
    The roster is made of *copies*, numbered 1 to ``scale``:

    * copy 1 fills the built-in reference dataset's own seats: every seat of every CRG,
      board and line-of-sight post gets a person (``gap_rate`` of them are left vacant);
    * copies 2 to N add a copy of the committee structure each: a body for every
      reference body that has seats (the CRGs and the boards, same kind, same programme,
      hub or parent, same dates) with the same seats, which speak for the same real
      Senate areas, regions and CCGs (``crg:CFS`` becomes ``crg:CFS-s2``, and
      ``post:crg:CFS/chair`` becomes ``post:crg:CFS-s2/chair``), and people to fill them;
    * every copy also adds one provider per specialised area team, whose medical
      director reports to that area team's medical director, so that line-of-sight
      queries have chains to follow.

    Scale N therefore has about N times the people and holdings of scale 1: scale 1 has
    about 2,500 holdings and 1,900 people, scale 500 about 1.25 million and 940,000.

How holdings are drawn
    A seat is vacant, for its whole life, with probability ``gap_rate``. Otherwise a
    single-holder seat has one holder, or, for a seat that lasts at least two years, two
    successive holders one time in five; a multi-holder seat has one to three holders at
    once. A quarter of holders are people who already hold another seat of the same
    copy, so some people hold several seats. Ex officio seats get no holdings: whoever
    holds the post they follow fills them.

Determinism
    Each copy draws from its own ``random.Random`` seeded with ``"<seed>/<copy>"`` (string
    seeds are hashed with SHA-512, independent of ``PYTHONHASHSEED``), and rows are
    produced in a fixed order, so the same ``scale``, ``seed`` and ``gap_rate`` always give
    the same bytes, and copy k is the same whatever the scale.

Memory
    ``synthesise`` yields one copy's rows at a time and ``write_roster`` streams them to
    the four files, so memory stays at one copy's rows (about seven thousand) plus the
    reference structure, whatever the scale.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from govgraph.graph.model import EdgeType, NodeKind, Role
from govgraph.graph.store import NetworkXStore
from govgraph.graph.timeline import Span
from govgraph.loaders._tables import TABLES
from govgraph.loaders.reference import load_reference

__all__ = ["COLUMNS", "RosterChunk", "synthesise", "write_roster"]

#: The roster files (``<name>.csv``) and their columns, as the roster loader reads them.
COLUMNS: dict[str, tuple[str, ...]] = {name: table.columns for name, table in TABLES.items()}

# Bodies whose seats form the line of sight: their posts are filled in copy 1 but not
# copied, since a copy of NHS England or of a region would be a second chain of command.
_LINE_OF_SIGHT_KINDS = frozenset({str(NodeKind.ORGANISATION), str(NodeKind.REGION), str(NodeKind.AREA_TEAM)})
_REUSE_SHARE = 0.25  # of holders who already hold another seat of the copy
_TWO_TERMS_SHARE = 0.2  # of long single-holder seats that change hands once
_MAX_SHARED_HOLDERS = 3  # on a multi-holder seat at once
# Open-ended seats are treated as ending here when choosing the day a seat changes
# hands; a fixed day (not today) keeps the output the same whenever it is generated.
_HORIZON = date(2025, 4, 1)
_ONE_YEAR = 365

_GIVEN_NAMES = (
    "Ada", "Alan", "Amina", "Ben", "Bushra", "Carys", "Chidi", "Dara", "Dev", "Elin", "Emeka", "Fay", "Farid",
    "Gwen", "Hamza", "Hana", "Idris", "Isla", "Jun", "Kai", "Kemi", "Lars", "Leila", "Mabel", "Milo", "Nia",
    "Omar", "Orla", "Priya", "Quinn", "Rhys", "Rosa", "Sanjay", "Siobhan", "Tariq", "Tess", "Uma", "Viktor",
    "Wren", "Xander", "Yara", "Zane",
)  # fmt: skip
_SURNAMES = (
    "Synthetic", "Generated", "Sampleton", "Drawnby", "Seedworth", "Fabricant", "Madeup", "Notreal",
    "Placeholder", "Testwell", "Mockford", "Dummett", "Simulacre", "Inventa", "Fictor", "Pretendsworth",
)  # fmt: skip


@dataclass
class RosterChunk:
    """The rows one copy adds to each roster file, keyed like ``COLUMNS``."""

    copy: int
    rows: dict[str, list[tuple[str, ...]]] = field(default_factory=lambda: {name: [] for name in COLUMNS})


@dataclass(frozen=True, slots=True)
class _Seat:
    id: str
    slug: str  # the part of the id after the owner: "chair", "senate-london-2"
    name: str
    role: str
    single_holder: bool
    valid_from: str
    valid_to: str  # "" when open-ended
    represents: str
    ex_officio_of: str


@dataclass(frozen=True, slots=True)
class _Body:
    id: str
    kind: str
    name: str
    part_of: str
    valid_from: str
    valid_to: str
    seats: tuple[_Seat, ...]


@dataclass(frozen=True, slots=True)
class _Structure:
    """What every copy is drawn from, read once from the reference dataset."""

    bodies: tuple[_Body, ...]  # every body with seats, line of sight included, by id
    copied: frozenset[str]  # the bodies copies 2 to N copy: all but the line of sight's
    area_team_directors: tuple[_Seat, ...]  # the medical directors providers report to


def synthesise(scale: int, seed: int, gap_rate: float = 0.05) -> Iterator[RosterChunk]:
    """Yield a synthetic roster copy by copy (see the module docstring).

    Parameters
    ----------
    scale
        How many copies: 1 fills the reference dataset's seats; each further copy adds
        a copy of the committee structure and its people.
    seed
        Seeds the random choices; the same arguments always give the same rows.
    gap_rate
        The share of seats left vacant, from 0 to 1.

    >>> chunks = list(synthesise(scale=1, seed=1, gap_rate=0.0))
    >>> sorted(len(rows) > 0 for rows in chunks[0].rows.values())
    [True, True, True, True]
    """
    if scale < 1:
        raise ValueError(f"scale must be at least 1, not {scale}")
    if not 0.0 <= gap_rate <= 1.0:
        raise ValueError(f"gap_rate must be between 0 and 1, not {gap_rate}")
    structure = _reference_structure()
    for copy in range(1, scale + 1):
        yield _copy(structure, copy, random.Random(f"{seed}/{copy}"), gap_rate)


def write_roster(chunks: Iterable[RosterChunk], directory: str | Path) -> dict[str, int]:
    """Write chunks to ``<directory>/<file>.csv`` (created if needed), streaming, and
    return the number of data rows in each file."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    files = {name: (out / f"{name}.csv").open("w", encoding="utf-8", newline="") for name in COLUMNS}
    counts = dict.fromkeys(COLUMNS, 0)
    try:
        # "\n" on every platform, so that the same roster is the same bytes everywhere.
        writers = {name: csv.writer(handle, lineterminator="\n") for name, handle in files.items()}
        for name, writer in writers.items():
            writer.writerow(COLUMNS[name])
        for chunk in chunks:
            for name, rows in chunk.rows.items():
                writers[name].writerows(rows)
                counts[name] += len(rows)
    finally:
        for handle in files.values():
            handle.close()
    return counts


@cache
def _reference_structure() -> _Structure:
    # The reference dataset is package data and the structure is immutable: read it once.
    return _structure(load_reference())


def _structure(store: NetworkXStore) -> _Structure:
    seats_by_owner: dict[str, list[_Seat]] = {}
    for post in sorted(store.nodes(NodeKind.POST), key=lambda p: p["id"]):
        owner = _only(store, post["id"], EdgeType.POST_IN)
        seats_by_owner.setdefault(owner, []).append(
            _Seat(
                id=post["id"],
                slug=post["id"].removeprefix(f"post:{owner}/"),
                name=post["name"],
                role=post["role"],
                single_holder=post.get("single_holder", True),
                valid_from=post.get("valid_from", ""),
                valid_to=post.get("valid_to", ""),
                represents=_only(store, post["id"], EdgeType.REPRESENTS),
                ex_officio_of=_only(store, post["id"], EdgeType.EX_OFFICIO),
            )
        )
    bodies = []
    for owner in sorted(seats_by_owner):
        node = store.node(owner)
        bodies.append(
            _Body(id=owner, kind=node["kind"], name=node["name"], part_of=_first_parent(store, owner),
                  valid_from=node.get("valid_from", ""), valid_to=node.get("valid_to", ""),
                  seats=tuple(seats_by_owner[owner]))
        )  # fmt: skip
    directors = tuple(
        seat
        for body in bodies
        if body.kind == NodeKind.AREA_TEAM
        for seat in body.seats
        if seat.role == Role.MEDICAL_DIRECTOR
    )
    copied = frozenset(body.id for body in bodies if body.kind not in _LINE_OF_SIGHT_KINDS)
    return _Structure(bodies=tuple(bodies), copied=copied, area_team_directors=directors)


def _only(store: NetworkXStore, id: str, type: EdgeType) -> str:
    """The target of a node's one edge of ``type``, or "" if it has none. The reference
    structure gives a seat one owner and at most one area, and a body one parent."""
    targets = sorted({edge.to_id for edge in store.out_edges(id, type)})
    if len(targets) > 1:
        raise ValueError(f"{id} has {len(targets)} {type} edges; the synthetic roster expects at most one")
    return targets[0] if targets else ""


def _first_parent(store: NetworkXStore, id: str) -> str:
    """The parent a body has first: a copy takes one parent (a 2013 Cancer and Blood CRG
    moves to one of its two successor programmes in 2015, and its copy does not)."""
    edges = sorted(store.out_edges(id, EdgeType.PART_OF), key=lambda edge: edge.attrs.get("valid_from") or "")
    return edges[0].to_id if edges else ""


def _copy_id(id: str, copy: int) -> str:
    return id if copy == 1 else f"{id}-s{copy}"


class _People:
    """The people of one copy: new ones on demand, or, a quarter of the time, someone
    who already holds a seat."""

    def __init__(self, rows: list[tuple[str, ...]], copy: int, rng: random.Random, employers: list[str]) -> None:
        self.rows = rows
        self.copy = copy
        self.rng = rng
        self.employers = employers
        self.ids: list[str] = []

    def pick(self, exclude: set[str]) -> str:
        if self.ids and self.rng.random() < _REUSE_SHARE:
            person = self.rng.choice(self.ids)
            if person not in exclude:
                return person
        return self._new()

    def _new(self) -> str:
        number = len(self.ids) + 1
        id = f"person:synthetic-{self.copy}-{number}"
        given, surname = self.rng.choice(_GIVEN_NAMES), self.rng.choice(_SURNAMES)
        self.rows.append(
            (id, f"{given} {surname}", f"synthetic-{self.copy}-{number}@example.org", self.rng.choice(self.employers))
        )
        self.ids.append(id)
        return id


def _copy(structure: _Structure, copy: int, rng: random.Random, gap_rate: float) -> RosterChunk:
    chunk = RosterChunk(copy)
    organisations, posts, memberships = (chunk.rows[n] for n in ("organisations", "posts", "memberships"))

    providers, provider_names = [], []
    for n, director in enumerate(structure.area_team_directors, start=1):
        org, name = f"org:synthetic-provider-{copy}-{n}", f"Synthetic Provider {copy}-{n} NHS Trust"
        organisations.append((org, str(NodeKind.ORGANISATION), name, "", director.valid_from, ""))
        provider_names.append(name)
        seat = _Seat(id=f"post:{org}/medical-director", slug="medical-director", name="Medical Director",
                     role=str(Role.MEDICAL_DIRECTOR), single_holder=True, valid_from=director.valid_from,
                     valid_to=director.valid_to, represents="", ex_officio_of="")  # fmt: skip
        posts.append(_post_row(seat, org, reports_to=director.id))
        providers.append(seat)
    people = _People(chunk.rows["people"], copy, rng, employers=provider_names)

    to_fill: list[_Seat] = []
    for body in structure.bodies:
        if copy == 1:
            to_fill.extend(body.seats)
        elif body.id in structure.copied:
            body_id = _copy_id(body.id, copy)
            organisations.append(
                (
                    body_id,
                    body.kind,
                    f"{body.name} (synthetic copy {copy})",
                    body.part_of,
                    body.valid_from,
                    body.valid_to,
                )
            )
            for seat in body.seats:
                copied = replace(
                    seat, id=f"post:{body_id}/{seat.slug}", ex_officio_of=_follows(structure, seat.ex_officio_of, copy)
                )
                posts.append(_post_row(copied, body_id, reports_to=""))
                to_fill.append(copied)
    to_fill.extend(providers)

    for seat in to_fill:
        if seat.ex_officio_of or rng.random() < gap_rate:
            continue
        for person, start, end in _terms(seat, rng, people):
            memberships.append((person, seat.id, "", "", "", start, end, "no", ""))
    return chunk


def _follows(structure: _Structure, post_id: str, copy: int) -> str:
    """The post an ex officio seat of a copy follows: the copy of its post when that post
    is copied too (the Specialised Cancer CRG's chairs), else the post itself."""
    owner, _, slug = post_id.removeprefix("post:").rpartition("/")
    return f"post:{_copy_id(owner, copy)}/{slug}" if owner in structure.copied else post_id


def _post_row(seat: _Seat, org: str, *, reports_to: str) -> tuple[str, ...]:
    return (seat.id, seat.name, org, seat.role, "yes" if seat.single_holder else "no", seat.represents, reports_to,
            seat.ex_officio_of, seat.valid_from, seat.valid_to)  # fmt: skip


def _terms(seat: _Seat, rng: random.Random, people: _People) -> list[tuple[str, str, str]]:
    """Who holds a seat and when, as (person, first day, last day or "")."""
    start = date.fromisoformat(seat.valid_from)
    # A holding's end is its last day held; the seat's valid_to is the first day it is gone.
    last = Span.from_attrs({"valid_to": seat.valid_to or None}).last_day
    if not seat.single_holder:
        holders: set[str] = set()
        for _ in range(rng.randint(1, _MAX_SHARED_HOLDERS)):
            holders.add(people.pick(holders))
        return [(person, start.isoformat(), _iso(last)) for person in sorted(holders)]
    span = ((last or _HORIZON) - start).days
    first = people.pick(set())
    if span < 2 * _ONE_YEAR or rng.random() >= _TWO_TERMS_SHARE:
        return [(first, start.isoformat(), _iso(last))]
    change = start + timedelta(days=rng.randint(_ONE_YEAR, span - _ONE_YEAR))
    second = people.pick({first})
    return [
        (first, start.isoformat(), (change - timedelta(days=1)).isoformat()),
        (second, change.isoformat(), _iso(last)),
    ]


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""
