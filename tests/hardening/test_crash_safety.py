"""A ``govgraph serve`` killed with SIGKILL in the middle of writes leaves a write folder
that loads, holding every write it acknowledged and no write it was never sent: each
write is there whole or not at all.

Clients keep adding people until the server dies. It is killed while a write is staged
(a ``.staging-*`` folder is in the write folder: the load of the changed roster, or the
rename, is under way), so the kill lands inside the write path rather than between writes.
"""

from __future__ import annotations

import csv
import subprocess
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2
import pytest
from fastapi.testclient import TestClient

from govgraph.api import Settings, create_app
from tests._server import GOVGRAPH, KEY, empty_roster, start_server

# Real `govgraph serve` processes, killed mid-write: `make test-fast` leaves them out.
pytestmark = pytest.mark.slow

CLIENTS = 6
ACKNOWLEDGED_BEFORE_KILL = 5  # writes answered 201 before the kill is armed
WAIT_LIMIT = 120.0  # seconds: a bound on waiting for writes, not an expectation of speed
AUTH = {"X-API-Key": KEY}


def person(client: int, n: int) -> dict[str, str]:
    return {"id": f"person:crash-{client}-{n:03d}", "name": f"Crash Example {client} {n:03d}"}


class Ledger:
    """What each client sent and what it heard back, shared between client threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.acknowledged: dict[str, str] = {}  # id -> name, answered 201
        self.unanswered: dict[str, str] = {}  # id -> name, sent when the server died
        self.refused: dict[str, int] = {}  # id -> status of any other answer

    def record(self, sent: dict[str, str], status: int | None) -> None:
        with self._lock:
            if status == 201:
                self.acknowledged[sent["id"]] = sent["name"]
            elif status is None:
                self.unanswered[sent["id"]] = sent["name"]
            else:
                self.refused[sent["id"]] = status

    def count(self) -> int:
        with self._lock:
            return len(self.acknowledged)


def keep_writing(base: str, client: int, ledger: Ledger, deadline: float) -> None:
    """Add people one after another until the server stops answering (or the deadline)."""
    with httpx2.Client(base_url=base, headers=AUTH, timeout=WAIT_LIMIT) as http:
        n = 0
        while time.monotonic() < deadline:
            sent = person(client, n)
            try:
                status: int | None = http.post("/api/people", json=sent).status_code
            except httpx2.TransportError:
                status = None  # the server died with this write in flight
            ledger.record(sent, status)
            if status is None:
                return
            n += 1


def kill_mid_write(kill: Callable[[], None], write_dir: Path, ledger: Ledger, deadline: float) -> bool:
    """Wait for some acknowledged writes, then for a staged write, and kill the server.
    Whether a write was staged at the kill."""
    while ledger.count() < ACKNOWLEDGED_BEFORE_KILL and time.monotonic() < deadline:
        time.sleep(0.01)
    while time.monotonic() < deadline:
        if any(write_dir.glob(".staging-*")):
            kill()
            return True
        time.sleep(0.001)
    kill()
    return False


def rows(write_dir: Path, table: str) -> list[dict[str, str]]:
    with (write_dir / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_sigkill_during_writes_leaves_each_write_whole_or_absent(tmp_path: Path) -> None:
    roster = empty_roster(tmp_path / "roster")
    write_dir = tmp_path / "writes"
    args = ("--data", str(roster), "--write-dir", str(write_dir))
    server = start_server(tmp_path / "first", *args)
    ledger = Ledger()
    deadline = time.monotonic() + WAIT_LIMIT
    try:
        with ThreadPoolExecutor(max_workers=CLIENTS + 1) as pool:
            writers = [pool.submit(keep_writing, server.base, c, ledger, deadline) for c in range(CLIENTS)]
            staged = pool.submit(kill_mid_write, server.kill, write_dir, ledger, deadline).result()
            for writer in writers:
                writer.result()
    finally:
        server.kill()
    assert staged, "no write was under way within the time allowed"
    assert server.process.returncode == -9
    assert ledger.count() >= ACKNOWLEDGED_BEFORE_KILL
    assert not ledger.refused, ledger.refused

    # The folder loads as a roster, as the service would load it at its next start.
    validated = subprocess.run([str(GOVGRAPH), "validate", str(roster), str(write_dir)], capture_output=True, text=True)
    assert validated.returncode == 0, validated.stdout + validated.stderr

    # Every acknowledged write is there, whole; any other row is a write that was in flight.
    saved = {row["id"]: row["name"] for row in rows(write_dir, "people")}
    assert saved.items() >= ledger.acknowledged.items()
    assert saved.items() <= (ledger.acknowledged | ledger.unanswered).items()
    print(
        f"\nkilled mid-write: {len(ledger.acknowledged)} writes acknowledged, {len(ledger.unanswered)} in flight "
        f"({len(saved) - len(ledger.acknowledged)} of them saved), "
        f"{len(list(write_dir.glob('.staging-*')))} staging folder(s) left behind"
    )

    again = start_server(tmp_path / "second", *args)
    try:
        params = {"kind": "Person", "limit": 500}
        listed = {
            node["id"]: node["name"] for node in httpx2.get(f"{again.base}/api/nodes", params=params).json()["items"]
        }
        assert listed == saved
        added = httpx2.post(f"{again.base}/api/people", json=person(CLIENTS, 0), headers=AUTH)
        assert added.status_code == 201, added.text
    finally:
        again.stop()


def test_a_staging_folder_left_by_a_crash_is_never_read(tmp_path: Path) -> None:
    write_dir = tmp_path / "writes"
    empty_roster(write_dir)
    # What a kill mid-write leaves: a staged copy, here half written and unreadable.
    leftover = write_dir / ".staging-killed" / "writes"
    leftover.mkdir(parents=True)
    (leftover / "people.csv").write_text('id,name\nperson:half-written,"Half', encoding="utf-8")
    settings = Settings(data=(empty_roster(tmp_path / "roster"),), write_dir=write_dir, api_key=KEY)
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/nodes/person:half-written").status_code == 404
        added = client.post("/api/people", json=person(0, 0), headers=AUTH)
        assert added.status_code == 201, added.text
    assert [row["id"] for row in rows(write_dir, "people")] == [person(0, 0)["id"]]
