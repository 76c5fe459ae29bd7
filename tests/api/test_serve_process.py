"""``govgraph serve`` as a user runs it: the installed command, in its own process."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

GOVGRAPH = Path(sys.executable).parent / "govgraph"
STARTUP_LIMIT = 60.0  # seconds; a bound on waiting, not an expectation of speed


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str
    stdout: Path
    stderr: Path

    def output(self) -> str:
        return self.stdout.read_text() + self.stderr.read_text()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(predicate: object, server: Server, what: str) -> None:
    """Poll ``predicate`` until it is true; fail if the server exits or the bound passes."""
    deadline = time.monotonic() + STARTUP_LIMIT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"govgraph serve exited with {server.process.returncode}:\n{server.output()}")
        try:
            if predicate():  # type: ignore[operator]
                return
        except httpx.TransportError:
            pass  # not listening yet
        time.sleep(0.2)
    pytest.fail(f"gave up waiting for {what}:\n{server.output()}")


def start(logs: Path, *args: str, env: dict[str, str] | None = None) -> Server:
    """``govgraph serve`` on a free local port with ``args``, once it answers /api/health.
    The environment is this one without GOVGRAPH_* variables, plus ``env``."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GOVGRAPH_")} | (env or {})
    with (logs / "stdout").open("wb") as out, (logs / "stderr").open("wb") as err:
        process = subprocess.Popen(
            [str(GOVGRAPH), "serve", "--host", "127.0.0.1", "--port", str(port), *args],
            stdout=out,
            stderr=err,
            env=environment,
        )
    server = Server(process, f"http://127.0.0.1:{port}", logs / "stdout", logs / "stderr")
    try:
        wait_for(lambda: httpx.get(f"{server.base}/api/health").status_code == 200, server, "/api/health")
    except BaseException:
        stop(server)
        raise
    return server


def stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start(tmp_path_factory.mktemp("serve"))
    try:
        yield server
    finally:
        stop(server)


def test_serve_answers_over_http_and_prints_where(server: Server) -> None:
    response = httpx.get(f"{server.base}/api/nodes/crg:CFS")
    assert response.status_code == 200
    assert response.json()["node"]["name"] == "Cystic Fibrosis"
    assert f"{server.base}/docs" in server.stdout.read_text()
    assert httpx.get(f"{server.base}/docs").status_code == 200


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="SIGHUP is a Unix signal")
def test_sighup_reloads_the_graph(server: Server) -> None:
    before = httpx.get(f"{server.base}/api/health").json()
    server.process.send_signal(signal.SIGHUP)
    wait_for(lambda: httpx.get(f"{server.base}/api/health").json()["loaded_at"] != before["loaded_at"], server, "a reload")
    after = httpx.get(f"{server.base}/api/health").json()
    assert after["nodes"] == before["nodes"]
    assert server.process.poll() is None
    assert "reloaded:" in server.stderr.read_text()


def test_writes_are_kept_across_a_restart(tmp_path: Path) -> None:
    key = "correct horse battery staple"
    write_dir = tmp_path / "service" / "writes"
    person = {"id": "person:jo-example", "name": "Dr Jo Example", "email": "jo@example.org"}
    holding = {"person": "person:jo-example", "org": "crg:CFS", "role": "professional-organisation", "start": "2014-01-01"}
    auth = {"X-API-Key": key}

    first = start(tmp_path, "--write-dir", str(write_dir), env={"GOVGRAPH_API_KEY": key})
    try:
        # Each write loads a whole graph: the timeout bounds waiting, it does not time it.
        response = httpx.post(f"{first.base}/api/people", json=person, headers=auth, timeout=STARTUP_LIMIT)
        assert response.status_code == 201, response.text
        response = httpx.post(f"{first.base}/api/memberships", json=holding, headers=auth, timeout=STARTUP_LIMIT)
        assert response.status_code == 201, response.text
        written = response.json()
    finally:
        stop(first)

    (tmp_path / "again").mkdir()
    second = start(tmp_path / "again", "--write-dir", str(write_dir), env={"GOVGRAPH_API_KEY": key})
    try:
        node = httpx.get(f"{second.base}/api/nodes/person:jo-example", headers=auth).json()["node"]
        assert (node["name"], node["email"], node["source"]) == ("Dr Jo Example", "jo@example.org", "writes/people.csv row 2")
        held = httpx.get(f"{second.base}/api/posts-of/person:jo-example", params={"as_of": "2014-06-01"}).json()["posts"]
        assert [post["post_id"] for post in held] == [written["post"]]
        # The example roster is still served beneath the writes.
        assert httpx.get(f"{second.base}/api/nodes/person:ada-example").status_code == 200
    finally:
        stop(second)
