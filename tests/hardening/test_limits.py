"""Absurd requests are refused with a clear error in the one shape, and change nothing:
bodies over the size limit, parameters far out of range, dates in year 0 or 99999, ids and
texts tens of thousands of characters long."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from govgraph.api import Settings, create_app
from govgraph.api.limits import MAX_BODY_BYTES
from govgraph.loaders._tables import MAX_CELL_CHARS
from tests._service import error_of, folder_bytes

KEY = "correct horse battery staple"
AUTH = {"X-API-Key": KEY, "Content-Type": "application/json"}
WRITES = ["/api/people", "/api/memberships", "/api/memberships/end"]
LONG = 30_000  # characters: far past any id, well inside what a URL can carry


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path]]:
    """A service with the key and a write folder, and that folder."""
    write_dir = tmp_path_factory.mktemp("limits") / "writes"
    with TestClient(create_app(Settings(api_key=KEY, write_dir=write_dir))) as client:
        yield client, write_dir


def person_padded_to(size: int) -> bytes:
    """A JSON person whose body is exactly ``size`` bytes, padded with spaces after the object."""
    body = b'{"id": "person:padded-example", "name": "Padded Example"}'
    return body + b" " * (size - len(body))


@pytest.mark.parametrize("url", WRITES)
def test_a_body_over_the_limit_is_413_and_changes_nothing(service: tuple[TestClient, Path], url: str) -> None:
    client, write_dir = service
    before, loaded_at = folder_bytes(write_dir), client.get("/api/health").json()["loaded_at"]
    error = error_of(
        client.post(url, content=person_padded_to(MAX_BODY_BYTES + 1), headers=AUTH), 413, "body_too_large"
    )
    assert "64 KiB" in error["message"]
    assert folder_bytes(write_dir) == before
    assert client.get("/api/health").json()["loaded_at"] == loaded_at


def test_a_body_sent_in_chunks_is_counted_as_it_arrives(service: tuple[TestClient, Path]) -> None:
    client, write_dir = service
    before = folder_bytes(write_dir)

    def chunks() -> Iterator[bytes]:
        # No Content-Length: the limit must hold on the bytes themselves.
        yield b'{"id": "person:chunked-example", "name": "'
        for _ in range(MAX_BODY_BYTES // 1024 + 1):
            yield b"x" * 1024
        yield b'"}'

    response = client.post("/api/people", content=chunks(), headers=AUTH)
    assert "content-length" not in response.request.headers
    error_of(response, 413, "body_too_large")
    assert folder_bytes(write_dir) == before


def test_a_body_of_exactly_the_limit_is_read(service: tuple[TestClient, Path]) -> None:
    client, _ = service
    response = client.post("/api/people", content=person_padded_to(MAX_BODY_BYTES), headers=AUTH)
    assert response.status_code == 201, response.text
    assert response.json()["id"] == "person:padded-example"


def test_the_limit_is_documented(service: tuple[TestClient, Path]) -> None:
    client, _ = service
    paths = client.get("/openapi.json").json()["paths"]
    for url in WRITES:
        assert "413" in paths[url]["post"]["responses"], url


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/nodes?limit=1000000000", "query.limit"),
        ("/api/search?q=cystic&limit=1000000000", "query.limit"),
        ("/api/nodes?limit=-1000000000", "query.limit"),
        ("/api/overload?min_seats=1000000000", "query.min_seats"),
        ("/api/nodes?offset=-1", "query.offset"),
        # Past Python's 4,300-digit limit for reading an integer: refused, not computed.
        ("/api/nodes?offset=" + "9" * 5000, "query.offset"),
        ("/api/nodes?limit=1e400", "query.limit"),
    ],
)
def test_a_parameter_far_out_of_range_is_422_naming_it(service: tuple[TestClient, Path], url: str, field: str) -> None:
    client, _ = service
    error = error_of(client.get(url), 422, "invalid_request")
    assert [problem["field"] for problem in error["problems"]] == [field]


def test_an_offset_past_the_end_is_an_empty_page(service: tuple[TestClient, Path]) -> None:
    client, _ = service
    page = client.get("/api/nodes", params={"offset": 10**9}).json()
    assert (page["items"], page["offset"]) == ([], 10**9)
    assert page["total"] > 0


def test_a_diagram_depth_far_out_of_range_is_a_422_page(service: tuple[TestClient, Path]) -> None:
    client, _ = service
    response = client.get("/diagrams/focus/crg:CFS", params={"depth": 10**9})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "depth" in response.text


@pytest.mark.parametrize(
    "day", ["0000-01-01", "0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31", "99999-01-01", "-2014-01-01"]
)
@pytest.mark.parametrize("url", ["/api/stats?as_of={}", "/api/gaps?as_of={}", "/api/changes?from={}&to=2014-01-01"])
def test_a_date_out_of_range_is_400(service: tuple[TestClient, Path], url: str, day: str) -> None:
    client, _ = service
    error = error_of(client.get(url.format(day)), 400, "invalid_date")
    assert day in error["message"]


@pytest.mark.parametrize("day", ["0000-01-01", "99999-01-01"])
def test_a_write_dated_out_of_range_is_422_and_changes_nothing(service: tuple[TestClient, Path], day: str) -> None:
    client, write_dir = service
    before = folder_bytes(write_dir)
    body = {"person": "person:ada-example", "post": "post:crg:CFS/chair", "start": day}
    error = error_of(client.post("/api/memberships", json=body, headers=AUTH), 422, "load_error")
    assert [problem["field"] for problem in error["problems"]] == ["start"]
    assert folder_bytes(write_dir) == before


@pytest.mark.parametrize(
    "url",
    [
        "/api/nodes/crg:" + "C" * LONG,
        "/api/members/" + "x" * LONG,
        "/api/line-of-sight/post:" + "p" * LONG,
        "/api/gaps?subject=" + "s" * LONG,
        "/api/gaps?rule=" + "r" * LONG,
    ],
)
def test_a_very_long_id_is_an_unknown_id(service: tuple[TestClient, Path], url: str) -> None:
    client, _ = service
    error_of(client.get(url), 404, "not_found")


@pytest.mark.parametrize(
    ("url", "nothing"),
    [
        ("/api/search?q=" + "a" * LONG, {"items": [], "total": 0, "offset": 0, "limit": 50, "next": None}),
        ("/api/nodes?q=" + "a" * LONG, {"items": [], "total": 0, "offset": 0, "limit": 50, "next": None}),
    ],
)
def test_a_very_long_text_finds_nothing(service: tuple[TestClient, Path], url: str, nothing: object) -> None:
    client, _ = service
    response = client.get(url)
    assert response.status_code == 200
    assert response.json() == nothing


def test_a_name_of_the_cell_limit_is_stored_whole(service: tuple[TestClient, Path]) -> None:
    client, _ = service
    name = "N" * MAX_CELL_CHARS  # the longest text a roster cell may hold (docs/rosters.md)
    response = client.post("/api/people", json={"id": "person:long-name-example", "name": name}, headers=AUTH)
    assert response.status_code == 201, response.text
    assert client.get("/api/nodes/person:long-name-example").json()["node"]["name"] == name


def test_a_name_over_the_cell_limit_is_refused_on_its_field(service: tuple[TestClient, Path]) -> None:
    client, _ = service
    body = {"id": "person:too-long-example", "name": "N" * LONG}
    error = error_of(client.post("/api/people", json=body, headers=AUTH), 422, "load_error")
    assert [(p["field"], p["message"]) for p in error["problems"]] == [
        ("name", f"holds {LONG:,} characters, over the limit of {MAX_CELL_CHARS:,}")
    ]
