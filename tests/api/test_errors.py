"""Every error path answers with the one error shape, and /openapi.json documents it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from govgraph.api import Settings, create_app
from govgraph.api.deps import get_loaded
from govgraph.api.holder import LoadedGraph

ERROR_KEYS = {"status", "code", "message", "suggestions", "problems"}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings())) as client:
        yield client


def error_of(response: object) -> dict:
    """The body's ``error``, after checking the body has the one shape and agrees with the status."""
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == ERROR_KEYS
    assert error["status"] == response.status_code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(
    ("method", "url", "status", "code"),
    [
        ("GET", "/api/nodes/crg:CSF", 404, "not_found"),
        ("GET", "/api/nodes/post:crg:CFS/chiar", 404, "not_found"),
        ("GET", "/api/nodes?region=region:londn", 404, "not_found"),
        ("GET", "/api/nodes/crg:CFS?as_of=2015-13-01", 400, "invalid_date"),
        ("GET", "/api/nodes?as_of=01/04/2015", 400, "invalid_date"),
        ("GET", "/api/search?q=cystic&as_of=yesterday", 400, "invalid_date"),
        ("GET", "/api/stats?as_of=2015-1-1", 400, "invalid_date"),
        ("GET", "/api/stats?as_of=0999-01-01", 400, "invalid_date"),
        ("GET", "/api/nodes?limit=0", 422, "invalid_request"),
        ("GET", "/api/nodes?limit=501", 422, "invalid_request"),
        ("GET", "/api/nodes?offset=-1", 422, "invalid_request"),
        ("GET", "/api/nodes?kind=Nope", 422, "invalid_request"),
        ("GET", "/api/nodes?programme=crg:CFS", 422, "invalid_request"),
        ("GET", "/api/search?q=cystic&limit=0", 422, "invalid_request"),
        ("GET", "/api/search", 422, "invalid_request"),
        ("GET", "/api/nope", 404, "not_found"),
        ("DELETE", "/api/nodes/crg:CFS", 405, "method_not_allowed"),
        ("GET", "/api/admin/reload", 405, "method_not_allowed"),
    ],
)
def test_every_error_has_the_one_shape(client: TestClient, method: str, url: str, status: int, code: str) -> None:
    response = client.request(method, url)
    assert response.status_code == status
    assert error_of(response)["code"] == code


def test_unknown_id_suggests_the_closest(client: TestClient) -> None:
    error = error_of(client.get("/api/nodes/crg:CSF"))
    assert error["suggestions"][0] == "crg:CFS"
    assert error["message"].startswith("unknown id 'crg:CSF'; did you mean 'crg:CFS'")


def test_unknown_region_filter_suggests_the_closest(client: TestClient) -> None:
    error = error_of(client.get("/api/nodes", params={"region": "region:londn"}))
    assert error["suggestions"][0] == "region:london"


def test_bad_date_says_what_was_expected(client: TestClient) -> None:
    error = error_of(client.get("/api/stats", params={"as_of": "01/04/2013"}))
    assert error["message"] == "invalid date '01/04/2013': expected an ISO date YYYY-MM-DD"
    assert (error["suggestions"], error["problems"]) == ([], [])


def test_invalid_request_names_each_parameter(client: TestClient) -> None:
    error = error_of(client.get("/api/nodes", params={"limit": 0, "kind": "Nope"}))
    assert sorted(problem["field"] for problem in error["problems"]) == ["query.kind", "query.limit"]
    assert "query.limit: Input should be greater than or equal to 1" in error["message"]


def test_unexpected_error_is_500_without_internals() -> None:
    def broken() -> LoadedGraph:
        raise RuntimeError("secret: /srv/govgraph/private.csv")

    app = create_app(Settings())
    app.dependency_overrides[get_loaded] = broken
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/nodes/crg:CFS")
    assert response.status_code == 500
    error = error_of(response)
    assert (error["code"], error["message"]) == ("internal_error", "internal server error")
    assert "secret" not in response.text


def test_openapi_documents_the_error_shape_on_every_operation(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    error_ref = {"$ref": "#/components/schemas/ErrorResponse"}
    operations = [(path, method, op) for path, ops in spec["paths"].items() for method, op in ops.items()]
    assert len(operations) >= 6
    for path, method, op in operations:
        errors = {status: r for status, r in op["responses"].items() if not status.startswith("2")}
        assert "500" in errors, (method, path)
        for status, response in errors.items():
            assert response["content"]["application/json"]["schema"] == error_ref, (method, path, status)
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    assert set(spec["components"]["schemas"]["ErrorDetail"]["properties"]) == ERROR_KEYS


def test_openapi_describes_the_service(client: TestClient) -> None:
    info = client.get("/openapi.json").json()["info"]
    assert info["title"] == "govgraph"
    assert "specialised commissioning" in info["description"]
