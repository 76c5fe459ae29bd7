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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    port = free_port()
    logs = tmp_path_factory.mktemp("serve")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVGRAPH_")}
    with (logs / "stdout").open("wb") as out, (logs / "stderr").open("wb") as err:
        process = subprocess.Popen(
            [str(GOVGRAPH), "serve", "--host", "127.0.0.1", "--port", str(port)], stdout=out, stderr=err, env=env
        )
    server = Server(process, f"http://127.0.0.1:{port}", logs / "stdout", logs / "stderr")
    try:
        wait_for(lambda: httpx.get(f"{server.base}/api/health").status_code == 200, server, "/api/health")
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
