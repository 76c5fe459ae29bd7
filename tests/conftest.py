from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.graph.store import NetworkXStore
from govgraph.loaders.reference import load_reference

SEEDS = Path(__file__).parent / "data" / "seeds"


@pytest.fixture(scope="session")
def reference() -> NetworkXStore:
    """The built-in reference dataset, built once; tests must not change it."""
    return load_reference()


@pytest.fixture
def fresh_reference() -> NetworkXStore:
    """A reference dataset of the test's own, free to change."""
    return load_reference()
