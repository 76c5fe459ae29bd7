"""One self-contained HTML page per diagram.

The page carries everything it needs: vis-network's script and style from the pyvis
package, our own template, style and script from ``templates/``, and the diagram's data.
It makes no network request, so it opens from a file, an e-mail attachment or the REST
service alike. Nothing is written to disk here (pyvis's ``write_html`` would leave a
``lib/`` folder in the working directory).

How user text stays text
    * the template is rendered by Jinja2 with autoescaping;
    * the data is JSON inside ``<script type="application/json">`` with ``<``, ``>`` and
      ``&`` written as ``\\u003c``, ``\\u003e`` and ``\\u0026``, so no name can close the
      script element; the page reads it with ``JSON.parse``;
    * tooltips are built with ``textContent``;
    * the Content-Security-Policy lets only our two scripts run (by their SHA-256), so
      even markup that slipped through could not run a handler or fetch anything.
"""

from __future__ import annotations

from markupsafe import Markup

from govgraph.viz._html import VIS_NETWORK_VERSION, own_asset, render_page, vis_asset
from govgraph.viz.vis import VisGraph

__all__ = ["VIS_NETWORK_VERSION", "render_html"]

_JSON_IN_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def render_html(vis: VisGraph, *, title: str | None = None) -> str:
    """The diagram as one HTML document that loads nothing from the network; ``title``
    defaults to the diagram's own.

    >>> from govgraph.loaders import load_reference
    >>> from govgraph.queries.neighbourhood import overview
    >>> from govgraph.viz.vis import to_vis_data
    >>> page = render_html(to_vis_data(overview(load_reference(), as_of="2014-01-01")))
    >>> page.startswith("<!DOCTYPE html>"), 'src="' in page, "<time datetime=\\"2014-01-01\\">" in page
    (True, False, True)
    """
    vis_js, app_js = vis_asset("vis-network.min.js"), own_asset("diagram.js")
    data = vis.model_dump_json(by_alias=True).translate(_JSON_IN_SCRIPT)
    return render_page(
        "diagram.html",
        scripts=[vis_js, app_js],
        title=title if title is not None else vis.title,
        as_of=vis.as_of,
        vis=vis,
        data=Markup(data),
        vis_css=Markup(vis_asset("vis-network.css")),
        diagram_css=Markup(own_asset("diagram.css")),
        vis_js=Markup(vis_js),
        app_js=Markup(app_js),
    )
