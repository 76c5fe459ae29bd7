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

import base64
import hashlib
from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from govgraph.viz.vis import VisGraph

__all__ = ["VIS_NETWORK_VERSION", "render_html"]

#: The vis-network build shipped inside pyvis that every page inlines.
VIS_NETWORK_VERSION = "9.1.2"

_JSON_IN_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def render_html(vis: VisGraph, *, title: str) -> str:
    """The diagram as one HTML document that loads nothing from the network.

    >>> from govgraph.loaders import load_reference
    >>> from govgraph.queries.neighbourhood import overview
    >>> from govgraph.viz.vis import to_vis_data
    >>> page = render_html(to_vis_data(overview(load_reference(), as_of="2014-01-01")), title="Overview")
    >>> page.startswith("<!DOCTYPE html>"), 'src="' in page, "<time datetime=\\"2014-01-01\\">" in page
    (True, False, True)
    """
    vis_js, app_js = _vis_asset("vis-network.min.js"), _own_asset("diagram.js")
    data = vis.model_dump_json(by_alias=True).translate(_JSON_IN_SCRIPT)
    return _environment().get_template("diagram.html").render(
        title=title,
        vis=vis,
        csp=_content_security_policy([vis_js, app_js]),
        data=Markup(data),
        vis_css=Markup(_vis_asset("vis-network.css")),
        page_css=Markup(_own_asset("diagram.css")),
        vis_js=Markup(vis_js),
        app_js=Markup(app_js),
    )


def _content_security_policy(scripts: list[str]) -> str:
    hashes = " ".join(f"'sha256-{_sha256(script)}'" for script in scripts)
    # Styles may be inline (the legend's colour swatches); they cannot run code, and with
    # nothing allowed to load they cannot send anything anywhere either.
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("govgraph.viz", "templates"), autoescape=True, keep_trailing_newline=True)


@cache
def _vis_asset(name: str) -> str:
    return (files("pyvis") / "lib" / f"vis-{VIS_NETWORK_VERSION}" / name).read_text(encoding="utf-8")


@cache
def _own_asset(name: str) -> str:
    return (files("govgraph.viz") / "templates" / name).read_text(encoding="utf-8")
