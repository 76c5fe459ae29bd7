"""The REST service under load: a real ``govgraph serve`` (uvicorn) on loopback, and ``wrk``.

Two endpoints of the same app are loaded in turn, round after round, with the same
number of connections for the same time:

* the representation of one CRG, ``/api/representation/<crg>?as_of=<day>``;
* ``/api/health``, which goes through the same app, middleware and graph dependency but
  computes nothing: the framework's ceiling on this machine.

Alternating the two spreads any change in the machine's load over both, so their ratio
(representation requests/s over health requests/s, the median of each round's ratio)
means something on a busy machine. Every ``wrk`` run stops after its duration, and the
server is stopped when the rounds are done, whatever happens.
"""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from _measure import median

__all__ = ["measure_api"]

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def measure_api(
    roster: Path, *, crg: str, day: str, rounds: int, seconds: int, connections: int, start_timeout: float
) -> dict[str, Any]:
    """Requests/s and latency of the representation endpoint and of the trivial one."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (apt-get install -y wrk; `make bench` does it)")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    govgraph = Path(sys.executable).with_name("govgraph")
    server = subprocess.Popen(
        [str(govgraph), "serve", "--data", str(roster), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_until_up(server, f"{base}/api/health", start_timeout)
        urls = {"trivial": f"{base}/api/health", "representation": f"{base}/api/representation/{crg}?as_of={day}"}
        _wrk(urls["representation"], connections, 2)  # warm-up: first requests, caches, allocator
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in urls}
        for _ in range(rounds):
            for name, url in urls.items():
                runs[name].append(_wrk(url, connections, seconds))
    finally:
        server.send_signal(signal.SIGINT)  # uvicorn's own clean shutdown
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    found: dict[str, Any] = {"connections": connections, "seconds_per_round": seconds, "rounds": rounds}
    for name, measured in runs.items():
        found[name] = {key: median([m[key] for m in measured]) for key in measured[0]}
    found["ratio"] = median(
        [
            r["requests_per_s"] / t["requests_per_s"]
            for r, t in zip(runs["representation"], runs["trivial"], strict=True)
        ]
    )
    return found


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
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", url]
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
