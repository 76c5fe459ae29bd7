"""Representation: does a body have the members its rules require, and where are the gaps?

What counts (``docs/representation.md`` says the same for readers)
    * Only what exists on the day counts: the body, its seats (POST_IN), the holdings
      (HOLDS), the areas (REPRESENTS) and the rule itself (``in_force``).
    * A seat is **filled** when somebody holds it on the day; a **vacant** seat counts for
      nothing but is listed against the requirement it would meet.
    * **Acting or interim** holders fill a seat (they are flagged ``acting``).
    * An **ex officio** seat is filled by whoever holds the post it follows: the
      Specialised Cancer CRG's members are the chairs of sixteen other CRGs.
    * Role counts (``count_between``, ``at_most``, ``exactly``) count the distinct people
      filling seats of that role; the size of a body counts its distinct members. One
      person on two seats is one member, but fills both seats, so can cover two areas.
    * A seat speaking for a CCG counts for the ICB that succeeded it, and a question about
      an ICB on a day before July 2022 is answered through the CCGs it replaced (in
      general: an area is covered by seats speaking for it or any body it succeeded). A
      seat whose area has been succeeded is also noted in ``Representation.notes``.

Verdicts are results, not errors: a failing rule is a ``Verdict`` with ``passed=False``
and what is missing. An unknown subject id raises ``NotFound``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from pydantic import Field

from govgraph.errors import NotFound
from govgraph.graph.model import EdgeType, NodeKind, Record, Role
from govgraph.graph.store import GraphStore, NodeData
from govgraph.graph.timeline import active, parse_date
from govgraph.queries._seats import Seat, current_form, predecessors, seats_of
from govgraph.queries.line_of_sight import Break, line_of_sight
from govgraph.queries.rules import (
    AtMost,
    ChainUnbroken,
    CountBetween,
    CoversEach,
    EveryMemberRepresented,
    Exactly,
    Rule,
    builtin_rules,
)

__all__ = ["GapReport", "Representation", "Shortfall", "Verdict", "gaps", "representation"]


class Shortfall(Record):
    """One thing a rule needed that the body does not have."""

    what: str = Field(description="The area id, role or 'members' the requirement is about.")
    name: str
    need: str = Field(description="What the rule asks for, e.g. 'at least 3'.")
    have: int
    vacant_seats: list[str] = Field(default_factory=list, description="Seats that would meet it if filled.")


class Verdict(Record):
    rule_id: str
    description: str
    subject_id: str
    subject_name: str
    subject_kind: str
    passed: bool
    expected: str
    found: int | None = Field(default=None, description="The number counted, where the check counts.")
    missing: list[Shortfall] = Field(default_factory=list)
    breaks: list[Break] = Field(default_factory=list, description="Line-of-sight breaks, for chain rules.")
    source: str = Field(description="The seed file and paragraph the rule comes from.")


class Representation(Record):
    subject_id: str
    subject_name: str
    subject_kind: str
    as_of: date
    passed: bool = Field(description="Every applicable rule passes.")
    verdicts: list[Verdict]
    seats: list[Seat]
    areas: dict[str, str] = Field(
        default_factory=dict, description="The name of each area or body the seats speak for, by id."
    )
    notes: list[str] = Field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """One row per applicable rule, for tables and CSV."""
        return [_verdict_row(v) for v in self.verdicts]


class GapReport(Record):
    as_of: date
    rules_checked: int
    verdicts_checked: int
    gaps: list[Verdict] = Field(description="Every failing rule and subject.")

    def rows(self) -> list[dict[str, Any]]:
        """One row per failing rule and subject, for tables and CSV."""
        return [_verdict_row(v) for v in self.gaps]


def _verdict_row(v: Verdict) -> dict[str, Any]:
    return {
        "rule": v.rule_id,
        "subject": v.subject_id,
        "passed": v.passed,
        "expected": v.expected,
        "found": v.found,
        "missing": "; ".join(f"{m.what}: have {m.have}, need {m.need}" for m in v.missing),
        "vacant seats": " ".join(s for m in v.missing for s in m.vacant_seats),
        "source": v.source,
    }


def representation(
    store: GraphStore, subject_id: str, *, as_of: str | date | None = None, rules: Iterable[Rule] | None = None
) -> Representation:
    """Every rule that applies to ``subject_id`` on the day, with its verdict.

    >>> from govgraph.loaders import load_reference
    >>> rep = representation(load_reference(), "crg:CFS", as_of="2014-01-01")
    >>> [v.rule_id for v in rep.verdicts if not v.passed][:2]   # no roster: every seat vacant
    ['crg-accountable-commissioner', 'crg-chair']
    >>> rep.areas["senate:london"]
    'London Clinical Senate'
    """
    day = parse_date(as_of)
    node = store.node(subject_id)
    evaluation = _Evaluation(store, day)
    verdicts = [evaluation.verdict(rule, node) for rule in _in_force(rules, day) if evaluation.applies(rule, node)]
    verdicts.sort(key=lambda v: v.rule_id)
    seats = evaluation.seats(subject_id)
    return Representation(
        subject_id=subject_id,
        subject_name=node["name"],
        subject_kind=node["kind"],
        as_of=day,
        passed=all(v.passed for v in verdicts),
        verdicts=verdicts,
        seats=seats,
        areas={area: store.node(area)["name"] for seat in seats for area in seat.represents},
        notes=_succession_notes(store, seats, day),
    )


def gaps(
    store: GraphStore,
    *,
    as_of: str | date | None = None,
    rules: Iterable[Rule] | None = None,
    rule: str | None = None,
    subject: str | None = None,
    kind: NodeKind | None = None,
) -> GapReport:
    """Every failing rule and subject on the day, optionally for one rule, subject or kind."""
    day = parse_date(as_of)
    every_rule = builtin_rules() if rules is None else list(rules)
    chosen = _in_force(every_rule, day)
    if rule is not None:
        ids = [r.id for r in every_rule]
        if rule not in ids:
            raise NotFound(f"rule {rule}", difflib.get_close_matches(rule, ids, n=3))
        chosen = [r for r in chosen if r.id == rule]
    if subject is not None:
        store.node(subject)
    evaluation = _Evaluation(store, day)
    failing: list[Verdict] = []
    checked = 0
    for r in chosen:
        if kind is not None and r.applies_to.kind != kind:
            continue
        for node in evaluation.subjects(r, only=subject):
            checked += 1
            verdict = evaluation.verdict(r, node)
            if not verdict.passed:
                failing.append(verdict)
    failing.sort(key=lambda v: (v.rule_id, v.subject_id))
    return GapReport(as_of=day, rules_checked=len(chosen), verdicts_checked=checked, gaps=failing)


def _in_force(rules: Iterable[Rule] | None, day: str) -> list[Rule]:
    return [r for r in (builtin_rules() if rules is None else rules) if r.in_force.covers(day)]


class _Evaluation:
    """Rules checked against one store on one day, sharing what several rules read."""

    def __init__(self, store: GraphStore, day: str) -> None:
        self.store = store
        self.day = day
        self._seats: dict[str, list[Seat]] = {}
        self._areas: dict[str, frozenset[str]] = {}

    def seats(self, body_id: str) -> list[Seat]:
        if body_id not in self._seats:
            self._seats[body_id] = seats_of(self.store, body_id, self.day)
        return self._seats[body_id]

    def covering(self, area_id: str) -> frozenset[str]:
        """The area ids a seat may speak for to cover ``area_id``."""
        if area_id not in self._areas:
            self._areas[area_id] = frozenset(predecessors(self.store, area_id))
        return self._areas[area_id]

    def applies(self, rule: Rule, node: NodeData) -> bool:
        s = rule.applies_to
        if node["kind"] != s.kind or node["id"] in s.exclude or not active(node, self.day):
            return False
        if s.ids and node["id"] not in s.ids:
            return False
        if s.id_prefix and not node["id"].startswith(s.id_prefix):
            return False
        if s.role is not None and node.get("role") != s.role:
            return False
        if s.org_kind is not None:
            bodies = [self.store.node(e.to_id)["kind"] for e in self.store.out_edges(node["id"], EdgeType.POST_IN)]
            if s.org_kind not in bodies:
                return False
        return True

    def subjects(self, rule: Rule, *, only: str | None = None) -> Iterator[NodeData]:
        s = rule.applies_to
        if only is not None:
            candidates: Iterable[NodeData] = [self.store.node(only)]
        elif s.ids:
            candidates = [self.store.node(i) for i in s.ids if self.store.has_node(i)]
        elif s.role is not None:
            candidates = self.store.posts_with_role(s.role, as_of=self.day)
        else:
            candidates = self.store.nodes(s.kind, as_of=self.day)
        return (node for node in candidates if self.applies(rule, node))

    def verdict(self, rule: Rule, node: NodeData) -> Verdict:
        check = rule.check
        base = {
            "rule_id": rule.id,
            "description": rule.description,
            "subject_id": node["id"],
            "subject_name": node["name"],
            "subject_kind": node["kind"],
            "source": rule.source,
        }
        if isinstance(check, CoversEach):
            return self._covers_each(check, node["id"], base)
        if isinstance(check, CountBetween):
            return self._count(node["id"], check.role, check.minimum, check.maximum, base)
        if isinstance(check, AtMost):
            return self._count(node["id"], check.role, None, check.count, base)
        if isinstance(check, Exactly):
            return self._count(node["id"], check.role, check.count, check.count, base)
        if isinstance(check, EveryMemberRepresented):
            return self._every_member(check, node["id"], base)
        if isinstance(check, ChainUnbroken):
            return self._chain(check, node["id"], base)
        raise TypeError(f"unknown check {check!r}")  # unreachable: the union is closed

    def _covers_each(self, check: CoversEach, body: str, base: dict) -> Verdict:
        seats = [s for s in self.seats(body) if s.role == check.role]
        missing = []
        areas = sorted(self.store.nodes(check.area_kind, as_of=self.day), key=lambda a: a["id"])
        for area in areas:
            need = check.minimums.get(area["id"], check.minimum)
            covering = self.covering(area["id"])
            for_area = [s for s in seats if covering.intersection(s.represents)]
            have = sum(1 for s in for_area if s.filled)
            if have < need:
                missing.append(Shortfall(what=area["id"], name=area["name"], need=f"at least {need}", have=have,
                                         vacant_seats=[s.post_id for s in for_area if not s.filled]))  # fmt: skip
        expected = f"each {check.area_kind} covered by {check.role} seats (at least {check.minimum}"
        expected += "".join(f"; {k}: {v}" for k, v in sorted(check.minimums.items())) + ")"
        return Verdict(**base, passed=not missing, expected=expected, found=len(areas) - len(missing), missing=missing)

    def _count(self, body: str, role: Role | None, minimum: int | None, maximum: int | None, base: dict) -> Verdict:
        seats = [s for s in self.seats(body) if role is None or s.role == role]
        have = len({h.person_id for s in seats for h in s.holders})
        what = str(role) if role else "members"
        if minimum is not None and maximum is not None:
            need = f"exactly {minimum}" if minimum == maximum else f"between {minimum} and {maximum}"
        elif minimum is not None:
            need = f"at least {minimum}"
        else:
            need = f"at most {maximum}"
        passed = (minimum is None or have >= minimum) and (maximum is None or have <= maximum)
        missing = []
        if not passed:
            vacant = [s.post_id for s in seats if not s.filled] if minimum is not None and have < minimum else []
            missing.append(Shortfall(what=what, name=what, need=need, have=have, vacant_seats=vacant))
        return Verdict(**base, passed=passed, expected=f"{need} {what}", found=have, missing=missing)

    def _every_member(self, check: EveryMemberRepresented, body: str, base: dict) -> Verdict:
        parents = sorted(e.to_id for e in self.store.out_edges(body, EdgeType.PART_OF, as_of=self.day))
        members = sorted(
            {e.from_id for p in parents for e in self.store.in_edges(p, EdgeType.PART_OF, as_of=self.day)
             if self.store.node(e.from_id)["kind"] == check.member_kind and active(self.store.node(e.from_id), self.day)}
        )  # fmt: skip
        seats = self.seats(body)
        missing = []
        for member in members:
            covering = self.covering(member)
            for_member = [s for s in seats if covering.intersection(s.represents)]
            if not any(s.filled for s in for_member):
                missing.append(Shortfall(what=member, name=self.store.node(member)["name"], need="at least 1", have=0,
                                         vacant_seats=[s.post_id for s in for_member]))  # fmt: skip
        return Verdict(**base, passed=not missing, expected=f"every {check.member_kind} of {', '.join(parents) or 'its parent'} represented",
                       found=len(members) - len(missing), missing=missing)  # fmt: skip

    def _chain(self, check: ChainUnbroken, post: str, base: dict) -> Verdict:
        los = line_of_sight(self.store, post, as_of=self.day, target=check.to)
        missing = [Shortfall(what=b.post_id, name=b.type.value, need="an unbroken link", have=0) for b in los.breaks]
        return Verdict(**base, passed=los.complete, expected=f"an unbroken line of sight to {check.to}",
                       missing=missing, breaks=los.breaks)  # fmt: skip


def _succession_notes(store: GraphStore, seats: list[Seat], day: str) -> list[str]:
    """A note for each filled seat still speaking for an area that has been succeeded."""
    notes = []
    for seat in seats:
        if not seat.filled:
            continue
        for area in seat.represents:
            now = current_form(store, area, day)
            if now != [area]:
                holders = ", ".join(h.person_id for h in seat.holders)
                notes.append(
                    f"{seat.post_id} ({holders}) speaks for {area}, which has been succeeded by {', '.join(now)}; it counts for them"
                )
    return notes
