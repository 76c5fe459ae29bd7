"""``govgraph serve`` in a process of its own, on a free loopback port, for the tests that
need a real server: signals, restarts, raw request lines, concurrent clients, a kill in the
middle of writes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest
import uvicorn
from uvicorn._types import ASGIApplication

GOVGRAPH = Path(sys.executable).parent / "govgraph"
KEY = "correct horse battery staple"
STARTUP_LIMIT = 60.0  # seconds; a bound on waiting, not an expectation of speed


@dataclass
class Server:
    """A running ``govgraph serve`` and where its output goes."""

    process: subprocess.Popen[bytes]
    base: str
    logs: Path

    def output(self) -> str:
        return (self.logs / "stdout").read_text() + (self.logs / "stderr").read_text()

    def stop(self) -> None:
        """Stop it as Ctrl+C would, or kill it if it does not stop."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self) -> None:
        """SIGKILL: no handler runs, no file is closed or cleaned up."""
        self.process.kill()
        self.process.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving_in_thread(app: ASGIApplication) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread of this process on a free loopback port, for
    the tests (a browser's) that need a real server but share this process's objects;
    yields the base URL and stops the server on exit."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_LIMIT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the service did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()


def start_server(logs: Path, *args: str) -> Server:
    """``govgraph serve *args`` on 127.0.0.1 with the API key, once it answers /api/health.

    The environment is this one without GOVGRAPH_* variables, plus the key.
    """
    logs.mkdir(parents=True, exist_ok=True)
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GOVGRAPH_")} | {"GOVGRAPH_API_KEY": KEY}
    with (logs / "stdout").open("wb") as out, (logs / "stderr").open("wb") as err:
        process = subprocess.Popen(
            [str(GOVGRAPH), "serve", "--host", "127.0.0.1", "--port", str(port), *args],
            stdout=out,
            stderr=err,
            env=environment,
        )
    server = Server(process, f"http://127.0.0.1:{port}", logs)
    try:
        wait_for(server, lambda: httpx2.get(f"{server.base}/api/health").status_code == 200, "/api/health")
    except BaseException:
        server.kill()
        raise
    return server


@contextmanager
def serving_empty_roster(home: Path) -> Iterator[Server]:
    """A real ``govgraph serve`` of the built-in dataset with an empty roster (under
    ``home``), stopped when the block ends."""
    server = start_server(home / "logs", "--data", str(empty_roster(home / "roster")))
    try:
        yield server
    finally:
        server.stop()


def wait_for(server: Server, predicate: Callable[[], bool], what: str) -> None:
    """Poll ``predicate`` until it is true; fail if the server exits or the bound passes."""
    deadline = time.monotonic() + STARTUP_LIMIT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"govgraph serve exited with {server.process.returncode}:\n{server.output()}")
        try:
            if predicate():
                return
        except httpx2.TransportError:
            pass  # not listening yet
        time.sleep(0.2)
    pytest.fail(f"gave up waiting for {what} after {STARTUP_LIMIT} s:\n{server.output()}")


def empty_roster(folder: Path) -> Path:
    """A roster folder with the four tables as headers alone: the built-in dataset with
    every seat vacant, quicker to load than the example roster."""
    folder.mkdir(parents=True, exist_ok=True)
    headers = {
        "people.csv": "id,name,email,employer\n",
        "organisations.csv": "id,kind,name,part_of,valid_from,valid_to\n",
        "posts.csv": "id,name,org,role,single_holder,represents,reports_to,ex_officio_of,valid_from,valid_to\n",
        "memberships.csv": "person,post,org,role,represents,start,end,acting\n",
    }
    for name, header in headers.items():
        (folder / name).write_text(header, encoding="utf-8")
    return folder
