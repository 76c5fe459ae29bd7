"""``govgraph render`` for the views beyond overview and focus: each writes the page the
service serves under the same name, as one file that needs no network."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from govgraph.cli import main
from govgraph.cli.render import VIEWS


def render(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["render", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_every_view_of_the_issue_is_offered() -> None:
    assert list(VIEWS) == ["overview", "focus", "representation", "line-of-sight", "changes", "coverage", "gaps"]


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
            '<p id="since">Changes after <time datetime="2015-01-01">',
        ),
        (
            ["--view", "coverage", "--as-of", "2014-06-01"],
            'data-body="crg:HIV" data-area="senate:wessex" data-gap="vacant"',
        ),
        (["--view", "gaps", "--as-of", "2014-06-01"], '<tr data-rule="crg-chair" data-subject="crg:VAS">'),
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
