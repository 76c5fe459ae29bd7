"""Every colour the pages and diagrams use, in one place, so that every view reads the same.

Colours are fixed per node kind and edge type. Where a view is about state rather than kind
(a verdict's outcome, a seat filled, vacant or missing, a break in a line of sight, what
changed, a heat-map cell's gap), the state has colours of its own, chosen apart from the
kinds', and each state also has a shape or a mark so that it reads without colour vision.
"""

from __future__ import annotations

from govgraph.graph.model import EdgeType, NodeKind

__all__ = [
    "BREAK_COLOUR",
    "CHANGE_COLOURS",
    "EDGE_COLOURS",
    "GAP_COLOURS",
    "KIND_COLOURS",
    "OTHER_COLOUR",
    "OUTCOME_COLOURS",
    "SEAT_COLOURS",
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

#: A node whose id names no known kind.
OTHER_COLOUR = "#cccccc"

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

#: A verdict's outcome: red fails, green passes, grey was not assessed (no rule in force,
#: data not attested, subject not in existence). The label says which in words too.
OUTCOME_COLOURS: dict[str, str] = {"failed": "#d62728", "passed": "#1a9850", "not_assessed": "#bdbdbd"}

#: A representation diagram's seats and requirements: green filled (a dot), white vacant
#: (a square), red missing (a diamond, a rule's shortfall).
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
    "succeeded": "#9c755f",
}

#: A heat-map cell by its gap state: the eye goes to red (no voice though a seat exists),
#: then to amber (a seat vacant beside filled ones) and to hatched grey (no seat at all);
#: a cell whose seats are all filled stays pale.
GAP_COLOURS: dict[str, str] = {
    "filled": "#f2f7ee",
    "partly-vacant": "#fdb863",
    "vacant": "#d62728",
    "no-seat": "#d9d9d9",
}
