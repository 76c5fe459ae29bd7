"""Renderings: query results drawn as self-contained HTML (vis-network diagrams, report pages).

A diagram is two steps: ``to_vis_data`` turns a query's ``Subgraph`` into the data the
diagram shows (pure, golden-testable), and ``render_html`` puts that data into one page
that needs no network.
"""

from govgraph.viz.render import VIS_NETWORK_VERSION, render_html
from govgraph.viz.vis import EDGE_COLOURS, KIND_COLOURS, LegendEntry, VisEdge, VisGraph, VisNode, node_url, to_vis_data

__all__ = [
    "EDGE_COLOURS",
    "KIND_COLOURS",
    "VIS_NETWORK_VERSION",
    "LegendEntry",
    "VisEdge",
    "VisGraph",
    "VisNode",
    "node_url",
    "render_html",
    "to_vis_data",
]
