"""Rendered files in a real headless Chromium, opened from ``file://`` as a planner would
open them from disk or an e-mail: they draw what the query returned, fetch nothing, keep
hostile text inert, and every link of a site written with ``--out-dir`` leads to a file
of the site.

Screenshots go to ``tests/artifacts/`` for a person to look at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from govgraph.governance import Governance
from govgraph.graph.store import NetworkXStore
from govgraph.queries.neighbourhood import Subgraph, focus, overview
from govgraph.viz import render_html, to_svg, to_vis_data
from govgraph.viz.site import write_site
from tests.viz._browser import CHROMIUM, NO_CHROMIUM, Visit, node_position, screenshot, watch
from tests.viz._stores import HOSTILE_ID, HOSTILE_NAME, HOSTILE_SEAT, hostile_example

# A real browser: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

DAY = "2014-01-01"
SITE_DAY = "2014-06-01"

if not CHROMIUM.exists():
    pytest.skip(NO_CHROMIUM, allow_module_level=True)


def subgraphs(store: NetworkXStore) -> dict[str, Subgraph]:
    return {
        "overview": overview(store, as_of=DAY),
        "focus-crg": focus(store, "crg:CFS", as_of=DAY),
        "focus-person": focus(store, HOSTILE_ID, depth=2, as_of=DAY),
        "capped": focus(store, "senate:london", as_of=DAY, max_nodes=20),
        "empty": overview(store, as_of="2010-01-01"),
    }


@dataclass
class Files:
    """Single files (by name) and a site, in a folder opened from ``file://``."""

    root: Path
    subgraphs: dict[str, Subgraph]
    site: Path

    def url(self, path: Path) -> str:
        return path.as_uri()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory, hostile_store: NetworkXStore) -> Files:
    root = tmp_path_factory.mktemp("files")
    drawn = subgraphs(hostile_store)
    for name, subgraph in drawn.items():
        (root / f"{name}.html").write_text(render_html(to_vis_data(subgraph), title=subgraph.title), encoding="utf-8")
    site = root / "site"
    write_site(hostile_example(), site, as_of=SITE_DAY)
    return Files(root, drawn, site)


@pytest.fixture
def visit(browser: Browser) -> Iterator[Callable[..., Visit]]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=False)

    def open_page(url: str, *, diagram: bool = True) -> Visit:
        page = context.new_page()
        seen = watch(page)
        page.goto(url)
        if diagram:
            page.wait_for_selector("body[data-stabilised=true]", timeout=60_000)
        return seen

    yield open_page
    context.close()


def node_ids(page: Page) -> list[str]:
    return sorted(page.evaluate("window.govgraphNodes.getIds()"))


def assert_stayed_on_disk(seen: Visit, folder: Path) -> None:
    """Every request was for a file in ``folder`` (or data the page holds)."""
    outside = [url for url in seen.requests if not url.startswith((folder.as_uri() + "/", "data:"))]
    assert outside == [] and seen.errors == [] and seen.dialogs == []


@pytest.mark.parametrize("name", ["overview", "focus-crg", "focus-person", "capped", "empty"])
def test_file_draws_the_query_result_offline(visit: Callable[..., Visit], files: Files, name: str) -> None:
    seen = visit(files.url(files.root / f"{name}.html"))
    page, subgraph = seen.page, files.subgraphs[name]
    assert node_ids(page) == sorted(node.id for node in subgraph.nodes)
    assert_stayed_on_disk(seen, files.root)
    assert page.locator("#legend").is_visible()
    assert page.locator("#as-of").inner_text() == f"As of {subgraph.as_of}"
    assert page.locator("#status").is_hidden()
    # Drawn where Python put it: physics never runs.
    assert page.evaluate("window.govgraphNetwork.physics.options.enabled") is False
    screenshot(page, f"file-{name}")


def test_collapsed_nodes_and_their_notes_are_shown(visit: Callable[..., Visit], files: Files) -> None:
    page = visit(files.url(files.root / "capped.html")).page
    assert "senate:london+in:REPRESENTS:Post" in node_ids(page)
    assert "Post nodes joined to senate:london by REPRESENTS: shown as one node." in page.locator("#notes").inner_text()


def test_hostile_name_is_inert_text(visit: Callable[..., Visit], files: Files) -> None:
    seen = visit(files.url(files.root / "focus-person.html"))
    page = seen.page
    assert page.locator("h1").inner_text() == f"{HOSTILE_NAME} ({HOSTILE_ID}), 2 steps around"
    assert {HOSTILE_ID, HOSTILE_SEAT, "crg:CFS"} <= set(node_ids(page))
    at = node_position(page, HOSTILE_ID)
    page.mouse.move(at["x"], at["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.locator("strong").inner_text() == HOSTILE_NAME
    assert "employer: <b>bold</b> & co" in tooltip.inner_text()
    assert tooltip.locator("img, b").count() == 0 and page.locator("img").count() == 0
    screenshot(page, "file-focus-person-tooltip")
    assert page.evaluate("window.__xss") is None
    assert seen.dialogs == [] and seen.errors == []


def test_an_edge_tooltip_names_its_relation(visit: Callable[..., Visit], files: Files) -> None:
    page = visit(files.url(files.root / "focus-crg.html")).page
    # The CRG's line to its programme of care (PART_OF), hovered half way along: the
    # diagram draws straight lines, so the middle of the two ends is on it.
    edge = "crg:CFS PART_OF programme:internal-medicine"
    ends = [node_position(page, id) for id in ("crg:CFS", "programme:internal-medicine")]
    middle = {axis: (ends[0][axis] + ends[1][axis]) / 2 for axis in ("x", "y")}
    box = page.locator("#graph").bounding_box()
    assert box is not None
    inside = {"x": middle["x"] - box["x"], "y": middle["y"] - box["y"]}
    # Nothing else is under the pointer there: the line is what vis-network finds.
    assert page.evaluate("(at) => [window.govgraphNetwork.getNodeAt(at), window.govgraphNetwork.getEdgeAt(at)]",
                         inside) == [None, edge]  # fmt: skip
    page.mouse.move(middle["x"], middle["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.locator("strong").inner_text() == "PART_OF"
    # And from there onto a node, whose tooltip replaces the line's.
    at = node_position(page, "crg:CFS")
    page.mouse.move(at["x"], at["y"])
    page.wait_for_function("() => document.querySelector('div.vis-tooltip strong').textContent !== 'PART_OF'")
    assert tooltip.locator("strong").inner_text() == files.subgraphs["focus-crg"].nodes[0].name


# Runs in the page before its own scripts: when the page says it is interactive, note where
# each node shown is and whether the canvas is painted there, at that very moment.
_AT_THE_MARK = """
new MutationObserver(function (changes, observer) {
  if (document.body.dataset.stabilised !== "true") {
    return;
  }
  observer.disconnect();
  var network = window.govgraphNetwork;
  var canvas = document.querySelector("#graph canvas");
  var ratio = canvas.width / canvas.clientWidth;
  var context = canvas.getContext("2d");
  window.atTheMark = {
    status: document.getElementById("status").hidden,
    nodes: window.govgraphNodes.getIds({ filter: function (n) { return !n.hidden; } }).map(function (id) {
      var at = network.canvasToDOM(network.getPositions([id])[id]);
      return {
        id: id,
        inside: at.x >= 0 && at.y >= 0 && at.x <= canvas.clientWidth && at.y <= canvas.clientHeight,
        painted: context.getImageData(Math.round(at.x * ratio), Math.round(at.y * ratio), 1, 1).data[3] > 0
      };
    })
  };
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-stabilised"] });
"""


@pytest.mark.parametrize("name", ["overview", "focus-person"])
def test_a_diagram_is_marked_interactive_only_once_it_is_drawn(browser: Browser, files: Files, name: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(_AT_THE_MARK)
        page.goto(files.url(files.root / f"{name}.html"))
        page.wait_for_selector("body[data-stabilised=true]", timeout=60_000)
        seen = page.evaluate("window.atTheMark")
    finally:
        context.close()
    # Fitted to the canvas and painted: every node shown is on the canvas, drawn where it is.
    assert seen["status"] is True
    assert len(seen["nodes"]) == len(files.subgraphs[name].nodes)
    assert [n["id"] for n in seen["nodes"] if not (n["inside"] and n["painted"])] == []


def test_a_file_downloads_its_svg_with_no_network(browser: Browser, files: Files, tmp_path: Path) -> None:
    context = browser.new_context(accept_downloads=True)
    try:
        page = context.new_page()
        seen = watch(page)
        page.goto(files.url(files.root / "focus-person.html"))
        page.wait_for_selector("body[data-stabilised=true]", timeout=60_000)
        with page.expect_download() as download:
            page.locator("#download-svg").click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
    finally:
        context.close()
    # The picture Python drew, whole, hostile name escaped in it, from the page alone.
    assert saved.name == f"focus-{DAY}.svg"
    assert saved.read_text(encoding="utf-8") == to_svg(to_vis_data(files.subgraphs["focus-person"]))
    assert_stayed_on_disk(seen, files.root)


def site_pages(files: Files) -> list[Path]:
    # The pages a planner opens first, one of each sort: every link on them is followed.
    return [files.site / name for name in ("index.html", "overview.html", "coverage.html", "gaps.html",
                                           "node--crg~BCS.html", "source--001_7c6f17057a5b61aa.txt.html")]  # fmt: skip


def test_every_link_of_a_site_opened_from_disk_resolves(visit: Callable[..., Visit], files: Files) -> None:
    for path in site_pages(files):
        seen = visit(files.url(path), diagram=path.name == "overview.html")
        page = seen.page
        hrefs = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
        assert hrefs, path.name
        for href in hrefs:
            if href.startswith("data:"):
                continue  # the SVG picture of a diagram, held by the page
            target, _, fragment = href.partition("#")
            assert target.startswith(files.site.as_uri() + "/"), (path.name, href)
            file = files.site / target.removeprefix(files.site.as_uri() + "/")
            assert file.is_file(), (path.name, href)
            if fragment and file.suffix == ".html":
                assert f'id="{fragment}"' in file.read_text(encoding="utf-8"), (path.name, href)
        assert_stayed_on_disk(seen, files.site)
        screenshot(page, f"site-{path.stem}", full_page=path.name != "overview.html")


def test_a_planner_walks_the_site_from_disk(visit: Callable[..., Visit], files: Files) -> None:
    seen = visit(files.url(files.site / "index.html"), diagram=False)
    page = seen.page
    # Home -> the Burn Care CRG's page -> the paragraph its senate-coverage rule cites.
    with page.expect_navigation():
        page.get_by_role("link", name="Burn Care", exact=True).click()
    assert page.url == files.url(files.site / "node--crg~BCS.html")
    assert page.locator("#summary").inner_text().startswith("fails")
    assert page.locator('#members tr[data-seat="post:crg:BCS/senate-london-3"]').get_attribute("class") == "vacant"
    with page.expect_navigation():
        page.locator("#verdict-crg-senate-coverage a.citation").click()
    assert page.url == files.url(files.site / "source--001_7c6f17057a5b61aa.txt.html") + "#para-23"
    # The passage cited is marked (the fragment is what a file can carry).
    assert page.locator("#para-23").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 243, 191)"
    assert page.locator("#para-23").inner_text().startswith("23.")
    # And from the overview diagram, a click on a body opens its page, a file beside it.
    seen = visit(files.url(files.site / "overview.html"))
    page = seen.page
    at = node_position(page, "crg:BCS")
    with page.expect_navigation():
        page.mouse.click(at["x"], at["y"])
    assert page.url == files.url(files.site / "node--crg~BCS.html")
    assert_stayed_on_disk(seen, files.site)


def test_a_file_with_no_service_offers_no_controls_that_lead_nowhere(visit: Callable[..., Visit], files: Files) -> None:
    page = visit(files.url(files.root / "overview.html")).page
    assert page.locator("form").count() == 0
    assert page.locator(".offline-note").is_visible()


def test_site_holds_one_day_and_says_so(files: Files) -> None:
    governance: Governance = hostile_example()
    page = (files.site / "index.html").read_text(encoding="utf-8")
    assert f'<p id="as-of">As of <time datetime="{SITE_DAY}">{SITE_DAY}</time></p>' in page
    assert len(list(files.site.glob("node--*.html"))) == sum(
        node.kind in ("Portfolio", "Programme", "CRG", "Board") for node in governance.overview(as_of=SITE_DAY).nodes
    )
