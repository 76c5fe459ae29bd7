"""The REST service under load: real servers on loopback, and ``wrk``.

Three servers run side by side, each under the service's own server settings
(``govgraph.api.server.run``: httptools and uvloop when installed) and without an access
log (``govgraph serve --no-access-log``):

* a bare FastAPI app with one ``async`` route answering a small JSON object
  (``_bare_app.py``): the framework's ceiling on this machine;
* ``govgraph serve`` as it runs by default, with its response cache;
* ``govgraph serve`` with the cache off (``GOVGRAPH_CACHE_MB=0``): every answer computed.

Each round loads, in turn and with the same connections for the same time, the bare app's
route, then on each govgraph server ``/api/health`` (the trivial endpoint: the same app,
middleware and graph dependency, no query) and the representation of one CRG,
``/api/representation/<crg>?as_of=<day>``. Alternating spreads any change in the
machine's load over every figure, so the ratios (trivial over bare, representation over
trivial: the median of each round's own ratio) mean something on a busy machine. Every
``wrk`` run stops after its duration, and the servers are stopped when the rounds are
done, whatever happens.

``python bench/api_load.py --roster DIR`` runs it alone and prints the figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from _measure import median

__all__ = ["measure_api"]

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}
_BENCH = Path(__file__).resolve().parent


def measure_api(
    roster: Path, *, crg: str, day: str, rounds: int, seconds: int, connections: int, start_timeout: float
) -> dict[str, Any]:
    """Requests/s and latency of the bare app, and of the trivial and representation
    endpoints of govgraph with its cache and without; the ratios of each round."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (apt-get install -y wrk; `make bench` does it)")
    govgraph = [str(Path(sys.executable).with_name("govgraph")), "serve", "--data", str(roster), "--no-access-log"]
    with ExitStack() as servers:
        bare = servers.enter_context(_server([sys.executable, str(_BENCH / "_bare_app.py")], {}, start_timeout))
        cached = servers.enter_context(_server(govgraph, {}, start_timeout))
        uncached = servers.enter_context(_server(govgraph, {"GOVGRAPH_CACHE_MB": "0"}, start_timeout))
        representation = f"/api/representation/{crg}?as_of={day}"
        urls = {
            "bare": f"{bare}/api/health",
            "trivial": f"{cached}/api/health",
            "representation": f"{cached}{representation}",
            "uncached_trivial": f"{uncached}/api/health",
            "uncached_representation": f"{uncached}{representation}",
        }
        for url in urls.values():
            _wrk(url, connections, 2)  # warm-up: first requests, caches, allocator
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in urls}
        for _ in range(rounds):
            for name, url in urls.items():
                runs[name].append(_wrk(url, connections, seconds))
    found: dict[str, Any] = {"connections": connections, "seconds_per_round": seconds, "rounds": rounds}
    for name, measured in runs.items():
        found[name] = {key: median([m[key] for m in measured]) for key in measured[0]}

    def ratio(top: str, bottom: str) -> float | None:
        """The median of each round's own ratio; ``None`` when the bottom answered nothing in
        every round (a server too busy to answer within the round)."""
        pairs = [(t["requests_per_s"], b["requests_per_s"]) for t, b in zip(runs[top], runs[bottom], strict=True)]
        ratios = [t / b for t, b in pairs if b]
        return median(ratios) if ratios else None

    found["ratio"] = ratio("representation", "trivial")
    found["trivial_to_bare"] = ratio("trivial", "bare")
    found["uncached_ratio"] = ratio("uncached_representation", "uncached_trivial")
    found["uncached_trivial_to_bare"] = ratio("uncached_trivial", "bare")
    return found


@contextmanager
def _server(command: list[str], environment: dict[str, str], start_timeout: float) -> Iterator[str]:
    """A server started with ``command`` (and the port as its last argument, or ``--port``)
    on a free loopback port; its base URL. Stopped on the way out, whatever happens."""
    port = _free_port()
    if command[-1].endswith(".py"):
        args = [*command, str(port)]
    else:
        args = [*command, "--host", "127.0.0.1", "--port", str(port)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVGRAPH_")} | environment
    server = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(server, f"{base}/api/health", start_timeout)
        yield base
    finally:
        server.send_signal(signal.SIGINT)  # uvicorn's own clean shutdown
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(server: subprocess.Popen[bytes], url: str, timeout: float) -> None:
    """Poll until the service answers (it loads the roster before it listens)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            error = server.stderr.read().decode(errors="replace") if server.stderr else ""
            raise RuntimeError(f"govgraph serve exited with {server.returncode}: {error[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise TimeoutError(f"govgraph serve did not answer {url} within {timeout:.0f} s")


def _wrk(url: str, connections: int, seconds: int) -> dict[str, float]:
    """One wrk run (one thread: the client must leave the server a core of its own)."""
    # Accepting gzip, as browsers and HTTP libraries do: a long answer goes compressed.
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-H",
        "Accept-Encoding: gzip",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)\s*$", output, re.MULTILINE))
    requests = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    if not (requests and rate and {"50", "99"} <= latency.keys()):
        raise RuntimeError(f"unexpected wrk output:\n{output}")
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "requests_per_s": float(rate.group(1)),
        "p50_ms": _ms(latency["50"]),
        "p99_ms": _ms(latency["99"]),
        "requests": int(requests.group(1)),
        "errors": (int(errors.group(1)) if errors else 0)
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
    }


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def main() -> None:
    parser = argparse.ArgumentParser(description="The REST service under load, next to a bare FastAPI app.")
    parser.add_argument("--roster", type=Path, required=True, help="the roster folder the service serves")
    parser.add_argument("--crg", default="crg:CFS")
    parser.add_argument("--day", default="2014-06-01")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    found = measure_api(
        args.roster,
        crg=args.crg,
        day=args.day,
        rounds=args.rounds,
        seconds=args.seconds,
        connections=args.connections,
        start_timeout=300,
    )
    print(json.dumps(found, indent=2))


if __name__ == "__main__":
    main()
