"""What a planner's roster gets wrong in small ways: a column of their own, a misspelt
column, a value written as people write it, and a roster with nothing in it.

The built-in dataset gives the ids used here: ``crg:CFS`` (a CRG whose clinical-member
seats ``post:crg:CFS/senate-london-1`` to ``-3`` speak for ``senate:london``, and whose
``ccg-representative-london`` seat speaks for ``region:london``), and ``london`` as the
local part of a region, a hub, an area team and a Senate area.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from govgraph.cli import main
from govgraph.errors import LoadError
from govgraph.graph.model import EdgeType
from govgraph.loaders import load_reference, load_rosters
from govgraph.loaders._tables import RosterWarning
from govgraph.loaders.roster import NOTHING_TO_LOAD

PEOPLE = "id,name\nperson:ann-a,Ann A\n"


def _problems(*paths: Path) -> list[tuple[str, int | str | None, str | None, str]]:
    with pytest.raises(LoadError) as raised:
        load_rosters(load_reference(), paths)
    return [(Path(p.file).name, p.row, p.field, p.message) for p in raised.value.problems]


def _membership(tmp_path: Path, header: str, row: str) -> Path:
    (tmp_path / "people.csv").write_text(PEOPLE)
    (tmp_path / "memberships.csv").write_text(f"{header}\n{row}\n")
    return tmp_path


# -- columns of the planner's own, and misspelt columns ------------------------------------


def test_a_notes_column_in_csv_is_ignored_with_a_warning_naming_file_and_column(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("id,name,Notes\nperson:ann-a,Ann A,asked to join in May\n")
    (tmp_path / "memberships.csv").write_text(
        "person,post,start,notes\nperson:ann-a,post:crg:CFS/chair,2013-04-01,confirmed by letter\n"
    )
    store = load_reference()
    with pytest.warns(RosterWarning) as caught:
        load_rosters(store, [tmp_path])
    messages = sorted(str(w.message) for w in caught)
    assert messages == [
        f"{tmp_path / 'memberships.csv'}: not a column of memberships, not read: 'notes'",
        f"{tmp_path / 'people.csv'}: not a column of people, not read: 'Notes'",
    ]
    assert "notes" not in store.node("person:ann-a") and "Notes" not in store.node("person:ann-a")
    [held] = list(store.in_edges("post:crg:CFS/chair", EdgeType.HOLDS))
    assert (held.from_id, held.attrs["valid_from"]) == ("person:ann-a", "2013-04-01")


def test_a_notes_column_in_a_sheet_is_ignored_with_a_warning_naming_the_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "people"
    sheet.append(["id", "name", "notes"])
    sheet.append(["person:ann-a", "Ann A", "a planner's note"])
    book.save(tmp_path / "roster.xlsx")
    store = load_reference()
    with pytest.warns(RosterWarning, match=r"roster\.xlsx\[people\]: not a column of people, not read: 'notes'"):
        load_rosters(store, [tmp_path / "roster.xlsx"])
    assert store.node("person:ann-a")["name"] == "Ann A"


@pytest.mark.parametrize(
    ("table", "header", "row", "column", "meant"),
    [
        ("memberships", "person_ID,post,start", "person:ann-a,post:crg:CFS/chair,2013-04-01", "person_ID", "person"),
        ("memberships", "person,post,Start Date", "person:ann-a,post:crg:CFS/chair,2013-04-01", "Start Date", "start"),
        ("memberships", "person,post,strat", "person:ann-a,post:crg:CFS/chair,2013-04-01", "strat", "start"),
        ("posts", "id,name,org,role,vaild_from", "post:crg:CFS/x,X,crg:CFS,member,2013-04-01", "vaild_from",
         "valid_from"),
        ("people", "id,name,emial", "person:bo-b,Bo B,bo@example.org", "emial", "email"),
    ],
)  # fmt: skip
def test_a_misspelt_column_is_an_error_naming_the_column_meant(
    tmp_path: Path, table: str, header: str, row: str, column: str, meant: str
) -> None:
    if table != "people":
        (tmp_path / "people.csv").write_text(PEOPLE)
    (tmp_path / f"{table}.csv").write_text(f"{header}\n{row}\n")
    assert (f"{table}.csv", 1, column, f"unknown column {column!r}; did you mean {meant!r}?") in _problems(tmp_path)


def test_a_column_of_another_table_is_an_error(tmp_path: Path) -> None:
    # valid_from is how organisations and posts begin; a membership's first day is 'start'.
    _membership(tmp_path, "person,post,start,valid_from", "person:ann-a,post:crg:CFS/chair,2013-04-01,2013-04-01")
    assert _problems(tmp_path) == [
        (
            "memberships.csv",
            1,
            "valid_from",
            "unknown column 'valid_from': 'valid_from' is a column of organisations and posts, not of memberships; "
            "expected person, post, org, role, represents, start, end, acting, appointed",
        )
    ]


# -- values as people write them -------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("org", "CFS", "'CFS' is not an id starting with one of 'area-team:', 'board:', 'ccg:', 'crg:', 'hub:', "
         "'icb:', 'org:', 'portfolio:', 'programme:', 'region:', 'senate:'; did you mean 'crg:CFS'?"),
        ("org", "cfs", "'cfs' is not an id starting with one of 'area-team:', 'board:', 'ccg:', 'crg:', 'hub:', "
         "'icb:', 'org:', 'portfolio:', 'programme:', 'region:', 'senate:'; did you mean 'crg:CFS'?"),
        # Four bodies have the local part london; the clinical-member seats of crg:CFS speak for one.
        ("represents", "London", "'London' is not an id starting with one of 'area-team:', 'ccg:', 'hub:', 'icb:', "
         "'org:', 'region:', 'senate:'; did you mean 'senate:london'?"),
        # Neighbours: no id has these local parts, so there is nothing to suggest.
        ("org", "CFSX", "'CFSX' is not an id starting with one of 'area-team:', 'board:', 'ccg:', 'crg:', 'hub:', "
         "'icb:', 'org:', 'portfolio:', 'programme:', 'region:', 'senate:'"),
        ("represents", "Londn", "'Londn' is not an id starting with one of 'area-team:', 'ccg:', 'hub:', 'icb:', "
         "'org:', 'region:', 'senate:'"),
    ],
)  # fmt: skip
def test_an_id_without_its_prefix_suggests_the_id_meant(tmp_path: Path, column: str, value: str, message: str) -> None:
    values = {"person": "person:ann-a", "org": "crg:CFS", "role": "clinical-member", "represents": "senate:london",
              "start": "2013-04-01"} | {column: value}  # fmt: skip
    _membership(tmp_path, ",".join(values), ",".join(values.values()))
    assert _problems(tmp_path) == [("memberships.csv", 2, column, message)]


def test_london_without_a_body_to_narrow_it_suggests_every_london_it_may_be(tmp_path: Path) -> None:
    (tmp_path / "posts.csv").write_text("id,name,org,role,represents\npost:crg:CFS/x,X,crg:CFS,member,London\n")
    [(_, _, _, message)] = _problems(tmp_path)
    # crg:CFS has no member seat, so nothing narrows the four bodies named london.
    assert message.endswith("; did you mean 'area-team:london', 'hub:london', 'region:london' or 'senate:london'?"), (
        message
    )


def test_an_id_in_another_case_suggests_the_id_meant(tmp_path: Path) -> None:
    _membership(tmp_path, "person,org,role,start", "person:ann-a,crg:cfs,chair,2013-04-01")
    assert _problems(tmp_path) == [("memberships.csv", 2, "org", "unknown id 'crg:cfs'; did you mean 'crg:CFS'?")]
    _membership(tmp_path, "person,post,start", "person:ann-a,post:crg:cfs/chair,2013-04-01")
    assert _problems(tmp_path) == [
        ("memberships.csv", 2, "post", "unknown id 'post:crg:cfs/chair'; did you mean 'post:crg:CFS/chair'?")
    ]


def test_a_person_id_without_its_prefix_suggests_the_roster_own_id(tmp_path: Path) -> None:
    _membership(tmp_path, "person,post,start", "ann-a,post:crg:CFS/chair,2013-04-01")
    assert _problems(tmp_path) == [
        ("memberships.csv", 2, "person", "'ann-a' is not an id starting with 'person:'; did you mean 'person:ann-a'?")
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Clinical Member", "unknown role 'Clinical Member'; did you mean 'clinical-member'?"),
        ("Vice Chair", "unknown role 'Vice Chair'; did you mean 'vice-chair'?"),
        ("clinical_member", "unknown role 'clinical_member'; did you mean 'clinical-member'?"),
        # Neighbours: not plainly one role.
        ("Chairman", "unknown role 'Chairman'; expected one of chair, co-chair, vice-chair, clinical-member, ppv, "
         "professional-organisation, accountable-commissioner, collaborating-commissioner, ccg-representative, "
         "public-health, director, medical-director, member"),
        ("Clinical", "unknown role 'Clinical'; expected one of chair, co-chair, vice-chair, clinical-member, ppv, "
         "professional-organisation, accountable-commissioner, collaborating-commissioner, ccg-representative, "
         "public-health, director, medical-director, member"),
    ],
)  # fmt: skip
def test_a_role_in_words_suggests_the_role(tmp_path: Path, value: str, message: str) -> None:
    _membership(tmp_path, "person,org,role,represents,start", f"person:ann-a,crg:CFS,{value},senate:london,2013-04-01")
    assert _problems(tmp_path) == [("memberships.csv", 2, "role", message)]


@pytest.mark.parametrize(
    ("value", "meant"),
    [
        ("01/04/2013", "2013-04-01"),  # day first, as the NHS writes it: 1 April 2013
        ("1/4/2013", "2013-04-01"),
        ("04/01/2013", "2013-01-04"),  # 4 January, never 1 April
        ("1 April 2013", "2013-04-01"),
        ("2013/04/01", "2013-04-01"),
        # Neighbours with no plain reading: a two-digit year, a day that does not exist.
        ("01/04/13", None),
        ("31/02/2013", None),
        ("2013-02-30", None),
        ("13/13/2013", None),
    ],
)
def test_a_date_in_another_form_is_refused_and_the_iso_date_suggested(
    tmp_path: Path, value: str, meant: str | None
) -> None:
    _membership(tmp_path, "person,post,start", f"person:ann-a,post:crg:CFS/chair,{value}")
    [(file, row, field, message)] = _problems(tmp_path)
    assert (file, row, field) == ("memberships.csv", 2, "start")
    hint = f"; did you mean '{meant}'?" if meant else ""
    assert message.startswith(f"invalid date {value!r}: ") and message.endswith(hint)
    assert ("did you mean" in message) is (meant is not None)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("N", "'N' is not yes or no; did you mean 'no'?"),
        ("Y", "'Y' is not yes or no; did you mean 'yes'?"),
        ("perhaps", "'perhaps' is not yes or no"),
        ("nope", "'nope' is not yes or no"),
    ],
)
def test_a_yes_no_in_another_form_suggests_yes_or_no(tmp_path: Path, value: str, message: str) -> None:
    _membership(tmp_path, "person,post,start,acting", f"person:ann-a,post:crg:CFS/chair,2013-04-01,{value}")
    assert _problems(tmp_path) == [("memberships.csv", 2, "acting", message)]


@pytest.mark.parametrize("value", ["TRUE", "False", "YES", "no"])
def test_yes_no_true_and_false_load_in_any_case(tmp_path: Path, value: str) -> None:
    _membership(tmp_path, "person,post,start,acting", f"person:ann-a,post:crg:CFS/chair,2013-04-01,{value}")
    store = load_rosters(load_reference(), [tmp_path])
    [held] = list(store.in_edges("post:crg:CFS/chair", EdgeType.HOLDS))
    assert held.attrs.get("acting", False) is (value.lower() in ("true", "yes"))


# -- a roster with nothing in it -------------------------------------------------------------


def _warned(*paths: Path) -> list[str]:
    store = load_reference()
    with pytest.warns(RosterWarning) as caught:
        load_rosters(store, paths)
    assert store.count() == load_reference().count()  # nothing was added
    return [str(w.message) for w in caught]


def test_a_roster_of_headers_alone_says_it_loads_nothing(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("id,name\n")
    (tmp_path / "memberships.csv").write_text("person,post,start\n\n\n")
    assert _warned(tmp_path) == [f"{tmp_path}: {NOTHING_TO_LOAD}"]


def test_an_empty_popolo_document_says_it_loads_nothing(tmp_path: Path) -> None:
    (tmp_path / "roster.json").write_text('{"persons": [], "memberships": []}')
    assert _warned(tmp_path / "roster.json") == [f"{tmp_path / 'roster.json'}: {NOTHING_TO_LOAD}"]


def test_an_empty_roster_beside_a_full_one_is_named_alone(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "people.csv").write_text(PEOPLE)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "people.csv").write_text("id,name\n")
    store = load_reference()
    with pytest.warns(RosterWarning) as caught:
        load_rosters(store, [tmp_path / "full", tmp_path / "empty"])
    assert [str(w.message) for w in caught] == [f"{tmp_path / 'empty'}: {NOTHING_TO_LOAD}"]
    assert store.node("person:ann-a")["name"] == "Ann A"


def test_a_roster_with_one_row_says_nothing(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text(PEOPLE)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_rosters(load_reference(), [tmp_path])


def test_validate_says_a_roster_loads_nothing_and_exits_0(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("id,name\n")
    result = CliRunner().invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stdout == "ok: 1 roster, 0 people, 0 organisations, 0 posts, 0 memberships\n"
    assert f"warning: {tmp_path}: {NOTHING_TO_LOAD}" in result.stderr.splitlines()
