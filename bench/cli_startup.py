"""How long the ``govgraph`` command takes to start and to answer, hyperfine-style.

Each command runs ``--runs`` times in a fresh process (after one warm-up run, so that the
operating system's file cache is the same for every run) and the wall-clock times are
reported as median, minimum and maximum. Next to them, in alternating rounds, the bare
interpreter (``python -c pass``): what no command can go below on this machine, and the
baseline to compare between runs when other work shares the machine.

    .venv/bin/python bench/cli_startup.py                 # 10 runs each, a Markdown table
    .venv/bin/python bench/cli_startup.py --runs 20 --json bench/results/cli-startup.json

The targets (``govgraph --help`` under 0.3 s, a query on the built-in data under 1.5 s)
are printed against the medians; nothing asserts them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

GOVGRAPH = str(Path(sys.executable).with_name("govgraph"))
#: (label, argv, target seconds or None)
COMMANDS: list[tuple[str, list[str], float | None]] = [
    ("python -c pass (baseline)", [sys.executable, "-c", "pass"], None),
    ("govgraph --help", [GOVGRAPH, "--help"], 0.3),
    ("govgraph --version", [GOVGRAPH, "--version"], 0.3),
    ("govgraph gaps --help", [GOVGRAPH, "gaps", "--help"], None),
    ("govgraph stats", [GOVGRAPH, "stats"], 1.5),
    ("govgraph members crg:CFS --as-of 2014-06-01", [GOVGRAPH, "members", "crg:CFS", "--as-of", "2014-06-01"], 1.5),
    ("govgraph gaps --as-of 2014-06-01 --format json", [GOVGRAPH, "gaps", "--as-of", "2014-06-01", "--format",
                                                         "json"], 1.5),
]  # fmt: skip


def run_once(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(runs: int) -> list[dict[str, object]]:
    for _, argv, _ in COMMANDS:
        run_once(argv)  # warm-up
    times: dict[str, list[float]] = {label: [] for label, _, _ in COMMANDS}
    for _ in range(runs):  # rounds alternate the commands, so that a busy spell hits all alike
        for label, argv, _ in COMMANDS:
            times[label].append(run_once(argv))
    return [
        {
            "command": label,
            "runs": runs,
            "median_s": round(statistics.median(times[label]), 3),
            "min_s": round(min(times[label]), 3),
            "max_s": round(max(times[label]), 3),
            "target_s": target,
            "met": None if target is None else statistics.median(times[label]) < target,
        }
        for label, _, target in COMMANDS
    ]


def table(results: list[dict[str, object]]) -> str:
    lines = ["| command | median (s) | min (s) | max (s) | target | met |", "|---|---|---|---|---|---|"]
    for r in results:
        target = "" if r["target_s"] is None else f"< {r['target_s']} s"
        met = "" if r["met"] is None else ("yes" if r["met"] else "no")
        lines.append(
            f"| `{r['command']}` | {r['median_s']:.3f} | {r['min_s']:.3f} | {r['max_s']:.3f} | {target} | {met} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each command (default 10)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    results = measure(args.runs)
    machine = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    print(table(results))
    print(f"\n{args.runs} runs each after a warm-up; {machine['cpus']} CPUs, Python {machine['python']}, "
          f"load average {machine['load_average'][0]} before and {machine['load_average'][1]} after.")  # fmt: skip
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"machine": machine, "results": results}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
