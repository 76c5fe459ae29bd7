"""Save and load a store as one JSON document that round-trips exactly.

The document::

    {"format": "govgraph-snapshot", "schema_version": 1,
     "meta": {...},                              # the graph's metadata (sources, built_at)
     "nodes": [{"id": ..., "kind": ..., ...}],   # stored attributes, as in the graph
     "edges": [{"from_id": ..., "to_id": ..., "type": ..., ...}]}

Nodes and edges are written in insertion order, so saving the same graph twice gives the
same bytes. Writes go to a temporary file that is renamed into place, so a crash never
leaves half a snapshot behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from govgraph.errors import LoadError, Problem
from govgraph.graph.store import NetworkXStore

__all__ = ["SCHEMA_VERSION", "load_snapshot", "save_snapshot", "snapshot_dict", "store_from_dict"]

SCHEMA_VERSION = 1
_FORMAT = "govgraph-snapshot"


def snapshot_dict(store: NetworkXStore) -> dict[str, Any]:
    graph = store.graph
    return {
        "format": _FORMAT,
        "schema_version": SCHEMA_VERSION,
        "meta": dict(store.meta),
        "nodes": [dict(attrs) for _, attrs in graph.nodes(data=True)],
        "edges": [{"from_id": u, "to_id": v, **attrs} for u, v, attrs in graph.edges(data=True)],
    }


def store_from_dict(data: dict[str, Any], *, origin: str = "snapshot") -> NetworkXStore:
    if data.get("format") != _FORMAT:
        raise LoadError([Problem(origin, None, "format", f"not a govgraph snapshot (format {data.get('format')!r})")])
    if data.get("schema_version") != SCHEMA_VERSION:
        raise LoadError(
            [
                Problem(
                    origin,
                    None,
                    "schema_version",
                    f"schema version {data.get('schema_version')!r}, expected {SCHEMA_VERSION}",
                )
            ]
        )
    store = NetworkXStore(meta=data.get("meta") or {})
    for attrs in data["nodes"]:
        store.add_node_attrs(dict(attrs))
    for attrs in data["edges"]:
        edge = dict(attrs)
        store.add_edge_attrs(edge.pop("from_id"), edge.pop("to_id"), edge)
    return store


def save_snapshot(store: NetworkXStore, path: str | Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(snapshot_dict(store), out, ensure_ascii=False, separators=(",", ":"))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_snapshot(path: str | Path) -> NetworkXStore:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LoadError([Problem(str(path), exc.lineno, None, f"invalid JSON: {exc.msg}")]) from exc
    return store_from_dict(data, origin=str(path))
