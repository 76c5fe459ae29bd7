"""The scripts and styles pages use: vis-network from the pyvis package, and our own from
``govgraph/viz/static``. A file page inlines them; the service serves each once, under a
name that changes with its content, so that a browser may keep it for good."""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib.resources import files

__all__ = ["ASSETS", "VIS_NETWORK_VERSION", "asset", "asset_sha256", "asset_version", "media_type"]

#: The vis-network build shipped inside pyvis that every diagram uses.
VIS_NETWORK_VERSION = "9.1.2"

#: Every asset by name, and whether it comes from pyvis (else from ``static/``).
ASSETS: dict[str, bool] = {
    "vis-network.min.js": True,
    "vis-network.css": True,
    "page.css": False,
    "diagram.css": False,
    "diagram.js": False,
    "table.js": False,
}


@cache
def asset(name: str) -> str:
    """The text of an asset; ``KeyError`` for a name that is not one."""
    if ASSETS[name]:
        return (files("pyvis") / "lib" / f"vis-{VIS_NETWORK_VERSION}" / name).read_text(encoding="utf-8")
    return (files("govgraph.viz") / "static" / name).read_text(encoding="utf-8")


@cache
def asset_sha256(name: str) -> str:
    """The base64 SHA-256 a Content-Security-Policy names an inline script by."""
    return base64.b64encode(hashlib.sha256(asset(name).encode("utf-8")).digest()).decode("ascii")


@cache
def asset_version(name: str) -> str:
    """A short digest of the asset, put in its served URL so that a changed file is a new URL."""
    return hashlib.sha256(asset(name).encode("utf-8")).hexdigest()[:12]


def media_type(name: str) -> str:
    """
    >>> media_type("page.css"), media_type("diagram.js")
    ('text/css; charset=utf-8', 'text/javascript; charset=utf-8')
    """
    return ("text/css" if name.endswith(".css") else "text/javascript") + "; charset=utf-8"
