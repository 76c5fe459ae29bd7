"""The line-of-sight diagram: a top-down tree drawn from a ``LineOfSight``.

The post at the top of the chains (the National Clinical Director) is on top, the posts a
chain starts from at the bottom, each post above the middle of those reporting to it. A
post reads its holder, or "VACANT"; a post where a chain breaks is red and says how, and a
break in the link above a post is a red box above it.
"""

from __future__ import annotations

from itertools import pairwise

from govgraph.graph.model import EdgeType, NodeKind
from govgraph.queries.line_of_sight import Break, BreakType, LineOfSight, Link
from govgraph.viz.layout import Point, tree
from govgraph.viz.model import LegendEntry, VisEdge, VisGraph, VisNode, edge_legend, label, typed_edge, vis_edge
from govgraph.viz.palette import BREAK_COLOUR, KIND_COLOURS
from govgraph.viz.representation import holder_text

__all__ = ["BREAK_LABELS", "line_of_sight_diagram"]

#: How each sort of break reads.
BREAK_LABELS = {
    BreakType.VACANT: "vacant",
    BreakType.MISSING_LINK: "missing link",
    BreakType.ENDED_LINK: "link ended",
    BreakType.ENDED_POST: "post ended",
    BreakType.CYCLE: "cycle",
}
# Breaks that are about the link above a post: drawn as a red box above it.
_ABOVE = (BreakType.MISSING_LINK, BreakType.ENDED_LINK)
_TARGET_SIZE = 28
_NODE_SIZE = 16


def line_of_sight_diagram(los: LineOfSight) -> VisGraph:
    day = los.as_of.isoformat()
    breaks: dict[str, list[Break]] = {}
    for b in los.breaks:
        breaks.setdefault(b.post_id, []).append(b)
    # Levels count up from the starting posts; a post in several chains takes its highest,
    # so that a shared superior sits above everyone who reports to it.
    levels: dict[str, int] = {}
    links: dict[str, Link] = {}
    edges: dict[str, VisEdge] = {}
    below: dict[str, list[str]] = {}
    for chain in los.chains:
        for step, link in enumerate(chain):
            links.setdefault(link.post_id, link)
            levels[link.post_id] = max(step, levels.get(link.post_id, 0))
        for lower, upper in pairwise(chain):
            edge = typed_edge(lower.post_id, EdgeType.REPORTS_TO, upper.post_id)
            edges[edge.id] = edge
            if lower.post_id not in below.setdefault(upper.post_id, []):
                below[upper.post_id].append(lower.post_id)
    boxes: dict[str, tuple[Break, str]] = {}
    for b in los.breaks:
        if b.type in _ABOVE and b.post_id in links:
            box = f"{b.post_id}+{b.type.value}"
            boxes[box] = (b, b.post_id)
            levels[box] = levels[b.post_id] + 1
            below[box] = [b.post_id]
    ordered = dict(sorted(levels.items(), key=lambda item: item[0] not in links))  # posts first, in chain order
    positions = tree(ordered, below)
    nodes = [_link_node(link, positions[id], breaks.get(id, []), id == los.target, day) for id, link in links.items()]
    for chain in los.chains:
        ids = [link.post_id for link in chain]
        for b in los.breaks:
            if b.type is BreakType.CYCLE and chain and b.post_id in ids:
                # The chain stops at its last post because that post reports back into it.
                edge = vis_edge(id=f"{ids[-1]} cycle {b.post_id}", from_id=ids[-1], to_id=b.post_id,
                               title=f"REPORTS_TO: {b.message}", color=BREAK_COLOUR, dashes=True)  # fmt: skip
                edges[edge.id] = edge
    for box, (b, post) in boxes.items():
        text = BREAK_LABELS[b.type].capitalize()
        x, y = positions[box]
        nodes.append(VisNode(id=box, label=label(text), group="break", color=BREAK_COLOUR, shape="box",
                             size=_NODE_SIZE, title=[text, b.message], target=None, x=x, y=y))  # fmt: skip
        edge = vis_edge(id=f"{post} {b.type.value}", from_id=post, to_id=box, title=b.message, color=BREAK_COLOUR,
                       dashes=True)  # fmt: skip
        edges[edge.id] = edge
    legend = [LegendEntry(label="Post (its holder under its name)", color=KIND_COLOURS[NodeKind.POST], mark="square")]
    if los.breaks:
        legend.append(LegendEntry(label="Break (its type in the label)", color=BREAK_COLOUR, mark="square"))
    legend += edge_legend({EdgeType.REPORTS_TO})
    if any(b.type in (*_ABOVE, BreakType.CYCLE) for b in los.breaks):
        legend.append(LegendEntry(label="Broken link", color=BREAK_COLOUR, mark="dashed-edge"))
    if los.complete:
        notes = [f"Unbroken: every chain reaches {los.target}."]
    else:
        notes = [f"Break ({BREAK_LABELS[b.type]}): {b.message}" for b in los.breaks]
        if not los.breaks:
            notes = [f"No chain reaches {los.target}."]
    return VisGraph(
        view="line-of-sight",
        title=f"Line of sight from {los.start}",
        as_of=day,
        focus_id=los.start if los.start in links else None,
        nodes=nodes,
        edges=list(edges.values()),
        legend=legend,
        notes=notes,
    )


def _link_node(link: Link, at: Point, breaks: list[Break], is_target: bool, day: str) -> VisNode:
    name = link.name + (f", {link.org_name}" if link.org_name else "")
    who = "; ".join(holder_text(h) for h in link.holders) or "VACANT"
    text = label(name) + "\n" + label(who, lines=2)
    if breaks:
        text += "\nBREAK: " + ", ".join(BREAK_LABELS[b.type] for b in breaks)
    lines = [name, f"Post {link.post_id}"]
    lines += [f"held by {holder_text(h)}" for h in link.holders] or [f"vacant on {day}"]
    lines += [f"break ({BREAK_LABELS[b.type]}): {b.message}" for b in breaks]
    return VisNode(id=link.post_id, label=text, group="break" if breaks else NodeKind.POST,
                   color=BREAK_COLOUR if breaks else KIND_COLOURS[NodeKind.POST], shape="box",
                   size=_TARGET_SIZE if is_target else _NODE_SIZE, title=lines, target=link.post_id,
                   x=at[0], y=at[1])  # fmt: skip
