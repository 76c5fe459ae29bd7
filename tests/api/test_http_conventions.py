"""gzip, HEAD and CORS through the real app, as a client speaking plain HTTP sees them."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from govgraph.api import Settings, create_app
from govgraph.api.app import GZIP_MIN_BYTES
from tests._service import error_of

IDENTITY = {"Accept-Encoding": "identity"}
GZIP = {"Accept-Encoding": "gzip"}
# Ten years of changes: hundreds of KB of JSON. The health answer: about a hundred bytes.
LONG = "/api/changes?from=2013-01-01&to=2023-01-01"
SHORT = "/api/health"
ORIGIN = "https://dashboard.example.org"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings())) as client:
        yield client


def test_a_long_answer_is_gzipped_for_a_client_that_accepts_it(client: TestClient) -> None:
    plain = client.get(LONG, headers=IDENTITY)
    assert plain.status_code == 200 and "content-encoding" not in plain.headers
    assert len(plain.content) > GZIP_MIN_BYTES
    # httpx would decompress on its own: read the raw bytes off the stream instead.
    with client.stream("GET", LONG, headers=GZIP) as zipped:
        raw = b"".join(zipped.iter_raw())
        assert zipped.headers["content-encoding"] == "gzip"
        assert "Accept-Encoding" in zipped.headers["vary"]
        assert int(zipped.headers["content-length"]) == len(raw) < len(plain.content)
    assert gzip.decompress(raw) == plain.content


def test_a_short_answer_or_a_client_without_gzip_gets_it_plain(client: TestClient) -> None:
    short = client.get(SHORT, headers=GZIP)
    assert len(short.content) < GZIP_MIN_BYTES and "content-encoding" not in short.headers
    assert "content-encoding" not in client.get(LONG, headers=IDENTITY).headers
    assert "content-encoding" not in client.get(LONG, headers={"Accept-Encoding": "br"}).headers


@pytest.mark.parametrize(
    "url",
    [
        "/api/nodes/crg:CFS",
        "/api/representation/crg:CFS?as_of=2014-06-01",
        "/api/nodes/crg:NOPE",  # an error: HEAD gives its status and headers too
        "/api/nodes?limit=0",
        "/",
        "/nodes/crg:CFS",
        "/openapi.json",
        "/docs",
        "/api/no-such-route",
    ],
)
def test_head_answers_as_get_without_the_body(client: TestClient, url: str) -> None:
    got = client.get(url, headers=IDENTITY)
    head = client.head(url, headers=IDENTITY)
    assert head.status_code == got.status_code
    assert head.content == b""
    for name in ("content-type", "content-length", "etag", "last-modified", "x-govgraph-loaded-at"):
        assert head.headers.get(name) == got.headers.get(name), name


def test_head_where_there_is_no_get_is_still_405(client: TestClient) -> None:
    response = client.head("/api/people")
    assert response.status_code == 405 and response.content == b""
    assert response.headers["allow"] == "POST"


def test_cors_is_off_by_default(client: TestClient) -> None:
    answer = client.get(SHORT, headers={"Origin": ORIGIN})
    assert answer.status_code == 200 and "access-control-allow-origin" not in answer.headers
    preflight = client.options(SHORT, headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"})
    error_of(preflight, 405, "method_not_allowed")


@pytest.fixture(scope="module")
def cors_client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(cors_origins=(ORIGIN,)))) as client:
        yield client


def test_a_preflight_from_a_configured_origin_is_answered(cors_client: TestClient) -> None:
    response = cors_client.options(
        "/api/nodes/crg:CFS",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "X-API-Key",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert "GET" in response.headers["access-control-allow-methods"]
    assert "x-api-key" in response.headers["access-control-allow-headers"].lower()


def test_an_answer_to_a_configured_origin_names_it_and_exposes_the_validators(cors_client: TestClient) -> None:
    response = cors_client.get("/api/nodes/crg:CFS", headers={"Origin": ORIGIN})
    assert response.headers["access-control-allow-origin"] == ORIGIN
    exposed = {name.strip().lower() for name in response.headers["access-control-expose-headers"].split(",")}
    assert {"etag", "last-modified", "x-govgraph-loaded-at"} <= exposed


def test_another_origin_is_not_let_in(cors_client: TestClient) -> None:
    other = "https://elsewhere.example.net"
    assert "access-control-allow-origin" not in cors_client.get(SHORT, headers={"Origin": other}).headers
    preflight = cors_client.options(SHORT, headers={"Origin": other, "Access-Control-Request-Method": "GET"})
    assert "origin" in error_of(preflight, 400, "bad_request")["message"].lower()
    assert "access-control-allow-origin" not in preflight.headers
    # A configured origin asking for a method the API does not take is refused the same way.
    delete = cors_client.options(SHORT, headers={"Origin": ORIGIN, "Access-Control-Request-Method": "DELETE"})
    assert "method" in error_of(delete, 400, "bad_request")["message"].lower()


def test_origins_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_CORS_ORIGINS", f"{ORIGIN}, http://localhost:3000")
    assert Settings().cors_origins == (ORIGIN, "http://localhost:3000")
    with pytest.raises(ValueError, match="not an origin"):
        Settings(cors_origins=("https://example.org/path",))
