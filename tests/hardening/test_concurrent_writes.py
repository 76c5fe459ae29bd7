"""Clients writing at the same time to a real ``govgraph serve`` all keep their writes: each
of ``CLIENTS`` clients adds a person of its own and seats them on a chair of their own, all
at once, and every person and holding is served, saved, and served again after a restart."""

from __future__ import annotations

import csv
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2
import pytest

from tests._server import KEY, empty_roster, start_server

# Real `govgraph serve` processes: `make test-fast` leaves them out.
pytestmark = pytest.mark.slow

CLIENTS = 20
START = "2014-01-01"
AUTH = {"X-API-Key": KEY}
REQUEST_LIMIT = 300.0  # seconds; each write waits for the ones queued before it


def chairs(base: str) -> list[str]:
    """``CLIENTS`` CRG chairs that exist on ``START``; every seat is vacant in an empty roster."""
    params = {"kind": "Post", "q": "/chair", "as_of": START, "limit": 500}
    ids = [node["id"] for node in httpx2.get(f"{base}/api/nodes", params=params).json()["items"]]
    found = [id for id in ids if id.startswith("post:crg:") and id.endswith("/chair")]
    assert len(found) >= CLIENTS
    return found[:CLIENTS]


def person(n: int) -> dict[str, str]:
    return {"id": f"person:concurrent-{n:02d}", "name": f"Concurrent Example {n:02d}", "email": f"c{n:02d}@example.org"}


def write(base: str, n: int, chair: str) -> tuple[int, int]:
    """One client's writes: its person, then its holding. The two statuses."""
    with httpx2.Client(base_url=base, headers=AUTH, timeout=REQUEST_LIMIT) as client:
        added = client.post("/api/people", json=person(n))
        seated = client.post("/api/memberships", json={"person": person(n)["id"], "post": chair, "start": START})
    return added.status_code, seated.status_code


def served(base: str) -> dict[str, str]:
    """Who holds each chair on ``START``, by chair, as the service answers."""
    params = {"kind": "Person", "q": "concurrent-", "limit": 500}
    people = [node["id"] for node in httpx2.get(f"{base}/api/nodes", params=params).json()["items"]]
    holdings: dict[str, str] = {}
    for id in people:
        for seat in httpx2.get(f"{base}/api/posts-of/{id}", params={"as_of": START}).json()["posts"]:
            holdings[seat["post_id"]] = id
    return holdings


def test_concurrent_writers_all_land_and_survive_a_restart(tmp_path: Path) -> None:
    write_dir = tmp_path / "writes"
    args = ("--data", str(empty_roster(tmp_path / "roster")), "--write-dir", str(write_dir))
    server = start_server(tmp_path / "first", *args)
    try:
        seats = chairs(server.base)
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            statuses = list(pool.map(lambda n: write(server.base, n, seats[n]), range(CLIENTS)))
        assert statuses == [(201, 201)] * CLIENTS, server.output()
        expected = {seats[n]: person(n)["id"] for n in range(CLIENTS)}
        assert served(server.base) == expected
    finally:
        server.stop()

    with (write_dir / "people.csv").open(encoding="utf-8") as handle:
        assert sorted(row["id"] for row in csv.DictReader(handle)) == sorted(person(n)["id"] for n in range(CLIENTS))
    with (write_dir / "memberships.csv").open(encoding="utf-8") as handle:
        assert {row["post"]: row["person"] for row in csv.DictReader(handle)} == expected

    again = start_server(tmp_path / "second", *args)
    try:
        assert served(again.base) == expected
    finally:
        again.stop()
