"""``govgraph template OUT.xlsx``: the roster workbook a planner fills in, opened, filled and
saved with openpyxl as a planner would in Excel, then validated and loaded."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

import govgraph
from govgraph.loaders._tables import TABLES, RosterWarning
from govgraph.loaders.roster import NOTHING_TO_LOAD
from tests.cli.test_output import run

TABLE_SHEETS = ["people", "organisations", "posts", "memberships"]
OTHER_SHEETS = "Instructions, CRGs, Boards, Senate areas, Regions, ICBs, Seats, Lists"
#: docs/rosters.md, posts.csv: the roles a seat may have.
ROLES = ["chair", "co-chair", "vice-chair", "clinical-member", "ppv", "professional-organisation",
         "accountable-commissioner", "collaborating-commissioner", "ccg-representative", "public-health",
         "director", "medical-director", "member"]  # fmt: skip


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "roster.xlsx"
    code, out, err = run("template", str(path))
    assert code == 0 and out == "" and err == f"wrote {path}: fill it in, then govgraph validate {path}\n"
    return path


def copy(template: Path, folder: Path) -> Path:
    return Path(shutil.copy(template, folder / "roster.xlsx"))


def lookup(book: Workbook, sheet: str, **where: str) -> str:
    """The id on the row of ``sheet`` whose columns have the values ``where``, as a planner
    finds it (filtering the id sheet by name)."""
    rows = book[sheet].iter_rows(values_only=True)
    names = list(next(rows))
    found = [row[0] for row in rows if all(row[names.index(k)] == v for k, v in where.items())]
    assert len(found) == 1, found
    return str(found[0])


def test_the_template_has_instructions_tables_and_the_ids(template: Path) -> None:
    book = load_workbook(template)
    assert book.sheetnames == [*OTHER_SHEETS.split(", ")[:1], *TABLE_SHEETS, *OTHER_SHEETS.split(", ")[1:]]
    assert book["Lists"].sheet_state == "hidden"
    instructions = " ".join(str(v) for row in book["Instructions"].iter_rows(values_only=True) for v in row if v)
    for needed in ("YYYY-MM-DD", "yes or no", "EXAMPLE", "delete it", "notes", "CRGs, Boards, Senate areas"):
        assert needed in instructions
    for name in TABLE_SHEETS:
        sheet = book[name]
        assert [cell.value for cell in sheet[1]] == list(TABLES[name].columns)
        assert sheet.freeze_panes == "A2" and sheet.max_row == 2  # the header and one example row
        assert sheet["A2"].comment.text.startswith("EXAMPLE row, fictional: delete it")
    # Cystic Fibrosis: seed 001 para 13, one of the CRGs of 2013-04-01 to 2016-03-31.
    crgs = {row[0]: row[1:] for row in book["CRGs"].iter_rows(min_row=2, values_only=True)}
    assert crgs["crg:CFS"] == ("Cystic Fibrosis", datetime(2013, 4, 1), datetime(2016, 4, 1))  # date cells
    assert book["CRGs"]["C2"].number_format == "yyyy-mm-dd"
    # There are 42 ICBs, from 2022-07-01 (reference/PROVENANCE.md).
    icbs = list(book["ICBs"].iter_rows(min_row=2, values_only=True))
    assert len(icbs) == 42 and {row[2] for row in icbs} == {datetime(2022, 7, 1)}
    assert lookup(book, "Senate areas", name="London Clinical Senate") == "senate:london"


def test_roles_kinds_and_yes_no_are_drop_downs(template: Path) -> None:
    book = load_workbook(template)
    lists = book["Lists"]

    def values(sheet: str, column: str) -> list[str]:
        found = [v for v in book[sheet].data_validations.dataValidation if str(v.sqref).startswith(column)]
        (validation,) = found
        assert validation.type == "list"
        if validation.formula1.startswith('"'):
            return validation.formula1.strip('"').split(",")
        cells = lists[validation.formula1.split("!")[1].replace("$", "")]
        return [str(row[0].value) for row in cells]

    assert values("posts", "D") == ROLES and values("memberships", "D") == ROLES
    assert values("posts", "E") == ["yes", "no"] and values("memberships", "H") == ["yes", "no"]
    assert "Organisation" in values("organisations", "B") and "Post" not in values("organisations", "B")
    assert {"crg:CFS", "board:poc-mental-health"} <= set(values("memberships", "C"))  # org: CRGs and boards
    assert "post:crg:VAS/chair" in values("memberships", "B")


def test_a_filled_template_loads_what_the_planner_wrote(template: Path, tmp_path: Path) -> None:
    path = copy(template, tmp_path)
    book = load_workbook(path)
    for name in TABLE_SHEETS:
        book[name].delete_rows(2)  # the example
    cfs = lookup(book, "CRGs", name="Cystic Fibrosis")
    london = lookup(book, "Senate areas", name="London Clinical Senate")
    vas_chair = lookup(book, "Seats", **{"body name": "Vascular Disease", "role": "chair"})
    book["people"].append(["person:jo-planner", "Jo Planner", None, "Example Trust"])
    book["people"].append(["person:sam-planner", "Sam Planner"])
    book["posts"].append(["post:crg:CFS/observer", "Observer", cfs, "member", "no"])
    memberships = book["memberships"]
    # A seat by body, role and area; a seat by its id, acting; the planner's own seat. Dates as
    # Excel stores what a planner types.
    memberships.append(["person:jo-planner", None, cfs, "clinical-member", london, date(2013, 4, 1),
                        date(2016, 3, 31), "no"])  # fmt: skip
    memberships.append(["person:jo-planner", vas_chair, None, None, None, date(2013, 4, 1), None, "yes"])
    memberships.append(["person:sam-planner", "post:crg:CFS/observer", None, None, None, date(2014, 1, 1)])
    book.save(path)

    code, out, err = run("validate", str(path))
    assert code == 0, out
    assert out == "ok: 1 roster, 2 people, 0 organisations, 1 posts, 3 memberships\n"
    assert err == f"warning: {path}: sheets that are not roster tables, not read: {OTHER_SHEETS}\n"
    with pytest.warns(UserWarning, match="not roster tables"):
        gg = govgraph.load([path])
    # Worked by hand: without the example roster every seat is vacant, so Jo takes the first of
    # the three London seats by id (docs/rosters.md, "Seats by body and role").
    seats = {seat.post_id: seat.holders for seat in gg.members("crg:CFS", as_of="2014-06-01").seats}
    assert [h.person_id for h in seats["post:crg:CFS/senate-london-1"]] == ["person:jo-planner"]
    assert seats["post:crg:CFS/senate-london-2"] == [] and seats["post:crg:CFS/senate-london-3"] == []
    assert [(h.person_id, h.valid_from) for h in seats["post:crg:CFS/observer"]] == [
        ("person:sam-planner", date(2014, 1, 1))
    ]
    chair = {seat.post_id: seat for seat in gg.members("crg:VAS", as_of="2014-06-01").seats}["post:crg:VAS/chair"]
    assert [(h.person_id, h.acting) for h in chair.holders] == [("person:jo-planner", True)]
    # Both of Jo's seats are held on 2016-03-31, the London seat's end (its last day held) and the
    # CRGs' last day; the chair, with no end, for as long as the seat lasts.
    held = {post.post_id for post in gg.posts("person:jo-planner", as_of="2016-03-31").posts}
    assert held == {"post:crg:CFS/senate-london-1", "post:crg:VAS/chair"}


def test_the_examples_kept_load_as_fiction_that_changes_no_verdict(template: Path, tmp_path: Path) -> None:
    kept = copy(template, tmp_path)
    code, out, err = run("validate", str(kept))
    assert code == 0 and out == "ok: 1 roster, 1 people, 1 organisations, 1 posts, 1 memberships\n"
    assert err.endswith(
        "warning: the template's example rows are still in: person:example-person, org:example-trust, "
        "post:org:example-trust/director; delete them\n"
    )
    emptied = tmp_path / "emptied.xlsx"
    book = load_workbook(kept)
    for name in TABLE_SHEETS:
        book[name].delete_rows(2)
    book.save(emptied)
    code, out, err = run("validate", str(emptied))
    assert code == 0 and out == "ok: 1 roster, 0 people, 0 organisations, 0 posts, 0 memberships\n"
    assert f"warning: {emptied}: {NOTHING_TO_LOAD}\n" in err  # the template with its examples deleted
    with pytest.warns(RosterWarning) as caught:
        with_examples, without = govgraph.load([kept]), govgraph.load([emptied])
    assert f"{emptied}: {NOTHING_TO_LOAD}" in [str(w.message) for w in caught]
    day = "2024-06-01"  # the example membership's day; no rule reads a director of an organisation
    counts = [(r.verdicts_failed, r.verdicts_passed, r.verdicts_not_assessed) for r in
              (with_examples.gaps(as_of=day), without.gaps(as_of=day))]  # fmt: skip
    assert counts[0] == counts[1]


def test_a_notes_column_is_read_past_and_mistakes_get_what_was_meant(template: Path, tmp_path: Path) -> None:
    path = copy(template, tmp_path)
    book = load_workbook(path)
    for name in TABLE_SHEETS:
        book[name].delete_rows(2)
    book["people"].append(["person:jo-planner", "Jo Planner"])
    memberships = book["memberships"]
    memberships.cell(row=1, column=10, value="notes")  # the column every planner adds
    # The obvious mistakes of issue 15, as typed: a CRG's code, an area's name, a role as
    # words, a day-first date as text, N for no.
    memberships.append(["person:jo-planner", None, "CFS", "Clinical Member", "London", "01/04/2013", None, "N",
                        None, "asked by email"])  # fmt: skip
    book.save(path)
    code, out, err = run("validate", str(path))
    assert code == 2
    problems = out.splitlines()
    # One problem per mistake, each on the row, naming its field and what was meant; none for notes.
    located = [re.match(rf"{re.escape(str(path))}\[memberships\], row (\d+), field '(\w+)'", line) for line in problems]
    assert [m.groups() if m else line for m, line in zip(located, problems, strict=True)] == [
        ("2", field) for field in ("org", "role", "represents", "start", "acting")
    ]
    for line, meant in zip(problems, ("crg:CFS", "clinical-member", "senate:london", "2013-04-01", "no"), strict=True):
        assert f"'{meant}'" in line.partition("; did you mean ")[2], line  # London: each London id, senate's too
    assert f"warning: {path}[memberships]: not a column of memberships, not read: 'notes'\n" in err
