"""The page ``render_html`` writes: one document, nothing fetched, data that reads back."""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from importlib.resources import files

import pytest

from govgraph.graph.store import NetworkXStore
from govgraph.queries.neighbourhood import focus, overview
from govgraph.viz import VIS_NETWORK_VERSION, Frame, Links, VisGraph, render_html, to_svg, to_vis_data

VIS_DIR = files("pyvis") / "lib" / f"vis-{VIS_NETWORK_VERSION}"
VIS_JS = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
VIS_CSS = (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def vis(small_store: NetworkXStore) -> VisGraph:
    return to_vis_data(focus(small_store, "programme:trauma", as_of="2016-06-01", max_nodes=3))


@pytest.fixture(scope="module")
def page(vis: VisGraph) -> str:
    return render_html(vis, title="Trauma & co")


def test_vis_network_is_inlined_whole(page: str) -> None:
    assert VIS_JS in page and VIS_CSS in page


def test_nothing_outside_the_vendored_library_names_a_url(page: str) -> None:
    own = page.replace(VIS_JS, "").replace(VIS_CSS, "")
    assert "://" not in own and "src=" not in own and "@import" not in own
    # A file written with nowhere to link to has no links but within itself: the empty icon
    # and the skip link (the SVG picture is carried in the page, see below).
    links = re.findall(r'href="([^"]*)"', own)
    assert [link.split(",")[0] for link in links] == ["data:", "#content"]
    # The only "http" left is the Content-Security-Policy's http-equiv.
    assert [m.start() for m in re.finditer("http", own)] == [own.index('http-equiv="Content-Security-Policy"')]


def test_a_served_page_links_to_the_service_and_shares_its_assets(vis: VisGraph) -> None:
    frame = Frame(links=Links.served(), view="focus", id="programme:trauma", as_of="2016-06-01")
    page = render_html(vis, frame)
    assert VIS_JS not in page and VIS_CSS not in page and "<script>" not in page
    assert re.findall(r'<script src="([^"?]*)\?v=[0-9a-f]{12}"></script>', page) == [
        "/assets/vis-network.min.js",
        "/assets/diagram.js",
    ]
    assert "script-src &#39;self&#39;" in page
    data = json.loads(re.search(r'id="govgraph-data">(.*?)</script>', page, flags=re.DOTALL).group(1))  # type: ignore[union-attr]
    # A click opens the node's page on the same day.
    assert {n["id"]: n["url"] for n in data["nodes"]}["programme:trauma"] == "/nodes/programme:trauma?as_of=2016-06-01"
    assert '<a href="/nodes/programme:trauma?as_of=2016-06-01">Trauma</a>' in page  # the text alternative


def test_the_policy_allows_exactly_the_page_scripts(page: str) -> None:
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    assert len(scripts) == 2 and scripts[0] == VIS_JS
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert policy is not None
    allowed = re.findall(r"'sha256-([^']+)'", policy.group(1).replace("&#39;", "'"))
    assert allowed == [base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts]
    assert "default-src &#39;none&#39;" in policy.group(1) and "unsafe-inline&#39;; img" in policy.group(1)
    assert page.count("</script>") == 4  # the data, the SVG, vis-network, ours: nothing else closes one


def test_the_data_reads_back_as_the_payload(page: str, vis: VisGraph) -> None:
    data = re.search(r'<script type="application/json" id="govgraph-data">(.*?)</script>', page, flags=re.DOTALL)
    assert data is not None
    expected = vis.model_dump(mode="json", by_alias=True)
    for node in expected["nodes"]:
        del node["target"]
        node["url"] = None  # a file written without a site or a service has no page to open
    assert json.loads(data.group(1)) == expected


def test_the_svg_picture_is_carried_gzipped(page: str, vis: VisGraph) -> None:
    packed = re.search(r'<script type="application/gzip" id="govgraph-svg">([A-Za-z0-9+/=]*)</script>', page)
    assert packed is not None
    assert gzip.decompress(base64.b64decode(packed.group(1))).decode("utf-8") == to_svg(vis)
    assert '<button type="button" id="download-svg" data-file="focus-2016-06-01.svg">SVG</button>' in page


def test_page_shows_title_as_of_legend_and_notes(page: str) -> None:
    assert "<title>Trauma &amp; co</title>" in page and "<h1>Trauma &amp; co</h1>" in page
    assert 'As of <time datetime="2016-06-01">2016-06-01</time>' in page
    assert '<li class="legend-node"><span class="mark" style="--colour: #ff9d9a"></span>Programme</li>' in page
    assert "<li>1 Board node joined to programme:trauma by PART_OF: shown as one node.</li>" in page


def test_an_empty_day_says_so(small_store: NetworkXStore) -> None:
    page = render_html(to_vis_data(overview(small_store, as_of="2010-01-01")), title="Overview")
    assert '<p id="empty">Nothing to draw on 2010-01-01.</p>' in page
