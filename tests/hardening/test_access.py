"""Who may change what, and what no request can reach.

* A write or reload without the key, or with anything but the key, is 401 (403 on a
  service with no key) and changes neither the write folder nor the graph served.
* No id in a path, in any form of ``..``, reads a file: every route taking an id answers
  an unknown id. The service has no route that serves a file by name.
* No request field sends the write roster anywhere but its own four tables, and no field
  value can add a row of its own to them.

Contact fields without the key are covered by tests/api/test_contact_fields.py, and for
every operation by the fuzz test.
"""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from govgraph.api import Settings, create_app
from tests._server import KEY, Server, serving_empty_roster
from tests._service import ERROR_KEYS, folder_bytes

JO = {"id": "person:jo-example", "name": "Dr Jo Example", "email": "jo@example.org"}
# Each a well-formed request: only the key is wrong.
WRITES = [
    ("/api/people", JO),
    ("/api/memberships", {"person": "person:ada-example", "post": "post:crg:CFS/chair", "start": "2014-01-01"}),
    (
        "/api/memberships/end",
        {"person": "person:ada-example", "post": "post:crg:CFS/chair", "start": "2014-01-01", "end": "2015-01-01"},
    ),
    ("/api/admin/reload", None),
]
WRONG_KEYS = [
    {},
    {"X-API-Key": ""},
    {"X-API-Key": "wrong"},
    {"X-API-Key": KEY.upper()},
    {"X-API-Key": KEY[:-1]},
    {"X-API-Key": KEY + "x"},
    {"Authorization": f"Bearer {KEY}"},
    {"X-Api-Key-Other": KEY},
]
ID_ROUTES = [
    "/api/nodes/{}",
    "/api/representation/{}",
    "/api/line-of-sight/{}",
    "/api/below/{}",
    "/api/members/{}",
    "/api/posts-of/{}",
    "/nodes/{}",
    "/diagrams/focus/{}",
    "/diagrams/representation/{}",
    "/diagrams/line-of-sight/{}",
]
TRAVERSALS = [
    "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%252e%252e%252fetc%252fpasswd",
    "/etc/passwd",
    "%2Fetc%2Fpasswd",
    "....//....//etc/passwd",
    "crg:CFS/..%2f..%2f..%2fetc%2fpasswd",
    "..%5c..%5cwindows%5cwin.ini",
    "file:%2F%2F%2Fetc%2Fpasswd",
    "%00../etc/passwd",
]
PASSWD = "root:x:0:0"  # the first line of /etc/passwd on Linux


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path]]:
    """A service with the key and a write folder, inside a folder of its own, and that folder."""
    home = tmp_path_factory.mktemp("access")
    with TestClient(create_app(Settings(api_key=KEY, write_dir=home / "writes"))) as client:
        yield client, home


def assert_error(response: object, status: int, code: str) -> None:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    assert (body["error"]["status"], body["error"]["code"]) == (status, code)


@pytest.mark.parametrize("headers", WRONG_KEYS, ids=lambda headers: repr(headers)[:40])
@pytest.mark.parametrize(("url", "body"), WRITES, ids=[url for url, _ in WRITES])
def test_a_write_without_the_key_is_401_and_changes_nothing(
    service: tuple[TestClient, Path], url: str, body: dict | None, headers: dict
) -> None:
    client, home = service
    before, loaded_at = folder_bytes(home), client.get("/api/health").json()["loaded_at"]
    assert_error(client.post(url, json=body, headers=headers), 401, "unauthorized")
    assert folder_bytes(home) == before
    assert client.get("/api/health").json()["loaded_at"] == loaded_at


@pytest.mark.parametrize(("url", "body"), WRITES, ids=[url for url, _ in WRITES])
def test_a_service_without_a_key_refuses_every_write_and_changes_nothing(
    tmp_path: Path, url: str, body: dict | None
) -> None:
    with TestClient(create_app(Settings(write_dir=tmp_path / "writes"))) as client:
        before, loaded_at = folder_bytes(tmp_path), client.get("/api/health").json()["loaded_at"]
        for headers in ({}, {"X-API-Key": KEY}):
            assert_error(client.post(url, json=body, headers=headers), 403, "admin_disabled")
        assert folder_bytes(tmp_path) == before
        assert client.get("/api/health").json()["loaded_at"] == loaded_at


@pytest.mark.parametrize("traversal", TRAVERSALS)
@pytest.mark.parametrize("route", ID_ROUTES)
def test_no_id_in_a_path_reads_a_file(service: tuple[TestClient, Path], route: str, traversal: str) -> None:
    client, _ = service
    response = client.get(route.format(traversal))
    assert response.status_code == 404, response.text
    assert PASSWD not in response.text and "[fonts]" not in response.text
    if route.startswith("/api/"):
        assert_error(response, 404, "not_found")
    else:
        assert response.headers["content-type"].startswith("text/html")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real ``govgraph serve``: unlike an HTTP client library, a raw request line keeps its
    ``..`` segments as sent."""
    with serving_empty_roster(tmp_path_factory.mktemp("raw")) as server:
        yield server


@pytest.mark.parametrize(
    "traversal", ["../../../../etc/passwd", "crg:CFS/../../../../etc/passwd", "..\\..\\etc\\passwd"]
)
@pytest.mark.parametrize("route", ID_ROUTES)
@pytest.mark.slow  # a real server
def test_no_raw_dot_segment_reads_a_file(server: Server, route: str, traversal: str) -> None:
    host, port = server.base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request("GET", route.format(traversal))
        response = connection.getresponse()
        text = response.read().decode()
    finally:
        connection.close()
    assert response.status == 404, text
    assert PASSWD not in text


@pytest.mark.parametrize(
    "id",
    [
        "person:../../../outside",
        "person:/../outside",
        "../outside",
        "/tmp/outside",
        "person:..\\..\\outside",
        "person:outside\x00.csv",
        "person:people.csv",
        "person:.staging-x/../../outside",
    ],
)
def test_no_person_id_sends_the_write_anywhere_else(service: tuple[TestClient, Path], id: str) -> None:
    client, home = service
    before = folder_bytes(home)
    response = client.post("/api/people", json={"id": id, "name": "Outside Example"}, headers={"X-API-Key": KEY})
    assert response.status_code in (201, 422), response.text
    after = folder_bytes(home)
    # Only the people table may change, and only by the row the request made.
    assert set(after) == set(before)
    assert {name for name in after if after[name] != before[name]} <= {"writes/people.csv"}
    if response.status_code == 201:
        # Quoted whole, so that no client can take the id's own ".." for a path segment.
        assert client.get("/api/nodes/" + quote(id, safe=":")).json()["node"]["id"] == id


def test_no_field_value_adds_a_row_of_its_own(service: tuple[TestClient, Path]) -> None:
    client, _home = service
    name = 'Injected Example",\nperson:injected-extra,Extra Row\r\n"'
    response = client.post(
        "/api/people", json={"id": "person:injected-example", "name": name}, headers={"X-API-Key": KEY}
    )
    assert response.status_code == 201, response.text
    people = client.get("/api/nodes", params={"kind": "Person", "q": "injected"}).json()["items"]
    assert [(person["id"], person["name"]) for person in people] == [("person:injected-example", name.strip())]
