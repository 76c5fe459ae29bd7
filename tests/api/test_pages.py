"""The HTML pages over HTTP, through the real app: every page answers 200 with HTML, links
to the others, keeps a hostile name as text, and every error is an HTML page with the JSON
API's status (an unknown id is a 404 whose suggestions are links)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from govgraph.api import Settings, create_app
from tests.viz._stores import HOSTILE_EXAMPLE_SEAT, HOSTILE_ID, HOSTILE_NAME, hostile_example

DAY = "2014-06-01"
PAGES = [
    "/",
    f"/?as_of={DAY}",
    f"/coverage?as_of={DAY}",
    f"/coverage?of=board&by=region&as_of={DAY}",
    f"/gaps?as_of={DAY}",
    "/gaps?rule=crg-chair&as_of=2014-06-01",
    "/nodes/crg:CFS",
    f"/nodes/post:crg:CFS/chair?as_of={DAY}",
    f"/nodes/{HOSTILE_ID}",
    f"/diagrams/overview?as_of={DAY}",
    f"/diagrams/focus/crg:CFS?depth=2&as_of={DAY}",
    f"/diagrams/representation/crg:BCS?as_of={DAY}",
    f"/diagrams/line-of-sight/post:org:northby-example-hospitals/medical-director?as_of={DAY}",
    f"/diagrams/line-of-sight/{HOSTILE_ID}?as_of={DAY}",
    "/diagrams/changes?from=2015-01-01&to=2015-06-01",
    "/upcoming?within=365&as_of=2013-06-01",
    f"/recruit?as_of={DAY}",
    "/what-if",
    f"/what-if?leaves={HOSTILE_ID}&on={DAY}",
]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), governance=hostile_example())) as client:
        yield client


def links(page: str) -> set[str]:
    return {html.unescape(link) for link in re.findall(r'href="([^"]*)"', page)}


@pytest.mark.parametrize("url", PAGES)
def test_each_page_is_html_with_the_navigation(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.text.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert {"/", "/coverage", "/gaps"} <= {link.split("?")[0] for link in links(response.text)}
    assert 'id="as-of"' in response.text


def test_home_page_says_how_many_of_the_stated_crgs_are_named(client: TestClient) -> None:
    # Seed 002: "There are 38 CRGs across specialised commissioning" (from April 2023); the
    # dataset names the 36 of crgs_after_2016_partial.csv and 002's Genomics CRG: 37.
    page = client.get("/", params={"as_of": "2024-01-01"}).text
    (named,) = re.findall(r'<p class="named" id="named-CRG">([^<]*)</p>', page)
    assert named.startswith("CRGs on 2024-01-01: 37 of 38 named in the dataset (the total: 002_75039aa201210c3b.txt")
    # No total is stated for the 2013 CRGs, which are all listed (001 paras 13-17).
    assert 'class="named"' not in client.get("/", params={"as_of": "2014-06-01"}).text


def test_home_page_links_everything(client: TestClient) -> None:
    response = client.get("/", params={"as_of": DAY}, follow_redirects=False)
    assert response.status_code == 200
    assert {
        f"/diagrams/overview?as_of={DAY}",
        f"/coverage?as_of={DAY}",
        f"/gaps?as_of={DAY}",
        f"/nodes/crg:CFS?as_of={DAY}",
        f"/diagrams/representation/crg:CFS?as_of={DAY}",
        f"/upcoming?as_of={DAY}",
        f"/what-if?on={DAY}",
        f"/recruit?as_of={DAY}",
        "/docs",
    } <= links(response.text)


def test_pages_are_not_in_the_api_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert all(path.startswith("/api/") for path in paths)


def test_the_hostile_name_is_text_on_its_page_and_in_its_diagrams(client: TestClient) -> None:
    for url in (
        f"/nodes/{HOSTILE_ID}",
        f"/diagrams/focus/{HOSTILE_ID}",
        f"/diagrams/representation/crg:RSP?as_of={DAY}",
    ):
        html = client.get(url).text
        assert HOSTILE_NAME not in html and "<b>bold" not in html, url
        assert "&lt;img src=x onerror=&#34;window.__xss=1&#34;&gt;" in html, url
    node_page = client.get(f"/nodes/{HOSTILE_ID}").text
    assert f'<a href="/nodes/{HOSTILE_EXAMPLE_SEAT}">' in node_page


def test_a_diagram_embeds_the_query_result(client: TestClient) -> None:
    html = client.get(f"/diagrams/representation/crg:BCS?as_of={DAY}").text
    assert "<h1>Representation of Burn Care (crg:BCS)</h1>" in html
    assert '"id":"crg-senate-coverage+missing:senate:london"' in html


@pytest.mark.parametrize(
    ("url", "status", "suggestion"),
    [
        ("/nodes/crg:CSF", 404, "/nodes/crg:CFS"),
        (f"/nodes/post:crg:CFS/chiar?as_of={DAY}", 404, f"/nodes/post:crg:CFS/chair?as_of={DAY}"),
        (f"/diagrams/representation/crg:CSF?as_of={DAY}", 404, f"/diagrams/representation/crg:CFS?as_of={DAY}"),
        ("/diagrams/focus/crg:CSF?depth=2", 404, "/diagrams/focus/crg:CFS?depth=2"),
        (
            "/diagrams/line-of-sight/post:region:nort/medical-director",
            404,
            "/diagrams/line-of-sight/post:region:north/medical-director",
        ),
        ("/diagrams/focus/crg:C%20FS?depth=2", 404, "/diagrams/focus/crg:CFS?depth=2"),
        ("/gaps?rule=crg-chiar", 404, "/gaps?rule=crg-chair"),
        (f"/gaps?subject=crg:CSF&as_of={DAY}", 404, f"/gaps?subject=crg%3ACFS&as_of={DAY}"),
        ("/gaps?as_of=2014-13-01", 400, None),
        ("/coverage?as_of=yesterday", 400, None),
        ("/diagrams/changes?from=2015-01-01&to=01/06/2015", 400, None),
        ("/diagrams/focus/crg:CFS?depth=9", 422, None),
        ("/coverage?by=parish", 422, None),
        ("/diagrams/changes?from=2016-01-01&to=2015-01-01", 422, None),
        ("/diagrams/changes", 422, None),
        ("/upcoming?within=-1", 422, None),
        ("/what-if?leaves=crg:CFS", 422, None),
        (
            "/what-if?leaves=person:soren-fictionwod&on=2024-01-01",
            404,
            "/what-if?leaves=person%3Asoren-fictionwood&on=2024-01-01",
        ),
    ],
)
def test_errors_are_html_pages_with_the_api_status(
    client: TestClient, url: str, status: int, suggestion: str | None
) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert f"<title>{status} " in response.text and '<p id="message">' in response.text
    api = client.get("/api" + url) if url.startswith(("/nodes", "/gaps", "/coverage")) else None
    if api is not None:
        assert api.status_code == status
    if suggestion is not None:
        assert suggestion in links(response.text)


def test_error_messages_say_what_was_wrong(client: TestClient) -> None:
    assert (
        '<p id="message">query.depth: Input should be less than or equal to 5</p>'
        in client.get("/diagrams/focus/crg:CFS?depth=9").text
    )
    assert (
        '<p id="message">query.from: Field required; query.to: Field required</p>'
        in client.get("/diagrams/changes").text
    )
    page = client.get("/nodes/<script>alert(1)</script>").text
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_json_api_still_answers_json(client: TestClient) -> None:
    response = client.get("/api/nodes/crg:CSF")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_pages_share_cacheable_assets_instead_of_inlining_them(client: TestClient) -> None:
    page = client.get(f"/diagrams/representation/crg:BCS?as_of={DAY}").text
    assets = re.findall(r'(?:src|href)="(/assets/[^"]+)"', page)
    assert [a.split("?")[0] for a in assets] == [
        "/assets/page.css",
        "/assets/vis-network.css",
        "/assets/diagram.css",
        "/assets/vis-network.min.js",
        "/assets/diagram.js",
    ]
    assert len(page) < 100_000  # the vis-network build alone is 470 KB
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200 and len(response.content) > 0
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert client.get("/assets/vis-network.min.js").headers["content-type"] == "text/javascript; charset=utf-8"
    assert client.get("/assets/secrets.txt").status_code == 404


def test_every_page_has_the_day_and_search_controls(client: TestClient) -> None:
    for url in PAGES:
        page = client.get(url).text
        assert 'id="search-form" method="get" action="/search"' in page, url
        assert 'id="date-form"' in page, url


def test_search_finds_a_crg_and_keeps_the_day(client: TestClient) -> None:
    page = client.get("/search", params={"q": "burn", "as_of": DAY}).text
    assert f'<a href="/nodes/crg:BCS?as_of={DAY}">Burn Care</a>' in page
    assert '<p id="found">' in page


def test_the_coverage_downloads_are_attachments(client: TestClient) -> None:
    csv_response = client.get("/coverage.csv", params={"as_of": DAY, "by": "region"})
    assert csv_response.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv_response.headers["content-disposition"] == f'attachment; filename="coverage-crg-by-region-{DAY}.csv"'
    api = client.get("/api/coverage", params={"as_of": DAY, "by": "region"}).json()
    header = csv_response.text.splitlines()[0].split(",")
    assert header == ["id", "name", *(area["name"] for area in api["areas"]), "areas without a voice", "gaps"]
    xlsx = client.get("/coverage.xlsx", params={"as_of": DAY})
    assert xlsx.content[:2] == b"PK"  # a zip, as every .xlsx is


def test_the_look_ahead_downloads_are_attachments(client: TestClient) -> None:
    for url, name in (
        ("/upcoming.csv?as_of=2013-06-01", 'filename="upcoming-180-days-2013-06-01.csv"'),
        (f"/recruit.csv?as_of={DAY}", f'filename="recruit-{DAY}.csv"'),
        ("/what-if.csv?leaves=person:soren-fictionwood&on=2024-01-01",
         'filename="what-if-person-soren-fictionwood-2024-01-01.csv"'),
    ):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.headers["content-disposition"] == f"attachment; {name}"
    # One row per seat left: the hostile person's one seat.
    rows = client.get(f"/what-if.csv?leaves={HOSTILE_ID}&on={DAY}").text.splitlines()
    assert rows[0].startswith("effect,") and any(HOSTILE_EXAMPLE_SEAT in row for row in rows[1:])


def test_docs_are_served_from_the_package(client: TestClient) -> None:
    for path in ("/docs", "/redoc"):
        page = client.get(path)
        assert page.status_code == 200
        assert "cdn." not in page.text and "fonts.googleapis" not in page.text
        assert "img-src 'self' data:" in page.headers["content-security-policy"]
        for asset in re.findall(r'(?:src|href)="(/static/docs/[^"]+)"', page.text):
            assert client.get(asset).status_code == 200, asset
    assert "/static/docs/swagger-ui/swagger-ui-bundle.js" in client.get("/docs").text


@pytest.mark.parametrize(
    "url",
    [
        "/sources/..%2f..%2fpyproject.toml",
        "/sources/%2e%2e%2fPROVENANCE.md",
        "/assets/..%2f..%2f__init__.py",
        "/static/docs/..%2f..%2fdocs.py",
        "/static/docs/../docs.py",
    ],
)
def test_sources_and_assets_serve_only_what_they_name(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "import" not in response.text and "[project]" not in response.text
