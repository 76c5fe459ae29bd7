"""Looking ahead: the seats about to fall vacant, the impact of a departure, and which
vacant seat to fill first.

Terms
    A person **leaves** a seat on day D when D is the first day they no longer hold it: a
    holding with ``valid_to = D`` (its last day is the day before).
    A seat **falls vacant** on D when its holder leaves on D. The seat's own end is not a
    vacancy: a holding that ends with its seat (or its body) is not listed.
    A **term limit** is the day a ``tenure`` rule would first be breached if the holder
    stayed on (``Tenure.breached_from``): from the start of their continuous time in the
    seat (back-to-back holdings of the same seat are re-appointments and continue it), or
    from their ``appointed`` date when the roster gives an earlier one.
    A verdict **fails because of** a change when it fails on the day with the change and
    does not fail on the same day without it. Comparing on the same day keeps whatever
    else the data has changing then (a rule coming into force, a body ending) out of the
    answer.

How a change is judged
    Each question builds a ``Hypothetical`` view of the store (``queries._hypothetical``)
    with the change applied, and asks ``representation`` for the verdicts of every subject
    the change can touch, in the view and without the change. The rules are the ones
    ``representation`` checks, judged by its code, not by a second implementation. The
    subjects a change to some seats can touch are those seats and the posts that hold
    them ex officio (transitively), every post below them in the line of sight, the bodies
    all those posts belong to, and the other seats of the people concerned (a rule about
    a chair drawn from other chairs, or about one person's seats across bodies).

An ex officio seat (EX_OFFICIO) is filled by whoever fills the post it follows, so a
holder leaving that post leaves the ex officio seat too: ``also_vacates`` and
``WhatIf.ex_officio`` list them, with their bodies. Such seats are never candidates for
recruitment: they are filled by filling the post they follow.

Every query is pure: the shared graph is never changed, and each runs on any
``GraphStore``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, NamedTuple

from pydantic import Field

from govgraph.errors import InvalidParameter
from govgraph.graph.model import EdgeType, NodeKind, Record
from govgraph.graph.store import EdgeView, GraphStore, NodeData
from govgraph.graph.timeline import active, parse_date
from govgraph.queries._hypothetical import Hypothetical, appointing, leaving, staying
from govgraph.queries._seats import in_seat_since
from govgraph.queries.line_of_sight import below
from govgraph.queries.representation import Outcome, Verdict, gaps, representation
from govgraph.queries.rules import Rule, Tenure, builtin_rules

__all__ = [
    "Candidate",
    "EndReason",
    "ExOfficioSeat",
    "Recruit",
    "SeatRef",
    "Upcoming",
    "Vacancy",
    "VerdictRef",
    "WhatIf",
    "recruit",
    "upcoming",
    "what_if",
]

#: The longest look ahead ``upcoming`` accepts: ten years.
MAX_WITHIN_DAYS = 3653


class SeatRef(Record):
    """A seat and the body it belongs to."""

    post_id: str = Field(description="The seat's id.")
    name: str = Field(description="The seat's name.")
    role: str = Field(description="The seat's role.")
    body_id: str | None = Field(description="The body the seat belongs to; null for a seat of no body.")
    body_name: str | None = Field(description="The name of that body.")


class VerdictRef(Record):
    """Which rule, for which subject: enough to find the verdict in a gap report."""

    rule_id: str = Field(description="The rule.")
    subject_id: str = Field(description="The body or post the rule is judged for.")
    subject_name: str = Field(description="The subject's name.")
    description: str = Field(description="What the rule asks, in words.")
    source: str = Field(description="The seed file and paragraph the rule comes from.")


class EndReason(StrEnum):
    END = "end"
    TERM_LIMIT = "term_limit"


class ExOfficioSeat(Record):
    """A seat filled ex officio by whoever holds ``via``, which a departure leaves empty."""

    seat: SeatRef = Field(description="The seat filled ex officio.")
    via: str = Field(description="The post whose holder fills the seat.")


class Vacancy(Record):
    seat: SeatRef = Field(description="The seat that falls vacant.")
    person_id: str = Field(description="Its holder, who leaves.")
    person_name: str = Field(description="The holder's name.")
    acting: bool = Field(description="Whether the holder is acting (an interim holder).")
    vacates_on: date = Field(description="The first day the holder no longer holds the seat.")
    why: EndReason = Field(description="'end': the holding ends; 'term_limit': a tenure rule would be breached.")
    tenure_rule: VerdictRef | None = Field(default=None, description="For a term limit, the tenure rule.")
    next_holders: list[str] = Field(
        default_factory=list,
        description="Who the data has holding the seat on that day (a successor, a re-appointment).",
    )
    also_vacates: list[ExOfficioSeat] = Field(
        default_factory=list,
        description="Seats of other bodies the holder fills ex officio, which fall vacant with it.",
    )
    fails: list[Verdict] = Field(description="The verdicts that fail on that day because the holder leaves.")
    not_assessed: list[Verdict] = Field(
        default_factory=list,
        description="Verdicts of the bodies and posts it touches that cannot be assessed on that day once the "
        "holder has left, with the reason: an empty 'fails' does not say they pass.",
    )


class Upcoming(Record):
    as_of: date = Field(description="The day looked ahead from.")
    within_days: int = Field(description="How many days after as_of were looked at.")
    until: date = Field(description="The last day looked at: as_of plus within_days.")
    vacancies: list[Vacancy] = Field(description="By the day the seat falls vacant, then seat.")

    def rows(self) -> list[dict[str, Any]]:
        """One row per vacancy, for tables and CSV."""
        return [
            {"vacates on": v.vacates_on, "seat": v.seat.post_id, "body": v.seat.body_id, "held by": v.person_id,
             "why": v.why.value + (f" ({v.tenure_rule.rule_id})" if v.tenure_rule else ""),
             "next holders": " ".join(v.next_holders),
             "also vacates": " ".join(x.seat.post_id for x in v.also_vacates),
             "fails": " ".join(f"{f.rule_id}@{f.subject_id}" for f in v.fails),
             "not assessed": " ".join(f"{n.rule_id}@{n.subject_id}" for n in v.not_assessed),
             "sources": "; ".join(sorted({f.source for f in v.fails}))}
            for v in self.vacancies
        ]  # fmt: skip


class WhatIf(Record):
    person_id: str = Field(description="The person who leaves.")
    person_name: str = Field(description="Their name.")
    on: date = Field(description="The first day the person holds no seat.")
    seats: list[SeatRef] = Field(description="The seats the person would hold on that day, and leaves.")
    ex_officio: list[ExOfficioSeat] = Field(description="Seats of other bodies the person fills ex officio.")
    fails: list[Verdict] = Field(description="The verdicts that fail on that day because the person leaves.")
    not_assessed: list[Verdict] = Field(
        default_factory=list,
        description="Verdicts of the bodies and posts the departure touches that cannot be assessed on that day "
        "without the person, with the reason: an empty 'fails' does not say they pass.",
    )

    def rows(self) -> list[dict[str, Any]]:
        """One row per seat left (directly or ex officio), per verdict that fails and per
        verdict that cannot be assessed."""
        rows = [{"effect": "leaves", "id": s.post_id, "subject": s.body_id, "detail": s.name, "source": ""}
                for s in self.seats]  # fmt: skip
        rows += [
            {"effect": "ex officio", "id": x.seat.post_id, "subject": x.seat.body_id, "detail": f"via {x.via}",
             "source": ""}
            for x in self.ex_officio
        ]  # fmt: skip
        rows += [
            {"effect": "fails", "id": f.rule_id, "subject": f.subject_id, "detail": _missing(f), "source": f.source}
            for f in self.fails
        ]
        rows += [
            {"effect": "not assessed", "id": v.rule_id, "subject": v.subject_id, "detail": v.reason, "source": v.source}
            for v in self.not_assessed
        ]
        return rows


class Candidate(Record):
    seat: SeatRef = Field(description="The vacant seat.")
    represents: list[str] = Field(default_factory=list, description="Ids of the areas or bodies the seat speaks for.")
    fixes: list[VerdictRef] = Field(description="Failing verdicts that pass once the seat is filled.")
    new_failures: list[VerdictRef] = Field(description="Verdicts that pass now and would fail once it is filled.")


class Recruit(Record):
    as_of: date = Field(description="The day the vacant seats and failing verdicts are for.")
    failing: int = Field(description="Verdicts failing on the day.")
    candidates: list[Candidate] = Field(
        description="Vacant seats whose filling fixes at least one failing verdict: most fixes first, then fewest "
        "new failures, then seat id."
    )
    unfixed: list[VerdictRef] = Field(description="Failing verdicts that no single vacant seat fixes.")

    def rows(self) -> list[dict[str, Any]]:
        """One row per candidate seat, in rank order."""
        return [
            {"rank": n, "seat": c.seat.post_id, "body": c.seat.body_id, "role": c.seat.role, "fixes": len(c.fixes),
             "fixed": " ".join(f"{f.rule_id}@{f.subject_id}" for f in c.fixes),
             "new failures": " ".join(f"{f.rule_id}@{f.subject_id}" for f in c.new_failures)}
            for n, c in enumerate(self.candidates, start=1)
        ]  # fmt: skip


# -- the queries ----------------------------------------------------------------------------


def upcoming(
    store: GraphStore,
    *,
    as_of: str | date | None = None,
    within_days: int = 180,
    rules: Iterable[Rule] | None = None,
) -> Upcoming:
    """The seats whose holder leaves, or reaches a term limit, in the ``within_days`` days
    after ``as_of``, and the verdicts that fail on that day because of it.

    A holding counting on ``as_of`` is listed when it ends (or its term limit falls) on a
    day D with ``as_of < D <= as_of + within_days``.
    """
    if not 0 <= within_days <= MAX_WITHIN_DAYS:
        raise InvalidParameter(f"within_days must be between 0 and {MAX_WITHIN_DAYS}, not {within_days}")
    day = parse_date(as_of)
    until = (date.fromisoformat(day) + timedelta(days=within_days)).isoformat()
    every_rule = builtin_rules() if rules is None else list(rules)
    judge = _Judge(store, every_rule)
    vacancies = []
    for holding in store.edges(EdgeType.HOLDS, as_of=day):
        post = store.node(holding.to_id)
        for vacates, why, rule in _endings(store, holding, (day, until), every_rule):
            if why is EndReason.END:
                with_holder: GraphStore = Hypothetical(
                    store, **staying(store, holding, post.get("single_holder", True))
                )
                without: GraphStore = store
            else:
                with_holder = store
                without = Hypothetical(store, **leaving(store, holding.from_id, vacates, post_id=holding.to_id))
            person = store.node(holding.from_id)
            next_holders = sorted({e.from_id for e in without.in_edges(post["id"], EdgeType.HOLDS, as_of=vacates)})
            judged = judge.compare(with_holder, without, [post["id"]], [person["id"], *next_holders], vacates)
            vacancies.append(
                Vacancy(
                    seat=_seat(store, post["id"], day),
                    person_id=person["id"],
                    person_name=person["name"],
                    acting=holding.attrs.get("acting", False),
                    vacates_on=date.fromisoformat(vacates),
                    why=why,
                    tenure_rule=_ref(rule, post) if rule else None,
                    next_holders=next_holders,
                    also_vacates=_ex_officio(store, [post["id"]], day),
                    fails=judged.newly_failing,
                    not_assessed=judged.not_assessed,
                )
            )
    vacancies.sort(key=lambda v: (v.vacates_on, v.seat.post_id, v.person_id, v.why))
    return Upcoming(
        as_of=date.fromisoformat(day), within_days=within_days, until=date.fromisoformat(until), vacancies=vacancies
    )


def what_if(
    store: GraphStore, *, leaves: str, on: str | date | None = None, rules: Iterable[Rule] | None = None
) -> WhatIf:
    """The verdicts that fail if ``leaves`` (a person id) leaves every seat on ``on``
    (their holdings end that day; later ones never start), and the seats of other bodies
    they fill ex officio, which lose a member with them.

    Raises ``NotFound`` for an unknown id and ``InvalidParameter`` for an id that is not
    a person.
    """
    day = parse_date(on)
    person = store.node(leaves)
    if person["kind"] != NodeKind.PERSON:
        raise InvalidParameter(f"{leaves} is a {person['kind']}, not a person: what-if asks about a person leaving")
    held = sorted({e.to_id for e in store.out_edges(leaves, EdgeType.HOLDS, as_of=day)})
    without = Hypothetical(store, **leaving(store, leaves, day))
    judged = _Judge(store, builtin_rules() if rules is None else list(rules)).compare(
        store, without, held, [leaves], day
    )
    return WhatIf(
        person_id=leaves,
        person_name=person["name"],
        on=date.fromisoformat(day),
        seats=[_seat(store, post, day) for post in held],
        ex_officio=_ex_officio(store, held, day),
        fails=judged.newly_failing,
        not_assessed=judged.not_assessed,
    )


def recruit(store: GraphStore, *, as_of: str | date | None = None, rules: Iterable[Rule] | None = None) -> Recruit:
    """The vacant seats ranked by how many failing verdicts filling each would fix.

    Filling a seat is judged as a new person holding it from ``as_of``: they count as a
    member of its body, fill the seats that follow it ex officio, and may make a verdict
    fail (a body then over its size). The candidates are the vacant seats (not ex officio)
    of the bodies with a failing verdict, the vacant posts a failing verdict names (a
    break in a line of sight, a seat listed as missing), and those that other seats of such
    bodies follow ex officio.
    """
    day = parse_date(as_of)
    every_rule = builtin_rules() if rules is None else list(rules)
    judge = _Judge(store, every_rule)
    report = gaps(store, as_of=day, rules=every_rule)
    failing = {(v.rule_id, v.subject_id): v for v in report.gaps if _failed(v)}
    candidates = []
    fixed: set[tuple[str, str]] = set()
    for post in _recruitable(store, failing.values(), day):
        fixes, new, _ = judge.compare(store, Hypothetical(store, **appointing(post, day)), [post], [], day)
        if not fixes:
            continue
        fixed |= {(f.rule_id, f.subject_id) for f in fixes}
        candidates.append(
            Candidate(
                seat=_seat(store, post, day),
                represents=sorted(e.to_id for e in store.out_edges(post, EdgeType.REPRESENTS, as_of=day)),
                fixes=[_verdict_ref(v) for v in fixes],
                new_failures=[_verdict_ref(v) for v in new],
            )
        )
    candidates.sort(key=lambda c: (-len(c.fixes), len(c.new_failures), c.seat.post_id))
    unfixed = [_verdict_ref(v) for k, v in sorted(failing.items()) if k not in fixed]
    return Recruit(as_of=date.fromisoformat(day), failing=len(failing), candidates=candidates, unfixed=unfixed)


# -- where the queries depend on the verdict model ------------------------------------------


def _failed(verdict: Verdict) -> bool:
    """Whether a verdict is a failure (not a pass, and not a rule left unassessed)."""
    return verdict.outcome is Outcome.FAILED


def _not_assessed(verdict: Verdict) -> bool:
    """Whether a verdict could not be assessed (its ``reason`` says why)."""
    return verdict.outcome is Outcome.NOT_ASSESSED


def _tenure_limit(rule: Rule) -> Tenure | None:
    """The tenure check of ``rule``, or None when the rule is not a tenure rule."""
    return rule.check if isinstance(rule.check, Tenure) else None


# -- helpers ----------------------------------------------------------------------------------


class _Comparison(NamedTuple):
    fixed: list[Verdict]
    newly_failing: list[Verdict]
    not_assessed: list[Verdict]


class _Judge:
    """Verdicts of subjects on a day, in the store or a view, by ``representation``."""

    def __init__(self, store: GraphStore, rules: list[Rule]) -> None:
        self.store = store
        self.rules = rules
        self._cache: dict[tuple[str, str], list[Verdict]] = {}

    def verdicts(self, view: GraphStore, subject: str, day: str) -> list[Verdict]:
        """Every verdict of ``subject`` on ``day``; those of the store itself are kept."""
        key = (subject, day)
        if view is self.store and key in self._cache:
            return self._cache[key]
        verdicts = representation(view, subject, as_of=day, rules=self.rules).verdicts
        if view is self.store:
            self._cache[key] = verdicts
        return verdicts

    def compare(
        self, before: GraphStore, after: GraphStore, posts: list[str], people: list[str], day: str
    ) -> _Comparison:
        """Over every subject a change to ``posts`` and the seats of ``people`` can touch:
        the verdicts failing on ``day`` in ``before`` and not in ``after`` (fixed), those
        failing in ``after`` and not in ``before`` (newly failing), and those ``after``
        cannot assess."""
        subjects = _touched(before, posts, people, day)
        was = {(v.rule_id, v.subject_id): v for s in subjects for v in self.verdicts(before, s, day) if _failed(v)}
        verdicts = [v for s in subjects for v in self.verdicts(after, s, day)]
        now = {(v.rule_id, v.subject_id): v for v in verdicts if _failed(v)}
        return _Comparison(
            fixed=[was[k] for k in sorted(was.keys() - now.keys())],
            newly_failing=[now[k] for k in sorted(now.keys() - was.keys())],
            not_assessed=sorted((v for v in verdicts if _not_assessed(v)), key=lambda v: (v.rule_id, v.subject_id)),
        )


def _touched(store: GraphStore, posts: Iterable[str], people: Iterable[str], day: str) -> list[str]:
    """Every subject whose verdicts a change to ``posts`` (or to ``people``) can change."""
    seats = set(posts) | {e.to_id for p in people for e in store.out_edges(p, EdgeType.HOLDS, as_of=day)}
    frontier = list(seats)
    while frontier:  # the seats that follow them ex officio, and those that follow those
        for edge in store.in_edges(frontier.pop(), EdgeType.EX_OFFICIO, as_of=day):
            if edge.from_id not in seats:
                seats.add(edge.from_id)
                frontier.append(edge.from_id)
    for post in list(seats):
        seats |= {b.post_id for b in below(store, post, as_of=day).posts}
    bodies = {e.to_id for post in seats for e in store.out_edges(post, EdgeType.POST_IN, as_of=day)}
    return sorted(seats | bodies | set(people))


def _endings(
    store: GraphStore, holding: EdgeView, window: tuple[str, str], rules: list[Rule]
) -> list[tuple[str, EndReason, Rule | None]]:
    """The days D in the window (``first < D <= last``) on which the holder of a holding
    counting on ``first`` leaves its seat, while the seat and its body go on: the end of
    their continuous time in the seat (a re-appointment the same day continues it), and
    each tenure rule's limit that falls before that end."""
    first, last = window
    post = store.node(holding.to_id)

    def vacates(day: str) -> bool:
        return first < day <= last and active(post, day) and _body_active(store, post, day)

    run = _run(store, holding)
    end = run[-1][1]
    found: list[tuple[str, EndReason, Rule | None]] = []
    if end is not None and holding.attrs.get("valid_to") == end and vacates(end):
        found.append((end, EndReason.END, None))
    # From the first appointment to the role, which can precede the seat (001 para 20).
    first_day = in_seat_since(store, holding.from_id, holding.to_id, str(holding.attrs.get("valid_from") or ""))
    since = first_day.isoformat() if first_day else run[0][0]
    terms = run[run.index((holding.attrs.get("valid_from"), holding.attrs.get("valid_to"))) :]
    for rule in rules:
        check = _tenure_limit(rule)
        if check is None or post.get("role") != check.role or since is None:
            continue
        limit = _term_limit(check, since, terms)
        if limit is not None and vacates(limit) and rule.in_force.covers(limit) and _applies(store, rule, post, limit):
            found.append((limit, EndReason.TERM_LIMIT, rule))
    return found


def _run(store: GraphStore, holding: EdgeView) -> list[tuple[str | None, str | None]]:
    """The holder's back-to-back holdings of the seat that ``holding`` is one of, as
    (valid_from, valid_to), earliest first: one continuous time in the seat."""
    spans = sorted(
        ((e.attrs.get("valid_from"), e.attrs.get("valid_to")) for e in store.out_edges(holding.from_id, EdgeType.HOLDS)
         if e.to_id == holding.to_id),
        key=lambda span: span[0] or "",
    )  # fmt: skip
    index = spans.index((holding.attrs.get("valid_from"), holding.attrs.get("valid_to")))
    first = last = index
    while first > 0 and spans[first - 1][1] is not None and spans[first - 1][1] == spans[first][0]:
        first -= 1
    while last + 1 < len(spans) and spans[last][1] is not None and spans[last][1] == spans[last + 1][0]:
        last += 1
    return spans[first : last + 1]


def _term_limit(check: Tenure, since: str, terms: list[tuple[str | None, str | None]]) -> str | None:
    """The first day a holder in the seat since ``since`` would breach the tenure check,
    holding ``terms`` (the current appointment and the re-appointments after it) and
    staying on after the last; None when they leave before."""
    for start, end in terms:
        appointed = date.fromisoformat(start or since)
        breach = max(check.breached_from(date.fromisoformat(since), appointed), appointed).isoformat()
        if end is None or breach < end:
            return breach
    return None


def _applies(store: GraphStore, rule: Rule, post: NodeData, day: str) -> bool:
    """Whether ``rule`` applies on ``day`` to the seat's body (or to the seat itself), as
    ``representation`` decides it."""
    subjects = [post["id"]] + [e.to_id for e in store.out_edges(post["id"], EdgeType.POST_IN, as_of=day)]
    return any(
        v.rule_id == rule.id for s in subjects for v in representation(store, s, as_of=day, rules=[rule]).verdicts
    )


def _recruitable(store: GraphStore, failing: Iterable[Verdict], day: str) -> list[str]:
    """The vacant seats (not ex officio) that could fix one of the ``failing`` verdicts."""
    named = {s for v in failing for m in v.missing for s in m.vacant_seats} | {
        b.post_id for v in failing for b in v.breaks
    }
    posts = set(named)
    for v in failing:
        if store.node(v.subject_id)["kind"] == NodeKind.POST:
            posts.add(v.subject_id)
        else:
            posts |= {e.from_id for e in store.in_edges(v.subject_id, EdgeType.POST_IN, as_of=day)}
    frontier = list(posts)
    while frontier:  # the posts that seats of those bodies follow ex officio
        for edge in store.out_edges(frontier.pop(), EdgeType.EX_OFFICIO, as_of=day):
            if edge.to_id not in posts:
                posts.add(edge.to_id)
                frontier.append(edge.to_id)
    return sorted(
        p
        for p in posts
        if store.has_node(p)
        and store.node(p)["kind"] == NodeKind.POST
        and active(store.node(p), day)
        and not any(True for _ in store.out_edges(p, EdgeType.EX_OFFICIO, as_of=day))
        and not any(True for _ in store.in_edges(p, EdgeType.HOLDS, as_of=day))
    )


def _ex_officio(store: GraphStore, posts: Iterable[str], day: str) -> list[ExOfficioSeat]:
    """The seats that follow ``posts`` ex officio, directly or through each other."""
    found = []
    frontier = list(posts)
    seen = set(frontier)
    while frontier:
        via = frontier.pop()
        for edge in store.in_edges(via, EdgeType.EX_OFFICIO, as_of=day):
            if edge.from_id not in seen and active(store.node(edge.from_id), day):
                seen.add(edge.from_id)
                frontier.append(edge.from_id)
                found.append(ExOfficioSeat(seat=_seat(store, edge.from_id, day), via=via))
    return sorted(found, key=lambda x: x.seat.post_id)


def _seat(store: GraphStore, post_id: str, day: str) -> SeatRef:
    post = store.node(post_id)
    bodies = sorted(e.to_id for e in store.out_edges(post_id, EdgeType.POST_IN, as_of=day)) or sorted(
        e.to_id for e in store.out_edges(post_id, EdgeType.POST_IN)
    )
    body = bodies[0] if bodies else None
    return SeatRef(post_id=post_id, name=post["name"], role=post["role"], body_id=body,
                   body_name=store.node(body)["name"] if body else None)  # fmt: skip


def _body_active(store: GraphStore, post: NodeData, day: str) -> bool:
    bodies = [store.node(e.to_id) for e in store.out_edges(post["id"], EdgeType.POST_IN)]
    return not bodies or any(active(b, day) for b in bodies)


def _verdict_ref(v: Verdict) -> VerdictRef:
    return VerdictRef(rule_id=v.rule_id, subject_id=v.subject_id, subject_name=v.subject_name,
                      description=v.description, source=v.source)  # fmt: skip


def _ref(rule: Rule, post: NodeData) -> VerdictRef:
    return VerdictRef(rule_id=rule.id, subject_id=post["id"], subject_name=post["name"], description=rule.description,
                      source=rule.source)  # fmt: skip


def _missing(v: Verdict) -> str:
    return "; ".join(f"{m.what}: have {m.have}, need {m.need}" for m in v.missing) or v.expected
