"""Representation: does a body have the members its rules require, and where are the gaps?

Three outcomes (``Outcome``), for each verdict and for each subject
    ``passed``
        a rule in force applied to the subject, was checked on data the sources attest
        for the day, and was met.
    ``failed``
        the same, and it was not met; ``missing`` says what is short.
    ``not_assessed``
        nothing was checked, and ``reason`` says why: the subject did not exist on the
        day (with its lifespan); no rule in force applies to it; the data the rule needs
        is not attested after a day (``attested_to``, see ``govgraph.graph.model``); it
        would pass only on records whose ``basis`` is ``inferred``; or there was nothing
        to check (no area of the kind, no holder of the seat). A verdict rests only on the
        records its rule reads: the seats of its role (of the areas it covers), or every
        seat when it counts members.

    A subject is ``failed`` when any verdict fails, ``passed`` only when every verdict
    passed and there was at least one, and ``not_assessed`` otherwise. A subject is never
    ``passed`` on no verdicts.

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
    * **Tenure** is continuous time in one seat: a holding of the same seat by the same
      person that starts the day the previous one ended is a re-appointment. It runs from
      the holder's ``appointed`` date where the roster gives one before the holding's start
      (a chair appointed in the 2012 transition, 001 para 20), else from the start.

Verdicts are results, not errors. An unknown subject id raises ``NotFound``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

from pydantic import Field

from govgraph.errors import NotFound
from govgraph.graph.model import EdgeType, NodeKind, Record, Role, name_on, stated_total
from govgraph.graph.store import EdgeView, GraphStore, NodeData
from govgraph.graph.timeline import Span, active, attested, lifespan, parse_date
from govgraph.queries._day import INFERRED, DayIndex, SeatRow, gc_paused, is_flagged
from govgraph.queries._result import Result
from govgraph.queries._seats import Seat, appointments, current_form, in_seat_since, to_seat
from govgraph.queries.line_of_sight import Break, line_of_sight
from govgraph.queries.rules import (
    AtMost,
    CategoryTotal,
    ChainUnbroken,
    CountBetween,
    CoversEach,
    DrawnFrom,
    EveryMemberRepresented,
    Exactly,
    PerPerson,
    Rule,
    Tenure,
    add_years,
    builtin_rules,
)

if TYPE_CHECKING:
    from govgraph.queries._columns import DayColumns

__all__ = ["GapReport", "Outcome", "Representation", "Shortfall", "Verdict", "gaps", "representation"]


class Outcome(StrEnum):
    """The outcome of a verdict or of a subject: never ``passed`` unless something was checked."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_ASSESSED = "not_assessed"


_OUTCOME = (
    "passed: a rule in force was checked on attested data and met; failed: checked and not met; "
    "not_assessed: nothing was checked, and reason says why."
)


class Shortfall(Record):
    """One thing a rule needed that the body does not have."""

    what: str = Field(description="The area id, role, post or person the requirement is about.")
    name: str = Field(description="The name of what the requirement is about.")
    need: str = Field(description="What the rule asks for, e.g. 'at least 3'.")
    have: int = Field(description="How many the body has on the day.")
    vacant_seats: list[str] = Field(default_factory=list, description="Seats that would meet it if filled.")


class Verdict(Record):
    rule_id: str = Field(description="The rule judged.")
    description: str = Field(description="What the rule asks, in words.")
    subject_id: str = Field(description="The body or post judged.")
    subject_name: str = Field(description="The subject's name.")
    subject_kind: str = Field(description="The subject's kind.")
    outcome: Outcome = Field(description=_OUTCOME)
    reason: str | None = Field(default=None, description="Why the rule was not assessed; empty otherwise.")
    expected: str = Field(description="What the rule expects, in words.")
    found: int | None = Field(default=None, description="The number counted, where the check counts and was assessed.")
    missing: list[Shortfall] = Field(
        default_factory=list, description="For a failed verdict: each thing the rule needed and the body does not have."
    )
    breaks: list[Break] = Field(default_factory=list, description="Line-of-sight breaks, for chain rules.")
    source: str = Field(description="The seed file and paragraph the rule comes from.")


class Representation(Result):
    subject_id: str = Field(description="The body asked about.")
    subject_name: str = Field(description="Its name.")
    subject_kind: str = Field(description="Its kind: CRG or Board.")
    as_of: date = Field(description="The day judged.")
    outcome: Outcome = Field(
        description="failed if any verdict failed; passed only if there were verdicts and all passed; "
        "otherwise not_assessed, with the reason."
    )
    reason: str | None = Field(
        default=None,
        description="Why the subject was not assessed (did not exist, no rule in force, data not attested).",
    )
    exists: bool = Field(description="Whether the subject exists on as_of.")
    valid_from: date | None = Field(default=None, description="The subject's first day; open if empty.")
    valid_to: date | None = Field(default=None, description="The subject's first day gone; open if empty.")
    verdicts: list[Verdict] = Field(description="One per rule in force that applies to the subject.")
    seats: list[Seat] = Field(description="The subject's seats on as_of, each with its holders.")
    areas: dict[str, str] = Field(
        default_factory=dict, description="The name of each area or body the seats speak for, by id."
    )
    notes: list[str] = Field(
        default_factory=list,
        description="Notes on the seats, such as a seat speaking for an area since succeeded (a CCG by an ICB).",
    )

    def rows(self) -> list[dict[str, Any]]:
        """One row per applicable rule, for tables and CSV; one row saying why when none."""
        if not self.verdicts:
            return [_row(rule="", subject=self.subject_id, outcome=self.outcome, reason=self.reason)]
        return [_verdict_row(v) for v in self.verdicts]


class GapReport(Result):
    as_of: date = Field(description="The day judged.")
    rules_checked: int = Field(description="Rules in force on the day (after the rule and kind filters).")
    verdicts_checked: int = Field(
        description="Verdicts given: every rule in force against every subject it applies to."
    )
    verdicts_passed: int = Field(description="Verdicts checked and met.")
    verdicts_failed: int = Field(description="Verdicts checked and not met: the gaps.")
    verdicts_not_assessed: int = Field(description="Verdicts that could not be assessed, each with its reason.")
    gaps: list[Verdict] = Field(description="Every failing rule and subject.")
    not_assessed: list[Verdict] = Field(description="Every verdict not assessed, with its reason.")
    rules_without_subject: list[str] = Field(
        description="Rules in force that applied to no subject on the day (not listed when one subject is asked for)."
    )
    subjects_without_rule: list[str] = Field(
        description="Subjects existing on the day that some rule is written for, but no rule in force applies to."
    )

    def rows(self) -> list[dict[str, Any]]:
        """One row per failing verdict, then one per verdict not assessed, for tables and CSV."""
        return [_verdict_row(v) for v in self.gaps + self.not_assessed]

    def summary(self) -> str:
        """How much was assessed, in one line."""
        return (
            f"{self.verdicts_failed} failed, {self.verdicts_passed} passed, {self.verdicts_not_assessed} not assessed "
            f"of {self.verdicts_checked} verdicts ({self.rules_checked} rules in force, "
            f"{len(self.rules_without_subject)} with no subject; {len(self.subjects_without_rule)} subjects with no "
            f"rule in force) on {self.as_of}"
        )


def _row(**values: Any) -> dict[str, Any]:
    columns = ("rule", "subject", "outcome", "reason", "expected", "found", "missing", "vacant seats", "source")
    return {column: values.get(column.replace(" ", "_")) for column in columns}


def _verdict_row(v: Verdict) -> dict[str, Any]:
    return _row(
        rule=v.rule_id,
        subject=v.subject_id,
        outcome=v.outcome,
        reason=v.reason,
        expected=v.expected,
        found=v.found,
        missing="; ".join(f"{m.what}: have {m.have}, need {m.need}" for m in v.missing),
        vacant_seats=" ".join(s for m in v.missing for s in m.vacant_seats),
        source=v.source,
    )


def representation(
    store: GraphStore,
    subject_id: str,
    *,
    as_of: str | date | None = None,
    rules: Iterable[Rule] | None = None,
    index: DayIndex | None = None,
) -> Representation:
    """Every rule that applies to ``subject_id`` on the day, with its verdict.

    ``index`` is the day's tables to read (``govgraph.queries._day``), when a caller asks
    several questions about the same store and day; by default the subject's seats are
    read as they are needed.

    >>> from govgraph.loaders import load_reference
    >>> store = load_reference()
    >>> rep = representation(store, "crg:CFS", as_of="2014-01-01")
    >>> rep.outcome.value, [v.rule_id for v in rep.verdicts if v.outcome == "failed"][:2]  # no roster: seats vacant
    ('failed', ['crg-accountable-commissioner', 'crg-chair'])
    >>> rep.areas["senate:london"]
    'London Clinical Senate'
    >>> later = representation(store, "crg:CFS", as_of="2024-01-01")
    >>> later.outcome.value, later.reason
    ('not_assessed', 'crg:CFS did not exist on 2024-01-01: it existed from 2013-04-01 to 2016-03-31')
    """
    day = parse_date(as_of)
    node = store.node(subject_id)
    span = Span.from_attrs(node)
    base: dict[str, Any] = {
        "subject_id": subject_id,
        "subject_name": node["name"],
        "subject_kind": node["kind"],
        "as_of": day,
        "exists": active(node, day),
        "valid_from": span.start,
        "valid_to": span.end,
    }
    if not active(node, day):
        return Representation(
            **base, outcome=Outcome.NOT_ASSESSED, reason=lifespan(node, day), verdicts=[], seats=[], notes=[]
        )
    evaluation = _Evaluation(store, day, index)
    verdicts = [evaluation.verdict(rule, node) for rule in _in_force(rules, day) if evaluation.applies(rule, node)]
    verdicts.sort(key=lambda v: v.rule_id)
    outcome, reason = _overall(subject_id, day, verdicts)
    seats = [to_seat(row) for row in evaluation.index.seats(subject_id)[0]]
    return Representation(
        **base,
        outcome=outcome,
        reason=reason,
        verdicts=verdicts,
        seats=seats,
        areas={area: name_on(store.node(area), day) for seat in seats for area in seat.represents},
        notes=_succession_notes(store, seats, day),
    )


def _overall(subject_id: str, day: str, verdicts: list[Verdict]) -> tuple[Outcome, str | None]:
    if not verdicts:
        return Outcome.NOT_ASSESSED, f"no rule in force for {subject_id} on {day}"
    if any(v.outcome is Outcome.FAILED for v in verdicts):
        return Outcome.FAILED, None
    unassessed = [v for v in verdicts if v.outcome is Outcome.NOT_ASSESSED]
    if unassessed:
        why = "; ".join(f"{v.rule_id}: {v.reason}" for v in unassessed)
        return Outcome.NOT_ASSESSED, f"{len(unassessed)} of {len(verdicts)} rules not assessed ({why})"
    return Outcome.PASSED, None


def gaps(
    store: GraphStore,
    *,
    as_of: str | date | None = None,
    rules: Iterable[Rule] | None = None,
    rule: str | None = None,
    subject: str | None = None,
    kind: NodeKind | None = None,
    index: DayIndex | None = None,
) -> GapReport:
    """Every failing rule and subject on the day, optionally for one rule, subject or kind,
    with how much was assessed beside it.

    Every rule is evaluated over the day's tables (``govgraph.queries._day``), each body's
    seats read once for all the rules; ``index`` passes tables a caller has already read
    for the same store and day.

    >>> from govgraph.loaders import load_reference
    >>> report = gaps(load_reference(), as_of="2019-06-01", kind="CRG")  # no model stated for crg:A05
    >>> report.verdicts_checked, "crg:A05" in report.subjects_without_rule
    (4, True)
    """
    day = parse_date(as_of)
    every_rule = builtin_rules() if rules is None else list(rules)
    if rule is not None:
        ids = [r.id for r in every_rule]
        if rule not in ids:
            raise NotFound(f"rule {rule}", difflib.get_close_matches(rule, ids, n=3))
        every_rule = [r for r in every_rule if r.id == rule]
    if kind is not None:
        every_rule = [r for r in every_rule if r.applies_to.kind == kind]
    if subject is not None:
        store.node(subject)
    chosen = _in_force(every_rule, day)
    in_force = {r.id for r in chosen}
    with gc_paused():
        evaluation = _Evaluation(store, day, index)
        verdicts: list[Verdict] = []  # those not passed: the passed are only counted
        checked = passed = 0
        assessed_subjects: set[str] = set()
        without_subject = []
        for r in chosen:
            found = list(evaluation.subjects(r, only=subject))
            if not found:
                without_subject.append(r.id)
            assessed_subjects.update(node["id"] for node in found)
            judged = evaluation.verdicts(r, found)
            checked += len(found)
            passed += len(found) - len(judged)
            verdicts += judged
        # A rule in force applies to the same subjects whether or not it is asked about.
        written_for = assessed_subjects | {
            node["id"]
            for r in every_rule
            if r.id not in in_force
            for node in evaluation.subjects(r, only=subject, in_force=False)
        }
        del evaluation  # freed before the collector comes back (``gc_paused``)
    verdicts.sort(key=lambda v: (v.rule_id, v.subject_id))
    failed = [v for v in verdicts if v.outcome is Outcome.FAILED]
    unassessed = [v for v in verdicts if v.outcome is Outcome.NOT_ASSESSED]
    return GapReport(
        as_of=day,
        rules_checked=len(chosen),
        verdicts_checked=checked,
        verdicts_passed=passed,
        verdicts_failed=len(failed),
        verdicts_not_assessed=len(unassessed),
        gaps=failed,
        not_assessed=unassessed,
        rules_without_subject=[] if subject is not None else sorted(without_subject),
        subjects_without_rule=sorted(written_for - assessed_subjects),
    )


def _in_force(rules: Iterable[Rule] | None, day: str) -> list[Rule]:
    return [r for r in (builtin_rules() if rules is None else rules) if r.in_force.covers(day)]


class _Witness:
    """A read-only view of a store that notes every record it hands out which counts on
    the day but is past its ``attested_to`` (the data a verdict rests on that no source
    describes on that day), or is only inferred (``basis: inferred``), which is never
    evidence for a rule. Notes go to every collection open at the time."""

    def __init__(self, store: GraphStore, day: str) -> None:
        self._store = store
        self._day = day
        self._open: list[dict[str, str]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    @contextmanager
    def collect(self) -> Iterator[dict[str, str]]:
        """Within the block, gather ``{record: attested_to or "inferred"}`` for every
        unattested or inferred record read."""
        found: dict[str, str] = {}
        self._open.append(found)
        try:
            yield found
        finally:
            self._open.pop()

    def note(self, label: str, attrs: Mapping[str, Any]) -> None:
        if not self._open or not active(attrs, self._day):
            return
        if not attested(attrs, self._day):
            self.noted({label: str(attrs["attested_to"])})
        elif attrs.get("basis") == INFERRED:
            self.noted({label: INFERRED})

    def noted(self, found: Mapping[str, str]) -> None:
        for label, last in found.items():
            for open_ in self._open:
                open_.setdefault(label, last)

    def node(self, id: str) -> NodeData:
        attrs = self._store.node(id)
        self.note(id, attrs)
        return attrs

    def nodes(self, kind: NodeKind | None = None, *, as_of: str | None = None) -> Iterator[NodeData]:
        for attrs in self._store.nodes(kind, as_of=as_of):
            self.note(attrs["id"], attrs)
            yield attrs

    def posts_with_role(self, role: Role, *, as_of: str | None = None) -> Iterator[NodeData]:
        for attrs in self._store.posts_with_role(role, as_of=as_of):
            self.note(attrs["id"], attrs)
            yield attrs

    def out_edges(self, id: str, type: EdgeType | None = None, *, as_of: str | None = None) -> Iterator[EdgeView]:
        return self._edges(self._store.out_edges(id, type, as_of=as_of))

    def in_edges(self, id: str, type: EdgeType | None = None, *, as_of: str | None = None) -> Iterator[EdgeView]:
        return self._edges(self._store.in_edges(id, type, as_of=as_of))

    def _edges(self, edges: Iterator[EdgeView]) -> Iterator[EdgeView]:
        for edge in edges:
            self.note(f"{edge.from_id} -{edge.type}-> {edge.to_id}", edge.attrs)
            yield edge


class _Evaluation:
    """Rules checked against one store on one day, sharing what several rules read."""

    def __init__(self, store: GraphStore, day: str, index: DayIndex | None = None) -> None:
        self.store = store
        self.day = day
        self.reads = _Witness(store, day)
        self.index = index if index is not None else DayIndex(store, day)
        self._lists: dict[tuple[NodeKind, Role | None], list[NodeData]] = {}

    @cached_property
    def columns(self) -> DayColumns | None:
        """The day's seats as arrays, built when a rule is first judged over many subjects
        (one body's representation never needs them)."""
        # Imported here: numpy is loaded only by a question about many bodies, so that a
        # command answering about one starts light (tests/cli/test_startup.py).
        from govgraph.queries._columns import day_columns

        return day_columns(self.index)

    def seats(self, body_id: str, role: str | None = None) -> list[SeatRow]:
        """The seats of a body (of ``role`` only, if given), noted as read."""
        chosen = self.unused_seats(body_id, role)
        self.use(chosen)
        return chosen

    def unused_seats(self, body_id: str, role: str | None = None) -> list[SeatRow]:
        """The seats of a body (of ``role``), not yet noted: ``use`` those the verdict rests on."""
        return [s for s in self.index.seats(body_id)[0] if role is None or s.role == role]

    def use(self, seats: Iterable[SeatRow]) -> None:
        for seat in seats:
            self.reads.noted(self.index.seat_reads(seat.post_id))

    def covering(self, area_id: str) -> frozenset[str]:
        """The area ids a seat may speak for to cover ``area_id``."""
        return self.index.covering(area_id)

    def applies(self, rule: Rule, node: NodeData, *, in_force: bool = True) -> bool:
        """Whether the rule applies to the node on the day (``in_force=False``: would, if it
        were in force)."""
        if node["kind"] != rule.applies_to.kind or not active(node, self.day):
            return False
        if in_force and not rule.in_force.covers(self.day):
            return False
        return self._chosen(rule, node)

    def _chosen(self, rule: Rule, node: NodeData) -> bool:
        """Whether the node, of the rule's kind and existing on the day, passes the rule's other filters."""
        s = rule.applies_to
        if node["id"] in s.exclude:
            return False
        if s.ids and node["id"] not in s.ids:
            return False
        if s.id_prefix and not node["id"].startswith(s.id_prefix):
            return False
        if s.role is not None and node.get("role") != s.role:
            return False
        if s.model is not None and (node.get("model") != s.model or str(node.get("model_from") or "") > self.day):
            return False
        if s.org_kind is not None:
            bodies = [self.store.node(e.to_id)["kind"] for e in self.store.out_edges(node["id"], EdgeType.POST_IN)]
            if s.org_kind not in bodies:
                return False
        return True

    def _listed(self, kind: NodeKind, role: Role | None) -> list[NodeData]:
        """The nodes of ``kind`` (the posts of ``role``, if given) existing on the day,
        listed once for every rule that asks."""
        key = (kind, role)
        if key not in self._lists:
            listed = (
                self.store.posts_with_role(role, as_of=self.day)
                if role is not None
                else self.store.nodes(kind, as_of=self.day)
            )
            self._lists[key] = list(listed)
        return self._lists[key]

    def subjects(self, rule: Rule, *, only: str | None = None, in_force: bool = True) -> Iterator[NodeData]:
        s = rule.applies_to
        if in_force and not rule.in_force.covers(self.day):
            return iter(())
        if only is not None:
            candidates: Iterable[NodeData] = [self.store.node(only)]
        elif s.ids:
            candidates = [self.store.node(i) for i in s.ids if self.store.has_node(i)]
        else:  # of the rule's kind and existing on the day already
            listed = self._listed(s.kind, s.role)
            return (node for node in listed if node["kind"] == s.kind and self._chosen(rule, node))
        return (node for node in candidates if self.applies(rule, node, in_force=False))  # in force: asked above

    def verdicts(self, rule: Rule, nodes: list[NodeData]) -> list[Verdict]:
        """The verdicts of one rule on each of ``nodes`` that did not pass: every subject
        the day's columns can judge at once is judged so, the others one by one."""
        at_once = self._at_once(rule, nodes)
        found = []
        for node in nodes:
            if node["id"] in at_once:
                judged = at_once[node["id"]]
            else:
                judged = self.verdict(rule, node)
                if judged.outcome is Outcome.PASSED:
                    judged = None
            if judged is not None:
                found.append(judged)
        return found

    def _at_once(self, rule: Rule, nodes: list[NodeData]) -> dict[str, Verdict | None]:
        """The verdicts of ``rule`` on the subjects the day's columns judge at once, by
        subject id (``None``: passed): the subjects of a covering rule none of whose records
        carries ``attested_to`` or ``basis: inferred``, and those of a counting, tenure or
        per-person rule that have besides no ex officio seat (``govgraph.queries._columns``). The
        others are left to ``verdict``."""
        check, columns = rule.check, self.columns
        if columns is None or not nodes:
            return {}
        numbers = columns.body_numbers(node["id"] for node in nodes)
        # Whether a seat is filled ex officio the arrays say; by whom, only the walk.
        aside = (
            columns.columns.flagged
            if isinstance(check, CoversEach)
            else columns.columns.flagged | columns.columns.ex_officio
        )
        clean = [at for at, (node, number) in enumerate(zip(nodes, numbers.tolist(), strict=True))
                 if node.get("attested_to") is None and (number < 0 or not aside[number])]  # fmt: skip
        if isinstance(check, CoversEach):
            return self._covers_each_at_once(rule, check, nodes, numbers, clean)
        if isinstance(check, Tenure | PerPerson):
            return self._holders_at_once(rule, check, nodes, numbers, clean)
        if isinstance(check, CountBetween):
            terms = (check.role, check.minimum, check.maximum, check.except_roles)
        elif isinstance(check, AtMost):
            terms = (check.role, None, check.count, [])
        elif isinstance(check, Exactly):
            terms = (check.role, check.count, check.count, [])
        else:
            return {}
        return self._count_at_once(rule, nodes, numbers, clean, *terms)

    def _covers_each_at_once(
        self, rule: Rule, check: CoversEach, nodes: list[NodeData], numbers: Any, clean: list[int]
    ) -> dict[str, Verdict | None]:
        """``_covers_each`` on every clean subject at once."""
        assert self.columns is not None
        areas = sorted(self.store.nodes(check.area_kind, as_of=self.day), key=lambda a: a["id"])
        if not areas or any(is_flagged(area) for area in areas):  # nothing to check, or every verdict reads them
            return {}
        counts_for: dict[str, list[int]] = {}
        for column, area in enumerate(areas):
            for target in self.covering(area["id"]):
                counts_for.setdefault(target, []).append(column)
        seats, cols = self.columns.seats_by_area(numbers, counts_for, check.role)
        filled, _ = self.columns.counts(seats, cols, numbers, len(areas))
        needs = [check.minimums.get(area["id"], check.minimum) for area in areas]
        wanted, short = self.columns.below(filled, needs, clean)
        vacant = self.columns.vacancies(seats, cols, numbers, wanted)
        names = [name_on(area, self.day) for area in areas]
        expected = f"each {check.area_kind} covered by {check.role} seats (at least {check.minimum}"
        expected += "".join(f"; {k}: {v}" for k, v in sorted(check.minimums.items())) + ")"
        found: dict[str, Verdict | None] = {}
        for at in clean:
            node = nodes[at]
            if at not in short:
                found[node["id"]] = None
                continue
            missing = [Shortfall(what=areas[col]["id"], name=names[col], need=f"at least {needs[col]}",
                                 have=int(filled[at, col]), vacant_seats=vacant.get((at, col), []))
                       for col in short[at]]  # fmt: skip
            found[node["id"]] = Verdict(**self._base(rule, node), outcome=Outcome.FAILED, missing=missing,
                                        expected=expected, found=len(areas) - len(missing))  # fmt: skip
        return found

    def _holders_at_once(
        self, rule: Rule, check: Tenure | PerPerson, nodes: list[NodeData], numbers: Any, clean: list[int]
    ) -> dict[str, Verdict | None]:
        """A rule on the holders of a role (``_tenure``, ``_per_person``) on every clean
        subject, its holders found at once. What each rule reads of a holder beyond the
        seat (appointments, other seats) is still read from the store through the witness:
        a subject for which that read meets ``attested_to`` or an inferred record is judged
        by ``verdict``."""
        assert self.columns is not None
        holders = self.columns.direct_holders(numbers, check.role, set(clean))
        node_of = self.store.node
        found: dict[str, Verdict | None] = {}
        for at in clean:
            node = nodes[at]
            held = [(post, person, node_of(person)["name"]) for post, person in holders.get(at, [])]
            base = self._base(rule, node)
            with self.reads.collect() as read:
                if isinstance(check, Tenure):
                    judged = self._tenure_of(check, node["id"], held, base)
                else:
                    judged = self._per_person_of(check, node["id"], held, base)
            if read:
                judged = self.verdict(rule, node)
            found[node["id"]] = None if judged.outcome is Outcome.PASSED else judged
        return found

    def _count_at_once(
        self,
        rule: Rule,
        nodes: list[NodeData],
        numbers: Any,
        clean: list[int],
        role: Role | None,
        minimum: int | None,
        maximum: int | None,
        except_roles: Iterable[Role],
    ) -> dict[str, Verdict | None]:
        """``_count`` on every clean subject at once."""
        assert self.columns is not None
        left_out = set(except_roles)
        have = self.columns.members(numbers, role, left_out)
        what, need = _count_terms(role, minimum, maximum, left_out)
        failing = [at for at in clean if not _within(have[at], minimum, maximum)]
        short = {at for at in failing if minimum is not None and have[at] < minimum}
        vacant = self.columns.vacant_seats(numbers, role, short)
        found: dict[str, Verdict | None] = {nodes[at]["id"]: None for at in clean}
        for at in failing:
            missing = [Shortfall(what=what, name=what, need=need, have=have[at], vacant_seats=vacant.get(at, []))]
            found[nodes[at]["id"]] = Verdict(**self._base(rule, nodes[at]), outcome=Outcome.FAILED, missing=missing,
                                             expected=f"{need} {what}", found=have[at])  # fmt: skip
        return found

    @staticmethod
    def _base(rule: Rule, node: NodeData) -> dict[str, Any]:
        return {
            "rule_id": rule.id,
            "description": rule.description,
            "subject_id": node["id"],
            "subject_name": node["name"],
            "subject_kind": node["kind"],
            "source": rule.source,
        }

    def verdict(self, rule: Rule, node: NodeData) -> Verdict:
        """The verdict of one rule on one subject: checked, then set aside as not assessed
        if anything it read is past its ``attested_to``."""
        base = self._base(rule, node)
        with self.reads.collect() as found:
            if not attested(
                node, self.day
            ):  # the subject's own basis is shown, not weighed: its seats are the evidence
                self.reads.noted({node["id"]: str(node["attested_to"])})
            verdict = self._check(rule, node, base)
        inferred = sorted(label for label, last in found.items() if last == INFERRED)
        unattested = [last for last in found.values() if last != INFERRED]
        if unattested:
            return Verdict(**base, outcome=Outcome.NOT_ASSESSED, expected=verdict.expected,
                           reason=f"the data this rule needs is not attested after {min(unattested)}")  # fmt: skip
        if inferred and verdict.outcome is Outcome.PASSED:
            return Verdict(**base, outcome=Outcome.NOT_ASSESSED, expected=verdict.expected,
                           reason=f"it would pass only on inferred records, never evidence: {', '.join(inferred)}")  # fmt: skip
        return verdict

    def _check(self, rule: Rule, node: NodeData, base: dict) -> Verdict:
        check = rule.check
        if isinstance(check, CoversEach):
            return self._covers_each(check, node["id"], base)
        if isinstance(check, CountBetween):
            return self._count(node["id"], check.role, check.minimum, check.maximum, base, check.except_roles)
        if isinstance(check, AtMost):
            return self._count(node["id"], check.role, None, check.count, base)
        if isinstance(check, Exactly):
            return self._count(node["id"], check.role, check.count, check.count, base)
        if isinstance(check, EveryMemberRepresented):
            return self._every_member(check, node["id"], base)
        if isinstance(check, ChainUnbroken):
            return self._chain(check, node["id"], base)
        if isinstance(check, Tenure):
            return self._tenure(check, node["id"], base)
        if isinstance(check, DrawnFrom):
            return self._drawn_from(check, node["id"], base)
        if isinstance(check, PerPerson):
            return self._per_person(check, node["id"], base)
        if isinstance(check, CategoryTotal):
            return self._category_total(rule, check, base)
        raise TypeError(f"unknown check {check!r}")  # unreachable: the union is closed

    @staticmethod
    def _judged(base: dict, missing: list[Shortfall], **fields: Any) -> Verdict:
        return Verdict(**base, outcome=Outcome.FAILED if missing else Outcome.PASSED, missing=missing, **fields)

    @staticmethod
    def _nothing(base: dict, expected: str, why: str) -> Verdict:
        return Verdict(**base, outcome=Outcome.NOT_ASSESSED, expected=expected, reason=f"nothing to check: {why}")

    def _covers_each(self, check: CoversEach, body: str, base: dict) -> Verdict:
        seats = self.unused_seats(body, check.role)
        expected = f"each {check.area_kind} covered by {check.role} seats (at least {check.minimum}"
        expected += "".join(f"; {k}: {v}" for k, v in sorted(check.minimums.items())) + ")"
        missing = []
        areas = sorted(self.reads.nodes(check.area_kind, as_of=self.day), key=lambda a: a["id"])
        if not areas:
            return self._nothing(base, expected, f"no {check.area_kind} exists on {self.day}")
        # Each seat is read once, against the areas its targets count for, not once per area.
        counts_for: dict[str, list[str]] = {}
        for area in areas:
            for target in self.covering(area["id"]):
                counts_for.setdefault(target, []).append(area["id"])
        filled: dict[str, int] = {}
        vacant: dict[str, list[str]] = {}
        for seat in seats:
            counted = {a for target in seat.represents for a in counts_for.get(target, ())}
            if counted:  # the verdict rests on the seats speaking for an area it covers, and on no other
                self.use([seat])
            for area_id in counted:
                if seat.filled:
                    filled[area_id] = filled.get(area_id, 0) + 1
                else:
                    vacant.setdefault(area_id, []).append(seat.post_id)
        for area in areas:
            need, have = check.minimums.get(area["id"], check.minimum), filled.get(area["id"], 0)
            if have < need:
                missing.append(Shortfall(what=area["id"], name=name_on(area, self.day), need=f"at least {need}", have=have,
                                         vacant_seats=vacant.get(area["id"], [])))  # fmt: skip
        return self._judged(base, missing, expected=expected, found=len(areas) - len(missing))

    def _count(
        self,
        body: str,
        role: Role | None,
        minimum: int | None,
        maximum: int | None,
        base: dict,
        except_roles: Iterable[Role] = (),
    ) -> Verdict:
        seats = self.seats(body, role)
        left_out = set(except_roles)
        have = len({h.person_id for s in seats if s.role not in left_out for h in s.holders})
        what, need = _count_terms(role, minimum, maximum, left_out)
        missing = []
        if not _within(have, minimum, maximum):
            vacant = [s.post_id for s in seats if not s.filled] if minimum is not None and have < minimum else []
            missing.append(Shortfall(what=what, name=what, need=need, have=have, vacant_seats=vacant))
        return self._judged(base, missing, expected=f"{need} {what}", found=have)

    def _every_member(self, check: EveryMemberRepresented, body: str, base: dict) -> Verdict:
        parents = sorted(e.to_id for e in self.reads.out_edges(body, EdgeType.PART_OF, as_of=self.day))
        members = sorted(
            {e.from_id for p in parents for e in self.reads.in_edges(p, EdgeType.PART_OF, as_of=self.day)
             if self.reads.node(e.from_id)["kind"] == check.member_kind and active(self.store.node(e.from_id), self.day)}
        )  # fmt: skip
        expected = f"every {check.member_kind} of {', '.join(parents) or 'its parent'} represented"
        if not members:
            return self._nothing(
                base, expected, f"no {check.member_kind} is part of {', '.join(parents) or 'a parent'} on {self.day}"
            )
        seats = self.seats(body)
        missing = []
        for member in members:
            covering = self.covering(member)
            for_member = [s for s in seats if covering.intersection(s.represents)]
            if not any(s.filled for s in for_member):
                missing.append(Shortfall(what=member, name=name_on(self.store.node(member), self.day), need="at least 1", have=0,
                                         vacant_seats=[s.post_id for s in for_member]))  # fmt: skip
        return self._judged(base, missing, expected=expected, found=len(members) - len(missing))

    def _chain(self, check: ChainUnbroken, post: str, base: dict) -> Verdict:
        los = line_of_sight(cast(GraphStore, self.reads), post, as_of=self.day, target=check.to)
        missing = [Shortfall(what=b.post_id, name=b.type.value, need="an unbroken link", have=0) for b in los.breaks]
        return Verdict(**base, outcome=Outcome.PASSED if los.complete else Outcome.FAILED,
                       expected=f"an unbroken line of sight to {check.to}", missing=missing, breaks=los.breaks)  # fmt: skip

    def _holders(self, body: str, role: Role) -> list[tuple[str, str, str]]:
        """(post, person, name) of everyone filling a seat of ``role`` directly (not ex officio)."""
        return [(s.post_id, h.person_id, h.name) for s in self.seats(body, role) for h in s.holders
                if h.via is None]  # fmt: skip

    def _tenure(self, check: Tenure, body: str, base: dict) -> Verdict:
        return self._tenure_of(check, body, self._holders(body, check.role), base)

    def _tenure_of(self, check: Tenure, body: str, held: list[tuple[str, str, str]], base: dict) -> Verdict:
        """``_tenure`` on the (post, person, name) of everyone filling a seat of its role."""
        expected = f"each {check.role} in the seat less than {check.max_years} years"
        if check.max_reappointments is not None:
            expected += f", re-appointed at most {check.max_reappointments} times"
        if check.term_years is not None:
            expected += f", each term at most {check.term_years} years"
        if not held:
            return self._nothing(base, expected, f"nobody fills a {check.role} seat of {body} on {self.day}")
        day = date.fromisoformat(self.day)
        missing = []
        for post, person, name in held:
            reads = cast(GraphStore, self.reads)
            terms = appointments(reads, person, post, self.day)
            # From the first appointment to the role, which can precede the seat (001 para 20).
            since, appointed = in_seat_since(reads, person, post, self.day), terms[-1].start
            too_long = since is not None and appointed is not None and day >= check.breached_from(since, appointed)
            too_often = check.max_reappointments is not None and len(terms) - 1 > check.max_reappointments
            if too_long or too_often:
                years = sum(1 for n in range(1, 100) if since is not None and add_years(since, n) <= day)
                need = f"less than {check.max_years} years"
                if check.max_reappointments is not None:
                    need += f", at most {check.max_reappointments} re-appointments (has {len(terms) - 1})"
                held_from = f"in the seat since {terms[0].start}" + (
                    f", appointed {since}" if since != terms[0].start else ""
                )
                missing.append(Shortfall(what=post, name=f"{name} ({person}), {held_from}", need=need,
                                         have=years))  # fmt: skip
        return self._judged(base, missing, expected=expected, found=len(held))

    def _drawn_from(self, check: DrawnFrom, body: str, base: dict) -> Verdict:
        feeders = sorted(
            e.from_id for e in self.reads.in_edges(body, check.via, as_of=self.day)
            if active(node := self.store.node(e.from_id), self.day) and check.from_kind in (None, node["kind"])
        )  # fmt: skip
        expected = f"each {check.role} also a {check.from_role} of a body {check.via} {body}"
        held = self._holders(body, check.role)
        if not held:
            return self._nothing(base, expected, f"nobody fills a {check.role} seat of {body} on {self.day}")
        if not feeders:
            return self._nothing(base, expected, f"no body is {check.via} {body} on {self.day}")
        eligible = {h.person_id for f in feeders for s in self.seats(f, check.from_role) for h in s.holders}
        missing = [
            Shortfall(what=person, name=name, need=f"a {check.from_role} seat of one of {len(feeders)} bodies", have=0,
                      vacant_seats=[])
            for _, person, name in held if person not in eligible
        ]  # fmt: skip
        return self._judged(base, missing, expected=expected, found=len(held) - len(missing))

    def _category_total(self, rule: Rule, check: CategoryTotal, base: dict) -> Verdict:
        s = rule.applies_to
        category = sorted(n["id"] for n in self.subjects(rule))
        what = f"{s.model} {s.kind}s" if s.model else f"{s.kind}s"
        expected = f"exactly {check.count} {check.role} across all {what}"
        named = list(self.store.nodes(s.kind, as_of=self.day))
        total = stated_total(self.store.meta, s.kind, self.day)
        with_model = [n for n in named if n.get("model") and str(n.get("model_from") or "") <= self.day]
        if total is None or len(named) < total.total or (s.model and len(with_model) < len(named)):
            stated = f"of {total.total} " if total else ""
            models = f", {len(with_model)} with a stated model and {len(category)} of them {s.model}" if s.model else ""
            return Verdict(**base, outcome=Outcome.NOT_ASSESSED, expected=expected,
                           reason=f"only {len(named)} {stated}{s.kind}s are named in the dataset{models}; the "
                           f"{check.count} {check.role} are counted across all {what}")  # fmt: skip
        have = len({h.person_id for body in category for seat in self.seats(body, check.role) for h in seat.holders})
        missing = []
        if have != check.count:
            missing.append(Shortfall(what=str(check.role), name=what, need=f"exactly {check.count}", have=have))
        return self._judged(base, missing, expected=expected, found=have)

    def _per_person(self, check: PerPerson, body: str, base: dict) -> Verdict:
        return self._per_person_of(check, body, self._holders(body, check.role), base)

    def _per_person_of(self, check: PerPerson, body: str, held: list[tuple[str, str, str]], base: dict) -> Verdict:
        """``_per_person`` on the (post, person, name) of everyone filling a seat of its role."""
        if check.minimum is not None and check.maximum is not None:
            need = f"between {check.minimum} and {check.maximum}"
        else:
            need = f"at least {check.minimum}" if check.minimum is not None else f"at most {check.maximum}"
        expected = f"each {check.role} holds {need} {check.role} seats across bodies"
        if not held:
            return self._nothing(base, expected, f"nobody fills a {check.role} seat of {body} on {self.day}")
        missing = []
        for _, person, name in held:
            seats = set()
            for e in self.index.seats_held(person):
                self.reads.note(f"{e.from_id} -{e.type}-> {e.to_id}", e.attrs)
                if self.reads.node(e.to_id).get("role") == check.role and active(self.store.node(e.to_id), self.day):
                    seats.add(e.to_id)
            count = len(seats)
            if (check.minimum is not None and count < check.minimum) or (
                check.maximum is not None and count > check.maximum
            ):
                missing.append(Shortfall(what=person, name=name, need=f"{need} seats", have=count))
        return self._judged(base, missing, expected=expected, found=len(held) - len(missing))


def _count_terms(role: Role | None, minimum: int | None, maximum: int | None, left_out: set[Role]) -> tuple[str, str]:
    """What a count rule counts and what it needs, in words."""
    what = str(role) if role else "members"
    if left_out:
        what += f" (not counting {', '.join(sorted(left_out))})"
    if minimum is not None and maximum is not None:
        need = f"exactly {minimum}" if minimum == maximum else f"between {minimum} and {maximum}"
    elif minimum is not None:
        need = f"at least {minimum}"
    else:
        need = f"at most {maximum}"
    return what, need


def _within(have: int, minimum: int | None, maximum: int | None) -> bool:
    return (minimum is None or have >= minimum) and (maximum is None or have <= maximum)


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
