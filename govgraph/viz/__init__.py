"""Renderings: query results drawn as pages, diagrams, downloads and pyvis networks.

A diagram is two steps: ``to_vis_data`` turns a query's result (an overview or focus
``Subgraph``, a ``Representation``, a ``LineOfSight``, a ``Changes``) into the data the
diagram shows, positions included (pure, deterministic, golden-testable), and
``render_html`` puts that data into a page. ``to_pyvis`` makes the same diagram a pyvis
``Network`` for notebooks. ``pages`` draws the report pages the same way, and ``VIEWS``
names every page and download, drawn for the service or for files (``Links``).

Modules: ``palette`` (colours), ``model`` (what a diagram holds), ``layout`` (positions),
``neighbourhood``, ``representation``, ``line_of_sight``, ``changes`` (one diagram each),
``vis`` (picks one), ``render`` and ``svg`` (draw one), ``notebook`` (pyvis), ``pages`` and
``heatmap`` (report pages, the heat map and its downloads), ``citations`` (sources as
readable citations), ``links`` (where links lead), ``assets``, ``views`` and ``site``.
"""

from govgraph.viz import pages
from govgraph.viz._html import Era, Frame
from govgraph.viz.assets import VIS_NETWORK_VERSION
from govgraph.viz.changes import MAX_CHANGES_DRAWN
from govgraph.viz.links import Links
from govgraph.viz.model import LegendEntry, VisEdge, VisGraph, VisNode
from govgraph.viz.notebook import to_pyvis
from govgraph.viz.outcome import outcome_of
from govgraph.viz.palette import (
    BREAK_COLOUR,
    CHANGE_COLOURS,
    EDGE_COLOURS,
    GAP_COLOURS,
    KIND_COLOURS,
    OUTCOME_COLOURS,
    SEAT_COLOURS,
)
from govgraph.viz.render import render_html
from govgraph.viz.svg import to_svg
from govgraph.viz.views import VIEWS, View, ViewRequest, draw
from govgraph.viz.vis import to_vis_data

__all__ = [
    "BREAK_COLOUR",
    "CHANGE_COLOURS",
    "EDGE_COLOURS",
    "GAP_COLOURS",
    "KIND_COLOURS",
    "MAX_CHANGES_DRAWN",
    "OUTCOME_COLOURS",
    "SEAT_COLOURS",
    "VIEWS",
    "VIS_NETWORK_VERSION",
    "Era",
    "Frame",
    "LegendEntry",
    "Links",
    "View",
    "ViewRequest",
    "VisEdge",
    "VisGraph",
    "VisNode",
    "draw",
    "outcome_of",
    "pages",
    "render_html",
    "to_pyvis",
    "to_svg",
    "to_vis_data",
]
