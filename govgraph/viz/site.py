"""A browsable site of self-contained files for one day, as ``govgraph render --out-dir``
writes it: the home page, the overview diagram, the coverage heat map with its CSV and
Excel downloads, the gap report, the seats falling vacant and the seats to fill first
(each with its CSV), a page for each portfolio, programme, CRG and board (who
sits on it, its verdicts, its place in the structure), and the source documents.

Each file inlines everything it needs and links to its siblings by name, so the folder
works from disk, zipped or e-mailed. A link to a page the site does not hold (a person, a
seat map) goes to the service when a base URL is given, and is plain text otherwise.
"""

from __future__ import annotations

from pathlib import Path

from govgraph.governance import Governance
from govgraph.graph.model import NodeKind
from govgraph.graph.timeline import parse_date
from govgraph.viz.citations import documents
from govgraph.viz.links import Links, file_name
from govgraph.viz.views import ViewRequest, draw

__all__ = ["SITE_KINDS", "site_pages", "write_site"]

#: The kinds of node that have a page in a site.
SITE_KINDS = (NodeKind.PORTFOLIO, NodeKind.PROGRAMME, NodeKind.CRG, NodeKind.BOARD)


def site_pages(governance: Governance, day: str) -> list[tuple[str, ViewRequest]]:
    """Every view a site for ``day`` holds, with its request."""
    found = [(view, ViewRequest(as_of=day)) for view in ("home", "overview", "coverage", "coverage.csv",
                                                          "coverage.xlsx", "gaps", "upcoming", "upcoming.csv",
                                                          "recruit", "recruit.csv")]  # fmt: skip
    found += [("source", ViewRequest(id=file, as_of=day)) for file in documents()]
    overview = governance.overview(as_of=day)
    found += [("node", ViewRequest(id=node.id, as_of=day)) for node in overview.nodes if node.kind in SITE_KINDS]
    return found


def write_site(governance: Governance, folder: Path, *, as_of: str | None = None, base_url: str | None = None) -> list[Path]:  # fmt: skip
    """Write the site for ``as_of`` (default today) into ``folder``; the paths written."""
    day = str(parse_date(as_of))
    wanted = site_pages(governance, day)
    names = [file_name(view, request.id) for view, request in wanted]
    links = Links.site(frozenset(names), day, base_url)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (view, request) in zip(names, wanted):
        body = draw(view, governance, request, links)
        path = folder / name
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
        written.append(path)
    return written
