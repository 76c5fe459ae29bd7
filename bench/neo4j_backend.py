"""The Neo4j backend next to the embedded store, on the same synthetic roster:
``python bench/neo4j_backend.py --scale 5`` (``make bench-neo4j``).

Starts the Neo4j 5.26 server of ``tools/neo4j-server`` (as the tests do), then measures,
on each store:

* load: the embedded store built from the roster files; Neo4j loaded with
  ``import_store`` (what ``govgraph load --neo4j`` runs) into an empty database;
* the gap report for one day (``Governance.gaps``: on Neo4j, one slice pulled, then the
  same Python);
* representation of one subject (``Governance.representation``: on Neo4j, a store call
  per read), p50 and p99 over ``--calls`` calls spread over CRGs, boards and seats.

Writes the figures to ``bench/results/neo4j.json`` and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests._neo4j starts the server

import govgraph
from govgraph.governance import Governance
from govgraph.graph.model import NodeKind
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
    return "\n".join(rows)


if __name__ == "__main__":
    main()
