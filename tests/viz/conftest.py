from __future__ import annotations

import pytest

from govgraph.graph.store import NetworkXStore
from tests.viz import _stores


@pytest.fixture(scope="session")
def small_store() -> NetworkXStore:
    """See ``_stores.small_store``; tests must not change it."""
    return _stores.small_store()


@pytest.fixture(scope="session")
def hostile_store() -> NetworkXStore:
    """See ``_stores.hostile_store``; tests must not change it."""
    return _stores.hostile_store()
