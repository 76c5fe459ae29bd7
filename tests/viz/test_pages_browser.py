"""Diagram pages in a real headless Chromium: they load, draw what the query returned, fetch
nothing from beyond this machine, show their legend and date, and keep hostile text inert.

The pages are written by ``render_html`` into a temporary folder served on 127.0.0.1.
Screenshots go to ``tests/artifacts/`` for a person to look at.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from govgraph.graph.store import NetworkXStore
from govgraph.queries.neighbourhood import Subgraph, focus, overview
from govgraph.viz import render_html, to_vis_data
from tests.viz._browser import ARTIFACTS, CHROMIUM, NO_CHROMIUM, Visit, node_position, watch
from tests.viz._stores import HOSTILE_ID, HOSTILE_NAME, HOSTILE_SEAT

# A real browser: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

DAY = "2014-01-01"

if not CHROMIUM.exists():
    pytest.skip(NO_CHROMIUM, allow_module_level=True)


def pages(store: NetworkXStore) -> dict[str, Subgraph]:
    return {
        "overview": overview(store, as_of=DAY),
        "focus-crg": focus(store, "crg:CFS", as_of=DAY),
        "focus-person": focus(store, HOSTILE_ID, depth=2, as_of=DAY),
        "capped": focus(store, "senate:london", as_of=DAY, max_nodes=20),
        "empty": overview(store, as_of="2010-01-01"),
    }


@dataclass
class Site:
    base: str
    subgraphs: dict[str, Subgraph]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep pytest's output to the tests' own


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, hostile_store: NetworkXStore) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("site")
    subgraphs = pages(hostile_store)
    for name, subgraph in subgraphs.items():
        (root / f"{name}.html").write_text(render_html(to_vis_data(subgraph), title=subgraph.title), encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_address[1]}", subgraphs)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def visit(browser: Browser, site: Site) -> Iterator[Callable[[str], Visit]]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})

    def open_page(name: str) -> Visit:
        page = context.new_page()
        seen = watch(page)
        page.goto(f"{site.base}/{name}.html")
        page.wait_for_selector("body[data-stabilised=true]", timeout=60_000)
        return seen

    yield open_page
    context.close()


def node_ids(page: Page) -> list[str]:
    return sorted(page.evaluate("window.govgraphNodes.getIds()"))


@pytest.mark.parametrize("name", ["overview", "focus-crg", "focus-person", "capped", "empty"])
def test_page_draws_the_query_result_offline(visit: Callable[[str], Visit], site: Site, name: str) -> None:
    seen = visit(name)
    page, subgraph = seen.page, site.subgraphs[name]
    assert node_ids(page) == sorted(node.id for node in subgraph.nodes)
    assert sorted(page.evaluate("window.govgraphEdges.getIds()")) == sorted(
        f"{e.from_id} {e.type} {e.to_id}" for e in subgraph.edges
    )
    assert [url for url in seen.requests if not url.startswith(site.base + "/")] == []
    assert seen.errors == [] and seen.dialogs == []
    assert page.locator("#legend").is_visible()
    legend = page.locator("#legend li").all_inner_texts()
    assert {node.kind for node in subgraph.nodes} <= set(legend)
    assert page.locator("#as-of").is_visible() and page.locator("#as-of").inner_text() == f"As of {subgraph.as_of}"
    assert page.locator("#status").is_hidden()
    # Laid out once, then still: physics is off after stabilisation.
    assert page.evaluate("window.govgraphNetwork.physics.options.enabled") is False
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_overview_holds_the_programmes_and_their_crgs(visit: Callable[[str], Visit]) -> None:
    ids = node_ids(visit("overview").page)
    assert {"portfolio:acute", "programme:internal-medicine", "crg:CFS", "board:poc-trauma"} <= set(ids)
    assert sum(id.startswith("crg:") for id in ids) == 73


def test_collapsed_nodes_and_their_notes_are_shown(visit: Callable[[str], Visit]) -> None:
    page = visit("capped").page
    assert "senate:london+in:REPRESENTS:Post" in node_ids(page)
    notes = page.locator("#notes")
    assert notes.is_visible()
    assert "Post nodes joined to senate:london by REPRESENTS: shown as one node." in notes.inner_text()


def test_hostile_name_is_inert_text(visit: Callable[[str], Visit]) -> None:
    seen = visit("focus-person")
    page = seen.page
    assert page.locator("h1").inner_text() == f"{HOSTILE_NAME} ({HOSTILE_ID}), 2 steps around"
    assert {HOSTILE_ID, HOSTILE_SEAT, "crg:CFS"} <= set(node_ids(page))
    at = node_position(page, HOSTILE_ID)
    page.mouse.move(at["x"], at["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.locator("strong").inner_text() == HOSTILE_NAME
    assert "employer: <b>bold</b> & co" in tooltip.inner_text()
    assert tooltip.locator("img, b").count() == 0
    assert page.locator("img").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "focus-person-tooltip.png"))
    assert page.evaluate("window.__xss") is None
    assert seen.dialogs == [] and seen.errors == []


def test_clicking_a_node_opens_its_page(visit: Callable[[str], Visit], site: Site) -> None:
    page = visit("focus-crg").page
    at = node_position(page, "programme:internal-medicine")
    with page.expect_navigation():
        page.mouse.click(at["x"], at["y"])
    assert page.url == f"{site.base}/nodes/programme:internal-medicine"
