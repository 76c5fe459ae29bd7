from __future__ import annotations

import os
from pathlib import Path

import pytest

from govgraph.graph.store import NetworkXStore
from govgraph.loaders.reference import load_reference

SEEDS = Path(__file__).parent / "data" / "seeds"


@pytest.fixture(autouse=True)
def _no_govgraph_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """``Settings()`` reads ``GOVGRAPH_*`` variables: a test sets those it means to, and the
    shell that runs the suite cannot change what the service under test does."""
    for name in os.environ:
        if name.startswith("GOVGRAPH_"):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def reference() -> NetworkXStore:
    """The built-in reference dataset, built once; tests must not change it."""
    return load_reference()


@pytest.fixture
def fresh_reference() -> NetworkXStore:
    """A reference dataset of the test's own, free to change."""
    return load_reference()
