"""Query results as the data a vis-network diagram needs: nodes, edges, legend, notes.

``to_vis_data`` draws a ``Subgraph`` (overview, focus), a ``Representation``, a
``LineOfSight`` or a ``Changes``. It is pure and deterministic (nodes and edges in a fixed
order, the legend in the model's order), so its output can be compared with a golden file.
Tooltips are plain-text lines; the page turns them into DOM text nodes, never HTML.

Colours are fixed per node kind and edge type so that every diagram reads the same way.
Where a diagram is about state rather than kind (a seat filled, vacant or missing; a
break in a line of sight; what appeared or ended), the state has colours of its own,
chosen apart from the kinds', and the legend says which is which.

Nothing here decides an answer: what is missing comes from a verdict's shortfalls, what
broke from the line of sight's breaks, what changed from the change lists. Drawing only
groups what the result says (seats by the areas they speak for) and caps how many
changes of one sort are drawn one by one.
"""

from __future__ import annotations

import textwrap
from typing import Literal
from urllib.parse import quote

from pydantic import ConfigDict, Field

from govgraph.graph.model import EdgeType, NodeKind, Record, kind_of_id
from govgraph.queries._seats import Holder, Seat
from govgraph.queries.changes import Change, Changes
from govgraph.queries.line_of_sight import Break, BreakType, LineOfSight, Link
from govgraph.queries.neighbourhood import Subgraph, SubgraphEdge, SubgraphNode
from govgraph.queries.representation import Representation, Verdict

__all__ = [
    "BREAK_COLOUR",
    "CHANGE_COLOURS",
    "EDGE_COLOURS",
    "KIND_COLOURS",
    "MAX_CHANGES_DRAWN",
    "SEAT_COLOURS",
    "LegendEntry",
    "VisEdge",
    "VisGraph",
    "VisNode",
    "node_url",
    "to_vis_data",
]

#: Fill colour of each node kind (Tableau 20 hues: distinct, and dark labels read on them).
KIND_COLOURS: dict[str, str] = {
    NodeKind.REGION: "#4e79a7",
    NodeKind.HUB: "#76b7b2",
    NodeKind.AREA_TEAM: "#59a14f",
    NodeKind.CCG: "#8cd17d",
    NodeKind.ICB: "#499894",
    NodeKind.SENATE: "#f28e2b",
    NodeKind.PORTFOLIO: "#e15759",
    NodeKind.PROGRAMME: "#ff9d9a",
    NodeKind.CRG: "#b07aa1",
    NodeKind.BOARD: "#9d7660",
    NodeKind.ORGANISATION: "#bab0ac",
    NodeKind.POST: "#f1ce63",
    NodeKind.PERSON: "#79706e",
}

#: Line colour of each edge type.
EDGE_COLOURS: dict[str, str] = {
    EdgeType.PART_OF: "#555555",
    EdgeType.IN_AREA: "#76b7b2",
    EdgeType.SUCCEEDED_BY: "#9c755f",
    EdgeType.POST_IN: "#a0a0a0",
    EdgeType.HOLDS: "#4e79a7",
    EdgeType.REPRESENTS: "#f28e2b",
    EdgeType.REPORTS_TO: "#e15759",
    EdgeType.EX_OFFICIO: "#b07aa1",
    EdgeType.ACCOUNTABLE_TO: "#59a14f",
}

#: A representation diagram's seats and requirements: green filled, hollow vacant, red
#: missing (a rule's shortfall). Hollow and red read apart without colour vision too.
SEAT_COLOURS: dict[str, str] = {"filled": "#1a9850", "vacant": "#ffffff", "missing": "#d62728"}

#: A post where a line of sight breaks, and the break itself.
BREAK_COLOUR = "#d62728"

#: Each sort of change in a changes diagram: its group node and the lines to what changed.
CHANGE_COLOURS: dict[str, str] = {
    "appeared": "#1a9850",
    "ended": "#555555",
    "fell vacant": "#d62728",
    "filled": "#4e79a7",
    "joined": "#1a9850",
    "left": "#d62728",
}

#: Past this many changes of one sort, the rest are one node that says how many: a year
#: of a large roster holds thousands of joiners, more than a diagram can show.
MAX_CHANGES_DRAWN = 250

# Edges that relate a body to another one over time or by office, rather than by
# membership, are dashed so they stand out from the structure.
_DASHED = frozenset({EdgeType.SUCCEEDED_BY, EdgeType.EX_OFFICIO})
_LABEL_WIDTH = 24
_LABEL_LINES = 3
_FOCUS_SIZE = 28
_AREA_SIZE = 20
_NODE_SIZE = 14


class VisNode(Record):
    id: str
    label: str = Field(description="The name on up to three short lines (joined by newlines).")
    group: str = Field(description="The node kind.")
    color: str
    shape: Literal["dot", "box", "diamond"] = Field(
        description="box for a node that stands for several (or a break), diamond for something missing."
    )
    size: int
    title: list[str] = Field(description="Tooltip lines, plain text: the full name first.")
    url: str | None = Field(description="The node's page; none for a node that is not one graph node.")
    level: int | None = Field(default=None, description="The row of a hierarchical diagram, 0 at the bottom.")


class VisEdge(Record):
    model_config = ConfigDict(populate_by_name=True)

    id: str
    from_: str = Field(alias="from")
    to: str
    title: str = Field(description="The edge type (or what the line means), shown on hover.")
    color: str
    dashes: bool
    arrows: Literal["to"] = "to"


class LegendEntry(Record):
    label: str
    color: str
    mark: Literal["node", "edge", "dashed-edge"]


class VisGraph(Record):
    """Everything one diagram page shows. Dump with ``by_alias=True`` for vis-network."""

    title: str
    as_of: str
    from_date: str | None = Field(default=None, description="For a changes diagram, the first day of the window.")
    layout: Literal["network", "hierarchical"] = Field(
        default="network", description="hierarchical draws nodes in rows by level, top-down."
    )
    focus_id: str | None
    nodes: list[VisNode]
    edges: list[VisEdge]
    legend: list[LegendEntry]
    notes: list[str] = Field(description="What was collapsed or left out, to show beside the diagram.")


def node_url(id: str) -> str:
    """The path of a node's page. Ids keep their ``:`` and ``/``; anything else is quoted.

    >>> node_url("post:crg:CFS/chair")
    '/nodes/post:crg:CFS/chair'
    """
    return "/nodes/" + quote(id, safe=":/")


def to_vis_data(result: Subgraph | Representation | LineOfSight | Changes) -> VisGraph:
    """The vis-network data for a query result.

    * a ``Subgraph`` (overview, focus): its nodes and edges, coloured by kind and type;
    * a ``Representation``: the body, its seats coloured filled or vacant (the holder and
      role in the tooltip), each seat joined to the areas it speaks for so that the seats
      of one area gather around it, and each shortfall of a failing rule as a red
      "missing" node on its area (or on the body);
    * a ``LineOfSight``: the chains of posts in rows, the starting posts at the bottom and
      superiors above, posts where a chain breaks in red with the break's type;
    * a ``Changes``: one group node per sort of change (appeared, ended, fell vacant,
      filled) joined to what changed, people joined to the seats they joined or left,
      successions as dashed lines.

    >>> from govgraph.loaders import load_reference
    >>> from govgraph.queries.neighbourhood import focus
    >>> vis = to_vis_data(focus(load_reference(), "programme:trauma", as_of="2014-01-01"))
    >>> [entry.label for entry in vis.legend if entry.mark == "node"]
    ['Portfolio', 'Programme', 'CRG', 'Board']
    """
    if isinstance(result, Representation):
        return _representation(result)
    if isinstance(result, LineOfSight):
        return _line_of_sight(result)
    if isinstance(result, Changes):
        return _changes(result)
    return _subgraph(result)


def _subgraph(subgraph: Subgraph) -> VisGraph:
    nodes = sorted(subgraph.nodes, key=lambda n: n.id)
    edges = sorted(subgraph.edges, key=lambda e: (e.from_id, e.to_id, e.type))
    legend = _kind_legend({n.kind for n in nodes}) + _edge_legend({e.type for e in edges})
    return VisGraph(
        title=subgraph.title,
        as_of=subgraph.as_of.isoformat(),
        focus_id=subgraph.focus_id,
        nodes=[_vis_node(n, n.id == subgraph.focus_id) for n in nodes],
        edges=[_vis_edge(e) for e in edges],
        legend=legend,
        notes=list(subgraph.aggregated),
    )


def _label(name: str) -> str:
    """A name wrapped onto short lines, so that labels overlap less, and shortened when it
    would need more than three; the tooltip has it whole.

    >>> print(_label("Clinical member for London Clinical Senate (1 of 3)"))
    Clinical member for
    London Clinical Senate
    (1 of 3)
    """
    lines = textwrap.wrap(name, _LABEL_WIDTH, break_long_words=False) or [name]
    if len(lines) > _LABEL_LINES:
        lines = lines[:_LABEL_LINES]
        lines[-1] = lines[-1][: _LABEL_WIDTH - 1].rstrip() + "…"
    return "\n".join(lines)


def _kind_legend(kinds: set[str]) -> list[LegendEntry]:
    return [LegendEntry(label=str(k), color=KIND_COLOURS[k], mark="node") for k in NodeKind if k in kinds]


def _edge_legend(types: set[str]) -> list[LegendEntry]:
    return [
        LegendEntry(label=str(t), color=EDGE_COLOURS[t], mark="dashed-edge" if t in _DASHED else "edge")
        for t in EdgeType
        if t in types
    ]


def _vis_node(node: SubgraphNode, is_focus: bool) -> VisNode:
    return VisNode(
        id=node.id,
        label=_label(node.name),
        group=node.kind,
        color=KIND_COLOURS[node.kind],
        shape="box" if node.collapsed else "dot",
        size=_FOCUS_SIZE if is_focus else _NODE_SIZE,
        title=[node.name, *node.detail],
        url=None if node.collapsed else node_url(node.id),
    )


def _vis_edge(edge: SubgraphEdge) -> VisEdge:
    return _typed_edge(edge.from_id, edge.type, edge.to_id)


def _typed_edge(from_id: str, type: str, to_id: str) -> VisEdge:
    """An edge of the graph's own, drawn in its type's colour."""
    return VisEdge(
        id=f"{from_id} {type} {to_id}",
        from_=from_id,
        to=to_id,
        title=type,
        color=EDGE_COLOURS[type],
        dashes=type in _DASHED,
    )


def _kind_colour(id: str) -> tuple[str, str]:
    """The kind an id names and its colour; an id of no known kind is drawn grey."""
    kind = kind_of_id(id)
    return (str(kind), KIND_COLOURS[kind]) if kind is not None else ("other", "#cccccc")


# Representation --------------------------------------------------------------------------


def _representation(rep: Representation) -> VisGraph:
    day = rep.as_of.isoformat()
    failing = [v for v in rep.verdicts if not v.passed]
    in_force = f"{len(rep.verdicts)} rule{'' if len(rep.verdicts) == 1 else 's'} in force for it"
    verdict_line = f"passes the {in_force}" if rep.passed else f"fails {len(failing)} of the {in_force}"
    nodes = [
        VisNode(id=rep.subject_id, label=_label(rep.subject_name), group=rep.subject_kind,
                color=KIND_COLOURS[rep.subject_kind], shape="dot", size=_FOCUS_SIZE,
                title=[rep.subject_name, f"{rep.subject_kind} {rep.subject_id}", verdict_line],
                url=node_url(rep.subject_id))
    ]  # fmt: skip
    area_kinds = set()
    for area_id, name in sorted(rep.areas.items()):
        kind, colour = _kind_colour(area_id)
        area_kinds.add(kind)
        nodes.append(VisNode(id=area_id, label=_label(name), group=kind, color=colour, shape="dot", size=_AREA_SIZE,
                             title=[name, f"{kind} {area_id}", "seats speaking for it are joined to it"],
                             url=node_url(area_id)))  # fmt: skip
    edges = []
    for seat in rep.seats:
        nodes.append(_seat_node(seat, day, rep.areas))
        edges.append(_typed_edge(seat.post_id, EdgeType.POST_IN, rep.subject_id))
        edges += [_typed_edge(seat.post_id, EdgeType.REPRESENTS, area) for area in seat.represents]
    for verdict in failing:
        for node, towards in _missing_nodes(verdict, rep.areas):
            nodes.append(node)
            edges.append(VisEdge(id=f"{node.id} missing from {towards}", from_=node.id, to=towards,
                                 title=f"missing: {verdict.rule_id}", color=SEAT_COLOURS["missing"], dashes=True))  # fmt: skip
    legend = _kind_legend({rep.subject_kind} | area_kinds)
    legend += [
        LegendEntry(label="Filled seat", color=SEAT_COLOURS["filled"], mark="node"),
        LegendEntry(label="Vacant seat", color=SEAT_COLOURS["vacant"], mark="node"),
    ]
    if failing:
        legend.append(
            LegendEntry(label="Missing: what a failing rule finds", color=SEAT_COLOURS["missing"], mark="node")
        )
    legend += _edge_legend({EdgeType.POST_IN} | ({EdgeType.REPRESENTS} if rep.areas else set()))
    if failing:
        legend.append(LegendEntry(label="Missing from", color=SEAT_COLOURS["missing"], mark="dashed-edge"))
    if failing:
        notes = [
            f"{v.rule_id} fails: needs {v.expected}" + (f"; found {v.found}" if v.found is not None else "")
            for v in failing
        ]
    else:
        notes = [verdict_line.capitalize() + "." if rep.verdicts else f"No rule applies on {day}."]
    return VisGraph(
        title=f"Representation of {rep.subject_name} ({rep.subject_id})",
        as_of=day,
        focus_id=rep.subject_id,
        nodes=nodes,
        edges=edges,
        legend=legend,
        notes=notes + rep.notes,
    )


def _seat_node(seat: Seat, day: str, areas: dict[str, str]) -> VisNode:
    lines = [seat.name, f"Post {seat.post_id}", f"role: {seat.role}"]
    lines += [f"held by {_holder(h)}" for h in seat.holders] or [f"vacant on {day}"]
    if seat.represents:
        lines.append("speaks for " + ", ".join(areas.get(a, a) for a in seat.represents))
    state = "filled" if seat.filled else "vacant"
    return VisNode(id=seat.post_id, label=_label(seat.name), group=f"{state} seat", color=SEAT_COLOURS[state],
                   shape="dot", size=_NODE_SIZE, title=lines, url=node_url(seat.post_id))  # fmt: skip


def _holder(holder: Holder) -> str:
    text = holder.name + (" (acting)" if holder.acting else "")
    return text + (f", ex officio as holder of {holder.via}" if holder.via else "")


def _missing_nodes(verdict: Verdict, areas: dict[str, str]) -> list[tuple[VisNode, str]]:
    """A red node for each shortfall of a failing verdict, with the node it hangs from: the
    area it is about when that area is drawn, else the body."""
    found = []
    for shortfall in verdict.missing:
        # In the rule's own terms, since a shortfall can also be too many (at most four).
        text = f"{shortfall.name}: has {shortfall.have}, needs {shortfall.need}"
        lines = [text, f"rule {verdict.rule_id}: {verdict.description}"]
        if shortfall.vacant_seats:
            lines.append("vacant seats that would meet it: " + ", ".join(shortfall.vacant_seats))
        lines.append(f"source: {verdict.source}")
        id = f"{verdict.rule_id}+missing:{shortfall.what}"
        if any(node.id == id for node, _ in found):  # a chain rule names a post once per break there
            id += f":{shortfall.name}"
        node = VisNode(id=id, label=_label(text),
                       group="missing", color=SEAT_COLOURS["missing"], shape="diamond", size=_NODE_SIZE, title=lines,
                       url=None)  # fmt: skip
        found.append((node, shortfall.what if shortfall.what in areas else verdict.subject_id))
    if not found:  # a rule can fail with nothing to name (a chain that reaches nowhere)
        lines = [
            f"Fails: {verdict.rule_id}",
            verdict.description,
            f"needs {verdict.expected}",
            f"source: {verdict.source}",
        ]
        node = VisNode(id=f"{verdict.rule_id}+missing", label=_label(f"Fails: {verdict.rule_id}"), group="missing",
                       color=SEAT_COLOURS["missing"], shape="diamond", size=_NODE_SIZE, title=lines, url=None)  # fmt: skip
        found.append((node, verdict.subject_id))
    return found


# Line of sight ---------------------------------------------------------------------------

_BREAK_LABELS = {
    BreakType.VACANT: "vacant",
    BreakType.MISSING_LINK: "missing link",
    BreakType.ENDED_LINK: "link ended",
    BreakType.ENDED_POST: "post ended",
    BreakType.CYCLE: "cycle",
}
# Breaks that are about the link above a post: drawn as a red box above it.
_ABOVE = (BreakType.MISSING_LINK, BreakType.ENDED_LINK)


def _line_of_sight(los: LineOfSight) -> VisGraph:
    breaks: dict[str, list[Break]] = {}
    for b in los.breaks:
        breaks.setdefault(b.post_id, []).append(b)
    # Rows count up from the starting posts; a post in several chains takes its highest row,
    # so a shared superior sits above everyone who reports to it.
    levels: dict[str, int] = {}
    links: dict[str, Link] = {}
    edges: dict[str, VisEdge] = {}
    for chain in los.chains:
        for step, link in enumerate(chain):
            links.setdefault(link.post_id, link)
            levels[link.post_id] = max(step, levels.get(link.post_id, 0))
        for lower, upper in zip(chain, chain[1:]):
            edge = _typed_edge(lower.post_id, EdgeType.REPORTS_TO, upper.post_id)
            edges[edge.id] = edge
    nodes = [
        _link_node(link, levels[id], breaks.get(id, []), id == los.target, los.as_of.isoformat())
        for id, link in links.items()
    ]
    for chain in los.chains:
        ids = [link.post_id for link in chain]
        for b in los.breaks:
            if b.type is BreakType.CYCLE and chain and b.post_id in ids:
                # The chain stops at its last post because that post reports back into it.
                edge = VisEdge(id=f"{ids[-1]} cycle {b.post_id}", from_=ids[-1], to=b.post_id, title=f"REPORTS_TO: {b.message}",
                               color=BREAK_COLOUR, dashes=True)  # fmt: skip
                edges[edge.id] = edge
    for b in los.breaks:
        if b.type in _ABOVE and b.post_id in links:
            label = _BREAK_LABELS[b.type]
            node = VisNode(id=f"{b.post_id}+{b.type.value}", label=_label(label.capitalize()), group="break",
                           color=BREAK_COLOUR, shape="box", size=_NODE_SIZE, title=[label.capitalize(), b.message],
                           url=None, level=levels[b.post_id] + 1)  # fmt: skip
            nodes.append(node)
            edge = VisEdge(id=f"{b.post_id} {b.type.value}", from_=b.post_id, to=node.id, title=b.message,
                           color=BREAK_COLOUR, dashes=True)  # fmt: skip
            edges[edge.id] = edge
    legend = [LegendEntry(label="Post", color=KIND_COLOURS[NodeKind.POST], mark="node")]
    if los.breaks:
        legend.append(LegendEntry(label="Break (its type in the label)", color=BREAK_COLOUR, mark="node"))
    legend += _edge_legend({EdgeType.REPORTS_TO})
    if any(b.type in (*_ABOVE, BreakType.CYCLE) for b in los.breaks):
        legend.append(LegendEntry(label="Broken link", color=BREAK_COLOUR, mark="dashed-edge"))
    if los.complete:
        notes = [f"Unbroken: every chain reaches {los.target}."]
    else:
        notes = [f"Break ({_BREAK_LABELS[b.type]}): {b.message}" for b in los.breaks]
        if not los.breaks:
            notes = [f"No chain reaches {los.target}."]
    return VisGraph(
        title=f"Line of sight from {los.start}",
        as_of=los.as_of.isoformat(),
        layout="hierarchical",
        focus_id=los.start if los.start in links else None,
        nodes=nodes,
        edges=list(edges.values()),
        legend=legend,
        notes=notes,
    )


def _link_node(link: Link, level: int, breaks: list[Break], is_target: bool, day: str) -> VisNode:
    name = link.name + (f", {link.org_name}" if link.org_name else "")
    label = _label(name)
    if breaks:
        label += "\n" + "BREAK: " + ", ".join(_BREAK_LABELS[b.type] for b in breaks)
    lines = [name, f"Post {link.post_id}"]
    lines += [f"held by {_holder(h)}" for h in link.holders] or [f"vacant on {day}"]
    lines += [f"break ({_BREAK_LABELS[b.type]}): {b.message}" for b in breaks]
    return VisNode(id=link.post_id, label=label, group="break" if breaks else NodeKind.POST,
                   color=BREAK_COLOUR if breaks else KIND_COLOURS[NodeKind.POST], shape="dot",
                   size=_FOCUS_SIZE if is_target else _NODE_SIZE, title=lines, url=node_url(link.post_id), level=level)  # fmt: skip


# Changes ---------------------------------------------------------------------------------

# Each sort of change, the field of ``Changes`` that lists it, and its heading. Each sort is
# one group node joined to what changed: the bodies, the seats, or the people who joined
# or left a seat (each person then joined to the seats).
_GROUPS = (
    ("appeared", "bodies_created", "Appeared"),
    ("ended", "bodies_ended", "Ended"),
    ("fell vacant", "seats_vacated", "Fell vacant"),
    ("filled", "seats_filled", "Filled"),
    ("joined", "joined", "Joined a seat"),
    ("left", "left", "Left a seat"),
)
_HOLDINGS = ("joined", "left")


def _changes(changes: Changes) -> VisGraph:
    nodes: dict[str, VisNode] = {}
    edges: dict[str, VisEdge] = {}
    notes: list[str] = []

    def add_node(id: str, name: str) -> None:
        if id not in nodes:
            kind, colour = _kind_colour(id)
            # Seat names repeat from body to body ("Chair"); a seat's id says whose it is.
            label = id.removeprefix("post:") if kind == NodeKind.POST else name
            nodes[id] = VisNode(id=id, label=_label(label), group=kind, color=colour, shape="dot", size=_NODE_SIZE,
                                title=[name, f"{kind} {id}"], url=node_url(id))  # fmt: skip

    def add_edge(edge: VisEdge) -> None:
        edges.setdefault(edge.id, edge)

    for sort, field, heading in _GROUPS:
        items: list[Change] = getattr(changes, field)
        if not items:
            continue
        group = f"change:{sort.replace(' ', '-')}"
        colour = CHANGE_COLOURS[sort]
        nodes[group] = VisNode(id=group, label=f"{heading} ({len(items):,})", group=sort, color=colour, shape="box",
                               size=_FOCUS_SIZE, title=[f"{heading}: {len(items):,}"], url=None)  # fmt: skip
        for change in items[:MAX_CHANGES_DRAWN]:
            add_node(change.id, change.name)
            on = f" on {change.on}" if change.on else ""
            add_edge(VisEdge(id=f"{group} {change.id}", from_=group, to=change.id, title=sort if sort in _HOLDINGS else f"{sort}{on}",
                             color=colour, dashes=False))  # fmt: skip
            if sort in _HOLDINGS and change.other_id is not None:
                add_node(change.other_id, change.other_name or change.other_id)
                add_edge(VisEdge(id=f"{change.id} {sort} {change.other_id} {change.on}", from_=change.id, to=change.other_id,
                                 title=f"{sort}{on}", color=colour, dashes=sort == "left"))  # fmt: skip
        if len(items) > MAX_CHANGES_DRAWN:
            notes.append(
                f"{heading}: the first {MAX_CHANGES_DRAWN} of {len(items):,} are drawn; the group node counts them all."
            )
    for change in changes.bodies_succeeded:
        if change.other_id is None:
            continue  # a succession always names its successor; nothing to draw without one
        add_node(change.id, change.name)
        add_node(change.other_id, change.other_name or change.other_id)
        edge = _typed_edge(change.id, EdgeType.SUCCEEDED_BY, change.other_id)
        add_edge(edge.model_copy(update={"title": f"SUCCEEDED_BY on {change.on}" if change.on else edge.title}))
    notes += [f"Newly failing: {pair}" for pair in changes.rules_newly_failing]
    notes += [f"Newly passing: {pair}" for pair in changes.rules_newly_passing]
    present = [(sort, heading) for sort, field, heading in _GROUPS if getattr(changes, field)]
    legend = [
        LegendEntry(label=f"{heading} (group)", color=CHANGE_COLOURS[sort], mark="node") for sort, heading in present
    ]
    legend += _kind_legend({node.group for node in nodes.values() if node.url is not None})
    legend += [LegendEntry(label=heading, color=CHANGE_COLOURS[sort], mark="dashed-edge" if sort == "left" else "edge")
               for sort, heading in present if sort in _HOLDINGS]  # fmt: skip
    legend += _edge_legend({EdgeType.SUCCEEDED_BY} if changes.bodies_succeeded else set())
    return VisGraph(
        title=f"Changes from {changes.from_date} to {changes.to_date}",
        as_of=changes.to_date.isoformat(),
        from_date=changes.from_date.isoformat(),
        focus_id=None,
        nodes=list(nodes.values()),
        edges=list(edges.values()),
        legend=legend,
        notes=notes,
    )
