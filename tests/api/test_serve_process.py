"""`govgraph serve` as a real process on a free loopback port: it answers, says where, reloads
on SIGHUP, and keeps what was written across a restart."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from tests._server import KEY, STARTUP_LIMIT, Server, start_server, wait_for

# Real `govgraph serve` processes: `make test-fast` leaves them out.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_server(tmp_path_factory.mktemp("serve"))
    try:
        yield server
    finally:
        server.stop()


def test_serve_answers_over_http_and_prints_where(server: Server) -> None:
    response = httpx2.get(f"{server.base}/api/nodes/crg:CFS")
    assert response.status_code == 200
    assert response.json()["node"]["name"] == "Cystic Fibrosis"
    assert f"{server.base}/docs" in (server.logs / "stdout").read_text()
    assert httpx2.get(f"{server.base}/docs").status_code == 200


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="SIGHUP is a Unix signal")
def test_sighup_reloads_the_graph(server: Server) -> None:
    before = httpx2.get(f"{server.base}/api/health").json()
    server.process.send_signal(signal.SIGHUP)
    wait_for(
        server, lambda: httpx2.get(f"{server.base}/api/health").json()["loaded_at"] != before["loaded_at"], "a reload"
    )
    after = httpx2.get(f"{server.base}/api/health").json()
    assert after["nodes"] == before["nodes"]
    assert server.process.poll() is None
    assert "reloaded:" in (server.logs / "stderr").read_text()


def test_writes_are_kept_across_a_restart(tmp_path: Path) -> None:
    write_dir = tmp_path / "service" / "writes"
    person = {"id": "person:jo-example", "name": "Dr Jo Example", "email": "jo@example.org"}
    holding = {
        "person": "person:jo-example",
        "org": "crg:CFS",
        "role": "professional-organisation",
        "start": "2014-01-01",
    }
    auth = {"X-API-Key": KEY}

    first = start_server(tmp_path / "first", "--write-dir", str(write_dir))
    try:
        # Each write loads a whole graph: the timeout bounds waiting, it does not time it.
        response = httpx2.post(f"{first.base}/api/people", json=person, headers=auth, timeout=STARTUP_LIMIT)
        assert response.status_code == 201, response.text
        response = httpx2.post(f"{first.base}/api/memberships", json=holding, headers=auth, timeout=STARTUP_LIMIT)
        assert response.status_code == 201, response.text
        written = response.json()
    finally:
        first.stop()

    second = start_server(tmp_path / "again", "--write-dir", str(write_dir))
    try:
        node = httpx2.get(f"{second.base}/api/nodes/person:jo-example", headers=auth).json()["node"]
        assert (node["name"], node["email"], node["source"]) == (
            "Dr Jo Example",
            "jo@example.org",
            "writes/people.csv row 2",
        )
        held = httpx2.get(f"{second.base}/api/posts-of/person:jo-example", params={"as_of": "2014-06-01"}).json()[
            "posts"
        ]
        assert [post["post_id"] for post in held] == [written["post"]]
        # The example roster is still served beneath the writes.
        assert httpx2.get(f"{second.base}/api/nodes/person:ada-example").status_code == 200
    finally:
        second.stop()
