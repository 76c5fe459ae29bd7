"""The bulk load path builds exactly the graph the straightforward path built.

``tests/data/loaded/*.json.gz`` are the graphs main's loader built at commit 4a00f76, before
the bulk path (a pydantic record validated per row, then ``add_node``/``add_edge`` one at a
time): every node and edge in insertion order, with its key and its attribute dict, and
the graph's sources. They were written by loading, into the built-in dataset,

* nothing (``reference``);
* the example roster, ``govgraph/data/example`` (``example``);
* ``govgraph synth --scale 2 --seed 42`` written to a folder named ``s2`` (``synthetic-2``):
  5,122 memberships, 2,221 posts and 125 organisations of a copied committee structure.

Each is compared whole, so a changed attribute, key, edge or order anywhere fails.
"""

from __future__ import annotations

import csv
import gc
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from govgraph.errors import LoadError
from govgraph.graph.store import NetworkXStore
from govgraph.loaders import _parse, load_reference, load_rosters
from govgraph.loaders.roster import EXAMPLE_ROSTER
from govgraph.loaders.synthetic import synthesise, write_roster

LOADED = Path(__file__).parents[1] / "data" / "loaded"


def _graph(store: NetworkXStore) -> dict[str, Any]:
    """The graph as the stored files hold it (JSON types: a tuple is a list)."""
    graph = store.graph
    data = {
        "nodes": [[id, attrs] for id, attrs in graph.nodes(data=True)],
        "edges": [[u, v, key, attrs] for u, v, key, attrs in graph.edges(keys=True, data=True)],
        "sources": store.meta["sources"],
    }
    loaded: dict[str, Any] = json.loads(json.dumps(data))
    return loaded


def _stored(name: str) -> dict[str, Any]:
    with gzip.open(LOADED / f"{name}.json.gz", "rt", encoding="utf-8") as file:
        stored: dict[str, Any] = json.load(file)
    return stored


def _assert_same(found: dict[str, Any], expected: dict[str, Any]) -> None:
    # Counts first, so that a failure says what kind of difference it is.
    assert (len(found["nodes"]), len(found["edges"])) == (len(expected["nodes"]), len(expected["edges"]))
    assert found["sources"] == expected["sources"]
    assert found["nodes"] == expected["nodes"]
    assert found["edges"] == expected["edges"]


def test_the_built_in_dataset_is_the_same_graph() -> None:
    _assert_same(_graph(load_reference()), _stored("reference"))


def test_the_example_roster_loads_the_same_graph() -> None:
    _assert_same(_graph(load_rosters(load_reference(), [EXAMPLE_ROSTER])), _stored("example"))


def test_a_synthetic_roster_loads_the_same_graph(tmp_path: Path) -> None:
    roster = tmp_path / "s2"  # the folder's name is in every citation
    write_roster(synthesise(2, 42), roster)
    _assert_same(_graph(load_rosters(load_reference(), [roster])), _stored("synthetic-2"))


@pytest.mark.parametrize("fails", [False, True])
def test_the_load_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path, fails: bool) -> None:
    (tmp_path / "people.csv").write_text("id,name\nperson:ann-a,Ann A\n" + ("person:ann-a,Ann B\n" if fails else ""))
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            if fails:
                with pytest.raises(LoadError):
                    load_rosters(load_reference(), [tmp_path])
            else:
                load_rosters(load_reference(), [tmp_path])
            assert gc.isenabled() is enabled
        finally:
            gc.enable()


# -- the quick path against the cell-by-cell parser --------------------------------------
# ``_parse`` takes a row that passes every check through a quick path, and leaves any row
# it is not sure of to the parser that reads it cell by cell and reports problems. With the
# quick path turned off, every row goes cell by cell: the two loads must agree on the graph
# (and the store's indexes, in order) and on every problem, word for word.


def _everything(store: NetworkXStore) -> dict[str, Any]:
    """The graph, each node's neighbours in their order, and the store's indexes."""
    graph = store.graph
    return _graph(store) | {
        "succ": [[u, list(graph.succ[u])] for u in graph],
        "pred": [[u, list(graph.pred[u])] for u in graph],
        "by_kind": {kind: list(ids) for kind, ids in store._by_kind.items()},
        "by_role": {role: list(ids) for role, ids in store._by_role.items()},
        "pred_by_type": {id: {t: list(ids) for t, ids in types.items()} for id, types in store._pred_by_type.items()},
    }


def _cell_by_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_parse, "_QUICK", dict.fromkeys(_parse._QUICK, lambda row, parsed: False))


def _rewrite(folder: Path, table: str, changes: dict[int, dict[str, str]]) -> None:
    """Set the cells ``changes`` names: data row number (from 1) -> column -> value."""
    path = folder / f"{table}.csv"
    with path.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    for number, cells in changes.items():
        rows[number - 1].update(cells)
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def careless_roster(tmp_path: Path) -> Path:
    """A synthetic roster whose cells are written as a careful user may write them, all of
    them right: yes/no in other cases, roles with capitals, a post with no dates (it takes
    its body's), a membership giving its seat by body and role, optional columns empty."""
    roster = tmp_path / "careless"
    write_roster(synthesise(2, 7), roster)
    _rewrite(
        roster, "posts", {1: {"single_holder": "YES"}, 2: {"single_holder": "No"}, 3: {"role": "Medical-Director"}}
    )
    _rewrite(roster, "posts", {4: {"valid_from": "", "valid_to": ""}})
    _rewrite(roster, "memberships", {1: {"acting": "TRUE"}, 2: {"acting": ""}, 3: {"appointed": ""}})
    _rewrite(roster, "people", {1: {"email": "", "employer": ""}})
    # A provider's medical director given by body and role: the provider has one such seat.
    with (roster / "memberships.csv").open(newline="", encoding="utf-8") as file:
        number, post = next(
            (n, row["post"]) for n, row in enumerate(csv.DictReader(file), 1) if "provider" in row["post"]
        )
    org = post.removeprefix("post:").removesuffix("/medical-director")
    _rewrite(roster, "memberships", {number: {"post": "", "org": org, "role": "Medical-Director"}})
    return roster


def test_the_quick_path_builds_the_graph_the_cell_by_cell_parser_builds(
    careless_roster: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = _everything(load_rosters(load_reference(), [careless_roster]))
    _cell_by_cell(monkeypatch)
    slow = _everything(load_rosters(load_reference(), [careless_roster]))
    assert len(quick["edges"]) > 8_000  # the roster loaded whole, not to an empty graph
    assert quick == slow


def test_the_quick_path_leaves_every_problem_to_the_cell_by_cell_parser(
    careless_roster: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One mistake of each kind the quick path checks, each in a row it would otherwise take.
    _rewrite(careless_roster, "people", {5: {"id": "synthetic-x"}, 6: {"email": "a b@example.org"}, 7: {"name": ""}})
    _rewrite(careless_roster, "people", {8: {"id": "person:synthetic-1-1"}, 9: {"id": "person:a/../b"}})
    posts = {5: {"role": "chiar"}, 6: {"single_holder": "maybe"}, 7: {"valid_to": "2012-01-01"}, 8: {"org": "nope"}}
    _rewrite(careless_roster, "posts", posts | {9: {"represents": "person:synthetic-1-2"}, 10: {"id": "post:-x"}})
    memberships = {5: {"start": "2013-02-30"}, 6: {"end": "2000-01-01"}, 7: {"acting": "y"}, 8: {"person": "x"}}
    _rewrite(careless_roster, "memberships", memberships | {9: {"appointed": "2030-01-01"}, 10: {"post": "post:x"}})
    _rewrite(
        careless_roster, "memberships", {11: {"role": "nope"}, 12: {"org": "crg:NOPE"}, 13: {"end": "2014-01-01\x00"}}
    )
    with pytest.raises(LoadError) as quick:
        load_rosters(load_reference(), [careless_roster])
    _cell_by_cell(monkeypatch)
    with pytest.raises(LoadError) as slow:
        load_rosters(load_reference(), [careless_roster])
    found = [(Path(p.file).name, p.row, p.field, p.message) for p in quick.value.problems]
    assert found == [(Path(p.file).name, p.row, p.field, p.message) for p in slow.value.problems]
    # Spot-checked by hand: data row n is the file's row n + 1, after the header.
    assert ("people.csv", 7, "email", "'a b@example.org' is not an email address") in found
    assert ("posts.csv", 7, "single_holder", "'maybe' is not yes or no") in found
    assert ("memberships.csv", 8, "acting", "'y' is not yes or no; did you mean 'yes'?") in found
    # Every rewritten row reported but one: memberships' data row 10 is a membership of a
    # person whose own row failed (people's data row 7), so it is not reported again.
    rewritten = {("people.csv", n + 1) for n in range(5, 10)} | {("posts.csv", n + 1) for n in range(5, 11)}
    rewritten |= {("memberships.csv", n + 1) for n in range(5, 14) if n != 10}
    assert rewritten <= {(file, row) for file, row, _, _ in found}
