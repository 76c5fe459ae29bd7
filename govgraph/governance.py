"""``govgraph.load()`` and the object it returns: a loaded graph with its queries as methods.

The methods are the query functions of ``govgraph.queries`` bound to one store, and return
the same pydantic models the REST service serves.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from govgraph.errors import InvalidParameter
from govgraph.graph.model import NodeKind
from govgraph.graph.store import GraphStore
from govgraph.graph.timeline import EARLIEST, Span, parse_date
from govgraph.loaders.reference import load_reference
from govgraph.loaders.roster import EXAMPLE_ROSTER, Progress, load_rosters
from govgraph.queries import (
    Below,
    Changes,
    Coverage,
    GapReport,
    LineOfSight,
    Members,
    NodeDetail,
    Overload,
    PostsOf,
    Recruit,
    Representation,
    SearchHit,
    Stats,
    Subgraph,
    Upcoming,
    WhatIf,
)
from govgraph.queries import below as _below
from govgraph.queries import changes as _changes
from govgraph.queries import coverage as _coverage
from govgraph.queries import focus as _focus
from govgraph.queries import gaps as _gaps
from govgraph.queries import line_of_sight as _line_of_sight
from govgraph.queries import members as _members
from govgraph.queries import overload as _overload
from govgraph.queries import overview as _overview
from govgraph.queries import posts_of as _posts_of
from govgraph.queries import recruit as _recruit
from govgraph.queries import representation as _representation
from govgraph.queries import search as _search
from govgraph.queries import show as _show
from govgraph.queries import stats as _stats
from govgraph.queries import upcoming as _upcoming
from govgraph.queries import what_if as _what_if
from govgraph.queries.lookahead import MAX_WITHIN_DAYS
from govgraph.queries.rules import Rule, Tenure, builtin_rules, load_rules

__all__ = ["EXAMPLE_ROSTER", "Governance", "load"]


@dataclass
class Governance:
    """A loaded governance graph: the backend the queries read, and the rules in force.

    Every method is the query of the same name in ``govgraph.queries``, bound to this
    graph; each takes ``as_of`` (an ISO date, default today). Queries over the whole graph
    on a day (gaps, coverage, overload, changes, upcoming, what_if, recruit) and ``show``
    read the slice of the store they need first (``subgraph_for``, ``neighbourhood``): the
    embedded store is its own slice, a Neo4j store sends one transaction instead of
    thousands of round trips. The others read the store call by call, inside one read
    scope of a Neo4j store (``Neo4jStore.reading``), which sends each read once and
    brings what the next reads need along with it.
    """

    store: GraphStore
    rules: list[Rule] = field(default_factory=builtin_rules)

    def show(self, id: str, *, as_of: str | date | None = None) -> NodeDetail:
        return _show(self.store.neighbourhood(id), id, as_of=as_of)

    def search(
        self, text: str, *, kind: NodeKind | None = None, as_of: str | date | None = None, limit: int = 50
    ) -> list[SearchHit]:
        with _one_read(self.store):
            return _search(self.store, text, kind=kind, as_of=as_of, limit=limit)

    def stats(self, *, as_of: str | date | None = None) -> Stats:
        with _one_read(self.store):
            return _stats(self.store, as_of=as_of)

    def representation(self, subject_id: str, *, as_of: str | date | None = None) -> Representation:
        with _one_read(self.store):
            return _representation(self.store, subject_id, as_of=as_of, rules=self.rules)

    def gaps(self, *, as_of: str | date | None = None, rule: str | None = None, subject: str | None = None,
             kind: NodeKind | None = None) -> GapReport:  # fmt: skip
        day = parse_date(as_of)
        store = self._slice(day, include=[subject] if subject else ())
        return _gaps(store, as_of=day, rules=self.rules, rule=rule, subject=subject, kind=kind)

    def coverage(self, *, of: str = "crg", by: str = "senate", as_of: str | date | None = None) -> Coverage:
        day = parse_date(as_of)
        return _coverage(self.store.subgraph_for(day), of=of, by=by, as_of=day)

    def line_of_sight(self, start: str, *, as_of: str | date | None = None) -> LineOfSight:
        with _one_read(self.store):
            return _line_of_sight(self.store, start, as_of=as_of)

    def below(self, post_id: str, *, as_of: str | date | None = None) -> Below:
        with _one_read(self.store):
            return _below(self.store, post_id, as_of=as_of)

    def members(self, org_id: str, *, as_of: str | date | None = None) -> Members:
        with _one_read(self.store):
            return _members(self.store, org_id, as_of=as_of)

    def posts(self, person_id: str, *, as_of: str | date | None = None) -> PostsOf:
        """The seats ``person_id`` holds, as ``govgraph posts`` gives them."""
        with _one_read(self.store):
            return _posts_of(self.store, person_id, as_of=as_of)

    #: ``posts`` under the name of its query (``govgraph.queries.posts_of``), kept for callers of it.
    posts_of = posts

    def overload(self, *, min_seats: int = 5, as_of: str | date | None = None) -> Overload:
        day = parse_date(as_of)
        return _overload(self.store.subgraph_for(day), min_seats=min_seats, as_of=day)

    def changes(self, from_date: str | date, to_date: str | date) -> Changes:
        start, end = parse_date(from_date), parse_date(to_date)
        if end < start:  # refused here as the query would, before a server is asked for a slice
            raise InvalidParameter(f"to_date {end} is before from_date {start}")
        return _changes(self.store.subgraph_for(start, end), start, end, rules=self.rules)

    def upcoming(self, *, as_of: str | date | None = None, within_days: int = 180) -> Upcoming:
        day = parse_date(as_of)
        # The query refuses a window out of range; the slice is only ever asked for a valid one.
        until = (date.fromisoformat(day) + timedelta(days=min(max(within_days, 0), MAX_WITHIN_DAYS))).isoformat()
        return _upcoming(self._slice(day, until), as_of=day, within_days=within_days, rules=self.rules)

    def what_if(self, leaves: str, *, on: str | date | None = None) -> WhatIf:
        day = parse_date(on)
        return _what_if(self._slice(day, include=[leaves]), leaves=leaves, on=day, rules=self.rules)

    def recruit(self, *, as_of: str | date | None = None) -> Recruit:
        day = parse_date(as_of)
        return _recruit(self._slice(day), as_of=day, rules=self.rules)

    def _slice(self, start: str, end: str | None = None, *, include: Sequence[str] = ()) -> GraphStore:
        """The slice of the store a rule check on the days from ``start`` to ``end`` reads.
        A tenure rule reads a holder's earlier appointments to the seat, so while one is in
        force the slice starts at the earliest day a record may have instead."""
        last = end or start
        days = Span.from_last_day(date.fromisoformat(start), date.fromisoformat(last))
        tenure = any(isinstance(r.check, Tenure) and r.in_force.span.overlaps(days) for r in self.rules)
        return self.store.subgraph_for(EARLIEST if tenure else start, last, include=include)

    def overview(self, *, as_of: str | date | None = None) -> Subgraph:
        with _one_read(self.store):
            return _overview(self.store, as_of=as_of)

    def focus(self, id: str, *, depth: int = 1, as_of: str | date | None = None) -> Subgraph:
        with _one_read(self.store):
            return _focus(self.store, id, depth=depth, as_of=as_of)


def _one_read(store: GraphStore) -> AbstractContextManager[None]:
    """The read scope of a store that has them (Neo4j), for the reads of one query."""
    reading = getattr(store, "reading", None)
    return reading() if reading is not None else nullcontext()


def load(
    paths: Sequence[str | Path] | None = None,
    *,
    example: bool = True,
    rules: Sequence[str | Path] = (),
    progress: Progress | None = None,
) -> Governance:
    """The built-in reference dataset with rosters loaded on top, ready to query.

    Parameters
    ----------
    paths
        Rosters to load (folders of CSV files, ``.xlsx`` workbooks or Popolo ``.json``
        files; see ``docs/rosters.md``). When given, the example roster is not loaded.
    example
        Without ``paths``, load the example roster shipped in ``govgraph/data/example/``.
        Its people are fictional (invented names), there to show how the queries work.
    rules
        Rule files (YAML, see ``docs/representation.md``) checked as well as the built-in
        rules.
    progress
        Called as the rosters load, to show how far it has got (``loaders.roster.Progress``).

    Raises
    ------
    LoadError
        listing every problem in the rosters (or, as ``RuleFileError``, in the rule
        files); nothing is loaded.

    >>> gg = load()
    >>> gg.stats(as_of="2013-06-01").nodes["CRG"]
    73
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one roster given bare, not a string to iterate letter by letter
    store = load_reference()
    if paths is not None:
        load_rosters(store, paths, progress=progress)
    elif example:
        load_rosters(store, [EXAMPLE_ROSTER], progress=progress)
    return Governance(store, rules=load_rules(rules))
