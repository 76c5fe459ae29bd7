"""Writes cannot hold up reads, and a caller without the key learns nothing of its body.

* With 60 writes queued, a health check and a query are answered before the writes finish:
  writes wait for the holder's one write thread, not for the thread pool reads use. The
  test orders events; it times nothing.
* The key of a write (or reload) is checked before its body is read: a wrong key is 401
  whether the body is malformed JSON or over the size limit, which with the key are 422
  and 413.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from govgraph.api import Settings, create_app
from govgraph.api.holder import GraphHolder
from govgraph.api.limits import MAX_BODY_BYTES
from govgraph.api.loading import load_graph
from tests._async import run as run_async
from tests._server import KEY, empty_roster
from tests._service import error_of

WRITES = 60
POLL_LIMIT = 3000  # event-loop turns to wait for the writes to queue: a bound, not a time


def test_reads_are_answered_while_sixty_writes_queue(tmp_path: Path) -> None:
    settings = Settings(api_key=KEY, write_dir=tmp_path / "writes", data=(empty_roster(tmp_path / "roster"),))
    app = create_app(settings, governance=load_graph(settings))
    holder: GraphHolder = app.state.graph

    async def run() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://service", timeout=None) as client:
            finished: list[str] = []

            async def write(n: int) -> None:
                person = {"id": f"person:queued-{n:02d}", "name": f"Queued Example {n:02d}"}
                response = await client.post("/api/people", json=person, headers={"X-API-Key": KEY})
                assert response.status_code == 201, response.text
                finished.append(f"write {n}")

            writes = [asyncio.create_task(write(n)) for n in range(WRITES)]
            for _ in range(POLL_LIMIT):
                if holder.queued_writes >= WRITES - 1 - len(finished):
                    break
                await asyncio.sleep(0.001)
            assert holder.queued_writes >= WRITES - 2, "the writes did not queue"
            health = await client.get("/api/health")
            query = await client.get("/api/representation/crg:CFS", params={"as_of": "2014-06-01"})
            finished.append("reads")
            assert (health.status_code, query.status_code) == (200, 200)
            # At most the write running when the reads came in finished first; the rest still queue.
            assert finished.index("reads") <= 1, finished
            assert holder.queued_writes > 0
            for task in writes:
                task.cancel()
            await asyncio.gather(*writes, return_exceptions=True)

    run_async(run())


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    write_dir = tmp_path_factory.mktemp("key-first") / "writes"
    with TestClient(create_app(Settings(api_key=KEY, write_dir=write_dir))) as client:
        yield client


MALFORMED = b'{"id": "person:broken-example", "name": '
TOO_LONG = b'{"id": "person:long-example", "name": "' + b"x" * MAX_BODY_BYTES + b'"}'
JSON = {"Content-Type": "application/json"}


def chunked(body: bytes) -> Iterator[bytes]:
    """``body`` a KiB at a time with no Content-Length, as a streaming client sends it."""
    for start in range(0, len(body), 1024):
        yield body[start : start + 1024]


@pytest.mark.parametrize("url", ["/api/people", "/api/memberships", "/api/memberships/end", "/api/admin/reload"])
@pytest.mark.parametrize("key", [None, "wrong"])
def test_a_wrong_key_is_401_whatever_the_body(service: TestClient, url: str, key: str | None) -> None:
    headers = JSON | ({"X-API-Key": key} if key else {})
    error_of(service.post(url, content=MALFORMED, headers=headers), 401, "unauthorized")
    error_of(service.post(url, content=TOO_LONG, headers=headers), 401, "unauthorized")
    error_of(service.post(url, content=chunked(TOO_LONG), headers=headers), 401, "unauthorized")


def test_with_the_key_the_body_is_judged(service: TestClient) -> None:
    headers = JSON | {"X-API-Key": KEY}
    error_of(service.post("/api/people", content=MALFORMED, headers=headers), 422, "invalid_request")
    error_of(service.post("/api/people", content=TOO_LONG, headers=headers), 413, "body_too_large")
    error_of(service.post("/api/people", content=chunked(TOO_LONG), headers=headers), 413, "body_too_large")


def test_without_a_key_configured_a_write_is_403_whatever_the_body(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(write_dir=tmp_path / "writes"))) as client:
        for body in (MALFORMED, TOO_LONG):
            error_of(client.post("/api/people", content=body, headers=JSON | {"X-API-Key": KEY}), 403, "admin_disabled")


def test_the_key_given_twice_is_refused_before_the_body(service: TestClient) -> None:
    headers = [("X-API-Key", KEY), ("X-API-Key", KEY), ("Content-Type", "application/json")]
    error_of(service.post("/api/people", content=TOO_LONG, headers=headers), 401, "unauthorized")
