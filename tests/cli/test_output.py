"""What the CLI prints: user text never read as Rich markup, CSV with a header always,
JSON field names, one way of writing booleans and lists, and no cell a spreadsheet would
run as a formula."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from govgraph.cli import main

SMALL = Path(__file__).parents[1] / "data" / "rosters" / "small"

#: The small roster's people renamed (tests/data/rosters/small/people.csv, same ids and order).
MARKUP_NAMES = {
    "person:sian-example": "Ann [/] Example",  # a closing tag with nothing open: Rich raises MarkupError
    "person:zoe-fictional": "Zoë [red]Fictional",  # a style tag: Rich would swallow it
    "person:omar-specimen": "Prof Omar :thumbs_up: Specimen",  # an emoji code: Rich would draw 👍
    "person:ruth-sample": '=HYPERLINK("http://x.example","Ruth")',
    "person:ann-placeholder": "-Ann Placeholder",
    "person:tom-invented": "@Tom +Invented",
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def hostile_roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("roster") / "hostile"
    shutil.copytree(SMALL, folder)
    with (SMALL / "people.csv").open(encoding="utf-8", newline="") as f:
        people = list(csv.DictReader(f))
    with (folder / "people.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(people[0]))
        writer.writeheader()
        writer.writerows(person | {"name": MARKUP_NAMES[person["id"]]} for person in people)
    return folder


def test_members_prints_names_with_markup_characters_as_written(hostile_roster: Path) -> None:
    # The small roster, 2014-06-01: Siân (here "Ann [/] Example") chairs CFS, Zoë holds the
    # Example Society seat, Omar a London seat (tests/data/rosters/small/memberships.csv).
    code, out, err = run("members", "crg:CFS", "--as-of", "2014-06-01", "--data", str(hostile_roster))
    assert code == 0, err
    for name in ("Ann [/] Example", "Zoë [red]Fictional", "Prof Omar :thumbs_up: Specimen"):
        assert name in out
    assert "👍" not in out


def test_show_search_and_posts_print_names_as_written(hostile_roster: Path) -> None:
    data = ("--data", str(hostile_roster))
    code, out, err = run("show", "person:sian-example", *data)
    assert code == 0 and out.startswith("Ann [/] Example  (Person, person:sian-example)"), err
    code, out, _ = run("search", "[red]", *data)
    assert code == 0 and "Zoë [red]Fictional" in out
    code, out, _ = run("posts", "person:zoe-fictional", "--as-of", "2014-06-01", *data)
    assert code == 0 and "Zoë [red]Fictional on 2014-06-01" in out


def test_csv_neutralises_cells_a_spreadsheet_would_run(hostile_roster: Path) -> None:
    code, out, _ = run("members", "crg:CFS", "--as-of", "2014-06-01", "--format", "csv", "--data", str(hostile_roster))
    assert code == 0
    names = {row["holders.person_id"]: row["holders.name"] for row in csv.DictReader(io.StringIO(out))}
    assert names["person:ruth-sample"] == '\'=HYPERLINK("http://x.example","Ruth")'
    assert names["person:ann-placeholder"] == "'-Ann Placeholder"
    code, out, _ = run("search", "invented", "--format", "csv", "--data", str(hostile_roster))
    assert [row["name"] for row in csv.DictReader(io.StringIO(out))] == ["'@Tom +Invented"]
    code, out, _ = run("members", "crg:CFS", "--as-of", "2014-06-01", "--format", "json", "--data", str(hostile_roster))
    assert '"=HYPERLINK' in out  # JSON is data for programs: as written


def test_csv_uses_the_json_field_names_and_writes_values_one_way(hostile_roster: Path) -> None:
    args = ("members", "crg:CFS", "--as-of", "2015-06-01", "--data", str(hostile_roster))
    _, out, _ = run(*args, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    seats = json.loads(run(*args, "--format", "json")[1])["seats"]
    held = next(seat for seat in seats if seat["holders"])
    assert list(rows[0]) == [*(k for k in held if k != "holders"), *(f"holders.{k}" for k in held["holders"][0])]
    # small/memberships.csv row 3: Zoë is the acting chair from 2015-04-01.
    [chair] = [row for row in rows if row["post_id"] == "post:crg:CFS/chair"]
    assert (chair["holders.person_id"], chair["holders.acting"]) == ("person:zoe-fictional", "true")
    assert {row["holders.acting"] for row in rows} == {"true", "false", ""}  # "": a vacant seat has no holder
    [wessex] = [row for row in rows if row["post_id"] == "post:crg:CFS/senate-wessex"]
    assert json.loads(wessex["represents"]) == ["senate:wessex"]  # a list: its JSON text


@pytest.mark.parametrize(
    "args",
    [
        # No CRG rule is in force that day: the rules of the CRG pages of 2016-18 end on
        # 2018-04-01, and the first CRG model a source states begins on 2019-01-01 (crg:E08).
        ("gaps", "--as-of", "2018-06-01", "--kind", "crg"),
        ("search", "no such name anywhere"),
        ("overload", "--min-seats", "1000"),
    ],
)
def test_an_empty_csv_result_still_has_its_header(args: tuple[str, ...]) -> None:
    code, out, _ = run(*args, "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].split(",")[0] in ("rule_id", "id", "person_id")


def test_empty_csv_reads_in_pandas() -> None:
    pandas = pytest.importorskip("pandas", reason="pandas is not a govgraph dependency; installed for benchmarks")
    _, out, _ = run("gaps", "--as-of", "2024-01-01", "--kind", "board", "--format", "csv")  # every board rule passes
    empty = pandas.read_csv(io.StringIO(out))
    assert empty.empty and list(empty.columns)[:3] == ["rule_id", "description", "subject_id"]
    _, out, _ = run("gaps", "--as-of", "2014-06-01", "--rule", "crg-senate-coverage", "--format", "csv")
    frame = pandas.read_csv(io.StringIO(out))
    assert frame["subject_id"].tolist() == ["crg:BCS", "crg:HIV", "crg:PNS", "crg:PNS"]  # test_cli_queries: gap (a)
    # docs/example-roster.md: the Wessex Area Team Medical Director is held by an acting holder
    # from 2013-04-01 to 2013-09-30; a CSV boolean reads as one.
    _, out, _ = run("members", "area-team:wessex", "--as-of", "2013-06-01", "--format", "csv")
    frame = pandas.read_csv(io.StringIO(out))
    assert frame["holders.acting"].dtype == bool and frame["holders.acting"].tolist() == [True]


def test_kinds_and_choices_in_any_case() -> None:
    code, out, err = run("gaps", "--as-of", "2014-06-01", "--kind", "crg", "--rule", "crg-chair", "--format", "JSON")
    assert code == 0, err
    # example roster gap (b) alone: crg:SCR has no chair seat (001 para 19) and the rule excludes it
    assert [g["subject_id"] for g in json.loads(out)["gaps"]] == ["crg:VAS"]
    code, out, _ = run("search", "cystic", "--kind", "crg", "--format", "json")
    assert [hit["id"] for hit in json.loads(out)] == ["crg:CFS"]
    code, out, _ = run("coverage", "--of", "CRG", "--by", "Senate", "--as-of", "2014-06-01", "--format", "json")
    assert code == 0 and json.loads(out)["of"] == "crg"


def test_every_as_of_says_its_default() -> None:
    ctx = click.Context(main)
    options = [
        (name, param)
        for name in main.list_commands(ctx)
        for param in main.get_command(ctx, name).params  # type: ignore[union-attr]
        if "--as-of" in param.opts
    ]
    assert len(options) >= 10
    for name, param in options:
        assert "[default: " in (param.help or ""), name  # type: ignore[attr-defined]
