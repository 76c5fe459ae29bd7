"""Renderings: query results drawn as self-contained HTML (vis-network diagrams, report pages).

A diagram is two steps: ``to_vis_data`` turns a query's result (an overview or focus
``Subgraph``, a ``Representation``, a ``LineOfSight``, a ``Changes``) into the data the
diagram shows (pure, golden-testable), and ``render_html`` puts that data into one page
that needs no network. ``pages`` draws the report pages (home, coverage heat map, gap
report, a node's page, an error) from their query results the same way.
"""

from govgraph.viz import pages
from govgraph.viz.render import VIS_NETWORK_VERSION, render_html
from govgraph.viz.vis import (
    BREAK_COLOUR,
    CHANGE_COLOURS,
    EDGE_COLOURS,
    KIND_COLOURS,
    MAX_CHANGES_DRAWN,
    SEAT_COLOURS,
    LegendEntry,
    VisEdge,
    VisGraph,
    VisNode,
    node_url,
    to_vis_data,
)

__all__ = [
    "BREAK_COLOUR",
    "CHANGE_COLOURS",
    "EDGE_COLOURS",
    "KIND_COLOURS",
    "MAX_CHANGES_DRAWN",
    "SEAT_COLOURS",
    "VIS_NETWORK_VERSION",
    "LegendEntry",
    "VisEdge",
    "VisGraph",
    "VisNode",
    "node_url",
    "pages",
    "render_html",
    "to_vis_data",
]
