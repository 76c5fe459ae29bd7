"""The Neo4j server every Neo4j test runs against: one per test session, started on first
use (``tests/_neo4j.py``), or the server ``NEO4J_URI`` names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import _neo4j

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[_neo4j.Connection]:
    """How to reach the session's Neo4j server. Fails, with what to install, where Java
    or Maven is missing: the Neo4j tests are never skipped."""
    try:
        connection = _neo4j.external()
        if connection is not None:
            yield connection
            return
        server = _neo4j.start(ARTIFACTS / "neo4j-server.log")
    except _neo4j.Neo4jUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield server.connection
    finally:
        server.stop()
