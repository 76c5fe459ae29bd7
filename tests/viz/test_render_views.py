"""``govgraph render`` for the views beyond overview and focus: each writes the page the
service serves under the same name, as one file that needs no network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from govgraph.cli import main
from govgraph.cli.render import RENDERED_VIEWS


def render(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["render", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_every_view_of_the_issue_is_offered() -> None:
    assert RENDERED_VIEWS == [
        "overview",
        "focus",
        "representation",
        "line-of-sight",
        "changes-diagram",
        "changes",
        "coverage",
        "coverage.csv",
        "coverage.xlsx",
        "gaps",
        "upcoming",
        "upcoming.csv",
        "what-if",
        "what-if.csv",
        "recruit",
        "recruit.csv",
        "home",
        "node",
        "source",
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--view", "representation", "--id", "crg:BCS", "--as-of", "2014-06-01"],
            "<h1>Representation of Burn Care (crg:BCS)</h1>",
        ),
        (
            [
                "--view",
                "line-of-sight",
                "--id",
                "post:org:northby-example-hospitals/medical-director",
                "--as-of",
                "2014-06-01",
            ],
            "BREAK: vacant",
        ),
        (
            ["--view", "changes", "--from", "2015-01-01", "--to", "2015-06-01"],
            '<p id="since">After <time datetime="2015-01-01">2015-01-01</time>, up to <time datetime="2015-06-01">',
        ),
        (
            ["--view", "coverage", "--as-of", "2014-06-01"],
            'data-body="crg:HIV" data-area="senate:wessex" data-gap="vacant"',
        ),
        (
            ["--view", "gaps", "--as-of", "2014-06-01"],
            '<tr data-rule="crg-chair" data-subject="crg:VAS" data-outcome="failed">',
        ),
    ],
)
def test_view_writes_its_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], expected: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = render(*args, "-o", "page.html")
    assert code == 0 and out == "wrote page.html\n"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">') and expected in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--view", "representation"], "--view representation needs --id, e.g. --id crg:CFS"),
        (
            ["--view", "line-of-sight"],
            "--view line-of-sight needs --id, e.g. --id post:area-team:wessex/medical-director",
        ),
        (["--view", "changes", "--from", "2015-01-01"], "--view changes needs --from and --to"),
    ],
)
def test_a_view_without_what_it_needs_is_a_usage_error(tmp_path: Path, args: list[str], message: str) -> None:
    code, out, err = render(*args, "-o", str(tmp_path / "x.html"))
    assert code == 2 and out == "" and message in err
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--view", "representation", "--id", "crg:CSF"], "unknown id 'crg:CSF'; did you mean 'crg:CFS'"),
        (
            ["--view", "changes", "--from", "2016-01-01", "--to", "2015-01-01"],
            "to_date 2015-01-01 is before from_date 2016-01-01",
        ),
        (["--view", "gaps", "--as-of", "2014-13-01"], "invalid date '2014-13-01'"),
    ],
)
def test_bad_input_exits_2(tmp_path: Path, args: list[str], message: str) -> None:
    code, out, err = render(*args, "-o", str(tmp_path / "x.html"))
    assert code == 2 and out == "" and message in err
    assert not (tmp_path / "x.html").exists()


def test_a_file_without_a_service_has_no_dead_links(tmp_path: Path) -> None:
    code, _, _ = render("--view", "node", "--id", "crg:CFS", "--as-of", "2014-06-01", "-o", str(tmp_path / "cfs.html"))
    page = (tmp_path / "cfs.html").read_text(encoding="utf-8")
    assert code == 0
    # With nowhere to link to, names are text: every href is within the page or data.
    assert all(href.startswith(("#", "data:")) for href in re.findall(r'href="([^"]*)"', page))
    assert '<p class="offline-note">' in page and "<form" not in page


def test_a_file_with_a_base_url_links_to_the_service(tmp_path: Path) -> None:
    code, _, _ = render("--view", "representation", "--id", "crg:BCS", "--as-of", "2014-06-01",
                        "--base-url", "http://gov.example:8000/", "-o", str(tmp_path / "bcs.html"))  # fmt: skip
    page = (tmp_path / "bcs.html").read_text(encoding="utf-8")
    assert code == 0
    assert '<a href="http://gov.example:8000/coverage?as_of=2014-06-01">Coverage</a>' in page
    assert '"url":"http://gov.example:8000/nodes/crg:BCS?as_of=2014-06-01"' in page
    assert 'action="http://gov.example:8000/diagrams/representation/crg:BCS"' in page
    assert "form-action http://gov.example:8000" in page


def test_out_dir_writes_a_site_whose_links_all_lead_to_its_files(tmp_path: Path) -> None:
    code, out, _ = render("--out-dir", str(tmp_path / "site"), "--as-of", "2014-06-01")
    site = tmp_path / "site"
    names = {p.name for p in site.iterdir()}
    assert code == 0 and out == f"wrote {len(names)} files to {site}\n"
    # Home, overview, coverage (and its downloads), gaps, upcoming and recruit (and their CSV),
    # the five sources, and a page for each of the 3 portfolios, 5 programmes, 73 CRGs and 6
    # boards of the overview on the day.
    assert {"index.html", "overview.html", "coverage.html", "coverage.csv", "coverage.xlsx", "gaps.html",
            "upcoming.html", "upcoming.csv", "recruit.html", "recruit.csv",
            "node--crg~CFS.html", "source--001_7c6f17057a5b61aa.txt.html"} <= names  # fmt: skip
    assert len(names) == 6 + 4 + 5 + 3 + 5 + 73 + 6
    for page in site.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"]*)"', text):
            target = href.split("#")[0]
            assert target in names or href.startswith(("#", "data:")), (page.name, href)
