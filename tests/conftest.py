from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from govgraph.graph.store import NetworkXStore
from govgraph.loaders.reference import load_reference
from tests import _neo4j

# Property tests check answers, never speed: hypothesis's default 200 ms deadline per example
# fails them at random on a loaded machine (and no test here times anything).
settings.register_profile("govgraph", deadline=None)
settings.load_profile("govgraph")

SEEDS = Path(__file__).parent / "data" / "seeds"
NEO4J_ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


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


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[_neo4j.Connection]:
    """How to reach the session's Neo4j server. Fails, with what to install, where Java
    or Maven is missing: the Neo4j tests are never skipped."""
    try:
        connection = _neo4j.external()
        if connection is not None:
            yield connection
            return
        server = _neo4j.start(NEO4J_ARTIFACTS / "neo4j-server.log")
    except _neo4j.Neo4jUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield server.connection
    finally:
        server.stop()
