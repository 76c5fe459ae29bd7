"""The service's pages in a real headless Chromium, served by the real app on 127.0.0.1
from the example roster (plus a person with a hostile name): each page loads with nothing
fetched from beyond this machine and no script error, each diagram holds what its query
returned and shows its legend and day, the heat map and gap report show the roster's known
gaps, the hostile name stays text, and keyboard focus is visible.

Screenshots go to ``tests/artifacts/`` for a person to look at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page

from govgraph.api import Settings, create_app
from govgraph.governance import Governance
from govgraph.viz import BREAK_COLOUR, SEAT_COLOURS, VisGraph, to_vis_data
from govgraph.viz.views import outcomes_of
from tests._server import serving_in_thread
from tests.viz._browser import CHROMIUM, NO_CHROMIUM, Visit, node_position, screenshot, watch
from tests.viz._stores import HOSTILE_EXAMPLE_SEAT, HOSTILE_ID, HOSTILE_NAME, hostile_example
from tests.viz.test_report_pages import FAILING_ON_DAY, VACANT_SENATE_SEATS

# A real browser and service: `make test-fast` leaves them out.
pytestmark = pytest.mark.slow

DAY = "2014-06-01"
NORTHBY_MD = "post:org:northby-example-hospitals/medical-director"
NCD = "post:org:nhs-england/national-clinical-director-specialised-services"

if not CHROMIUM.exists():
    pytest.skip(NO_CHROMIUM, allow_module_level=True)

#: Each diagram page, with the query result it draws.
DIAGRAMS: dict[str, tuple[str, Callable[[Governance], VisGraph]]] = {
    "overview": (
        f"/diagrams/overview?as_of={DAY}",
        lambda g: to_vis_data(g.overview(as_of=DAY), outcomes=outcomes_of(g, g.overview(as_of=DAY))),
    ),
    "representation": (
        f"/diagrams/representation/crg:BCS?as_of={DAY}",
        lambda g: to_vis_data(g.representation("crg:BCS", as_of=DAY)),
    ),
    "representation-board": (
        "/diagrams/representation/board:oversight-wessex?as_of=2016-01-01",
        lambda g: to_vis_data(g.representation("board:oversight-wessex", as_of="2016-01-01")),
    ),
    "line-of-sight": (
        f"/diagrams/line-of-sight/{NORTHBY_MD}?as_of={DAY}",
        lambda g: to_vis_data(g.line_of_sight(NORTHBY_MD, as_of=DAY)),
    ),
    "changes": (
        "/diagrams/changes?from=2015-01-01&to=2015-06-01",
        lambda g: to_vis_data(g.changes("2015-01-01", "2015-06-01")),
    ),
}
#: Each report page.
REPORTS = {
    "home": f"/?as_of={DAY}",
    "coverage": f"/coverage?as_of={DAY}",
    "gaps": f"/gaps?as_of={DAY}",
    "node-crg": f"/nodes/crg:CFS?as_of={DAY}",
    "node-person": f"/nodes/{HOSTILE_ID}",
    "not-found": "/nodes/crg:CSF",
}


@dataclass
class Service:
    base: str
    governance: Governance


@pytest.fixture(scope="module")
def service() -> Iterator[Service]:
    governance = hostile_example()
    with serving_in_thread(create_app(Settings(), governance=governance)) as base:
        yield Service(base, governance)


@pytest.fixture
def visit(browser: Browser, service: Service) -> Iterator[Callable[..., Visit]]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})

    def open_page(path: str, *, diagram: bool = False) -> Visit:
        page = context.new_page()
        seen = watch(page)
        page.goto(service.base + path)
        if diagram:
            page.wait_for_selector("body[data-stabilised=true]", timeout=60_000)
        return seen

    yield open_page
    context.close()


def assert_stayed_home(seen: Visit, service: Service) -> None:
    assert seen.requests and [url for url in seen.requests if not url.startswith(service.base + "/")] == []
    assert seen.errors == [] and seen.dialogs == []


def node_ids(page: Page) -> list[str]:
    return sorted(page.evaluate("window.govgraphNodes.getIds()"))


@pytest.mark.parametrize("name", list(DIAGRAMS))
def test_diagram_holds_the_query_result(visit: Callable[..., Visit], service: Service, name: str) -> None:
    path, draw = DIAGRAMS[name]
    seen = visit(path, diagram=True)
    page, vis = seen.page, draw(service.governance)
    assert_stayed_home(seen, service)
    assert node_ids(page) == sorted(node.id for node in vis.nodes)
    assert sorted(page.evaluate("window.govgraphEdges.getIds()")) == sorted(edge.id for edge in vis.edges)
    assert page.locator("#legend").is_visible()
    assert page.locator("#legend li").all_inner_texts() == [entry.label for entry in vis.legend]
    assert page.locator("#as-of").is_visible() and page.locator("#as-of").inner_text() == f"As of {vis.as_of}"
    assert page.locator("h1").inner_text() == vis.title
    assert page.evaluate("window.govgraphNetwork.physics.options.enabled") is False
    screenshot(page, f"page-{name}")


@pytest.mark.parametrize("name", list(REPORTS))
def test_report_page_loads_offline(visit: Callable[..., Visit], service: Service, name: str) -> None:
    seen = visit(REPORTS[name])
    page = seen.page
    if name == "not-found":
        # The browser reports the 404 status in the console; nothing else may go wrong.
        seen.errors = [e for e in seen.errors if "404" not in e]
    assert_stayed_home(seen, service)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("nav a").first.is_visible()
    screenshot(page, f"page-{name}", full_page=True)


def test_representation_shows_filled_vacant_and_missing(visit: Callable[..., Visit]) -> None:
    page = visit(f"/diagrams/representation/crg:BCS?as_of={DAY}", diagram=True).page
    colours = page.evaluate("Object.fromEntries(window.govgraphNodes.get().map(n => [n.id, n.color.background]))")
    assert colours["post:crg:BCS/senate-london-3"] == SEAT_COLOURS["vacant"]
    assert colours["post:crg:BCS/senate-london-1"] == SEAT_COLOURS["filled"]
    assert colours["crg-senate-coverage+missing:senate:london"] == SEAT_COLOURS["missing"]
    legend = page.locator("#legend li").all_inner_texts()
    assert {"Filled seat (holder named)", "Vacant seat", "Missing: what a failing rule finds"} <= set(legend)
    # Hovering a seat shows its role and holder.
    at = node_position(page, "post:crg:BCS/senate-london-1")
    page.mouse.move(at["x"], at["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert "role: clinical-member" in tooltip.inner_text() and "held by " in tooltip.inner_text()


def test_line_of_sight_runs_top_down_with_the_break_in_red(visit: Callable[..., Visit]) -> None:
    page = visit(f"/diagrams/line-of-sight/{NORTHBY_MD}?as_of={DAY}", diagram=True).page
    start, top = node_position(page, NORTHBY_MD), node_position(page, NCD)
    assert top["y"] < start["y"]
    broken = page.evaluate("window.govgraphNodes.get('post:region:north/medical-director')")
    assert broken["color"]["background"] == BREAK_COLOUR and broken["label"].endswith("BREAK: vacant")
    assert "Break (vacant): Regional Medical Director" in page.locator("#notes").inner_text()


def test_clicking_a_seat_opens_its_page(visit: Callable[..., Visit], service: Service) -> None:
    page = visit(f"/diagrams/representation/crg:BCS?as_of={DAY}", diagram=True).page
    at = node_position(page, "post:crg:BCS/chair")
    with page.expect_navigation():
        page.mouse.click(at["x"], at["y"])
    assert page.url == f"{service.base}/nodes/post:crg:BCS/chair?as_of={DAY}"
    assert page.locator("h1").inner_text().endswith("(post:crg:BCS/chair)")


def test_heat_map_marks_the_known_gaps(visit: Callable[..., Visit]) -> None:
    page = visit(f"/coverage?as_of={DAY}").page
    marked = page.evaluate(
        "[...document.querySelectorAll('td[data-gap]:not([data-gap=filled])')].map(td => [td.dataset.body, td.dataset.area])"
    )
    assert {tuple(cell) for cell in marked} == VACANT_SENATE_SEATS
    cell = page.locator('td[data-body="crg:HIV"][data-area="senate:wessex"]')
    # The only Wessex seat of the HIV CRG is vacant: no voice, in red, and said in words.
    assert cell.get_attribute("data-gap") == "vacant"
    assert cell.text_content() == "0/1 seats, none filled: no voice"
    assert cell.evaluate("td => getComputedStyle(td).backgroundColor") == "rgb(214, 39, 40)"  # GAP_COLOURS["vacant"]
    london = page.locator('td[data-body="crg:BCS"][data-area="senate:london"]')
    assert london.get_attribute("data-gap") == "partly-vacant"
    assert london.evaluate("td => getComputedStyle(td).backgroundColor") == "rgb(253, 184, 99)"  # #fdb863
    assert page.locator("#heat-map caption").inner_text().startswith("72 CRGs by 12 Senate areas")
    screenshot(page, "page-coverage-heat-map")


def test_gap_report_lists_the_known_gaps(visit: Callable[..., Visit]) -> None:
    page = visit(f"/gaps?as_of={DAY}").page
    rows = page.evaluate(
        "[...document.querySelectorAll('tr[data-outcome=failed]')].map(tr => [tr.dataset.rule, tr.dataset.subject])"
    )
    assert {tuple(row) for row in rows} == FAILING_ON_DAY
    assert page.locator("cite").first.is_visible()


def test_hostile_name_does_not_run_anywhere(visit: Callable[..., Visit]) -> None:
    seen = visit(f"/nodes/{HOSTILE_ID}")
    page = seen.page
    assert page.locator("h1").inner_text() == f"{HOSTILE_NAME} ({HOSTILE_ID})"
    assert page.locator("img, b").count() == 0
    assert page.evaluate("window.__xss") is None
    seen = visit(f"/diagrams/representation/crg:RSP?as_of={DAY}", diagram=True)
    page = seen.page
    at = node_position(page, HOSTILE_EXAMPLE_SEAT)
    page.mouse.move(at["x"], at["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert f"held by {HOSTILE_NAME}" in tooltip.inner_text()
    assert page.locator("img, b").count() == 0
    page.locator("#node-list summary").click()
    assert page.locator("#node-list").get_by_text(f"held by {HOSTILE_NAME}", exact=False).count() == 1
    assert page.evaluate("window.__xss") is None
    assert seen.dialogs == [] and seen.errors == []
    screenshot(page, "page-representation-hostile-tooltip")


def test_keyboard_focus_is_visible(visit: Callable[..., Visit]) -> None:
    page = visit(f"/?as_of={DAY}").page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return [document.activeElement.textContent, s.outlineStyle, s.outlineWidth]; })()"
    )
    assert focused == ["Home", "solid", "3px"]
    screenshot(page, "page-home-keyboard-focus")


def test_diagram_nodes_are_reachable_from_the_text_alternative(visit: Callable[..., Visit], service: Service) -> None:
    page = visit(f"/diagrams/representation/crg:BCS?as_of={DAY}", diagram=True).page
    page.locator("#node-list summary").focus()
    page.keyboard.press("Enter")
    link = page.locator("#node-list a", has_text="Burn Care")
    assert link.get_attribute("href") == f"/nodes/crg:BCS?as_of={DAY}"
    with page.expect_navigation():
        link.click()
    assert page.url == f"{service.base}/nodes/crg:BCS?as_of={DAY}"
