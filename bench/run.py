"""govgraph's benchmarks: ``make bench`` (or ``python bench/run.py``); see bench/README.md.

For each scale: build (or reuse) the synthetic roster, run the in-process figures in
fresh processes (``_worker.py``), time the diagram pages in headless Chromium
(``browser.py``) and load the REST service (``api_load.py``). Writes every figure to
``bench/results/latest.json`` and prints a Markdown table of them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from _measure import machine, median
from _plot import per_membership_svg
from _worker import CRG, DAY
from api_load import measure_api
from browser import time_to_interactive

from govgraph.loaders.synthetic import synthesise, write_roster

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
GIB = 1024**3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--scales", default="1 20 100", help='synthetic roster scales, e.g. "1 100" (default: %(default)s)'
    )
    parser.add_argument("--seed", type=int, default=42, help="the synthetic roster's seed (default: %(default)s)")
    parser.add_argument(
        "--load-runs",
        type=int,
        default=5,
        help="most load runs per scale, each in a fresh process (default: %(default)s)",
    )
    parser.add_argument("--load-budget", type=float, default=120, help="no further load run once this many seconds of load runs are spent on a scale (default: %(default)s)")  # fmt: skip
    parser.add_argument(
        "--repeats", type=int, default=3, help="runs of each whole-graph query and page (default: %(default)s)"
    )
    parser.add_argument(
        "--calls", type=int, default=1000, help="calls of each one-subject query (default: %(default)s)"
    )
    parser.add_argument(
        "--api-rounds", type=int, default=3, help="rounds of each endpoint under load (default: %(default)s)"
    )
    parser.add_argument(
        "--api-seconds", type=int, default=5, help="seconds per endpoint per round (default: %(default)s)"
    )
    parser.add_argument("--browser-runs", type=int, default=3, help="page loads per diagram (default: %(default)s)")
    parser.add_argument("--browser-timeout", type=float, default=120, help="seconds a page may take to become interactive (default: %(default)s)")  # fmt: skip
    parser.add_argument("--core", action="store_true", help="load and queries only: no diagram pages, browser or service under load (a shared machine's quick run)")  # fmt: skip
    parser.add_argument("--out", type=Path, default=HERE / "results" / "latest.json", help="where to write the figures (default: %(default)s)")  # fmt: skip
    args = parser.parse_args()

    results: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "day": DAY,
        "seed": args.seed,
        "scales": {},
    }
    for scale in (int(s) for s in args.scales.split()):
        results["scales"][str(scale)] = _scale(scale, args)
        _write(args.out, results)  # after each scale, so a long run leaves what it has measured
    results["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["load_average_after"] = machine()["load_average"]
    results["targets"] = _targets(results["scales"])
    _write(args.out, results)
    chart = args.out.with_name("per-membership.svg")
    chart.write_text(per_membership_svg(results), encoding="utf-8")
    print(table(results))
    print(f"\nCost per membership by scale: {chart}")


def _scale(scale: int, args: argparse.Namespace) -> dict[str, Any]:
    roster = _roster(scale, args.seed)
    pages = CACHE / f"pages-scale-{scale}-seed-{args.seed}"
    _say(f"scale {scale}: load, queries and pages")
    options = ["--queries", "--pages", str(pages), "--repeats", str(args.repeats), "--calls", str(args.calls)]
    runs = [_worker(roster, options + ["--no-pages"] * args.core)]
    while len(runs) < args.load_runs and sum(run["load_s"] for run in runs) < args.load_budget:
        _say(f"scale {scale}: load run {len(runs) + 1}")
        runs.append(_worker(roster, []))
    first = runs[0]
    rates = [run["memberships"] / run["load_s"] for run in runs]
    pandas_rates = [run["memberships"] / run["pandas_read_s"] for run in runs]
    found: dict[str, Any] = {
        "memberships": first["memberships"],
        "nodes": first["nodes"],
        "edges": first["edges"],
        "load": {
            "runs": len(runs),
            "s": median([run["load_s"] for run in runs]),
            "memberships_per_s": median(rates),
            "pandas_memberships_per_s": median(pandas_rates),
            "ratio": median([ours / theirs for ours, theirs in zip(rates, pandas_rates)]),
            "peak_rss_bytes": max(run["peak_rss_bytes"] for run in runs),
            "duckdb_s": first["duckdb_load_s"],
            "networkx_floor_s": first["networkx_floor_s"],
            "seat_tables_s": first["seat_tables_s"],
        },
    }
    load = found["load"]
    load["us_per_membership"] = load["s"] / found["memberships"] * 1e6
    load["bytes_per_membership"] = load["peak_rss_bytes"] / found["memberships"]
    load["ratio_to_duckdb"] = load["s"] / load["duckdb_s"]
    load["networkx_floor_ratio"] = found["memberships"] / load["networkx_floor_s"] / load["pandas_memberships_per_s"]
    found |= {
        key: first[key]
        for key in ("gaps", "coverage", "representation", "line_of_sight") + ("pages",) * (not args.core)
    }
    found["coverage"]["ratio"] = found["coverage"]["pandas_pivot_s"] / found["coverage"]["s"]
    found["coverage"]["ratio_to_duckdb"] = found["coverage"]["s"] / found["coverage"]["duckdb_s"]
    found["gaps"]["ratio_to_pandas_pivot"] = found["coverage"]["pandas_pivot_s"] / found["gaps"]["s"]
    found["gaps"]["rule_ratio_to_duckdb"] = found["gaps"]["rule_s"] / found["gaps"]["duckdb_rule_s"]
    found["gaps"]["us_per_membership"] = found["gaps"]["s"] / found["memberships"] * 1e6
    found["coverage"]["us_per_membership"] = found["coverage"]["s"] / found["memberships"] * 1e6
    if args.core:
        return found
    _say(f"scale {scale}: diagrams in Chromium")
    interactive = time_to_interactive(
        {name: pages / f"{name}.html" for name in ("overview", "focus")},
        runs=args.browser_runs,
        timeout_s=args.browser_timeout,
    )
    for name, measured in interactive.items():
        found["pages"][name] |= measured
    _say(f"scale {scale}: REST service under load")
    found["api"] = measure_api(
        roster,
        crg=CRG,
        day=DAY,
        rounds=args.api_rounds,
        seconds=args.api_seconds,
        connections=50,
        # The service loads the roster before it listens: allow a few times a load run.
        start_timeout=60 + 4 * found["load"]["s"],
    )
    return found


def _roster(scale: int, seed: int) -> Path:
    """The cached roster of ``scale`` and ``seed``, written first if missing. It is written
    to a temporary folder and renamed, so an interrupted run never leaves half a roster."""
    folder = CACHE / f"scale-{scale}-seed-{seed}"
    if not folder.is_dir():
        _say(f"scale {scale}: writing the synthetic roster to {folder}")
        partial = folder.with_name(folder.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        write_roster(synthesise(scale, seed), partial)
        partial.rename(folder)
    return folder


def _worker(roster: Path, options: list[str]) -> dict[str, Any]:
    command = [sys.executable, str(HERE / "_worker.py"), "--roster", str(roster), *options]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _targets(scales: dict[str, Any]) -> list[dict[str, Any]]:
    """Where the project stands against the targets of its issue 17 (not asserted anywhere)."""
    found = []

    def target(name: str, scale: str, value: float | None, goal: str, met: bool | None) -> None:
        found.append({"target": name, "scale": int(scale), "value": value, "goal": goal, "met": met})

    for scale, s in scales.items():
        load, gib = s["load"], s["load"]["peak_rss_bytes"] / GIB
        if scale in ("100", "500"):
            limit_s, limit_gib = (10, 1.5) if scale == "100" else (60, 6)
            target("load time (s)", scale, load["s"], f"< {limit_s}", load["s"] < limit_s)
            target("peak RSS after load (GiB)", scale, gib, f"< {limit_gib}", gib < limit_gib)
        target("load rate / pandas read rate", scale, load["ratio"], ">= 0.05", load["ratio"] >= 0.05)
        target("load time / DuckDB load time", scale, load["ratio_to_duckdb"], "<= 12", load["ratio_to_duckdb"] <= 12)
        gaps, cov = s["gaps"], s["coverage"]
        target(
            f"{gaps['rule']} / DuckDB's", scale, gaps["rule_ratio_to_duckdb"], "<= 2", gaps["rule_ratio_to_duckdb"] <= 2
        )
        target("coverage / DuckDB's", scale, cov["ratio_to_duckdb"], "<= 2", cov["ratio_to_duckdb"] <= 2)
        p50 = s["representation"]["p50_ms"]
        target("one CRG's representation p50 (ms)", scale, p50, "< 0.5", p50 < 0.5)
        if "api" in s:
            ratio = s["api"]["ratio"]
            target("representation / trivial endpoint requests/s", scale, ratio, ">= 0.7", (ratio or 0) >= 0.7)
            bare = s["api"]["trivial_to_bare"]
            target("trivial endpoint / bare FastAPI app requests/s", scale, bare, ">= 0.8", (bare or 0) >= 0.8)
    return found


def _ratio(value: float | None) -> str:
    """A ratio of requests/s, or "none answered" when the baseline answered nothing."""
    return "none answered" if value is None else f"{value:.2f}"


def table(results: dict[str, Any]) -> str:
    """The figures as a Markdown table, one column per scale, with the machine above it."""
    m = results["machine"]
    scales = results["scales"]
    head = (
        f"Measured {results['started'][:10]} on {m['cpus']} × {m['cpu_model']}, {m['ram_gib']} GiB RAM, "
        f"Python {m['python']}, {m['platform']}; load average {m['load_average'][0]:.1f} at the start "
        f"(other work was running: compare the ratios, which are measured side by side). "
        f"Queries answer for {results['day']}; medians of repeated runs.\n\n"
    )
    rows: list[tuple[str, Any]] = [
        ("memberships", lambda s: f"{s['memberships']:,}"),
        ("nodes / edges", lambda s: f"{s['nodes']:,} / {s['edges']:,}"),
        (
            "load from CSV (s)",
            lambda s: f"{s['load']['s']:.2f} ({s['load']['runs']} run{'s' * (s['load']['runs'] > 1)})",
        ),
        ("load rate (memberships/s)", lambda s: f"{s['load']['memberships_per_s']:,.0f}"),
        ("pandas.read_csv rate (memberships/s)", lambda s: f"{s['load']['pandas_memberships_per_s']:,.0f}"),
        ("load rate / pandas rate", lambda s: f"{s['load']['ratio']:.3f}"),
        ("peak RSS after load (MiB)", lambda s: f"{s['load']['peak_rss_bytes'] / 1024**2:,.0f}"),
        ("load: µs per membership", lambda s: f"{s['load']['us_per_membership']:.0f}"),
        ("peak RSS: bytes per membership", lambda s: f"{s['load']['bytes_per_membership']:,.0f}"),
        ("DuckDB load of the same CSVs (s)", lambda s: f"{s['load']['duckdb_s']:.3f}"),
        ("load time / DuckDB load time", lambda s: f"{s['load']['ratio_to_duckdb']:.1f}"),
        ("networkx floor: same graph from tuples (s)", lambda s: f"{s['load']['networkx_floor_s']:.2f}"),
        ("networkx floor rate / pandas rate", lambda s: f"{s['load']['networkx_floor_ratio']:.3f}"),
        ("seat tables, built once per graph (s)", lambda s: f"{s['load']['seat_tables_s']:.2f}"),
        (
            "gap report (s)",
            lambda s: f"{s['gaps']['s']:.3f} ({s['gaps']['failing']:,} failing of {s['gaps']['checked']:,})",
        ),
        ("gap report: µs per membership", lambda s: f"{s['gaps']['us_per_membership']:.1f}"),
        (
            "one rule (crg-senate-coverage) / DuckDB's (s)",
            lambda s: (
                f"{s['gaps']['rule_s']:.3f} / {s['gaps']['duckdb_rule_s']:.3f} = "
                f"{s['gaps']['rule_ratio_to_duckdb']:.1f}x, same failing: {s['gaps']['same_failing_as_duckdb']}"
            ),
        ),
        ("CRG × Senate coverage (s)", lambda s: f"{s['coverage']['s']:.3f}"),
        ("coverage: µs per membership", lambda s: f"{s['coverage']['us_per_membership']:.1f}"),
        (
            "DuckDB coverage (s), govgraph / DuckDB",
            lambda s: (
                f"{s['coverage']['duckdb_s']:.3f}, {s['coverage']['ratio_to_duckdb']:.1f}x, "
                f"same cells: {s['coverage']['same_as_duckdb']}"
            ),
        ),
        ("pandas pivot_table of the same (s)", lambda s: f"{s['coverage']['pandas_pivot_s']:.3f}"),
        ("pandas time / coverage time", lambda s: f"{s['coverage']['ratio']:.2f}"),
        ("pandas time / gap report time", lambda s: f"{s['gaps']['ratio_to_pandas_pivot']:.3f}"),
        (
            "representation of crg:CFS p50 / p99 (ms)",
            lambda s: f"{s['representation']['p50_ms']:.2f} / {s['representation']['p99_ms']:.2f}",
        ),
        (
            "line of sight of one post p50 / p99 (ms)",
            lambda s: f"{s['line_of_sight']['p50_ms']:.3f} / {s['line_of_sight']['p99_ms']:.3f}",
        ),
        ("API representation: requests/s", lambda s: f"{s['api']['representation']['requests_per_s']:,.0f}"),
        (
            "API representation p50 / p99 (ms)",
            lambda s: f"{s['api']['representation']['p50_ms']:.0f} / {s['api']['representation']['p99_ms']:.0f}",
        ),
        ("API /api/health: requests/s", lambda s: f"{s['api']['trivial']['requests_per_s']:,.0f}"),
        ("API representation / health requests/s", lambda s: _ratio(s["api"]["ratio"])),
        ("bare FastAPI app: requests/s", lambda s: f"{s['api']['bare']['requests_per_s']:,.0f}"),
        ("API /api/health / bare app requests/s", lambda s: _ratio(s["api"]["trivial_to_bare"])),
        (
            "without the cache: health / bare, representation / health",
            lambda s: f"{_ratio(s['api']['uncached_trivial_to_bare'])}, {_ratio(s['api']['uncached_ratio'])}",
        ),
        (
            "overview page: nodes drawn (of CRGs and boards), generation (s)",
            lambda s: (
                f"{s['pages']['overview']['nodes']:,} (of {s['pages']['overview']['bodies']:,}), "
                f"{s['pages']['overview']['s']:.3f}"
            ),
        ),
        ("overview interactive in Chromium (s)", lambda s: _tti(s["pages"]["overview"])),
        (
            "focus page: nodes, generation (s)",
            lambda s: f"{s['pages']['focus']['nodes']:,}, {s['pages']['focus']['s']:.3f}",
        ),
        ("focus interactive in Chromium (s)", lambda s: _tti(s["pages"]["focus"])),
    ]
    lines = ["| | " + " | ".join(f"scale {scale}" for scale in scales) + " |", "|---" * (len(scales) + 1) + "|"]
    lines += [f"| {name} | " + " | ".join(_cell(cell, s) for s in scales.values()) + " |" for name, cell in rows
              if any(_cell(cell, s) != "not measured" for s in scales.values())]  # fmt: skip
    return head + "\n".join(lines)


def _cell(cell: Any, figures: dict[str, Any]) -> str:
    try:
        return str(cell(figures))
    except KeyError:  # a part left out (--core)
        return "not measured"


def _tti(page: dict[str, Any]) -> str:
    return "not within the timeout" if page.get("tti_ms") is None else f"{page['tti_ms'] / 1000:.2f}"


def _write(path: Path, results: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
