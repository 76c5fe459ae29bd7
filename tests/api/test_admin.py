"""Reloading the graph: the API key, a reload that works, one that fails, and the settings."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

import govgraph
from govgraph.api import Settings, create_app
from govgraph.api.deps import get_holder
from govgraph.api.holder import GraphHolder
from govgraph.errors import LoadError, Problem

KEY = "correct horse battery staple"
ROSTER_PROBLEMS = [
    Problem("roster.csv", 3, "role", "'chiar' is not a role"),
    Problem("roster.csv", 7, "post_id", "unknown id 'post:crg:CSF/chair'"),
]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(api_key=KEY))) as client:
        yield client


def test_reload_with_the_key_serves_a_new_graph(client: TestClient) -> None:
    before = client.get("/api/health").json()
    response = client.post("/api/admin/reload", headers={"X-API-Key": KEY})
    assert response.status_code == 200
    after = response.json()
    assert after["loaded_at"] != before["loaded_at"]
    assert after["nodes"] == before["nodes"]
    assert client.get("/api/health").json() == after
    assert client.get("/api/nodes/crg:CFS").status_code == 200


@pytest.mark.parametrize(
    "headers", [{}, {"X-API-Key": "wrong"}, {"X-API-Key": KEY + " "}, {"X-API-Key": "s\u00e9cret".encode()}]
)
def test_reload_without_the_right_key_is_401(client: TestClient, headers: dict) -> None:
    before = client.get("/api/health").json()
    response = client.post("/api/admin/reload", headers=headers)
    assert response.status_code == 401
    error = response.json()["error"]
    assert (error["code"], error["message"]) == ("unauthorized", "missing or wrong X-API-Key header")
    assert client.get("/api/health").json() == before


def test_reload_with_no_key_configured_is_403() -> None:
    with TestClient(create_app(Settings())) as client:
        response = client.post("/api/admin/reload", headers={"X-API-Key": "anything"})
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "admin_disabled"
    assert "admin calls are disabled" in error["message"]


def failing_load() -> govgraph.Governance:
    raise LoadError(ROSTER_PROBLEMS)


def test_a_reload_that_fails_keeps_serving_the_old_graph() -> None:
    holder = GraphHolder(failing_load, governance=govgraph.load())
    app = create_app(Settings(api_key=KEY))
    app.dependency_overrides[get_holder] = lambda: holder
    with TestClient(app) as client:
        before = client.get("/api/health").json()
        response = client.post("/api/admin/reload", headers={"X-API-Key": KEY})
        assert response.status_code == 422
        error = response.json()["error"]
        assert (error["code"], error["message"]) == ("load_error", "2 problems found; nothing was loaded")
        assert error["suggestions"] == []
        assert error["problems"] == [
            {"file": "roster.csv", "row": 3, "field": "role", "message": "'chiar' is not a role"},
            {"file": "roster.csv", "row": 7, "field": "post_id", "message": "unknown id 'post:crg:CSF/chair'"},
        ]
        assert client.get("/api/health").json() == before
        assert client.get("/api/nodes/crg:CFS").status_code == 200


def test_a_reload_swaps_in_a_whole_new_graph_and_leaves_the_old_one_intact() -> None:
    holder = GraphHolder(govgraph.load)
    first = holder.reload()
    second = holder.reload()
    assert holder.current is second
    assert first.governance is not second.governance
    assert first.governance.show("crg:CFS") == second.governance.show("crg:CFS")


def test_reload_is_documented_as_needing_the_key(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/admin/reload"]["post"]
    assert operation["security"] == [{"APIKeyHeader": []}]
    assert {"401", "403", "422"} <= set(operation["responses"])
    assert spec["components"]["securitySchemes"]["APIKeyHeader"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": "The key the service was started with (GOVGRAPH_API_KEY).",
    }


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_DATA", os.pathsep.join(["rosters/a.xlsx", "", "rosters/b"]))
    monkeypatch.setenv("GOVGRAPH_API_KEY", KEY)
    monkeypatch.setenv("GOVGRAPH_HOST", "0.0.0.0")
    monkeypatch.setenv("GOVGRAPH_PORT", "9000")
    settings = Settings()
    assert [str(path) for path in settings.data] == [os.path.join("rosters", "a.xlsx"), os.path.join("rosters", "b")]
    assert settings.api_key is not None and settings.api_key.get_secret_value() == KEY
    assert KEY not in repr(settings)
    assert (settings.host, settings.port) == ("0.0.0.0", 9000)


def test_empty_environment_variables_keep_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_API_KEY", "")
    monkeypatch.setenv("GOVGRAPH_DATA", "")
    assert Settings() == Settings(data=(), api_key=None, host="127.0.0.1", port=8000, write_dir=None)


@pytest.mark.parametrize("port", ["http", "0", "70000"])
def test_a_bad_port_in_the_environment_is_refused(port: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_PORT", port)
    with pytest.raises(ValidationError, match="port"):
        Settings()
