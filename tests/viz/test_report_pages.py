"""The report pages ``govgraph.viz.pages`` writes, read as HTML: what each shows, that
they load and run nothing, and that user text stays text. The example roster's deliberate
gaps (docs/example-roster.md) are what the heat map and the gap report must show."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import govgraph
from govgraph.governance import Governance
from govgraph.graph.store import NetworkXStore
from govgraph.queries.lookup import show
from govgraph.viz import pages
from tests.viz._stores import HOSTILE_ID, HOSTILE_NAME

DAY = "2014-06-01"
#: Gap (a) of the example roster: the Senate seats left vacant, as (CRG, Senate area).
VACANT_SENATE_SEATS = {
    ("crg:HIV", "senate:wessex"),
    ("crg:BCS", "senate:london"),
    ("crg:PNS", "senate:northern-england"),
    ("crg:PNS", "senate:cheshire-and-merseyside"),
}
#: What the built-in rules find on DAY, as (rule, subject): gaps (a) to (e).
FAILING_ON_DAY = {
    ("crg-senate-coverage", "crg:HIV"),
    ("crg-senate-coverage", "crg:BCS"),
    ("crg-senate-coverage", "crg:PNS"),
    ("crg-chair", "crg:VAS"),
    # 001 para 19 gives the Specialised Cancer CRG no chair seat; the crg-chair rule does not yet exclude it.
    ("crg-chair", "crg:SCR"),
    ("crg-size", "crg:RSP"),
    ("crg-professional-organisations", "crg:CIC"),
    ("provider-line-of-sight", "post:org:northby-example-hospitals/medical-director"),
    ("provider-line-of-sight", "post:org:dalesford-example-teaching-hospitals/medical-director"),
}


@pytest.fixture(scope="module")
def example() -> Governance:
    return govgraph.load()


class _Elements(HTMLParser):
    """Every start tag with its attributes, to check a page's structure."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def elements(page: str, tag: str | None = None) -> list[dict[str, str | None]]:
    parser = _Elements()
    parser.feed(page)
    return [attrs for name, attrs in parser.tags if tag is None or name == tag]


def assert_self_contained(page: str) -> None:
    """No script, nothing loaded, links only to the service's own paths, and a language."""
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert elements(page, "script") == [] and all("src" not in attrs for attrs in elements(page))
    assert "://" not in page and "@import" not in page
    assert "script-src &#39;none&#39;" in page and "default-src &#39;none&#39;" in page
    assert all(
        a["href"] and a["href"].startswith(("/", "#")) and not a["href"].startswith("//") for a in elements(page, "a")
    )
    assert all(th.get("scope") in ("col", "row") for th in elements(page, "th"))


@pytest.fixture(scope="module")
def coverage_page(example: Governance) -> str:
    return pages.coverage_page(example.coverage(as_of=DAY))


def test_heat_map_marks_exactly_the_vacant_senate_seats(coverage_page: str) -> None:
    assert_self_contained(coverage_page)
    marked = {
        (td["data-body"], td["data-area"]) for td in elements(coverage_page, "td") if td.get("data-gap") == "vacant"
    }
    assert marked == VACANT_SENATE_SEATS
    # London on the Burn Care CRG: two of three filled, one vacant, said in words too.
    cell = re.search(
        r'<td class="cell heat-2 gap" data-body="crg:BCS" data-area="senate:london" data-gap="vacant">(.*?)</td>',
        coverage_page,
    )
    assert cell is not None and cell.group(1) == '2/3<span class="gap-mark"> 1 vacant</span>'


def test_heat_map_colours_cells_by_filled_seats(coverage_page: str) -> None:
    shades = {td["class"] for td in elements(coverage_page, "td") if td.get("data-area")}
    # London has three seats, the other areas one: shades 3 and 1, and 0 where a seat is vacant.
    assert shades == {"cell heat-1", "cell heat-3", "cell heat-2 gap", "cell heat-0 gap"}
    assert "<caption>72 CRGs by 12 Senate areas on 2014-06-01: filled/seats</caption>" in coverage_page
    assert '<th scope="row"><a href="/diagrams/representation/crg:HIV?as_of=2014-06-01">' in coverage_page


def test_gap_report_lists_each_failing_rule_with_its_citation(example: Governance) -> None:
    page = pages.gaps_page(example.gaps(as_of=DAY))
    assert_self_contained(page)
    rows = {(tr["data-rule"], tr["data-subject"]) for tr in elements(page, "tr") if tr.get("data-rule")}
    assert rows == FAILING_ON_DAY
    assert "<cite>001_7c6f17057a5b61aa.txt paras 23-24 and 39</cite>" in page
    assert (
        'Wessex Clinical Senate <span class="muted">(senate:wessex)</span>: has 0, needs at least 1; vacant seats:'
        in page
    )
    assert '<a href="/nodes/post:crg:HIV/senate-wessex?as_of=2014-06-01">post:crg:HIV/senate-wessex</a>' in page
    assert (
        '<a href="/diagrams/line-of-sight/post:org:northby-example-hospitals/medical-director?as_of=2014-06-01">'
        in page
    )
    assert "vacant: Regional Medical Director (post:region:north/medical-director) is vacant on 2014-06-01" in page


def test_a_day_without_gaps_says_so(example: Governance) -> None:
    page = pages.gaps_page(example.gaps(as_of="2024-01-01"))
    assert '<p id="empty">Every rule in force passes on 2024-01-01.</p>' in page


def test_home_page_links_every_report_and_each_programme(example: Governance) -> None:
    page = pages.home_page(example.overview(as_of=DAY), as_of=DAY)
    assert_self_contained(page)
    links = {a["href"] for a in elements(page, "a")}
    assert {
        "/diagrams/overview?as_of=2014-06-01",
        "/coverage?as_of=2014-06-01",
        "/gaps?as_of=2014-06-01",
        "/nodes/programme:internal-medicine?as_of=2014-06-01",
        "/nodes/crg:CFS?as_of=2014-06-01",
        "/diagrams/representation/crg:CFS?as_of=2014-06-01",
    } <= links
    assert [form["action"] for form in elements(page, "form")] == ["/", "/diagrams/changes"]
    assert '<p id="as-of">As of <time datetime="2014-06-01">2014-06-01</time></p>' in page


def test_node_page_of_a_hostile_person_keeps_the_name_as_text(hostile_store: NetworkXStore) -> None:
    page = pages.node_page(show(hostile_store, HOSTILE_ID))
    assert_self_contained(page)
    assert HOSTILE_NAME not in page and "<b>bold" not in page and "<img" not in page
    assert "<h1>&lt;img src=x onerror=&#34;window.__xss=1&#34;&gt; (person:hostile)</h1>" in page
    assert "<td>&lt;b&gt;bold&lt;/b&gt; &amp; co</td>" in page
    assert '<a href="/diagrams/line-of-sight/person:hostile">Line of sight</a>' in page
    assert '<p id="as-of">Whole history (no day chosen)</p>' in page


def test_node_page_leaves_out_the_email(small_store: NetworkXStore) -> None:
    page = pages.node_page(show(small_store, "person:jane-doe"))
    assert "jane@example.org" not in page and "email" not in page


def test_node_page_of_a_crg_links_its_diagrams_and_relations(example: Governance) -> None:
    page = pages.node_page(example.show("crg:CFS", as_of=DAY))
    assert_self_contained(page)
    links = {a["href"] for a in elements(page, "a")}
    assert {
        "/diagrams/focus/crg:CFS?as_of=2014-06-01",
        "/diagrams/focus/crg:CFS?depth=2&as_of=2014-06-01",
        "/diagrams/representation/crg:CFS?as_of=2014-06-01",
        "/nodes/post:crg:CFS/chair?as_of=2014-06-01",
    } <= links
    assert "/diagrams/line-of-sight/crg:CFS" not in page
    assert "<cite>001_7c6f17057a5b61aa.txt para 13" in page


def test_error_page_offers_its_suggestions_as_links() -> None:
    page = pages.error_page(404, "Not Found", "unknown id 'crg:CSF'", [pages.Suggestion("crg:CFS", "/nodes/crg:CFS")])
    assert_self_contained(page)
    assert "<title>404 Not Found</title>" in page
    assert '<li><a href="/nodes/crg:CFS">crg:CFS</a></li>' in page
