"""The Neo4j backend next to the embedded store, on the same synthetic roster:
``python bench/neo4j_backend.py --scale 5`` (``make bench-neo4j``).

Starts the Neo4j 5.26 server of ``tools/neo4j-server`` (as the tests do), then measures,
on each store:

* load: the embedded store built from the roster files; Neo4j loaded with
  ``import_store`` (what ``govgraph load --neo4j`` runs) into an empty database;
* the gap report for one day (``Governance.gaps``: on Neo4j, one slice pulled, then the
  same Python);
* representation of one subject (``Governance.representation``: on Neo4j, store calls
  in one read scope), p50 and p99 over ``--calls`` calls spread over CRGs, boards and seats;
* the representation endpoint of ``govgraph serve`` (embedded) and ``govgraph serve
  --backend neo4j`` on the same data, each loaded in turn by ``wrk`` with ``--clients``
  connections for ``--seconds`` (the same CRG every request, as ``bench/api_load.py``):
  requests/s, p50 and p99.

Writes the figures to ``bench/results/neo4j.json`` and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests._neo4j starts the server
sys.path.insert(0, str(HERE))

from api_load import _free_port, _wait_until_up, _wrk  # bench/ is on the path, not a package
from loadtest import _stop

import govgraph
from govgraph.governance import Governance
from govgraph.graph.model import EdgeType, NodeKind
from govgraph.graph.neo4j_store import Neo4jStore
from govgraph.loaders.synthetic import synthesise, write_roster
from tests import _neo4j

DAY = "2016-01-01"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=5, help="the synthetic roster's scale (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=42, help="its seed (default: %(default)s)")
    parser.add_argument("--calls", type=int, default=200, help="representation calls per store (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=3, help="gap reports per store (default: %(default)s)")
    parser.add_argument("--clients", type=int, nargs="+", default=[10, 50],
                        help="connections of each load of the service (default: %(default)s)")  # fmt: skip
    parser.add_argument("--seconds", type=int, default=20, help="each load's duration (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "neo4j.json", help="(default: %(default)s)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        roster = Path(folder) / "roster"
        write_roster(synthesise(args.scale, args.seed), roster)
        started = time.perf_counter()
        local = govgraph.load([roster])
        local_load = time.perf_counter() - started
        server = _neo4j.start(Path(folder) / "neo4j.log")
        try:
            c = server.connection
            with Neo4jStore.connect(c.uri, c.user, c.password, database=c.database) as store:
                started = time.perf_counter()
                store.import_store(local.store)
                neo4j_load = time.perf_counter() - started
                neo = Governance(store, rules=local.rules)
                figures = {
                    "scale": args.scale,
                    "nodes": local.store.count(),
                    "edges": local.store.number_of_edges(),  # type: ignore[attr-defined]
                    "embedded": _measure(local, local_load, args),
                    "neo4j": _measure(neo, neo4j_load, args),
                }
            crg = _busiest_crg(local)
            figures["service"] = {"crg": crg, "seconds": args.seconds}
            neo4j_args = ["--backend", "neo4j", "--neo4j", c.uri, "--user", c.user, "--password-env",
                          "GOVGRAPH_BENCH_NEO4J_PASSWORD", "--database", c.database or "neo4j"]  # fmt: skip
            for name, serve_args in (("embedded", ["--data", str(roster)]), ("neo4j", neo4j_args)):
                figures["service"][name] = _load_service(
                    serve_args, crg, args, {"GOVGRAPH_BENCH_NEO4J_PASSWORD": c.password}
                )
        finally:
            server.stop()
    figures["when"] = datetime.now(UTC).isoformat(timespec="seconds")
    figures["machine"] = {"python": sys.version.split()[0], "neo4j": "5.26 Community (tools/neo4j-server)"}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n")
    print(_table(figures))


def _measure(governance: Governance, load_seconds: float, args: argparse.Namespace) -> dict[str, Any]:
    gaps = []
    for _ in range(args.repeats):
        started = time.perf_counter()
        governance.gaps(as_of=DAY)
        gaps.append(time.perf_counter() - started)
    store = governance.store
    subjects = sorted(n["id"] for kind in (NodeKind.CRG, NodeKind.BOARD) for n in store.nodes(kind))
    subjects += sorted(n["id"] for n in store.nodes(NodeKind.POST))[:: max(1, store.count(NodeKind.POST) // 50)]
    times = []
    for call in range(args.calls):
        started = time.perf_counter()
        governance.representation(subjects[call * 7919 % len(subjects)], as_of=DAY)
        times.append(time.perf_counter() - started)
    times.sort()
    return {
        "load_s": round(load_seconds, 2),
        "gaps_median_s": round(statistics.median(gaps), 3),
        "representation_p50_ms": round(1000 * times[len(times) // 2], 1),
        "representation_p99_ms": round(1000 * times[min(len(times) - 1, len(times) * 99 // 100)], 1),
    }


def _busiest_crg(governance: Governance) -> str:
    """The CRG with the most seats on the day: the representation the service is loaded with."""
    store = governance.store
    return max(
        (n["id"] for n in store.nodes(NodeKind.CRG, as_of=DAY)),
        key=lambda id: (sum(1 for _ in store.in_edges(id, EdgeType.POST_IN, as_of=DAY)), id),
    )


def _load_service(serve_args: list[str], crg: str, args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    """``govgraph serve`` with ``serve_args``, its representation endpoint loaded by ``wrk``
    with each ``--clients`` in turn."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    govgraph_command = Path(sys.executable).with_name("govgraph")
    server = subprocess.Popen(
        [str(govgraph_command), "serve", *serve_args, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=os.environ | env,
    )
    try:
        _wait_until_up(server, f"{base}/api/health", 600)
        url = f"{base}/api/representation/{crg}?as_of={DAY}"
        _wrk(url, min(args.clients), 3)  # warm-up: first requests, the server's query plans
        return {str(clients): _wrk(url, clients, args.seconds) for clients in args.clients}
    finally:
        _stop(server)


def _table(figures: dict[str, Any]) -> str:
    rows = [
        f"Synthetic roster, scale {figures['scale']}: {figures['nodes']:,} nodes, {figures['edges']:,} edges.",
        "",
        "| store | load (s) | gap report (s) | representation p50 (ms) | p99 (ms) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name in ("embedded", "neo4j"):
        f = figures[name]
        rows.append(
            f"| {name} | {f['load_s']} | {f['gaps_median_s']} | {f['representation_p50_ms']} "
            f"| {f['representation_p99_ms']} |"
        )
    service = figures["service"]
    rows += [
        "",
        f"`GET /api/representation/{service['crg']}`, {service['seconds']} s per load:",
        "",
        "| backend | clients | requests/s | p50 (ms) | p99 (ms) | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name in ("embedded", "neo4j"):
        for clients, f in service[name].items():
            rows.append(
                f"| {name} | {clients} | {f['requests_per_s']:.1f} | {f['p50_ms']:.0f} | {f['p99_ms']:.0f} "
                f"| {f['errors']} |"
            )
    return "\n".join(rows)


if __name__ == "__main__":
    main()
