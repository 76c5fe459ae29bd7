"""What every page shares: the Jinja2 environment, the assets shipped in the package, and
the Content-Security-Policy that keeps a page from running or fetching anything else."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

__all__ = ["VIS_NETWORK_VERSION", "content_security_policy", "link", "own_asset", "render_page", "vis_asset"]

#: The vis-network build shipped inside pyvis that every diagram inlines.
VIS_NETWORK_VERSION = "9.1.2"


def render_page(template: str, *, scripts: Sequence[str] = (), **context: Any) -> str:
    """A template rendered with autoescaping, the shared style and a policy that lets only
    ``scripts`` (inlined by the template) run."""
    return (
        _environment()
        .get_template(template)
        .render(csp=content_security_policy(scripts), page_css=Markup(own_asset("page.css")), **context)
    )


def content_security_policy(scripts: Sequence[str]) -> str:
    """Nothing may load; only the given inline scripts may run, by their SHA-256.

    >>> content_security_policy([]).split("; ")[:2]
    ["default-src 'none'", "script-src 'none'"]
    """
    hashes = " ".join(f"'sha256-{_sha256(script)}'" for script in scripts) or "'none'"
    # Styles may be inline (the legend's colour swatches); they cannot run code, and with
    # nothing allowed to load they cannot send anything anywhere either. Forms (the dates
    # of the home page) may only go back to the service that served the page.
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'self'"
    )


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def link(path: str, **params: str | int | None) -> str:
    """A path on the service with the parameters that are set; ids keep their ``:`` and ``/``.

    >>> link("/diagrams/focus/post:crg:CFS/chair", depth=2, as_of=None)
    '/diagrams/focus/post:crg:CFS/chair?depth=2'
    """
    query = urlencode({name: value for name, value in params.items() if value is not None})
    return quote(path, safe=":/") + (f"?{query}" if query else "")


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("govgraph.viz", "templates"), autoescape=True, keep_trailing_newline=True
    )
    environment.globals["link"] = link
    return environment


@cache
def vis_asset(name: str) -> str:
    """A file of the vis-network build in the pyvis package."""
    return (files("pyvis") / "lib" / f"vis-{VIS_NETWORK_VERSION}" / name).read_text(encoding="utf-8")


@cache
def own_asset(name: str) -> str:
    """A file of ``govgraph/viz/templates``."""
    return (files("govgraph.viz") / "templates" / name).read_text(encoding="utf-8")
