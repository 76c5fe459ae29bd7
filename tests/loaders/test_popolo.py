"""Popolo JSON rosters (govgraph.loaders.popolo): a written roster reads back to the same
holdings, and a bad document names the file, the JSON pointer and the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govgraph.errors import LoadError, Problem
from govgraph.graph.model import EdgeType
from govgraph.loaders import load_reference, load_rosters, write_popolo

SMALL = Path(__file__).parent.parent / "data" / "rosters" / "small"


def holdings(store: object) -> list[tuple[str, str, str | None, str | None, bool]]:
    return sorted(
        (e.from_id, e.to_id, e.attrs.get("valid_from"), e.attrs.get("valid_to"), e.attrs.get("acting", False))
        for e in store.edges(EdgeType.HOLDS)  # type: ignore[attr-defined]
    )


def test_a_roster_written_as_popolo_reads_back_to_the_same_holdings(tmp_path: Path) -> None:
    store = load_rosters(load_reference(), [SMALL])
    path = tmp_path / "small.json"
    write_popolo(store, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    # The small roster: six people, two organisations, two posts, ten holdings (its CSV files).
    assert [len(document[name]) for name in ("persons", "organizations", "posts", "memberships")] == [6, 2, 2, 10]
    again = load_rosters(load_reference(), [path])
    assert holdings(again) == holdings(store)
    # Zoë Fictional holds the CFS chair from 2015-04-01, acting (memberships.csv row 3).
    assert ("person:zoe-fictional", "post:crg:CFS/chair", "2015-04-01", "2016-04-01", True) in holdings(again)


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ({"people": []}, (None, None, "not a Popolo roster: expected an object with one or more of persons, "
                                      "organizations, posts, memberships")),
        ({"persons": {}}, ("/persons", None, "expected a list")),
        ({"persons": [{"id": "person:x", "name": "X", "nickname": "x", "sources": [{"note": "n"}]}]},
         ("/persons/0", "nickname", "unknown key 'nickname'; expected id, name, email, employer, sources")),
        ({"persons": [{"id": "person:x", "name": "X", "sources": "a note"}]},
         ("/persons/0", "sources", "expected a list of objects with a 'url' or a 'note'")),
        ({"memberships": [{"person_id": "person:x", "post_id": "post:crg:CFS/chair", "start_date": "2014",
                           "sources": [{"note": "n"}]}]},
         ("/memberships/0", "start_date", "invalid date '2014': expected an ISO date YYYY-MM-DD")),
    ],
)  # fmt: skip
def test_a_bad_document_names_pointer_and_key(
    tmp_path: Path, document: object, problem: tuple[str | None, str | None, str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_rosters(load_reference(), [path])
    assert caught.value.problems[0] == Problem(str(path), *problem)
