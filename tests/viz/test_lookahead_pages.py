"""The look-ahead pages (upcoming, what-if, recruit) read as HTML: what each shows of the
example roster, that every link keeps the day, that a hostile name stays text, that the
CSV is what the page shows, and that ``govgraph render`` writes each as one file that asks
for nothing.

Expected values are the example roster's, worked by hand in docs/example-roster.md and the
README's "Looking ahead" section, not taken from the queries' output."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import govgraph
from govgraph.cli import main
from govgraph.governance import Governance
from govgraph.graph.model import Edge, EdgeType, Person
from govgraph.viz import ViewRequest, draw
from govgraph.viz.links import Links
from tests.viz._stores import HOSTILE_EXAMPLE_SEAT, HOSTILE_ID, HOSTILE_NAME, hostile_example
from tests.viz.test_report_pages import assert_self_contained, elements, served

PPVAG_CHAIR = "person:soren-fictionwood"
#: The PPVAG chair leaving on this day (docs/example-roster.md: from 2023-10-01 PPVAG and the
#: FCMP oversight group have every seat filled, the FCMP group's PPV seat ex officio the Chair
#: of PPVAG; PPVAG is its chair, six independent members and twelve programme representatives).
LEAVES_ON = "2024-01-01"
#: The three verdicts that then fail: the FCMP group loses its PPV member, PPVAG its chair,
#: and PPVAG counts 18 members of the 19 its composition rule needs.
PPVAG_FAILS = {
    ("fcmp-ppv", "board:fcmp-oversight-group"),
    ("independent-chair", "board:ppvag"),
    ("ppvag-composition", "board:ppvag"),
}
RECRUIT_DAY = "2014-06-01"
#: The README's ranked answer on RECRUIT_DAY: the North region's vacant Medical Director closes
#: both broken provider lines of sight (gap (c)); each other seat fixes the one gap it is.
RECRUIT_RANKS = [
    ("post:region:north/medical-director", 2),
    ("post:crg:BCS/senate-london-3", 1),
    ("post:crg:HIV/senate-wessex", 1),
    ("post:crg:IRY/collaborating-commissioner", 1),
    ("post:crg:VAS/chair", 1),
]
UPCOMING_DAY = "2013-06-01"


@pytest.fixture(scope="module")
def example() -> Governance:
    return govgraph.load()


@pytest.fixture(scope="module")
def hostile() -> Governance:
    """The example roster with a hostile-named person in a seat that they leave on
    2013-09-01, and ``HOSTILE_ID`` (``hostile_example``) as its next holder's neighbour."""
    governance = hostile_example()
    governance.store.add_node(Person(id="person:hostile-2", name=HOSTILE_NAME + "2", source="test roster row 3"))
    governance.store.add_edge(Edge(type=EdgeType.HOLDS, from_id="person:hostile-2", to_id=HOSTILE_EXAMPLE_SEAT,
                                   valid_from=date(2013, 4, 1), valid_to=date(2013, 9, 1),
                                   source="test roster row 3"))  # fmt: skip
    return governance


def hrefs(page: str) -> list[str]:
    return [a["href"] for a in elements(page, "a") if a.get("href")]  # type: ignore[misc]


def assert_links_keep_the_day(page: str, day: str) -> None:
    """Every link to a page that answers for a day carries that day."""
    for href in hrefs(page):
        if href.startswith(("/nodes/", "/gaps", "/recruit", "/upcoming", "/coverage", "/diagrams/")):
            assert f"as_of={day}" in href, href
        if href.startswith("/what-if"):
            assert f"on={day}" in href, href


def test_what_if_shows_the_ppvag_chair_leaving(example: Governance) -> None:
    page = served("what-if", example, id=PPVAG_CHAIR, as_of=LEAVES_ON)
    assert_self_contained(page)
    assert "<title>What if Soren Fictionwood leaves on 2024-01-01</title>" in page
    assert [li["data-seat"] for li in elements(page, "li") if li.get("data-seat")] == ["post:board:ppvag/chair"]
    # The FCMP oversight group loses its PPV member with the chair: grouped under its body.
    assert [li["data-body"] for li in elements(page, "li") if li.get("data-body")] == ["board:fcmp-oversight-group"]
    assert "via post:board:ppvag/chair" in page
    failing = {
        (li["data-rule"], li["data-subject"]) for li in elements(page, "li") if li.get("data-outcome") == "failed"
    }
    assert failing == PPVAG_FAILS
    assert "Missing members: has 18, needs at least 19." in page
    assert "(fictional)" in page  # the example roster's people are invented, and the page says so
    assert_links_keep_the_day(page, LEAVES_ON)
    assert f"/what-if.csv?leaves={PPVAG_CHAIR.replace(':', '%3A')}&amp;on={LEAVES_ON}" in page


def test_what_if_without_a_person_is_the_form(example: Governance) -> None:
    page = served("what-if", example, as_of=LEAVES_ON)
    form = next(f for f in elements(page, "form") if f.get("id") == "date-form")
    assert form["action"] == "/what-if"
    names = {i["name"] for i in elements(page, "input") if i.get("name")}
    assert {"leaves", "on", "q"} <= names
    assert 'id="fails"' not in page


def test_recruit_ranks_the_readme_answer(example: Governance) -> None:
    page = served("recruit", example, as_of=RECRUIT_DAY)
    assert_self_contained(page)
    ranks = [(tr["data-seat"], int(tr["data-fixes"] or 0)) for tr in elements(page, "tr") if tr.get("data-seat")]
    assert ranks == RECRUIT_RANKS
    # "14 verdicts fail, 8 of them not fixed by filling any one seat" (README; docs/example-roster.md
    # lists the 14 failing on 2014-06-01, and crg:SCR has no chair seat of its own: 001 para 19).
    assert "On 2014-06-01, 14 verdicts fail" in page
    assert "8 failing verdicts that no single appointment fixes" in page
    # A fixed verdict links to its subject, keeping the day.
    assert "/nodes/post:org:northby-example-hospitals/medical-director?as_of=2014-06-01" in hrefs(page)
    assert_links_keep_the_day(page, RECRUIT_DAY)


def test_the_gap_report_links_to_recruit(example: Governance) -> None:
    assert f"/recruit?as_of={RECRUIT_DAY}" in hrefs(served("gaps", example, as_of=RECRUIT_DAY))


def test_upcoming_shows_the_wessex_medical_director_handing_over(example: Governance) -> None:
    page = served("upcoming", example, as_of=UPCOMING_DAY)
    assert_self_contained(page)
    # README: the acting Wessex Area Team Medical Director leaves on 2013-10-01; the successor
    # is already appointed, so nothing fails.
    rows = [tr for tr in elements(page, "tr") if tr.get("data-seat")]
    assert [(r["data-seat"], r["data-person"], r["data-why"]) for r in rows] == [
        ("post:area-team:wessex/medical-director", "person:jia-dummystone", "end")
    ]
    assert '<time datetime="2013-10-01">2013-10-01</time>' in page
    assert f"/nodes/person:maryam-fictionworth?as_of={UPCOMING_DAY}" in hrefs(page)
    assert "No verdict fails because of it." in page
    assert_links_keep_the_day(page, UPCOMING_DAY)
    # The window is kept by the day control; the default is 180 days.
    assert "until 2013-11-28" in page  # 2013-06-01 + 180 days, by a calendar
    assert f"/upcoming?within=365&amp;as_of={UPCOMING_DAY}" in page


def test_upcoming_cites_a_term_limit_and_what_then_fails() -> None:
    """A chair of the Vascular Disease CRG (vacant in the example roster, gap (b)) appointed on
    2012-10-01 reaches the three years of 001 para 20 on 2015-10-01; when they go, the CRG has
    no chair again, so crg-chair fails (001 paras 20 and 39)."""
    governance = govgraph.load()
    governance.store.add_node(Person(id="person:long-serving", name=HOSTILE_NAME, source="test roster row 4"))
    governance.store.add_edge(Edge(type=EdgeType.HOLDS, from_id="person:long-serving", to_id="post:crg:VAS/chair",
                                   valid_from=date(2012, 10, 1), source="test roster row 4"))  # fmt: skip
    page = served("upcoming", governance, as_of="2015-06-01")
    row = next(tr for tr in elements(page, "tr") if tr.get("data-person") == "person:long-serving")
    assert row == {"data-seat": "post:crg:VAS/chair", "data-person": "person:long-serving", "data-why": "term_limit"}
    assert '<time datetime="2015-10-01">2015-10-01</time>' in page
    assert "term limit: <code>crg-chair-tenure</code>, A chair serves at most three years from appointment." in page
    assert (
        "Clinical Reference Groups for Specialised Services: A Guide for Clinicians</cite> (January 2013), para 20"
        in page
    )
    failing = {
        (li["data-rule"], li["data-subject"]) for li in elements(page, "li") if li.get("data-outcome") == "failed"
    }
    # Gap (s) of the example roster, 001 para 20: crg:RHU's chair, appointed 2012-07-01, reaches
    # three years on 2015-07-01, in the same 180 days; when they go, crg:RHU has no chair either.
    assert failing == {("crg-chair", "crg:VAS"), ("crg-chair", "crg:RHU")}
    assert HOSTILE_NAME not in page and "&lt;img src=x onerror=" in page


def test_a_hostile_name_stays_text_on_every_look_ahead_page(hostile: Governance) -> None:
    pages = [
        served("upcoming", hostile, as_of=UPCOMING_DAY),
        served("what-if", hostile, id=HOSTILE_ID, as_of=RECRUIT_DAY),
    ]
    for page in pages:
        assert HOSTILE_NAME not in page
        assert "&lt;img src=x onerror=" in page
        assert all("onerror" not in attrs for attrs in elements(page))
    assert 'data-person="person:hostile-2"' in pages[0]


def test_the_csv_is_the_table_shown(example: Governance) -> None:
    text = draw("recruit.csv", example, ViewRequest(as_of=RECRUIT_DAY), Links.served())
    assert isinstance(text, str)
    records = list(csv.DictReader(io.StringIO(text)))
    candidates = [r for r in records if r["list"] == "candidates"]
    # One row per candidate and verdict it fixes: 2 + 1 + 1 + 1 + 1.
    assert [r["seat.post_id"] for r in candidates] == [seat for seat, n in RECRUIT_RANKS for _ in range(n)]
    assert sum(r["list"] == "unfixed" for r in records) == 8


@pytest.mark.parametrize(
    ("view", "options", "expected"),
    [
        ("upcoming", ["--as-of", UPCOMING_DAY, "--within", "365"], "Seats falling vacant within 365 days"),
        ("what-if", ["--id", PPVAG_CHAIR, "--as-of", LEAVES_ON], "What if Soren Fictionwood leaves on 2024-01-01"),
        ("recruit", ["--as-of", RECRUIT_DAY], "Which seat to fill first"),
    ],
)
def test_render_writes_each_as_one_file(tmp_path: Path, view: str, options: list[str], expected: str) -> None:
    out = tmp_path / f"{view}.html"
    result = CliRunner().invoke(main, ["render", "--view", view, *options, "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert f"<title>{expected}</title>" in page
    # One file: its style inlined, no link out (there is no service to lead to), nothing to load.
    assert elements(page, "script") == [] and all(href.startswith("#") for href in hrefs(page))
    assert "<style>" in page and "/assets/" not in page and "://" not in page
