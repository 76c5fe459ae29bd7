"""Snapshots (govgraph.graph.snapshot): an exact round trip, and a bad document is one
LoadError naming the file, the JSON pointer and the field of every problem, as a roster
load's is; node-link JSON is checked the same way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govgraph.errors import LoadError, Problem
from govgraph.graph.export import read_node_link
from govgraph.graph.model import NodeKind, Role
from govgraph.graph.snapshot import load_snapshot, save_snapshot, snapshot_dict
from govgraph.graph.store import NetworkXStore

CHAIR = {"id": "post:board:a/chair", "kind": "Post", "name": "Chair", "role": "chair", "source": "t"}
BOARD = {"id": "board:a", "kind": "Board", "name": "A", "source": "t"}
SEATED = {"from_id": "post:board:a/chair", "to_id": "board:a", "type": "POST_IN", "source": "t"}


def snapshot(nodes: Any, edges: Any) -> dict[str, Any]:
    return {"format": "govgraph-snapshot", "schema_version": 1, "meta": {}, "nodes": nodes, "edges": edges}


def test_snapshot_round_trips_the_reference_dataset_exactly(reference: NetworkXStore, tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    save_snapshot(reference, path)
    loaded = load_snapshot(path)
    assert snapshot_dict(loaded) == snapshot_dict(reference)
    assert loaded.count(NodeKind.CRG) == reference.count(NodeKind.CRG)
    assert sorted(n["id"] for n in loaded.posts_with_role(Role.CHAIR)) == sorted(
        n["id"] for n in reference.posts_with_role(Role.CHAIR)
    )
    again = tmp_path / "again.json"
    save_snapshot(loaded, again)
    assert again.read_bytes() == path.read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "temporary files left behind"


def test_a_small_snapshot_loads(tmp_path: Path) -> None:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(snapshot([BOARD, CHAIR], [SEATED])))
    store = load_snapshot(path)
    assert [edge.to_id for edge in store.out_edges("post:board:a/chair")] == ["board:a"]


@pytest.mark.parametrize(
    ("document", "problems"),
    [
        ({"format": "something-else"}, [(None, "format", "not a govgraph snapshot (format 'something-else')")]),
        ([1, 2], [(None, "format", "not a govgraph snapshot (format 'list')")]),
        (snapshot([BOARD], None), [(None, "edges", "expected a list of edges, found NoneType")]),
        (
            snapshot([BOARD, {**CHAIR, "name": ""}, {**CHAIR, "role": "king"}, "board:b"], []),
            [
                ("/nodes/1", "Post.name", "String should have at least 1 character"),
                ("/nodes/2", "Post.role", "Input should be 'chair', 'co-chair', 'vice-chair', 'clinical-member', "
                 "'ppv', 'professional-organisation', 'accountable-commissioner', 'collaborating-commissioner', "
                 "'ccg-representative', 'public-health', 'director', 'medical-director' or 'member'"),
                ("/nodes/3", None, "expected an object, found str"),
            ],
        ),
        (
            snapshot([BOARD, BOARD, CHAIR], [SEATED, {**SEATED, "to_id": "board:b"}, {**SEATED, "type": "SITS"}]),
            [
                ("/nodes/1", "id", "duplicate id 'board:a'"),
                ("/edges/1", "to_id", "unknown id 'board:b'; did you mean 'board:a'?"),
                ("/edges/2", "type", "Input should be"),
            ],
        ),
    ],
)  # fmt: skip
def test_a_bad_snapshot_names_file_place_and_field(
    tmp_path: Path, document: Any, problems: list[tuple[str | None, str | None, str]]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    with pytest.raises(LoadError) as caught:
        load_snapshot(path)
    found = caught.value.problems
    assert {problem.file for problem in found} == {str(path)}
    assert len(found) == len(problems)
    for problem, (row, field, message) in zip(found, problems, strict=True):
        assert (problem.row, problem.field) == (row, field)
        assert problem.message.startswith(message)


def test_a_snapshot_that_is_not_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format":\n  "govgraph-snapshot",,}')
    with pytest.raises(LoadError) as caught:
        load_snapshot(path)
    assert caught.value.problems == [
        Problem(str(path), 2, None, "invalid JSON: Expecting property name enclosed in double quotes")
    ]


def test_node_link_data_is_checked_like_a_snapshot() -> None:
    # networkx's own keys: ends under source and target, our citation under citation.
    link = {"source": "post:board:a/chair", "target": "board:a", "type": "POST_IN", "citation": "t", "key": "POST_IN@"}
    board = {**BOARD, "citation": BOARD["source"]}
    del board["source"]
    with pytest.raises(LoadError) as caught:
        read_node_link({"graph": {}, "nodes": [board], "links": [link, {**link, "citation": ""}]}, origin="graph.json")
    assert caught.value.problems == [
        Problem("graph.json", "/links/0", "source", "unknown id 'post:board:a/chair'"),  # no id is near it
        Problem("graph.json", "/links/1", "citation", "String should have at least 1 character"),
    ]
    with pytest.raises(LoadError, match="expected a list of nodes, found NoneType"):
        read_node_link({"links": []}, origin="graph.json")
