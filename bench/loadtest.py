"""The REST service under concurrent reads while its data is reloaded: ``make loadtest``.

A real ``govgraph serve`` on 127.0.0.1 serves a roster folder whose contents this program
swaps between two datasets, A (the example roster) and B (no roster: every seat vacant),
asking the service to reload after each swap (``POST /api/admin/reload``, every
``--reload-every`` seconds). Meanwhile ``--clients`` clients read for ``--duration``
seconds, each going round a fixed list of read requests (``READS``).

Every answer carries the ``loaded_at`` of the graph it was computed from
(``X-Govgraph-Loaded-At``); each reload's answer says which ``loaded_at`` the new graph
has, and so which dataset it holds. An answer counts as correct only if its status and
body are exactly what that dataset gives for the request, computed beforehand in this
process from the same folder. An answer from a graph half A and half B, or from one
that was not whole, would match neither; a failed request, a missing header or an
unknown ``loaded_at`` are failures too. The program prints the figures and exits 1 on
any failure.

Everything is bounded: the clients stop at the deadline, each request times out, and the
server is stopped at the end whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx2
from fastapi.testclient import TestClient

from govgraph.api import Settings, create_app
from govgraph.api.headers import LOADED_AT_HEADER
from govgraph.governance import EXAMPLE_ROSTER

# Read requests of every kind, each with a fixed day so that its answer depends only on
# the dataset; several differ between A and B (people, holdings, one person A has and B
# has not), so an answer from the wrong dataset is told apart.
READS = [
    "/api/stats?as_of=2014-06-01",
    "/api/nodes/person:ada-example?as_of=2014-06-01",
    "/api/nodes?kind=Person&limit=50",
    "/api/search?q=example&limit=20",
    "/api/members/crg:CFS?as_of=2014-06-01",
    "/api/posts-of/person:ada-example?as_of=2014-06-01",
    "/api/representation/crg:CFS?as_of=2014-06-01",
    "/api/gaps?as_of=2014-06-01&rule=crg-senate-coverage",
    "/api/coverage?as_of=2014-06-01",
    "/api/line-of-sight/post:area-team:wessex/medical-director?as_of=2014-06-01",
    "/api/overload?min_seats=2&as_of=2014-06-01",
    "/api/changes?from=2013-01-01&to=2015-01-01",
]
HEADERS_ONLY = {
    "people.csv": "id,name,email,employer\n",
    "organisations.csv": "id,kind,name,part_of,valid_from,valid_to\n",
    "posts.csv": "id,name,org,role,single_holder,represents,reports_to,ex_officio_of,valid_from,valid_to\n",
    "memberships.csv": "person,post,org,role,represents,start,end,acting\n",
}
REQUEST_TIMEOUT = 30.0  # seconds; a request taking longer counts as failed
START_TIMEOUT = 120.0  # seconds to wait for the server to answer


@dataclass(frozen=True)
class Answer:
    """What a request gives on one dataset: its status and a digest of its body."""

    status: int
    digest: str


@dataclass
class Run:
    """What the clients saw, checked once every reload has said which graph is which."""

    latencies: list[float] = field(default_factory=list)  # seconds, every answered request
    seen: list[tuple[int, str | None, Answer]] = field(default_factory=list)  # (read, loaded_at, answer)
    failures: Counter[str] = field(default_factory=Counter)
    datasets: dict[datetime, str] = field(default_factory=dict)  # loaded_at -> "A" or "B"


def main() -> int:
    """Run the load test and print its figures; 1 if anything failed, else 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients  [default: 50]")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of reading  [default: 60]")
    parser.add_argument("--reload-every", type=float, default=5.0, help="seconds between reloads  [default: 5]")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="govgraph-loadtest-") as scratch:
        folder = Path(scratch) / "roster"
        datasets = {"A": _dataset(Path(scratch) / "A", EXAMPLE_ROSTER), "B": _dataset(Path(scratch) / "B", None)}
        expected = {name: _expected(folder, source) for name, source in datasets.items()}
        _swap(folder, datasets["A"])
        key = secrets.token_hex(16)
        server, base = _start(folder, key, Path(scratch))
        try:
            run = asyncio.run(_load(base, key, folder, datasets, args))
        finally:
            _stop(server)
    failures, by_dataset = _check(run, expected)
    _report(run, failures, by_dataset, args)
    return 1 if failures else 0


def _dataset(folder: Path, source: Path | None) -> Path:
    """A roster folder: a copy of ``source``'s four tables, or the tables as headers alone."""
    folder.mkdir()
    for name, header in HEADERS_ONLY.items():
        if source is None:
            (folder / name).write_text(header, encoding="utf-8")
        else:
            shutil.copyfile(source / name, folder / name)
    return folder


def _swap(folder: Path, source: Path) -> None:
    """Make ``folder`` hold ``source``'s tables, each file replaced whole."""
    folder.mkdir(exist_ok=True)
    for name in HEADERS_ONLY:
        staged = folder / f".{name}.next"
        shutil.copyfile(source / name, staged)
        os.replace(staged, folder / name)


def _expected(folder: Path, source: Path) -> dict[str, Answer]:
    """What each of ``READS`` answers with ``folder`` holding ``source``: computed by the
    same app in this process, so the bodies are the bytes the server sends."""
    _swap(folder, source)
    with TestClient(create_app(Settings(data=(folder,)))) as client:
        answers = {}
        for url in READS:
            response = client.get(url)
            answers[url] = _answer(response.status_code, response.content)
        return answers


def _answer(status: int, body: bytes) -> Answer:
    return Answer(status, hashlib.sha256(body).hexdigest())


def _start(folder: Path, key: str, logs: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``govgraph serve`` on a free loopback port, once it answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    govgraph = Path(sys.executable).parent / "govgraph"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GOVGRAPH_")}
    environment |= {"GOVGRAPH_DATA": str(folder), "GOVGRAPH_API_KEY": key}
    with (logs / "server.log").open("wb") as log:
        server = subprocess.Popen(
            [str(govgraph), "serve", "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=log,
            env=environment,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx2.get(f"{base}/api/health").status_code == 200:
                return server, base
        except httpx2.TransportError:
            time.sleep(0.2)  # not listening yet
    _stop(server)
    raise SystemExit(f"govgraph serve did not start:\n{(logs / 'server.log').read_text()}")


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


async def _load(base: str, key: str, folder: Path, datasets: dict[str, Path], args: argparse.Namespace) -> Run:
    """The clients and the reloader, until the deadline."""
    run = Run()
    limits = httpx2.Limits(max_connections=args.clients + 1, max_keepalive_connections=args.clients + 1)
    async with httpx2.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT, limits=limits) as http:
        first = (await http.get("/api/health")).json()["loaded_at"]
        run.datasets[datetime.fromisoformat(first)] = "A"
        deadline = time.monotonic() + args.duration
        clients = [_client(http, n, deadline, run) for n in range(args.clients)]
        await asyncio.gather(_reloader(http, key, folder, datasets, deadline, args.reload_every, run), *clients)
    return run


async def _client(http: httpx2.AsyncClient, n: int, deadline: float, run: Run) -> None:
    """Go round ``READS``, starting at the ``n``-th, until the deadline."""
    i = n
    while time.monotonic() < deadline:
        read = i % len(READS)
        i += 1
        started = time.perf_counter()
        try:
            response = await http.get(READS[read])
        except httpx2.HTTPError as exc:
            run.failures[f"request failed: {type(exc).__name__}"] += 1
            continue
        run.latencies.append(time.perf_counter() - started)
        run.seen.append((read, response.headers.get(LOADED_AT_HEADER), _answer(response.status_code, response.content)))


async def _reloader(
    http: httpx2.AsyncClient, key: str, folder: Path, datasets: dict[str, Path], deadline: float, every: float, run: Run
) -> None:
    """Every ``every`` seconds, swap the folder to the other dataset and reload; record
    which ``loaded_at`` holds which dataset."""
    current = "A"
    # On a fixed beat: a reload that is slow to answer does not push the next one back.
    beat = time.monotonic() + every
    while beat < deadline:
        await asyncio.sleep(max(0.0, beat - time.monotonic()))
        beat += every
        current = "B" if current == "A" else "A"
        _swap(folder, datasets[current])
        response = await http.post("/api/admin/reload", headers={"X-API-Key": key})
        if response.status_code != 200:
            run.failures[f"reload answered {response.status_code}"] += 1
            continue
        run.datasets[datetime.fromisoformat(response.json()["loaded_at"])] = current


def _check(run: Run, expected: dict[str, dict[str, Answer]]) -> tuple[Counter[str], Counter[str]]:
    """Every answer against its graph's dataset: the failures by kind, and the correct
    answers by dataset."""
    failures = Counter(run.failures)
    correct: Counter[str] = Counter()
    for read, loaded_at, answer in run.seen:
        if loaded_at is None:
            failures["no X-Govgraph-Loaded-At header"] += 1
            continue
        dataset = run.datasets.get(datetime.fromisoformat(loaded_at))
        if dataset is None:
            failures["from a graph no reload made"] += 1
        elif answer != expected[dataset][READS[read]]:
            failures[f"not dataset {dataset}'s answer"] += 1
        else:
            correct[dataset] += 1
    return failures, correct


def _report(run: Run, failures: Counter[str], by_dataset: Counter[str], args: argparse.Namespace) -> None:
    latencies = sorted(run.latencies)
    answered = len(latencies)

    def percentile(p: float) -> float:
        return latencies[min(answered - 1, int(p * answered))] * 1000 if answered else float("nan")

    print(f"clients {args.clients}, {args.duration:.0f} s, a reload every {args.reload_every:.0f} s")
    print(f"requests answered {answered} ({answered / args.duration:.0f}/s), failed {sum(failures.values())}")
    print(f"reloads {len(run.datasets) - 1}; correct answers from A {by_dataset['A']}, from B {by_dataset['B']}")
    print(
        f"latency ms: p50 {percentile(0.50):.1f}, p90 {percentile(0.90):.1f}, "
        f"p99 {percentile(0.99):.1f}, max {percentile(1.0):.1f}"
    )
    for kind, count in failures.most_common():
        print(f"FAILED {count}: {kind}")


if __name__ == "__main__":
    sys.exit(main())
