"""Security headers on every kind of answer the real app makes: data, errors, pages and
the API documentation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from govgraph.api import Settings, create_app


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings())) as client:
        yield client


@pytest.mark.parametrize(
    "url",
    ["/api/nodes/crg:CFS", "/api/nodes/crg:NOPE", "/api/no-such-route", "/openapi.json", "/", "/docs"],
)
def test_every_answer_has_the_security_headers(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    policy = [part.strip() for part in response.headers["Content-Security-Policy"].split(";")]
    assert "frame-ancestors 'none'" in policy


def test_a_data_answer_may_load_nothing(client: TestClient) -> None:
    response = client.get("/api/nodes/crg:CFS")
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_the_documentation_keeps_its_own_policy(client: TestClient) -> None:
    policy = client.get("/docs").headers["Content-Security-Policy"]
    assert policy.count("frame-ancestors") == 1
    assert "script-src" in policy  # its own, which lets its scripts run
