"""What a planner does in the served pages, in a real headless Chromium, without typing a
URL: pick a day and keep it through diagram clicks, find a CRG and a person, see the same
picture on every load, download the heat map and print it, read the API's documentation
with no network. No request leaves the service.

Screenshots of each view at three days (one per era of the rules) go to
``tests/artifacts/`` for a person to look at.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, BrowserContext, Page, Route

from govgraph.api import Settings, create_app
from govgraph.governance import Governance
from tests._server import serving_in_thread
from tests.viz._browser import CHROMIUM, NO_CHROMIUM, Visit, node_position, screenshot, watch
from tests.viz._stores import hostile_example

DAY = "2014-06-01"
NORTHBY_MD = "post:org:northby-example-hospitals/medical-director"

if not CHROMIUM.exists():
    pytest.skip(NO_CHROMIUM, allow_module_level=True)


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
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def visit(context: BrowserContext, service: Service) -> Callable[..., Visit]:
    def open_page(path: str, *, diagram: bool = False) -> Visit:
        page = context.new_page()
        seen = watch(page)
        page.goto(service.base + path)
        if diagram:
            wait_for_diagram(page)
        return seen

    return open_page


def wait_for_diagram(page: Page) -> None:
    page.wait_for_selector("body[data-stabilised=true]", timeout=60_000)


def assert_stayed_home(seen: Visit, service: Service) -> None:
    outside = [url for url in seen.requests if not url.startswith((service.base + "/", "data:", "blob:"))]
    assert outside == [] and seen.errors == [] and seen.dialogs == []


def positions(page: Page) -> dict[str, dict[str, float]]:
    return page.evaluate("window.govgraphNetwork.getPositions()")


def test_the_day_is_kept_through_three_clicks_from_a_diagram(visit: Callable[..., Visit], service: Service) -> None:
    seen = visit(f"/diagrams/overview?as_of={DAY}", diagram=True)
    page = seen.page
    # 1: a body in the overview opens its page, on the same day.
    at = node_position(page, "crg:BCS")
    with page.expect_navigation():
        page.mouse.click(at["x"], at["y"])
    assert page.url == f"{service.base}/nodes/crg:BCS?as_of={DAY}"
    assert page.locator("#as-of").inner_text() == f"As of {DAY}"
    # 2: its seat map.
    with page.expect_navigation():
        page.get_by_role("link", name="Seat map").click()
    assert page.url == f"{service.base}/diagrams/representation/crg:BCS?as_of={DAY}"
    wait_for_diagram(page)
    # 3: a seat on the map: its holder's seat page answers for the same day.
    at = node_position(page, "post:crg:BCS/senate-london-1")
    with page.expect_navigation():
        page.mouse.click(at["x"], at["y"])
    assert page.url == f"{service.base}/nodes/post:crg:BCS/senate-london-1?as_of={DAY}"
    assert page.locator("#as-of").inner_text() == f"As of {DAY}"
    assert page.locator("#as-of-input").input_value() == DAY
    assert_stayed_home(seen, service)


def test_the_date_control_changes_the_day_of_the_same_page(visit: Callable[..., Visit], service: Service) -> None:
    seen = visit(f"/nodes/crg:BCS?as_of={DAY}")
    page = seen.page
    page.locator("#as-of-input").fill("2020-01-01")
    with page.expect_navigation():
        page.locator("#date-form button").click()
    assert page.url == f"{service.base}/nodes/crg:BCS?as_of=2020-01-01"
    # The 2013 CRGs ended with the 2016 reorganisation: the page says when Burn Care existed.
    assert (
        page.locator("#lifespan")
        .inner_text()
        .startswith("Burn Care does not exist on 2020-01-01: it exists from 2013-04-01 until 2016-04-01")
    )
    # A focus diagram keeps its depth when the day changes.
    page.goto(f"{service.base}/diagrams/focus/crg:BCS?depth=2&as_of={DAY}")
    wait_for_diagram(page)
    page.locator("#as-of-input").fill("2015-06-01")
    with page.expect_navigation():
        page.locator("#date-form button").click()
    assert page.url == f"{service.base}/diagrams/focus/crg:BCS?depth=2&as_of=2015-06-01"
    assert_stayed_home(seen, service)


@pytest.mark.parametrize(
    "path",
    [
        f"/diagrams/overview?as_of={DAY}",
        f"/diagrams/representation/crg:BCS?as_of={DAY}",
        f"/diagrams/line-of-sight/{NORTHBY_MD}?as_of={DAY}",
        f"/diagrams/focus/crg:CFS?depth=2&as_of={DAY}",
        "/diagrams/changes?from=2013-03-31&to=2014-06-01",
    ],
)
def test_the_same_diagram_loaded_twice_is_the_same_picture(visit: Callable[..., Visit], path: str) -> None:
    first = positions(visit(path, diagram=True).page)
    again = positions(visit(path, diagram=True).page)
    assert first and first == again


def test_search_finds_a_person_and_a_crg(visit: Callable[..., Visit], service: Service) -> None:
    seen = visit(f"/diagrams/overview?as_of={DAY}", diagram=True)
    page = seen.page
    # The search box is on every page, and the keyboard reaches it.
    page.locator("#search-input").focus()
    page.keyboard.type("Pretendfield")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{service.base}/search?q=Pretendfield&as_of={DAY}"
    # The example roster's chair of the Cystic Fibrosis CRG (govgraph/data/example/people.csv).
    hit = page.locator("#hits a", has_text="Dr Gareth Pretendfield")
    assert hit.get_attribute("href") == f"/nodes/person:gareth-pretendfield?as_of={DAY}"
    page.locator("#search-input").fill("cystic")
    with page.expect_navigation():
        page.locator("#search-input").press("Enter")
    with page.expect_navigation():
        page.locator("#hits a", has_text="Cystic Fibrosis").first.click()
    assert page.url == f"{service.base}/nodes/crg:CFS?as_of={DAY}"
    assert page.locator("#members").is_visible()
    screenshot(page, "planner-crg-page", full_page=True)
    assert_stayed_home(seen, service)


def coverage_json(service: Service, **params: str) -> dict[str, object]:
    # Every row on one page (the API pages its rows, 50 by default; the CSV has them all).
    response = httpx.get(f"{service.base}/api/coverage", params={"as_of": DAY, "limit": "500", **params})
    response.raise_for_status()
    return response.json()  # type: ignore[no-any-return]


def test_the_csv_download_is_the_json_query(visit: Callable[..., Visit], service: Service, tmp_path: Path) -> None:
    seen = visit(f"/coverage?as_of={DAY}")
    page = seen.page
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == f"coverage-crg-by-senate-{DAY}.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    api = coverage_json(service)
    areas = api["areas"]  # type: ignore[index]
    bodies = api["bodies"]  # type: ignore[index]
    assert rows[0] == ["id", "name", *(a["name"] for a in areas), "areas without a voice", "gaps"]  # type: ignore[union-attr]
    assert [row[:2] for row in rows[1:]] == [[b["id"], b["name"]] for b in bodies]  # type: ignore[union-attr]
    for row, body in zip(rows[1:], bodies, strict=True):  # type: ignore[call-overload]
        assert row[2:-2] == [f"{c['filled']}/{c['filled'] + c['vacant']}" for c in body["cells"]]
        assert int(row[-2]) == len(body["areas_without_voice"])
    assert_stayed_home(seen, service)


def test_the_downloads_hold_exactly_the_rows_shown(
    visit: Callable[..., Visit], service: Service, tmp_path: Path
) -> None:
    seen = visit(f"/coverage?as_of={DAY}")
    page = seen.page
    with page.expect_navigation():
        page.get_by_role("link", name="only rows with gaps").click()
    with page.expect_navigation():
        page.get_by_role("link", name="most gaps first").click()
    shown = page.evaluate("[...document.querySelectorAll('#heat-map tbody tr')].map(tr => tr.dataset.body)")
    # A body has a gap where a cell is not every seat filled (the heat map's definition), from the JSON.
    with_gaps = {
        b["id"]
        for b in coverage_json(service)["bodies"]  # type: ignore[attr-defined]
        if any(c["vacant"] or not c["filled"] for c in b["cells"])
    }
    assert set(shown) == with_gaps and shown[0] == "crg:PNS"  # two gaps; the others one
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="CSV").click()
    csv_path = tmp_path / "shown.csv"
    csv_download.value.save_as(csv_path)
    assert [row[0] for row in csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8")))][1:] == shown
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Excel workbook").click()
    xlsx_path = tmp_path / "shown.xlsx"
    xlsx_download.value.save_as(xlsx_path)
    sheet = load_workbook(xlsx_path).active
    assert [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)] == shown
    assert sheet.freeze_panes == "C3" and sheet.page_setup.orientation == "landscape"
    assert_stayed_home(seen, service)


def test_print_keeps_every_column_on_a4_landscape(
    visit: Callable[..., Visit], service: Service, tmp_path: Path
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    page = visit(f"/coverage?as_of={DAY}").page
    pdf = tmp_path / "coverage.pdf"
    page.emulate_media(media="print")
    # As a planner prints, without "background graphics": the stylesheet keeps the colours.
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)", info), info  # landscape: wider than tall
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # Every CRG row holds all twelve Senate areas' cells and the count of gaps.
    burn_care = next(line for line in text.splitlines() if line.strip().startswith("Burn Care"))
    assert re.findall(r"\b\d+/\d+\b", burn_care) == ["1/1"] * 4 + ["2/3"] + ["1/1"] * 7
    assert burn_care.rstrip().endswith(" 1")  # its one gap, the last column
    for row in ("Adult Critical Care", "Vascular Disease", "Specialised Pain"):
        line = next(line for line in text.splitlines() if line.strip().startswith(row))
        assert len(re.findall(r"\b\d+/\d+\b", line)) == 12, line
    flat = re.sub(r"\s+", " ", text)
    assert "Gaps" in flat and "Yorkshire" in flat and "Cheshire" in flat
    # The colours print: the first page holds Burn Care's amber London cell and the HIV
    # CRG's red Wessex cell (GAP_COLOURS), read off the page rendered as pixels.
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    colours = pixel_colours(next(tmp_path.glob("page*.ppm")).read_bytes())
    assert any(near(c, (214, 39, 40)) for c in colours) and any(near(c, (253, 184, 99)) for c in colours)
    screenshot(page, "planner-coverage-print-media", full_page=True)


def pixel_colours(ppm: bytes) -> set[tuple[int, int, int]]:
    """The distinct colours of a binary PPM (P6) image, as pdftoppm writes it."""
    magic, width, height, depth, pixels = ppm.split(maxsplit=4)
    assert magic == b"P6" and depth == b"255"
    data = pixels[: int(width) * int(height) * 3]
    return {(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data), 3)}


def near(colour: tuple[int, int, int], target: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 6 for a, b in zip(colour, target, strict=True))


def test_docs_render_with_the_network_blocked(context: BrowserContext, service: Service) -> None:
    blocked: list[str] = []

    def only_the_service(route: Route) -> None:
        if route.request.url.startswith(service.base + "/"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_service)
    page = context.new_page()
    seen = watch(page)
    page.goto(f"{service.base}/docs")
    page.locator(".swagger-ui .opblock-summary-path", has_text="/api/coverage").first.wait_for(timeout=30_000)
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("govgraph")
    screenshot(page, "planner-docs")
    page.goto(f"{service.base}/redoc")
    page.get_by_text("/api/coverage").first.wait_for(timeout=30_000)
    screenshot(page, "planner-redoc")
    # ReDoc's sidebar names its maker with a logo from the maker's site; the page's policy
    # refuses it before any request is made, and says so in the console.
    assert blocked == []
    assert [e for e in seen.errors if "redoc.ly" not in e] == []


#: One day per era of the rules: the 2013 structure, after the 2016 reorganisation, and
#: under the 2023 framework; and for each, a body with seats (the example roster fills the
#: 2013 CRGs, and the programme of care boards after them) and a line of sight that exist that day.
ERAS = {
    "2014-06-01": ("crg:BCS", NORTHBY_MD),
    "2017-06-01": ("board:poc-internal-medicine", "post:org:solent-reach-example-hospital/medical-director"),
    "2024-01-01": ("board:poc-internal-medicine", "post:region:london/medical-director"),
}


@pytest.mark.parametrize("day", list(ERAS))
def test_every_view_at_three_days(visit: Callable[..., Visit], service: Service, day: str) -> None:
    crg, post = ERAS[day]
    year_before = f"{int(day[:4]) - 1}{day[4:]}"
    views = {
        "home": (f"/?as_of={day}", False),
        "overview": (f"/diagrams/overview?as_of={day}", True),
        "coverage": (f"/coverage?as_of={day}", False),
        "gaps": (f"/gaps?as_of={day}", False),
        "crg-page": (f"/nodes/{crg}?as_of={day}", False),
        "representation": (f"/diagrams/representation/{crg}?as_of={day}", True),
        "line-of-sight": (f"/diagrams/line-of-sight/{post}?as_of={day}", True),
        "focus": (f"/diagrams/focus/{crg}?as_of={day}", True),
        "changes": (f"/changes?from={year_before}&to={day}", False),
        "changes-diagram": (f"/diagrams/changes?from={year_before}&to={day}", True),
    }
    for name, (path, diagram) in views.items():
        seen = visit(path, diagram=diagram)
        assert_stayed_home(seen, service)
        assert seen.page.locator("#search-input").is_visible(), name
        assert seen.page.locator("#date-form").is_visible(), name
        screenshot(seen.page, f"era-{day}-{name}", full_page=not diagram)
        seen.page.close()


def test_a_focus_diagram_expands_and_collapses_on_click(visit: Callable[..., Visit], service: Service) -> None:
    seen = visit(f"/diagrams/focus/crg:BCS?as_of={DAY}", diagram=True)
    page = seen.page
    shown = "window.govgraphNodes.get({filter: n => !n.hidden}).map(n => n.id).sort()"
    before = page.evaluate(shown)
    # One step around Burn Care: its seats, its programme, its board; not who holds the seats.
    assert "post:crg:BCS/chair" in before and not any(id.startswith("person:") for id in before)
    at = node_position(page, "post:crg:BCS/chair")
    page.mouse.click(at["x"], at["y"])
    expanded = page.evaluate(shown)
    # The chair's holder, one step further (the example roster's chair of Burn Care).
    assert sorted(set(expanded) - set(before)) == ["person:bilal-fiction"]
    page.wait_for_timeout(600)  # two clicks, not one double click
    page.mouse.click(at["x"], at["y"])
    assert page.evaluate(shown) == before
    # A double click opens the seat's page, on the same day.
    with page.expect_navigation():
        page.mouse.dblclick(at["x"], at["y"])
    assert page.url == f"{service.base}/nodes/post:crg:BCS/chair?as_of={DAY}"
    assert_stayed_home(seen, service)


def test_a_diagram_downloads_as_svg_and_png(visit: Callable[..., Visit], service: Service, tmp_path: Path) -> None:
    seen = visit(f"/diagrams/line-of-sight/{NORTHBY_MD}?as_of={DAY}", diagram=True)
    page = seen.page
    with page.expect_download() as svg_download:
        page.locator("#download-svg").click()
    svg = tmp_path / svg_download.value.suggested_filename
    svg_download.value.save_as(svg)
    assert svg.name == f"line-of-sight-{NORTHBY_MD.replace(':', '-').replace('/', '-')}-{DAY}.svg"
    root = ElementTree.parse(svg).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    # The five posts of the chain of 003 para 95 (Provider, Area Team and Regional Medical
    # Directors, the National Clinical Director, the Deputy Medical Director), each a box
    # with its holder, on a white background, and the four lines between them.
    assert len(root.findall(f"{ns}rect")) == 1 + 5 and len(root.findall(f"{ns}line")) == 4
    assert "VACANT" in "".join(root.itertext())
    with page.expect_download() as png_download:
        page.locator("#download-png").click()
    png = tmp_path / "diagram.png"
    png_download.value.save_as(png)
    assert png_download.value.suggested_filename == svg.name.replace(".svg", ".png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert_stayed_home(seen, service)
