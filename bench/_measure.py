"""Small measuring helpers shared by the benchmark scripts: clocks, order statistics,
memory and a description of the machine."""

from __future__ import annotations

import math
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["machine", "median", "peak_rss_bytes", "percentile", "repeat", "time_calls"]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile (``share`` from 0 to 1): a value that was measured,
    never an interpolation between two."""
    ordered = sorted(values)
    rank = max(1, math.ceil(len(ordered) * share))
    return ordered[rank - 1]


def repeat(action: Callable[[], Any], times: int) -> list[float]:
    """Seconds taken by each of ``times`` runs of ``action``."""
    taken = []
    for _ in range(times):
        start = time.perf_counter()
        action()
        taken.append(time.perf_counter() - start)
    return taken


def time_calls(action: Callable[[], Any], calls: int) -> dict[str, float]:
    """p50 and p99, in milliseconds, of ``calls`` calls of ``action`` after one warm-up call
    (which fills whatever caches a first call fills)."""
    action()
    taken = [seconds * 1000 for seconds in repeat(action, calls)]
    return {"calls": calls, "p50_ms": percentile(taken, 0.50), "p99_ms": percentile(taken, 0.99)}


def peak_rss_bytes() -> int:
    """This process's peak resident set size so far (Linux ``VmHWM``)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status: peak RSS is measured on Linux only")


def machine() -> dict[str, Any]:
    """What the figures were measured on; the load average says how busy it was."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    mem_kib = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal:")
    )
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "ram_gib": round(mem_kib / 1024**2, 1),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "load_average": list(os.getloadavg()),
    }
