"""Diagrams for notebooks: a query result as a pyvis ``Network``.

``to_pyvis(result)`` draws the same diagram as the pages (same nodes, colours, shapes,
labels and positions, physics off), so a notebook user of pyvis gets the picture the
service shows, and can restyle it with pyvis's own methods before ``net.show(...)``.
The network uses a template of ours that inlines vis-network from the pyvis package:
its page loads nothing from the network either.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.resources import files

from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network

from govgraph.queries.changes import Changes
from govgraph.queries.line_of_sight import LineOfSight
from govgraph.queries.neighbourhood import Subgraph
from govgraph.queries.representation import Representation
from govgraph.viz.model import VisGraph
from govgraph.viz.outcome import Outcome
from govgraph.viz.vis import to_vis_data

__all__ = ["to_pyvis"]

_TEMPLATE = "pyvis.html"
_OWN_TEMPLATES = str(files("govgraph.viz") / "templates")
_PYVIS_TEMPLATES = str(files("pyvis") / "templates")


def to_pyvis(
    result: Subgraph | Representation | LineOfSight | Changes | VisGraph,
    *,
    outcomes: Mapping[str, Outcome] | None = None,
    notebook: bool = True,
    height: str = "750px",
) -> Network:
    """A pyvis ``Network`` of the diagram of ``result`` (or of an already drawn ``VisGraph``).

    >>> import govgraph
    >>> net = to_pyvis(govgraph.load().line_of_sight("post:org:northby-example-hospitals/medical-director",
    ...                                               as_of="2014-06-01"))
    >>> len(net.get_nodes()) > 0, net.options.physics.enabled
    (True, False)
    """
    vis = result if isinstance(result, VisGraph) else to_vis_data(result, outcomes=outcomes)
    net = Network(height=height, width="100%", directed=True, notebook=notebook, cdn_resources="in_line",
                  heading="")  # fmt: skip
    for node in vis.nodes:
        net.add_node(
            node.id,
            label=node.label,
            shape=node.shape,
            color=node.color,
            size=node.size,
            title="\n".join(node.title),
            x=node.x,
            y=node.y,
            physics=False,
            borderWidth=3 if node.id == vis.focus_id else 1,
        )
    for edge in vis.edges:
        net.add_edge(edge.from_, edge.to, title=edge.title, color=edge.color, dashes=edge.dashes, arrows="to")
    net.toggle_physics(False)
    # Our own template (pyvis's loads Bootstrap from a CDN), with pyvis's folder behind it
    # for the vis-network files it inlines.
    net.path = _TEMPLATE
    net.templateEnv = Environment(loader=FileSystemLoader([_OWN_TEMPLATES, _PYVIS_TEMPLATES]), autoescape=True)
    net.template = net.templateEnv.get_template(_TEMPLATE)
    return net
