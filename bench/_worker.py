"""One benchmark run on one roster, in a process of its own; prints its figures as JSON.

``run.py`` starts a fresh process per run so that the peak RSS it reads belongs to one
load alone, and so that one scale's garbage never slows the next.

Every run first reads the four CSV files of the roster with ``pandas.read_csv`` (the
baseline, in the same process, moments before, so that both see the same machine load),
lets the frames go, then loads the roster (timed) and reads the peak RSS at once. The
baseline comes first so that its memory is not added to the graph's: the peak is the
larger of the two, and the graph's is by far the larger. With ``--queries`` it then times
the queries and the diagram pages on the loaded graph, and writes the pages to
``--pages`` for the browser.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd
from _baselines import RULE, duckdb_figures, networkx_floor
from _measure import median, peak_rss_bytes, repeat, time_calls

from govgraph.graph.model import EdgeType, NodeKind
from govgraph.graph.store import NetworkXStore
from govgraph.loaders.reference import load_reference
from govgraph.loaders.roster import load_rosters
from govgraph.queries._columns import SeatColumns
from govgraph.queries._day import SeatTables
from govgraph.queries.coverage import Coverage, coverage
from govgraph.queries.line_of_sight import line_of_sight
from govgraph.queries.neighbourhood import DEFAULT_MAX_NODES, MAX_DEPTH, focus, overview
from govgraph.queries.representation import gaps, representation
from govgraph.queries.rules import builtin_rules
from govgraph.viz.render import render_html
from govgraph.viz.vis import to_vis_data

#: The day every query answers for: the 2013 CRGs, their Senate seats and the provider
#: lines of sight all exist on it.
DAY = "2014-06-01"
#: A CRG of the built-in dataset, filled by copy 1 of every synthetic roster.
CRG = "crg:CFS"
#: A provider medical director of copy 1, whose chain runs to the National Clinical Director.
POST = "post:org:synthetic-provider-1-1/medical-director"
#: The focus diagram grows around this programme until it reaches the node cap.
FOCUS = "programme:internal-medicine"
TABLES = ("people", "organisations", "posts", "memberships")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--roster", type=Path, required=True)
    parser.add_argument("--queries", action="store_true", help="also time the queries and the pages")
    parser.add_argument("--pages", type=Path, help="folder to write the diagram pages to (with --queries)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each whole-graph query")
    parser.add_argument("--calls", type=int, default=1000, help="calls of each one-subject query")
    parser.add_argument("--no-pages", action="store_true", help="with --queries, leave the diagram pages out")
    args = parser.parse_args()

    files = [args.roster / f"{table}.csv" for table in TABLES]
    memberships = _data_lines(args.roster / "memberships.csv")
    pandas_read_s = _pandas_read(files)
    store = load_reference()
    start = time.perf_counter()
    load_rosters(store, [args.roster])
    load_s = time.perf_counter() - start
    result: dict[str, Any] = {
        "memberships": memberships,
        "nodes": store.count(),
        "edges": store.number_of_edges(),
        "load_s": load_s,
        "peak_rss_bytes": peak_rss_bytes(),
        "pandas_read_s": pandas_read_s,
    }
    if args.queries:
        assert args.pages is not None, "--queries needs --pages"
        result |= _queries(store, args.roster, args.repeats, args.calls)
        if not args.no_pages:
            result |= _pages(store, args.pages, args.repeats)
    json.dump(result, sys.stdout)


def _data_lines(path: Path) -> int:
    """Rows of a CSV file the generator wrote: lines after the header (no value spans lines)."""
    with path.open("rb") as file:
        return sum(1 for _ in file) - 1


def _pandas_read(files: list[Path]) -> float:
    """Seconds to read every file with pandas, every cell as text, as the roster loader reads them."""
    start = time.perf_counter()
    frames = [pd.read_csv(path, dtype=str, keep_default_na=False) for path in files]
    taken = time.perf_counter() - start
    del frames
    gc.collect()
    return taken


def _queries(store: NetworkXStore, roster: Path, repeats: int, calls: int) -> dict[str, Any]:
    rules = builtin_rules()  # loaded once, as Governance and the service do
    # The whole graph's seat tables and their arrays are built by the first query after a
    # load and kept until the graph changes, as DuckDB's tables are built by its load:
    # timed on their own.
    start = time.perf_counter()
    SeatColumns.of(SeatTables.of(store))
    seat_tables_s = time.perf_counter() - start
    report = gaps(store, as_of=DAY, rules=rules)
    matrix = coverage(store, of="crg", by="senate", as_of=DAY)
    memberships = pd.read_csv(
        roster / "memberships.csv", dtype=str, keep_default_na=False, usecols=["post", "start", "end"]
    )
    seats = _senate_seats(store)
    pivot = _pandas_coverage(memberships, seats)
    duck = duckdb_figures(roster, store, DAY, report, repeats)
    return {
        "networkx_floor_s": networkx_floor(store),
        "duckdb_load_s": duck["load_s"],
        "seat_tables_s": seat_tables_s,
        "gaps": {
            "s": median(repeat(lambda: gaps(store, as_of=DAY, rules=rules), repeats)),
            "failing": len(report.gaps),
            "checked": report.verdicts_checked,
            "rule": RULE,
            "rule_s": median(repeat(lambda: gaps(store, as_of=DAY, rules=rules, rule=RULE), repeats)),
            "duckdb_rule_s": duck["rule_s"],
            "duckdb_rule_failing": duck["rule_failing"],
            "same_failing_as_duckdb": duck["same_failing"],
        },
        "coverage": {
            "s": median(repeat(lambda: coverage(store, of="crg", by="senate", as_of=DAY), repeats)),
            "pandas_pivot_s": median(repeat(lambda: _pandas_coverage(memberships, seats), repeats)),
            "bodies": len(matrix.bodies),
            "areas": len(matrix.areas),
            "same_as_pandas": _as_cells(matrix) == _pivot_cells(pivot),
            "duckdb_s": duck["coverage_s"],
            "same_as_duckdb": _as_cells(matrix) == {k: v for k, v in duck["coverage_cells"].items() if v[1]},
        },
        "representation": time_calls(lambda: representation(store, CRG, as_of=DAY, rules=rules), calls)
        | {"subject": CRG},
        "line_of_sight": time_calls(lambda: line_of_sight(store, POST, as_of=DAY), calls) | {"start": POST},
    }


def _senate_seats(store: NetworkXStore) -> pd.DataFrame:
    """The CRG seats that speak for a Senate area on the day, one row per seat and area.

    This is what the roster and the built-in dataset declare about seats (posts.csv's
    ``represents``, the reference tables), gathered once and not timed: the pivot is timed
    from here, as coverage is timed from a loaded graph.
    """
    rows = []
    for crg in store.nodes(NodeKind.CRG, as_of=DAY):
        for edge in store.in_edges(crg["id"], EdgeType.POST_IN, as_of=DAY):
            post = store.node(edge.from_id)
            if (post.get("valid_from") or "") <= DAY < (post.get("valid_to") or "9999"):
                for target in store.out_edges(edge.from_id, EdgeType.REPRESENTS, as_of=DAY):
                    if store.node(target.to_id)["kind"] == NodeKind.SENATE:
                        rows.append((edge.from_id, crg["id"], target.to_id))
    return pd.DataFrame(rows, columns=["post", "crg", "senate"])


def _pandas_coverage(memberships: pd.DataFrame, seats: pd.DataFrame) -> pd.DataFrame:
    """The CRG x Senate matrix of filled and all seats on the day, with pandas: memberships
    that count on the day (``end`` is the last day held), joined to the seats, pivoted."""
    held = memberships[(memberships["start"] <= DAY) & ((memberships["end"] == "") | (memberships["end"] >= DAY))]
    seats = seats.assign(filled=seats["post"].isin(held["post"]).astype(int), seats=1)
    return seats.pivot_table(index="crg", columns="senate", values=["filled", "seats"], aggfunc="sum", fill_value=0)


def _as_cells(matrix: Coverage) -> dict[tuple[str, str], tuple[int, int]]:
    return {(row.id, cell.area_id): (cell.filled, cell.filled + cell.vacant) for row in matrix.bodies for cell in row.cells
            if cell.filled + cell.vacant}  # fmt: skip


def _pivot_cells(pivot: pd.DataFrame) -> dict[tuple[str, str], tuple[int, int]]:
    cells = {}
    for crg, row in pivot.iterrows():
        for senate in pivot["seats"].columns:
            if row[("seats", senate)]:
                cells[(str(crg), str(senate))] = (int(row[("filled", senate)]), int(row[("seats", senate)]))
    return cells


def _pages(store: NetworkXStore, folder: Path, repeats: int) -> dict[str, Any]:
    """Page generation (query, diagram data, HTML) for the overview and a focus view of
    about ``DEFAULT_MAX_NODES`` nodes; both pages are written for the browser."""
    depth = next(
        (d for d in range(1, MAX_DEPTH + 1) if len(focus(store, FOCUS, depth=d, as_of=DAY).nodes) >= DEFAULT_MAX_NODES),
        MAX_DEPTH,
    )
    views = {
        "overview": lambda: to_vis_data(overview(store, as_of=DAY)),
        "focus": lambda: to_vis_data(focus(store, FOCUS, depth=depth, as_of=DAY)),
    }
    found: dict[str, Any] = {}
    folder.mkdir(parents=True, exist_ok=True)
    for name, build in views.items():
        vis = build()
        page = render_html(vis)
        (folder / f"{name}.html").write_text(page, encoding="utf-8")
        found[name] = {
            "s": median(repeat(lambda: render_html(build()), repeats)),  # noqa: B023 (called at once)
            "bytes": len(page.encode()),
            "nodes": len(vis.nodes),  # as drawn: an overview aggregated by programme draws one node per programme
        }
    found["overview"]["bodies"] = sum(
        n.kind in (NodeKind.CRG, NodeKind.BOARD) for n in overview(store, as_of=DAY).nodes
    )
    found["focus"] |= {"id": FOCUS, "depth": depth}
    return {"pages": found}


if __name__ == "__main__":
    main()
