"""The malformed rosters of ``tests/data/bad``: each one's problems, exactly, and a
store left exactly as it was.

Each case is a folder holding the roster (the folder itself, or the file that
``expected.json`` names) and ``expected.json``: the problems a load must raise, in
order, with files relative to the case folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from govgraph.errors import LoadError
from govgraph.graph.snapshot import snapshot_dict
from govgraph.graph.store import NetworkXStore
from govgraph.loaders import load_reference, load_rosters

BAD = Path(__file__).parents[1] / "data" / "bad"
CASES = sorted(path.name for path in BAD.iterdir() if path.is_dir())


@pytest.fixture(scope="module")
def store() -> NetworkXStore:
    """One store that every case tries, and fails, to load into."""
    return load_reference()


@pytest.fixture(scope="module")
def pristine(store: NetworkXStore) -> dict[str, Any]:
    return snapshot_dict(store)


def test_the_corpus_is_broad() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES)
def test_bad_roster(case: str, store: NetworkXStore, pristine: dict[str, Any]) -> None:
    folder = BAD / case
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    with pytest.raises(LoadError) as raised:
        load_rosters(store, [folder / expected["roster"]])
    found = [
        {"file": os.path.relpath(p.file, folder), "row": p.row, "field": p.field, "message": p.message}
        for p in raised.value.problems
    ]
    assert found == expected["problems"]
    assert snapshot_dict(store) == pristine
