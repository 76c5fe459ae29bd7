"""The anchors govgraph is measured against, on the same CSV files and the same day.

* DuckDB: the four CSV files loaded into tables (``CREATE TABLE ... AS read_csv``), then
  the CRG x Senate matrix and the rule ``crg-senate-coverage`` answered in SQL.
* The networkx floor: the same graph (the same node and edge attribute dicts) built from
  prepared tuples with ``add_nodes_from`` / ``add_edges_from``; what any loader that
  keeps a networkx graph cannot go below.

The seats table (each CRG seat that speaks for a Senate area, with its role) is what the
roster and the built-in dataset declare; it is gathered once from the loaded graph and
not timed, as the graph is loaded untimed before a query is timed. DuckDB is the bench's
own dependency (``make bench`` installs it), never govgraph's.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import duckdb
import networkx as nx
import pandas as pd
from _measure import median, repeat

from govgraph.graph.model import NodeKind
from govgraph.graph.store import NetworkXStore
from govgraph.queries._day import DayIndex
from govgraph.queries.representation import GapReport
from govgraph.queries.rules import builtin_rules

__all__ = ["duckdb_figures", "networkx_floor", "senate_seats"]

TABLES = ("people", "organisations", "posts", "memberships")
RULE = "crg-senate-coverage"  # each Senate area: a filled clinical-member seat (London: 3)
NEED = {"senate:london": 3}


def senate_seats(store: NetworkXStore, day: str) -> pd.DataFrame:
    """One row per CRG seat and Senate area it counts for on ``day`` (through the areas an
    area succeeded, as the rules count), with the seat's role."""
    index = DayIndex(store, day)
    senates = [s["id"] for s in store.nodes(NodeKind.SENATE, as_of=day)]
    column = {target: senate for senate in senates for target in index.covering(senate)}
    rows = []
    for crg in store.nodes(NodeKind.CRG, as_of=day):
        for seat in index.seats(crg["id"])[0]:
            for senate in sorted({column[t] for t in seat.represents if t in column}):
                rows.append((seat.post_id, crg["id"], seat.role, senate))
    return pd.DataFrame(rows, columns=["post", "crg", "role", "senate"])


def duckdb_figures(roster: Path, store: NetworkXStore, day: str, report: GapReport, repeats: int) -> dict[str, Any]:
    seats = senate_seats(store, day)
    (rule,) = [r for r in builtin_rules() if r.id == RULE]
    subjects = [c["id"] for c in store.nodes(NodeKind.CRG, as_of=day) if c["id"] not in rule.applies_to.exclude]
    crgs = pd.DataFrame({"crg": sorted(subjects)})
    senates = pd.DataFrame({"senate": sorted(s["id"] for s in store.nodes(NodeKind.SENATE, as_of=day))})
    need = pd.DataFrame({"senate": list(NEED), "need": list(NEED.values())})

    def load() -> duckdb.DuckDBPyConnection:
        db = duckdb.connect()
        for table in TABLES:
            db.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv('{roster / f'{table}.csv'}', all_varchar=true)")
        return db

    load_s = median([_timed(load)[0] for _ in range(repeats)])
    db = load()
    for name, frame in (("seats", seats), ("crgs", crgs), ("senates", senates), ("need", need)):
        db.register(name, frame)
    held = f"SELECT DISTINCT post FROM memberships WHERE start <= '{day}' AND (coalesce(\"end\", '') = '' OR \"end\" >= '{day}')"
    matrix_sql = (
        f"WITH held AS ({held}) SELECT crg, senate, count(held.post) AS filled, count(*) AS seats "
        "FROM seats LEFT JOIN held USING (post) GROUP BY crg, senate"
    )
    failing_sql = (
        f"WITH held AS ({held}), filled AS (SELECT crg, senate, count(held.post) AS n FROM seats "
        "JOIN held USING (post) WHERE role = 'clinical-member' GROUP BY crg, senate) "
        "SELECT DISTINCT crgs.crg FROM crgs CROSS JOIN senates LEFT JOIN filled USING (crg, senate) "
        "LEFT JOIN need USING (senate) WHERE coalesce(filled.n, 0) < coalesce(need.need, 1)"
    )
    matrix = db.execute(matrix_sql).fetchall()
    failing = {row[0] for row in db.execute(failing_sql).fetchall()}
    ours = {v.subject_id for v in report.gaps if v.rule_id == RULE}
    return {
        "load_s": load_s,
        "coverage_s": median(repeat(lambda: db.execute(matrix_sql).fetchall(), repeats)),
        "coverage_cells": {(crg, senate): (int(f), int(s)) for crg, senate, f, s in matrix},
        "rule_s": median(repeat(lambda: db.execute(failing_sql).fetchall(), repeats)),
        "rule_failing": len(failing),
        "same_failing": failing == ours,
    }


def networkx_floor(store: NetworkXStore) -> float:
    """Seconds to build the loaded graph again from prepared tuples, with networkx alone."""
    nodes = [(id, dict(attrs)) for id, attrs in store.graph.nodes(data=True)]
    edges = [(u, v, k, dict(attrs)) for u, v, k, attrs in store.graph.edges(keys=True, data=True)]

    def build() -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        graph.add_nodes_from(nodes)
        graph.add_edges_from(edges)
        return graph

    return _timed(build)[0]


def _timed(work: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result
