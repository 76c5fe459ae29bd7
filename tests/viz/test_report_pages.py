"""The report pages ``govgraph.viz.pages`` writes, read as HTML: what each shows, that
they load and run nothing, and that user text stays text. The example roster's deliberate
gaps (docs/example-roster.md) are what the heat map and the gap report must show."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import govgraph
from govgraph.governance import Governance
from govgraph.graph.model import NodeKind
from govgraph.graph.store import NetworkXStore
from govgraph.viz import Frame, Links, ViewRequest, draw, pages
from tests.viz._stores import HOSTILE_ID, HOSTILE_NAME

DAY = "2014-06-01"
#: Gap (a) of the example roster: the Senate seats left vacant, as (CRG, Senate area).
VACANT_SENATE_SEATS = {
    ("crg:HIV", "senate:wessex"),
    ("crg:BCS", "senate:london"),
    ("crg:PNS", "senate:northern-england"),
    ("crg:PNS", "senate:cheshire-and-merseyside"),
}
#: What the built-in rules find on DAY, as (rule, subject): gaps (a) to (e) and (i) to (k)
#: (docs/example-roster.md, "What the built-in rules find").
FAILING_ON_DAY = {
    ("crg-senate-coverage", "crg:HIV"),
    ("crg-senate-coverage", "crg:BCS"),
    ("crg-senate-coverage", "crg:PNS"),
    ("crg-chair", "crg:VAS"),
    ("crg-size", "crg:RSP"),
    ("crg-professional-organisations", "crg:CIC"),
    ("provider-line-of-sight", "post:org:northby-example-hospitals/medical-director"),
    ("provider-line-of-sight", "post:org:dalesford-example-teaching-hospitals/medical-director"),
    # Gaps (i), (j) and (k).
    ("crg-accountable-commissioner-load", "crg:CFS"),
    ("crg-accountable-commissioner-load", "crg:EDO"),
    ("crg-accountable-commissioner-load", "crg:HPB"),
    ("crg-accountable-commissioner-load", "crg:MOS"),
    ("crg-collaborating-commissioner", "crg:IRY"),
    ("poc-chair-from-crg-chairs", "board:poc-mental-health"),
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
    """No script, nothing loaded but the service's own style, links only to the service's
    own paths, and a language."""
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert elements(page, "script") == [] and all("src" not in attrs for attrs in elements(page))
    assert [link["href"].split("?")[0] for link in elements(page, "link")] == ["data:,", "/assets/page.css"]  # type: ignore[union-attr]
    assert "://" not in page and "@import" not in page
    assert "script-src &#39;none&#39;" in page and "default-src &#39;none&#39;" in page
    assert all(
        a["href"] and a["href"].startswith(("/", "#")) and not a["href"].startswith("//") for a in elements(page, "a")
    )
    assert all(th.get("scope") in ("col", "row") for th in elements(page, "th"))


def served(view: str, governance: Governance, **request: object) -> str:
    """The view as the service sends it."""
    page = draw(view, governance, ViewRequest(**request), Links.served())  # type: ignore[arg-type]
    assert isinstance(page, str)
    return page


@pytest.fixture(scope="module")
def coverage_page(example: Governance) -> str:
    return served("coverage", example, as_of=DAY)


def test_heat_map_marks_exactly_the_vacant_senate_seats(coverage_page: str) -> None:
    assert_self_contained(coverage_page)
    # Every example gap (a) is a cell with a vacant seat: no voice where the seat is the area's only one.
    gaps = {
        (td["data-body"], td["data-area"]): td["data-gap"]
        for td in elements(coverage_page, "td")
        if td.get("data-gap") not in (None, "filled")
    }
    assert set(gaps) == VACANT_SENATE_SEATS
    # London on the Burn Care CRG: two of its three seats filled, one vacant, said in words too.
    assert gaps[("crg:BCS", "senate:london")] == "partly-vacant"
    assert {gaps[pair] for pair in VACANT_SENATE_SEATS - {("crg:BCS", "senate:london")}} == {"vacant"}
    cell = re.search(
        r'<td class="cell gap-partly-vacant" data-body="crg:BCS" data-area="senate:london" data-gap="partly-vacant">(.*?)</td>',
        coverage_page,
    )
    assert cell is not None and cell.group(1) == '2/3<span class="visually-hidden"> a seat vacant, others filled</span>'


def test_heat_map_colours_cells_by_gap_state_not_by_count(coverage_page: str) -> None:
    states = {td["class"] for td in elements(coverage_page, "td") if td.get("data-area")}
    # London's three filled seats read as any area's one: filled is filled.
    assert states == {"cell gap-filled", "cell gap-partly-vacant", "cell gap-vacant"}
    assert "72 CRGs by 12 Senate areas on 2014-06-01: filled/seats</caption>" in coverage_page
    assert '<th scope="row"><a href="/nodes/crg:HIV?as_of=2014-06-01">' in coverage_page


def test_heat_map_keeps_only_rows_with_gaps_most_first(example: Governance) -> None:
    page = served("coverage", example, as_of=DAY, gaps_only=True, sort="gaps")
    rows = [(tr["data-body"], tr["data-gaps"]) for tr in elements(page, "tr") if tr.get("data-body")]
    # From VACANT_SENATE_SEATS: PNS has two, HIV and BCS one each (then the query's order, by id).
    assert rows == [("crg:PNS", "2"), ("crg:BCS", "1"), ("crg:HIV", "1")]
    links = {a["href"] for a in elements(page, "a")}
    assert "/coverage.csv?of=crg&by=senate&gaps=only&sort=gaps&as_of=2014-06-01" in links
    assert "/coverage.xlsx?of=crg&by=senate&gaps=only&sort=gaps&as_of=2014-06-01" in links
    # The date control asks for the same view on another day.
    (form,) = [f for f in elements(page, "form") if f.get("id") == "date-form"]
    assert form["action"] == "/coverage"
    hidden = {i["name"]: i["value"] for i in elements(page, "input") if i.get("type") == "hidden"}
    assert hidden == {"of": "crg", "by": "senate", "gaps": "only", "sort": "gaps", "as_of": DAY}


def test_gap_report_lists_each_failing_rule_with_a_readable_citation(example: Governance) -> None:
    page = served("gaps", example, as_of=DAY)
    assert_self_contained(page)
    rows = {(tr["data-rule"], tr["data-subject"]) for tr in elements(page, "tr") if tr.get("data-outcome") == "failed"}
    assert rows == FAILING_ON_DAY
    # Gap (b): nobody chairs the Vascular Disease CRG, so how long its chair has served
    # cannot be checked: not assessed, and the page says why.
    unassessed = {
        (tr["data-rule"], tr["data-subject"]) for tr in elements(page, "tr") if tr.get("data-outcome") == "not_assessed"
    }
    assert ("crg-chair-tenure", "crg:VAS") in unassessed
    assert '<span class="outcome outcome-not_assessed">' in page and '<h2 id="not-assessed-heading">' in page
    # The citation names the document and its date, and opens the cited paragraphs.
    assert (
        '<a class="citation" href="/sources/001_7c6f17057a5b61aa.txt?at=para-23%2Cpara-24%2Cpara-39#para-23" '
        'title="001_7c6f17057a5b61aa.txt paras 23-24 and 39"><cite>Clinical Reference Groups for Specialised '
        "Services: A Guide for Clinicians</cite> (January 2013), paras 23-24 and 39</a>"
    ) in page
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
    # The rules in force and the documents they come from (crg-2013.yaml cites 001 and 004,
    # line-of-sight.yaml 001 and 003, boards.yaml 001 and 004 before 2023).
    assert re.search(r'<p id="era">\d+ representation rules in force on 2014-06-01, from <cite>Clinical', page)


def test_a_source_page_marks_the_cited_paragraphs(example: Governance) -> None:
    page = served("source", example, id="001_7c6f17057a5b61aa.txt", at=("para-20", "para-39"))
    cited = [div["id"] for div in elements(page, "div") if "cited" in (div.get("class") or "")]
    assert cited == ["para-20", "para-39"]
    # Paragraph 20 of the 2013 guide, as the seed reads: the chair's three years.
    assert "20. The clinical Chair role will continue in the format tested during transition." in page


def test_a_day_without_gaps_says_so(example: Governance) -> None:
    # Only the boards' rules: on 2024-01-01 every board seat seed 002 gives is filled in the
    # example roster (docs/example-roster.md); the CRGs are known only to 2023-12-31.
    page = served("gaps", example, as_of="2024-01-01", kind=NodeKind.BOARD)
    assert '<p id="empty">Every rule in force passes on 2024-01-01.</p>' in page


def test_home_page_links_every_report_and_each_programme(example: Governance) -> None:
    page = served("home", example, as_of=DAY)
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
    assert [form["action"] for form in elements(page, "form")] == ["/", "/search", "/changes"]
    assert '<p id="as-of">As of <time datetime="2014-06-01">2014-06-01</time></p>' in page
    # Gap (b) of the example roster: the Vascular Disease CRG has no chair, so it fails.
    assert '<span class="outcome outcome-failed">fails</span> <a href="/nodes/crg:VAS?as_of=2014-06-01">' in page


def test_node_page_of_a_hostile_person_keeps_the_name_as_text(hostile_store: NetworkXStore) -> None:
    page = served("node", Governance(hostile_store), id=HOSTILE_ID)
    assert_self_contained(page)
    assert HOSTILE_NAME not in page and "<b>bold" not in page and "<img" not in page
    assert "<h1>&lt;img src=x onerror=&#34;window.__xss=1&#34;&gt; (person:hostile)</h1>" in page
    assert "<td>&lt;b&gt;bold&lt;/b&gt; &amp; co</td>" in page
    assert '<a href="/diagrams/line-of-sight/person:hostile">Line of sight</a>' in page
    assert '<p id="as-of">Whole history (no day chosen); seats and verdicts as of <time datetime=' in page


def test_node_page_leaves_out_the_email(small_store: NetworkXStore) -> None:
    page = served("node", Governance(small_store), id="person:jane-doe")
    assert "jane@example.org" not in page and "email" not in page


def test_node_page_of_a_crg_shows_its_members_verdicts_and_place(example: Governance) -> None:
    page = served("node", example, id="crg:VAS", as_of=DAY)
    assert_self_contained(page)
    links = {a["href"] for a in elements(page, "a")}
    assert {
        "/diagrams/focus/crg:VAS?as_of=2014-06-01",
        "/diagrams/focus/crg:VAS?depth=2&as_of=2014-06-01",
        "/diagrams/representation/crg:VAS?as_of=2014-06-01",
        "/nodes/programme:internal-medicine?as_of=2014-06-01",
    } <= links
    assert "/diagrams/line-of-sight/crg:VAS" not in page
    # Gap (b): the chair of the Vascular Disease CRG is vacant on the day, and crg-chair fails.
    seats = {tr["data-seat"]: tr.get("class") for tr in elements(page, "tr") if tr.get("data-seat")}
    assert seats["post:crg:VAS/chair"] == "vacant"
    verdicts = {tr["data-rule"]: tr["data-outcome"] for tr in elements(page, "tr") if tr.get("data-outcome")}
    assert verdicts["crg-chair"] == "failed" and verdicts["crg-size"] == "passed"
    assert '<p id="summary"><span class="outcome outcome-failed">fails</span>' in page
    assert "<dt>Part of</dt>" in page


def test_node_page_of_a_body_that_did_not_exist_gives_its_lifespan(example: Governance) -> None:
    # The 2013 CRGs ended with the 2016 reorganisation (crgs.csv: valid_to 2016-04-01).
    page = served("node", example, id="crg:CFS", as_of="2020-01-01")
    assert re.search(r'<p id="lifespan" class="warning" role="note">Cystic Fibrosis does not exist on 2020-01-01: '
                     r"it exists from 2013-04-01 until 2016-04-01 \(exclusive\)\.", page)  # fmt: skip


def test_error_page_offers_its_suggestions_as_links() -> None:
    frame = Frame(links=Links.served(), view="home")
    page = pages.error_page(
        404, "Not Found", "unknown id 'crg:CSF'", frame, [pages.Suggestion("crg:CFS", "/nodes/crg:CFS")]
    )
    assert_self_contained(page)
    assert "<title>404 Not Found</title>" in page
    assert '<li><a href="/nodes/crg:CFS">crg:CFS</a></li>' in page
