"""One HTML page per diagram.

A page carries its diagram's data, with every node's position already computed: the
script only draws it (physics off), so the picture is there at once and is the same on
every load. Served pages load vis-network and our script and styles from the service,
cacheable; a file inlines them, so it opens from disk or an e-mail with no network. The
page also offers the diagram as SVG (drawn in Python, in the page gzipped, unpacked by our
script when asked) and PNG (the canvas, by our script). Nothing is written to disk here (pyvis's ``write_html`` would
leave a ``lib/`` folder in the working directory).

How user text stays text
    * the template is rendered by Jinja2 with autoescaping;
    * the data is JSON inside ``<script type="application/json">`` with ``<``, ``>`` and
      ``&`` written as ``\\u003c``, ``\\u003e`` and ``\\u0026``, so no name can close the
      script element; the page reads it with ``JSON.parse``;
    * tooltips are built with ``textContent``; the SVG is XML-escaped;
    * the Content-Security-Policy lets only our two scripts run, so even markup that
      slipped through could not run a handler or fetch anything.
"""

from __future__ import annotations

import base64
import gzip
import json
import re

from markupsafe import Markup

from govgraph.queries.neighbourhood import MAX_DEPTH
from govgraph.viz._html import Frame, render_page
from govgraph.viz.links import Links
from govgraph.viz.model import VisGraph
from govgraph.viz.svg import to_svg

__all__ = ["render_html"]

_JSON_IN_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def render_html(vis: VisGraph, frame: Frame | None = None, *, title: str | None = None) -> str:
    """The diagram as one HTML document; ``frame`` says where its links lead (default: one
    offline file, whose links are text) and ``title`` defaults to the diagram's own.

    >>> from govgraph.loaders import load_reference
    >>> from govgraph.queries.neighbourhood import overview
    >>> from govgraph.viz.vis import to_vis_data
    >>> page = render_html(to_vis_data(overview(load_reference(), as_of="2014-01-01")))
    >>> page.startswith("<!DOCTYPE html>"), 'src="' in page, "<time datetime=\\"2014-01-01\\">" in page
    (True, False, True)
    """
    frame = frame if frame is not None else Frame(links=Links.offline(), view=vis.view, as_of=vis.as_of)
    payload = vis.model_dump(mode="json", by_alias=True)
    for node in payload["nodes"]:
        target = node.pop("target")
        node["url"] = frame.links.url("node", target, as_of=vis.as_of) if target is not None else None
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).translate(_JSON_IN_SCRIPT)
    return render_page(
        "diagram.html",
        frame,
        scripts=["vis-network.min.js", "diagram.js"],
        styles=["vis-network.css", "diagram.css"],
        title=title if title is not None else vis.title,
        day=vis.as_of,
        vis=vis,
        failing=any(n.group == "missing" for n in vis.nodes),
        expandable=any(n.hidden for n in vis.nodes),
        max_depth=MAX_DEPTH,
        data=Markup(data),
        # zlib's default level: level 9 takes twice as long for 2% less (a 2,316-node picture:
        # 1.5 MB of SVG, 120 kB gzipped in 13 ms).
        svg=base64.b64encode(gzip.compress(to_svg(vis).encode("utf-8"), compresslevel=6, mtime=0)).decode("ascii"),
        file_stem=re.sub(r"[^A-Za-z0-9]+", "-", f"{vis.view} {frame.id or ''} {vis.as_of}").strip("-"),
    )
