"""``govgraph validate`` and ``govgraph export``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from govgraph.cli import main

DATA = Path(__file__).parent.parent / "data"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_validate_prints_every_problem_one_per_line_and_exits_2() -> None:
    case = DATA / "bad" / "problems-in-every-file"
    code, out, err = run("validate", str(case))
    assert code == 2
    assert out.splitlines() == [
        f"{case / 'people.csv'}, row 3, field 'id': duplicate id 'person:ann-example'; first defined on row 2",
        f"{case / 'organisations.csv'}, row 2, field 'name': a value is required",
        f"{case / 'posts.csv'}, row 2, field 'valid_to': invalid date '2014-13-01': expected an ISO date YYYY-MM-DD",
        f"{case / 'memberships.csv'}, row 2, field 'acting': 'perhaps' is not yes or no",
    ]
    assert err == "4 problems found\n"


def test_validate_reports_problems_across_rosters_together() -> None:
    code, out, _ = run("validate", str(DATA / "rosters" / "small"), str(DATA / "bad" / "bad-email"), "no-such-roster")
    assert code == 2
    assert out.splitlines() == [
        f"{DATA / 'bad' / 'bad-email' / 'people.csv'}, row 2, field 'email': "
        "'ann at example.org' is not an email address",
        "no-such-roster: no such file or folder",
    ]


def test_validate_a_clean_roster_exits_0_with_a_summary() -> None:
    code, out, err = run("validate", str(DATA / "rosters" / "small"), str(DATA / "rosters" / "small.xlsx"))
    # The workbook repeats the folder, so together they clash; each alone is clean.
    assert code == 2 and "duplicate id 'person:sian-example'" in out
    code, out, err = run("validate", str(DATA / "rosters" / "small.xlsx"))
    assert (code, out) == (0, "ok: 1 roster, 6 people, 2 organisations, 2 posts, 10 memberships\n")
    # Its notes sheet is not a table: named, not read, and no reason to fail.
    assert err == f"warning: {DATA / 'rosters' / 'small.xlsx'}: sheets that are not roster tables, not read: Read me\n"


def test_export_popolo_of_a_roster(tmp_path: Path) -> None:
    target = tmp_path / "roster.json"
    code, out, _ = run("export", "--format", "popolo", "-o", str(target), "--data", str(DATA / "rosters" / "small"))
    assert (code, out) == (0, "")
    document = json.loads(target.read_text(encoding="utf-8"))
    assert {p["id"] for p in document["persons"]} == {
        "person:sian-example", "person:zoe-fictional", "person:omar-specimen",
        "person:ruth-sample", "person:ann-placeholder", "person:tom-invented",
    }  # fmt: skip
    code, out, _ = run("export", "-o", "-", "--data", str(DATA / "rosters" / "small"))
    assert code == 0 and json.loads(out) == document
    code, out, _err = run("validate", str(target))
    assert code == 0 and out.startswith("ok: 1 roster, 6 people")
