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

import gc
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from govgraph.errors import LoadError
from govgraph.graph.store import NetworkXStore
from govgraph.loaders import load_reference, load_rosters
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
