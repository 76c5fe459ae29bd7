"""Loading good rosters: a small hand-made roster of fictional people in the real seats
of the built-in dataset, read as CSV, as an Excel workbook and as Popolo JSON."""

from __future__ import annotations

import csv
import json
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import govgraph
from govgraph.errors import LoadError
from govgraph.graph.model import EdgeType
from govgraph.graph.snapshot import snapshot_dict
from govgraph.graph.store import NetworkXStore
from govgraph.loaders import load_reference, load_rosters, popolo_document, write_popolo
from govgraph.loaders._tables import TABLES, RosterWarning
from govgraph.loaders.roster import NOTHING_TO_LOAD

ROSTERS = Path(__file__).parents[1] / "data" / "rosters"
SMALL = ROSTERS / "small"

#: Every holding in the small roster: (person, seat, valid_from, valid_to, acting).
HOLDINGS = {
    ("person:sian-example", "post:crg:CFS/chair", "2013-04-01", "2015-04-01", False),
    ("person:zoe-fictional", "post:crg:CFS/chair", "2015-04-01", "2016-04-01", True),  # empty end: as long as the seat
    ("person:omar-specimen", "post:crg:CFS/senate-london-1", "2013-04-01", "2014-04-01", False),
    ("person:ruth-sample", "post:crg:CFS/senate-london-2", "2013-06-01", "2016-04-01", False),  # london-1 is taken then
    ("person:ann-placeholder", "post:crg:CFS/senate-wessex", "2013-04-01", "2016-04-01", False),
    ("person:omar-specimen", "post:crg:CFS/ppv", "2014-04-01", "2016-04-01", False),  # ppv seats take several people
    ("person:ruth-sample", "post:crg:CFS/ppv", "2013-04-01", "2015-04-01", False),
    ("person:tom-invented", "post:org:royal-example-trust/medical-director", "2013-04-01", None, False),
    ("person:sian-example", "post:region:south/medical-director", "2015-04-01", "2018-04-01", False),
    ("person:zoe-fictional", "post:crg:CFS/example-society-member", "2013-04-01", "2015-04-01", False),
}


def holdings(store: NetworkXStore) -> set[tuple[str, str, str | None, str | None, bool]]:
    return {
        (e.from_id, e.to_id, e.attrs.get("valid_from"), e.attrs.get("valid_to"), e.attrs.get("acting", False))
        for e in store.edges(EdgeType.HOLDS)
    }


def content(store: NetworkXStore, *, sources: bool = True) -> tuple[list[str], list[str]]:
    """A store's nodes and edges, order-free, as comparable text."""
    snapshot = snapshot_dict(store)

    def text(record: dict[str, Any]) -> str:
        return json.dumps({k: v for k, v in record.items() if sources or k != "source"}, sort_keys=True)

    return sorted(map(text, snapshot["nodes"])), sorted(map(text, snapshot["edges"]))


@pytest.fixture(scope="module")
def small() -> NetworkXStore:
    return load_rosters(load_reference(), [SMALL])


def test_csv_roster_fills_the_real_seats(small: NetworkXStore) -> None:
    assert holdings(small) == HOLDINGS
    assert small.node("person:sian-example")["name"] == "Dr Siân Example"
    assert small.node("person:tom-invented")["email"] == "tom.invented@example.org"
    assert small.meta["sources"][-1] == "small"


def test_records_cite_their_file_and_row(small: NetworkXStore) -> None:
    assert small.node("org:example-society")["source"] == "small/organisations.csv row 3"
    chair = [e for e in small.in_edges("post:crg:CFS/chair", EdgeType.HOLDS) if e.from_id == "person:zoe-fictional"]
    assert [e.attrs["source"] for e in chair] == ["small/memberships.csv row 3"]


def test_a_new_seat_takes_its_bodys_dates_and_its_edges_last_while_both_ends_exist(small: NetworkXStore) -> None:
    seat = small.node("post:crg:CFS/example-society-member")
    assert (seat["valid_from"], seat["valid_to"]) == ("2013-04-01", "2016-04-01")  # those of crg:CFS
    [represents] = small.out_edges("post:crg:CFS/example-society-member", EdgeType.REPRESENTS)
    assert represents.to_id == "org:example-society"
    assert (represents.attrs["valid_from"], represents.attrs["valid_to"]) == ("2013-04-01", "2016-04-01")
    # The provider's medical director reports to the Wessex area team's, which ends in 2018.
    [line] = small.out_edges("post:org:royal-example-trust/medical-director", EdgeType.REPORTS_TO)
    assert line.to_id == "post:area-team:wessex/medical-director"
    assert (line.attrs["valid_from"], line.attrs["valid_to"]) == ("2013-04-01", "2018-04-01")


def test_the_reference_dataset_is_left_as_it_was(small: NetworkXStore, reference: NetworkXStore) -> None:
    before_nodes, before_edges = content(reference)
    after_nodes, after_edges = content(small)
    assert set(before_nodes) <= set(after_nodes) and set(before_edges) <= set(after_edges)
    assert len(after_nodes) - len(before_nodes) == 6 + 2 + 2  # people, organisations, posts


def test_excel_import_equals_csv_import(small: NetworkXStore) -> None:
    workbook = load_rosters(load_reference(), [ROSTERS / "small.xlsx"])
    assert content(workbook, sources=False) == content(small, sources=False)
    assert workbook.node("org:example-society")["source"] == "small.xlsx[organisations] row 3"


def test_csv_to_graph_to_popolo_to_graph_is_the_same_graph(small: NetworkXStore, tmp_path: Path) -> None:
    write_popolo(small, tmp_path / "roster.json", include_contact=True)
    again = load_rosters(load_reference(), [tmp_path / "roster.json"])
    assert content(again) == content(small)  # citations included: each object's `citation` carries them


def test_popolo_export_maps_our_fields(small: NetworkXStore) -> None:
    document = popolo_document(small)
    assert [len(document[k]) for k in ("persons", "memberships")] == [6, 10]
    # The roster's own two bodies and two seats come first; what they refer to follows.
    assert [o["id"] for o in document["organizations"][:2]] == ["org:royal-example-trust", "org:example-society"]
    assert [p["id"] for p in document["posts"][:2]] == [
        "post:org:royal-example-trust/medical-director",
        "post:crg:CFS/example-society-member",
    ]
    [post] = [p for p in document["posts"] if p["id"] == "post:crg:CFS/example-society-member"]
    assert post == {
        "id": "post:crg:CFS/example-society-member",
        "label": "Example Society member",
        "organization_id": "crg:CFS",
        "role": "professional-organisation",
        "single_holder": True,
        "on_behalf_of_id": "org:example-society",
        "start_date": "2013-04-01",
        "end_date": "2016-04-01",
        "citation": "small/posts.csv row 3",
    }
    acting = [m for m in document["memberships"] if m.get("acting")]
    assert acting == [
        {
            "person_id": "person:zoe-fictional",
            "post_id": "post:crg:CFS/chair",
            "organization_id": "crg:CFS",
            "role": "chair",
            "start_date": "2015-04-01",
            "end_date": "2016-03-31",  # the last day held
            "acting": True,
            "citation": "small/memberships.csv row 3",
        }
    ]


def test_popolo_membership_by_organization_role_and_area(tmp_path: Path) -> None:
    document = {
        "persons": [{"id": "person:nia-example", "name": "Dr Nia Example"}],
        "memberships": [
            {
                "person_id": "person:nia-example",
                "organization_id": "crg:CFS",
                "role": "clinical-member",
                "area_id": "senate:london",
                "start_date": "2013-04-01",
                "end_date": "2013-12-31",
            }
        ],
    }
    (tmp_path / "roster.json").write_text(json.dumps(document), encoding="utf-8")
    store = load_rosters(load_reference(), [tmp_path / "roster.json"])
    [held] = store.edges(EdgeType.HOLDS)
    assert (held.from_id, held.to_id) == ("person:nia-example", "post:crg:CFS/senate-london-1")
    assert (held.attrs["valid_from"], held.attrs["valid_to"], held.attrs["source"]) == (
        "2013-04-01",
        "2014-01-01",
        "roster.json /memberships/0",
    )


@pytest.mark.parametrize(
    ("encoding", "marker"),
    [
        ("utf-8-sig", b"\xef\xbb\xbfid,name"),
        ("cp1252", b"Dr Si\xe2n Example"),
    ],  # a byte-order mark; a one-byte a-circumflex
)
def test_csv_as_excel_saves_it_reads_the_same(
    encoding: str, marker: bytes, small: NetworkXStore, tmp_path: Path
) -> None:
    folder = tmp_path / "small"
    folder.mkdir()
    for path in SMALL.glob("*.csv"):
        (folder / path.name).write_bytes(path.read_text(encoding="utf-8").replace("\n", "\r\n").encode(encoding))
    assert marker in (folder / "people.csv").read_bytes()
    assert content(load_rosters(load_reference(), [folder])) == content(small)


def test_rosters_may_refer_to_each_other(tmp_path: Path) -> None:
    people = tmp_path / "people"
    people.mkdir()
    shutil.copy(SMALL / "people.csv", people)
    seats = tmp_path / "seats"
    seats.mkdir()
    (seats / "memberships.csv").write_text(
        "person,post,start\nperson:ann-placeholder,post:crg:CFS/chair,2014-01-01\n", encoding="utf-8"
    )
    store = load_rosters(load_reference(), [people, seats])
    assert holdings(store) == {("person:ann-placeholder", "post:crg:CFS/chair", "2014-01-01", "2016-04-01", False)}
    assert store.meta["sources"][-2:] == ["people", "seats"]


def test_a_failed_load_leaves_the_store_unchanged(tmp_path: Path) -> None:
    store = load_reference()
    before = snapshot_dict(store)
    with pytest.raises(LoadError):
        load_rosters(store, [SMALL, SMALL])  # everyone twice
    assert snapshot_dict(store) == before


def test_load_without_paths_loads_the_example_roster_and_with_paths_only_those() -> None:
    example = resources.files("govgraph").joinpath("data/example")
    plain = govgraph.load(example=False).store
    assert plain.count() == load_reference().count()
    mine = govgraph.load([SMALL]).store
    assert holdings(mine) == HOLDINGS
    if example.is_dir():
        default = govgraph.load().store
        assert default.count() > plain.count()
        assert not {"person:sian-example"} & {n["id"] for n in default.nodes()}


def test_templates_are_the_tables_headers_and_load_nothing_with_a_warning() -> None:
    templates = Path(str(resources.files("govgraph").joinpath("data/templates")))
    for table in TABLES.values():
        with open(templates / f"{table.name}.csv", encoding="utf-8", newline="") as f:
            assert list(csv.reader(f)) == [list(table.columns)]
    workbook = load_workbook(templates / "template.xlsx", read_only=True)
    sheets = {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}
    assert sheets == {name: [list(table.columns)] for name, table in TABLES.items()}
    workbook.close()
    # A roster of headers alone loads no row, and says so.
    store = load_reference()
    before = snapshot_dict(store)["nodes"], snapshot_dict(store)["edges"]
    with pytest.warns(RosterWarning) as caught:
        load_rosters(store, [templates, templates / "template.xlsx"])
    assert (snapshot_dict(store)["nodes"], snapshot_dict(store)["edges"]) == before
    assert [str(w.message) for w in caught] == [
        f"{templates}: {NOTHING_TO_LOAD}",
        f"{templates / 'template.xlsx'}: {NOTHING_TO_LOAD}",
    ]


def test_the_load_reports_its_progress_to_a_callback() -> None:
    reports: list[tuple[str, int, int | None]] = []
    load_rosters(load_reference(), [SMALL], progress=lambda *report: reports.append(report))
    # The small roster has 20 rows: 10 + 2 + 6 + 2 in its four CSV files, each less its header.
    assert reports == [("Checking roster rows", 0, 20), ("Checking roster rows", 20, 20),
                       ("Checking against the graph", 0, None)]  # fmt: skip
