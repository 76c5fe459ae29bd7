"""The representation diagram: a seat map of one body, drawn from a ``Representation``.

The body is on top. Below it, one row per role (chair, commissioners, patient and public
voice...) with a heading, then the areas the body's seats speak for, each with its seats
under it, in rows of six areas. A seat reads its holder's name, or "vacant"; filled seats
are green dots, vacant ones white squares, and what a failing rule finds missing is a red
diamond in the row or under the area it is about. The failing rules are listed beside
the diagram.

Nothing here decides an answer: what is missing comes from the verdicts' shortfalls.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from govgraph.graph.model import EdgeType
from govgraph.queries.representation import Representation, Shortfall, Verdict
from govgraph.viz.layout import LABEL_HEIGHT, LABEL_WIDTH, Point
from govgraph.viz.model import (
    LegendEntry,
    VisEdge,
    VisGraph,
    VisNode,
    edge_legend,
    kind_colour,
    kind_legend,
    label,
    typed_edge,
    vis_edge,
)
from govgraph.viz.outcome import OUTCOME_LABELS, body_outcome, outcome_of
from govgraph.viz.palette import KIND_COLOURS, SEAT_COLOURS

__all__ = ["ROLE_HEADINGS", "ROLE_ORDER", "HolderLike", "SeatLike", "holder_text", "representation_diagram"]


class HolderLike(Protocol):
    """What a drawing reads of a seat's holder (``Representation.seats[i].holders``)."""

    name: str
    acting: bool
    via: str | None


class SeatLike(Protocol):
    """What a drawing reads of a seat (``Representation.seats``, ``Members.seats``): seats
    are the queries' own model, described here by the fields used rather than imported from
    a module private to ``queries``."""

    post_id: str
    name: str
    role: str
    represents: list[str]

    @property
    def holders(self) -> Sequence[HolderLike]: ...

    @property
    def filled(self) -> bool: ...


#: The order of the role rows; roles not named here follow, alphabetically.
ROLE_ORDER = (
    "chair",
    "co-chair",
    "vice-chair",
    "accountable-commissioner",
    "collaborating-commissioner",
    "ccg-representative",
    "ppv",
    "professional-organisation",
    "public-health",
    "clinical-member",
    "director",
    "medical-director",
    "member",
)
#: How a role's row is headed where its name would not read well.
ROLE_HEADINGS = {
    "ppv": "Patient and public voice",
    "ccg-representative": "CCG representatives",
    "co-chair": "Co-chair",
}
_AREA_COLUMNS = 6
_SEATS_PER_ROW = 7
_BODY_SIZE = 28
_AREA_SIZE = 18
_NODE_SIZE = 14
_DY = LABEL_HEIGHT
_DX = LABEL_WIDTH


def representation_diagram(rep: Representation) -> VisGraph:
    day = rep.as_of.isoformat()
    failing = [v for v in rep.verdicts if outcome_of(v) == "failed"]
    outcome = body_outcome(rep)
    in_force = f"{len(rep.verdicts)} rule{'' if len(rep.verdicts) == 1 else 's'} in force for it"
    verdict_line = (
        f"fails {len(failing)} of the {in_force}" if outcome == "failed"
        else f"passes the {in_force}" if outcome == "passed"
        else f"not assessed: {rep.reason}" if rep.reason
        else f"not assessed: no rule in force for it on {day}"
    )  # fmt: skip
    nodes: list[VisNode] = []
    edges: list[VisEdge] = []
    area_ids = sorted(rep.areas, key=lambda a: (rep.areas[a], a))
    by_area: dict[str, list[SeatLike]] = {a: [] for a in area_ids}
    by_role: dict[str, list[SeatLike]] = {}
    for seat in rep.seats:
        areas = [a for a in seat.represents if a in by_area]
        if areas:
            by_area[areas[0]].append(seat)
        else:
            by_role.setdefault(seat.role, []).append(seat)
    missing_by_area: dict[str, list[tuple[Verdict, Shortfall]]] = {a: [] for a in area_ids}
    missing_by_role: dict[str, list[tuple[Verdict, Shortfall | None]]] = {}
    for verdict in failing:
        if not verdict.missing:  # a rule can fail with nothing to name (a chain that reaches nowhere)
            missing_by_role.setdefault("", []).append((verdict, None))
        for shortfall in verdict.missing:
            if shortfall.what in missing_by_area:
                missing_by_area[shortfall.what].append((verdict, shortfall))
            else:
                role = shortfall.what if shortfall.what in ROLE_ORDER or shortfall.what in by_role else ""
                missing_by_role.setdefault(role, []).append((verdict, shortfall))
    roles = [r for r in ROLE_ORDER if r in by_role or r in missing_by_role]
    roles += sorted(r for r in {*by_role, *missing_by_role} if r not in roles and r)
    if "" in missing_by_role:
        roles.append("")

    nodes.append(VisNode(id=rep.subject_id, label=label(rep.subject_name) + f"\n({OUTCOME_LABELS[outcome]})",
                         group=rep.subject_kind, color=KIND_COLOURS[rep.subject_kind], shape="dot", size=_BODY_SIZE,
                         title=[rep.subject_name, f"{rep.subject_kind} {rep.subject_id}", verdict_line],
                         target=rep.subject_id, x=0.0, y=0.0))  # fmt: skip
    y = _DY * 1.5
    missing_ids: set[str] = set()
    for role in roles:
        heading = ROLE_HEADINGS.get(role, role.replace("-", " ").capitalize()) if role else "Other requirements"
        nodes.append(_heading(f"heading:{role or 'other'}", heading, -_DX * 0.6, y))
        items: list[SeatLike | tuple[Verdict, Shortfall | None]] = [*by_role.get(role, [])]
        items += missing_by_role.get(role, [])
        for i, item in enumerate(items):
            at = (_DX * (i % _SEATS_PER_ROW) + _DX * 0.4, y + _DY * (i // _SEATS_PER_ROW))
            if isinstance(item, tuple):
                node = _missing_node(item[0], item[1], at, missing_ids, short=False)
            else:
                node = _seat_node(item, day, rep.areas, at, in_area=False)
            nodes.append(node)
        y += _DY * max(1, -(-len(items) // _SEATS_PER_ROW)) + _DY * 0.3
    if area_ids:
        nodes.append(_heading("heading:areas", "Areas spoken for", -_DX * 0.6, y))
        y += _DY * 0.6
    for start in range(0, len(area_ids), _AREA_COLUMNS):
        row = area_ids[start : start + _AREA_COLUMNS]
        tallest = 0
        for column, area in enumerate(row):
            x = _DX * column + _DX * 0.4
            kind, colour = kind_colour(area)
            nodes.append(VisNode(id=area, label=label(rep.areas[area]), group=kind, color=colour, shape="dot",
                                 size=_AREA_SIZE, title=[rep.areas[area], f"{kind} {area}", "its seats are below it"],
                                 target=area, x=x, y=y))  # fmt: skip
            below = 0
            for area_seat in by_area[area]:
                below += 1
                nodes.append(_seat_node(area_seat, day, rep.areas, (x, y + _DY * below), in_area=True))
                edges += [typed_edge(area_seat.post_id, EdgeType.REPRESENTS, area)]
            for verdict, shortfall in missing_by_area[area]:
                below += 1
                node = _missing_node(verdict, shortfall, (x, y + _DY * below), missing_ids, short=True)
                nodes.append(node)
                edges.append(vis_edge(id=f"{node.id} missing from {area}", from_id=node.id, to_id=area,
                                     title=f"missing: {verdict.rule_id}", color=SEAT_COLOURS["missing"], dashes=True))  # fmt: skip
            tallest = max(tallest, below)
        y += _DY * (tallest + 1) + _DY * 0.3

    # The body stands over the middle of its seats.
    placed = [node.x for node in nodes[1:] if node.shape != "text"]
    if placed:
        nodes[0] = nodes[0].model_copy(update={"x": (min(placed) + max(placed)) / 2})
    legend = kind_legend({rep.subject_kind} | {kind_colour(a)[0] for a in area_ids})
    if any(seat.filled for seat in rep.seats):
        legend.append(LegendEntry(label="Filled seat (holder named)", color=SEAT_COLOURS["filled"], mark="node"))
    if not all(seat.filled for seat in rep.seats):
        legend.append(LegendEntry(label="Vacant seat", color=SEAT_COLOURS["vacant"], mark="square"))
    if failing:
        legend.append(
            LegendEntry(label="Missing: what a failing rule finds", color=SEAT_COLOURS["missing"], mark="diamond")
        )
    legend += edge_legend({EdgeType.REPRESENTS} if edges else set())
    if any(e.dashes for e in edges):
        legend.append(LegendEntry(label="Missing from", color=SEAT_COLOURS["missing"], mark="dashed-edge"))
    if failing:
        notes = [
            f"{v.rule_id} fails: needs {v.expected}" + (f"; found {v.found}" if v.found is not None else "")
            for v in failing
        ]
    else:
        notes = [verdict_line[0].upper() + verdict_line[1:] + "."]
    return VisGraph(
        view="representation",
        title=f"Representation of {rep.subject_name} ({rep.subject_id})",
        as_of=day,
        focus_id=rep.subject_id,
        nodes=nodes,
        edges=edges,
        legend=legend,
        notes=notes + rep.notes,
    )


def _heading(id: str, text: str, x: float, y: float) -> VisNode:
    return VisNode(id=id, label=text, group="heading", color="#ffffff", shape="text", size=_NODE_SIZE, title=[text],
                   target=None, x=x, y=y)  # fmt: skip


def _seat_node(seat: SeatLike, day: str, areas: dict[str, str], at: Point, *, in_area: bool) -> VisNode:
    holders = [holder_text(h) for h in seat.holders]
    lines = [seat.name, f"Post {seat.post_id}", f"role: {seat.role}"]
    lines += [f"held by {h}" for h in holders] or [f"vacant on {day}"]
    if seat.represents:
        lines.append("speaks for " + ", ".join(areas.get(a, a) for a in seat.represents))
    who = "\n".join(label(h, lines=2) for h in _names(seat.holders)) if seat.holders else "vacant"
    # Under its area a seat needs no name of its own (they read "Clinical member for <area>").
    text = who if in_area else label(seat.name, lines=2) + "\n" + who
    state = "filled" if seat.filled else "vacant"
    return VisNode(id=seat.post_id, label=text, group=f"{state} seat", color=SEAT_COLOURS[state],
                   shape="dot" if seat.filled else "square", size=_NODE_SIZE, title=lines, target=seat.post_id,
                   x=at[0], y=at[1])  # fmt: skip


def _names(holders: Iterable[HolderLike]) -> list[str]:
    return [h.name + (" (acting)" if h.acting else "") + (" (ex officio)" if h.via else "") for h in holders]


def holder_text(holder: HolderLike) -> str:
    """A holder as a sentence reads them: name, acting, and the post an ex officio seat follows."""
    text = holder.name + (" (acting)" if holder.acting else "")
    return text + (f", ex officio as holder of {holder.via}" if holder.via else "")


def _missing_node(verdict: Verdict, shortfall: Shortfall | None, at: Point, taken: set[str], *, short: bool) -> VisNode:
    """A red diamond for one shortfall of a failing verdict (or the verdict, when it names none)."""
    if shortfall is None:
        text = f"Fails: {verdict.rule_id}"
        lines = [text, verdict.description, f"needs {verdict.expected}", f"source: {verdict.source}"]
        id = f"{verdict.rule_id}+missing"
    else:
        # In the rule's own terms, since a shortfall can also be too many (at most four).
        text = (
            f"has {shortfall.have}, needs {shortfall.need}"
            if short
            else f"{shortfall.name}: has {shortfall.have}, needs {shortfall.need}"
        )
        lines = [f"{shortfall.name}: has {shortfall.have}, needs {shortfall.need}",
                 f"rule {verdict.rule_id}: {verdict.description}"]  # fmt: skip
        if shortfall.vacant_seats:
            lines.append("vacant seats that would meet it: " + ", ".join(shortfall.vacant_seats))
        lines.append(f"source: {verdict.source}")
        id = f"{verdict.rule_id}+missing:{shortfall.what}"
        if id in taken:  # a chain rule names a post once per break there
            id += f":{shortfall.name}"
    taken.add(id)
    return VisNode(id=id, label=label(text), group="missing", color=SEAT_COLOURS["missing"], shape="diamond",
                   size=_NODE_SIZE, title=lines, target=None, x=at[0], y=at[1])  # fmt: skip
