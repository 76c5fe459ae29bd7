"""The overview and focus diagrams, drawn from an overview or focus ``Subgraph``.

* **overview**: each portfolio, its programmes of care, and their CRGs and boards in rows
  beside their programme. Given each body's outcome on the day (``outcomes``), a body is
  coloured by it (failed, passed, not assessed) and each programme counts them; without,
  bodies take their kind's colour. Past ``OVERVIEW_MAX_BODIES`` CRGs and boards (a big
  roster's copies of the committee structure) the overview is **aggregated by
  programme**: each programme's (or portfolio's) CRGs, and its boards, are drawn as one
  node saying how many it stands for, whose click opens the programme's page, and a note
  beside the diagram says so (``aggregated_overview``).
* **focus**: the focus node in the middle and what is one, two... steps from it on rings
  around it, each node near the neighbour that brought it in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from govgraph.graph.model import EdgeType, NodeKind
from govgraph.queries.neighbourhood import Subgraph, SubgraphEdge, SubgraphNode
from govgraph.viz.layout import LABEL_HEIGHT, LABEL_WIDTH, Point, grid, rings, rows_needed
from govgraph.viz.model import LegendEntry, VisGraph, VisNode, edge_legend, kind_legend, label, typed_edge
from govgraph.viz.outcome import OUTCOME_LABELS, Outcome
from govgraph.viz.palette import KIND_COLOURS, OUTCOME_COLOURS

__all__ = ["OVERVIEW_MAX_BODIES", "aggregated_overview", "focus_diagram", "overview_diagram"]

#: Past this many CRGs and boards the overview draws one node per programme and kind instead
#: (the built-in dataset has about 150 on any day; a roster at scale 100 about 7,800).
OVERVIEW_MAX_BODIES = 500

_FOCUS_SIZE = 28
_PARENT_SIZE = 20
_NODE_SIZE = 14
_BODY_COLUMNS = 9
_ROW = LABEL_HEIGHT * 1.25  # a body's label: two lines of name, one of outcome
_BODY_KINDS = (NodeKind.CRG, NodeKind.BOARD)
_ROWS_NOTE = "Each row of CRGs and boards is part of the programme of care (or portfolio) on its left."


def aggregated_overview(subgraph: Subgraph, max_bodies: int = OVERVIEW_MAX_BODIES) -> bool:
    """Whether ``overview_diagram`` draws this overview aggregated by programme (its bodies'
    outcomes are then not drawn, so need not be worked out)."""
    return sum(node.kind in _BODY_KINDS for node in subgraph.nodes) > max_bodies


def _by_programme(subgraph: Subgraph, max_bodies: int) -> Subgraph:
    """The overview with the CRGs, and the boards, of each programme (or portfolio) as one
    collapsed node each, PART_OF it; a body part of two programmes is counted in both."""
    kinds = {node.id: node.kind for node in subgraph.nodes}
    counts: Counter[tuple[str, str]] = Counter(
        (edge.to_id, kinds[edge.from_id])
        for edge in subgraph.edges
        if edge.type == EdgeType.PART_OF and kinds[edge.from_id] in _BODY_KINDS
    )
    names = {node.id: node.name for node in subgraph.nodes}
    collapsed = [
        SubgraphNode(id=f"{parent}+in:{EdgeType.PART_OF}:{kind}", kind=kind, name=f"{count:,} {kind}s",
                     detail=[f"{count:,} {kind}s part of {names[parent]} ({parent}) on {subgraph.as_of}",
                             "click to open its page, which lists each of them"],
                     collapsed=count)
        for (parent, kind), count in sorted(counts.items())
    ]  # fmt: skip
    bodies = sum(kind in _BODY_KINDS for kind in kinds.values())
    note = (
        f"Aggregated by programme: {bodies:,} CRGs and boards are more than {max_bodies:,} to draw one by "
        "one, so each programme of care (or portfolio) shows how many CRGs and boards are part of it. Click one "
        "to open the programme's page, which lists them, or draw the programme with the focus view."
    )
    return subgraph.model_copy(
        update={
            "nodes": [n for n in subgraph.nodes if n.kind not in _BODY_KINDS] + collapsed,
            "edges": [e for e in subgraph.edges if kinds[e.from_id] not in _BODY_KINDS]
            + [SubgraphEdge(from_id=n.id, to_id=n.id.split("+", 1)[0], type=EdgeType.PART_OF) for n in collapsed],
            "aggregated": [*subgraph.aggregated, note],
        }
    )


def overview_diagram(
    subgraph: Subgraph, outcomes: Mapping[str, Outcome] | None = None, *, max_bodies: int = OVERVIEW_MAX_BODIES
) -> VisGraph:
    """The overview, bodies coloured by ``outcomes`` (body id to outcome) where given;
    aggregated by programme past ``max_bodies`` CRGs and boards (``outcomes`` unused then)."""
    if aggregated_overview(subgraph, max_bodies):
        subgraph, outcomes = _by_programme(subgraph, max_bodies), None
    by_id = {node.id: node for node in subgraph.nodes}
    parts: dict[str, list[str]] = {node.id: [] for node in subgraph.nodes}
    for edge in subgraph.edges:
        if edge.type == EdgeType.PART_OF and edge.to_id in parts:
            parts[edge.to_id].append(edge.from_id)
    for ids in parts.values():
        ids.sort(key=lambda id: by_id[id].name)
    portfolios = sorted((n for n in subgraph.nodes if n.kind == NodeKind.PORTFOLIO), key=lambda n: n.name)
    in_portfolio = {part for p in portfolios for part in parts[p.id]}
    loose = sorted(
        (n for n in subgraph.nodes if n.kind == NodeKind.PROGRAMME and n.id not in in_portfolio), key=lambda n: n.name
    )
    positions: dict[str, Point] = {}
    y = 0.0

    def place_row(head: str, bodies: list[str], x: float) -> None:
        nonlocal y
        positions[head] = (x, y)
        positions.update(grid(bodies, columns=_BODY_COLUMNS, x=x + LABEL_WIDTH + 60, y=y, dy=_ROW))
        y += max(1, rows_needed(len(bodies), _BODY_COLUMNS)) * _ROW + 20

    for portfolio in portfolios:
        positions[portfolio.id] = (0.0, y)
        programmes = [id for id in parts[portfolio.id] if by_id[id].kind == NodeKind.PROGRAMME]
        boards = [id for id in parts[portfolio.id] if by_id[id].kind != NodeKind.PROGRAMME]
        for programme in programmes:
            place_row(programme, parts[programme], LABEL_WIDTH + 20)
        if boards:
            positions.update(grid(boards, columns=_BODY_COLUMNS, x=2 * LABEL_WIDTH + 80, y=y, dy=_ROW))
            y += rows_needed(len(boards), _BODY_COLUMNS) * _ROW + 20
        if not programmes and not boards:
            y += LABEL_HEIGHT
        y += 30
    for loose_programme in loose:
        place_row(loose_programme.id, parts[loose_programme.id], LABEL_WIDTH + 20)
    rest = [n.id for n in subgraph.nodes if n.id not in positions]  # nothing else is expected; drawn, not lost
    positions.update(grid(rest, columns=_BODY_COLUMNS, x=0, y=y + 30))

    counts: dict[str, Counter[str]] = {}  # by programme: how many of its bodies have each outcome
    if outcomes is not None:
        for programme, ids in parts.items():
            counts[programme] = Counter(str(outcomes[id]) for id in ids if id in outcomes)
    parent_of = {part: head for head, ids in parts.items() for part in ids}
    nodes = []
    for node in subgraph.nodes:
        outcome = outcomes.get(node.id) if outcomes is not None else None
        # A collapsed node opens the page of the programme whose bodies it stands for.
        target = parent_of.get(node.id) if node.collapsed else node.id
        nodes.append(_overview_node(node, positions[node.id], outcome, counts.get(node.id), target))
    # A body's row says which programme it is part of; its PART_OF line would cross the
    # labels of the bodies beside it, so only the lines between programmes and portfolios
    # are drawn (the node list and each body's page give every relation).
    drawn = [e for e in subgraph.edges if by_id[e.from_id].kind not in _BODY_KINDS]
    edges = sorted((typed_edge(e.from_id, e.type, e.to_id) for e in drawn), key=lambda e: e.id)
    legend = kind_legend({n.kind for n in subgraph.nodes if outcomes is None or n.kind not in _BODY_KINDS})
    notes = []
    if outcomes is not None:
        legend = [
            LegendEntry(label=f"CRG or board: {OUTCOME_LABELS[o]}", color=OUTCOME_COLOURS[o], mark="node")
            for o in OUTCOME_COLOURS
        ] + legend
        total: Counter[str] = Counter(outcomes[n.id] for n in subgraph.nodes if n.id in outcomes)
        notes.append(
            f"On {subgraph.as_of}: " + ", ".join(f"{total[o]} {OUTCOME_LABELS[o]}" for o in OUTCOME_COLOURS) + "."
        )
        notes += [
            f"{by_id[p].name}: " + ", ".join(f"{c[o]} {OUTCOME_LABELS[o]}" for o in OUTCOME_COLOURS)
            for p, c in counts.items()
            if by_id[p].kind == NodeKind.PROGRAMME
        ]
    return VisGraph(
        view="overview",
        title=subgraph.title,
        as_of=subgraph.as_of.isoformat(),
        focus_id=None,
        nodes=nodes,
        edges=edges,
        legend=legend + edge_legend({e.type for e in drawn}),
        notes=[_ROWS_NOTE, *notes, *subgraph.aggregated],
    )


def _overview_node(
    node: SubgraphNode, at: Point, outcome: Outcome | None, counts: Counter[str] | None, target: str | None
) -> VisNode:
    text = label(node.name, lines=2 if node.kind in _BODY_KINDS else 3)
    title = [node.name, *node.detail]
    colour = KIND_COLOURS[node.kind]
    if outcome is not None:
        colour = OUTCOME_COLOURS[outcome]
        text += f"\n({OUTCOME_LABELS[outcome]})"
        title.append(f"representation rules: {OUTCOME_LABELS[outcome]}")
    if counts:
        summary = ", ".join(f"{counts[o]} {OUTCOME_LABELS[o]}" for o in OUTCOME_COLOURS if counts[o])
        text += f"\n{summary}"
        title.append(summary)
    size = _PARENT_SIZE if node.kind in (NodeKind.PORTFOLIO, NodeKind.PROGRAMME) else _NODE_SIZE
    return VisNode(id=node.id, label=text, group=node.kind, color=colour, shape="box" if node.collapsed else "dot",
                   size=size, title=title, target=target, x=at[0], y=at[1])  # fmt: skip


def focus_diagram(subgraph: Subgraph, shown_depth: int | None = None) -> VisGraph:
    """The focus diagram: rings of nodes by their steps from the focus node. Nodes more
    than ``shown_depth`` steps away are drawn hidden, in their places, for a click on a
    neighbour to show (expand) and hide again (collapse)."""
    centre = subgraph.focus_id or (subgraph.nodes[0].id if subgraph.nodes else "")
    neighbours: dict[str, list[str]] = {node.id: [] for node in subgraph.nodes}
    for edge in sorted(subgraph.edges, key=lambda e: (e.from_id, e.to_id, e.type)):
        neighbours[edge.from_id].append(edge.to_id)
        neighbours[edge.to_id].append(edge.from_id)
    by_id = {node.id: node for node in subgraph.nodes}
    # Breadth first from the focus: each step ordered by its parent's place in the step
    # before, then kind and name, so that a node sits near what brought it in.
    steps: list[list[str]] = []
    seen = {centre}
    frontier = [centre]
    while frontier:
        step = []
        for parent in frontier:
            found = sorted(
                (n for n in neighbours.get(parent, []) if n not in seen),
                key=lambda n: (by_id[n].kind, by_id[n].name, n),
            )
            for n in found:
                seen.add(n)
                step.append(n)
        if step:
            steps.append(step)
        frontier = step
    unreached = sorted(n.id for n in subgraph.nodes if n.id not in seen)
    if unreached:
        steps.append(unreached)
    positions = rings(centre, steps) if subgraph.nodes else {}
    step_of = {id: number for number, ids in enumerate(steps, start=1) for id in ids}
    nodes = []
    for node in sorted(subgraph.nodes, key=lambda n: n.id):
        x, y = positions[node.id]
        nodes.append(VisNode(id=node.id, label=label(node.name), group=node.kind, color=KIND_COLOURS[node.kind],
                             shape="box" if node.collapsed else "dot",
                             size=_FOCUS_SIZE if node.id == subgraph.focus_id else _NODE_SIZE,
                             title=[node.name, *node.detail], target=None if node.collapsed else node.id, x=x, y=y,
                             hidden=shown_depth is not None and step_of.get(node.id, 0) > shown_depth))  # fmt: skip
    edges = sorted((typed_edge(e.from_id, e.type, e.to_id) for e in subgraph.edges), key=lambda e: e.id)
    return VisGraph(
        view="focus",
        title=subgraph.title,
        as_of=subgraph.as_of.isoformat(),
        focus_id=subgraph.focus_id,
        nodes=nodes,
        edges=edges,
        legend=kind_legend({n.kind for n in subgraph.nodes}) + edge_legend({e.type for e in subgraph.edges}),
        notes=list(subgraph.aggregated),
    )
