"""Save and load a store as one JSON document that round-trips exactly.

The document::

    {"format": "govgraph-snapshot", "schema_version": 1,
     "meta": {...},                              # the graph's metadata (sources, built_at)
     "nodes": [{"id": ..., "kind": ..., ...}],   # stored attributes, as in the graph
     "edges": [{"from_id": ..., "to_id": ..., "type": ..., ...}]}

Nodes and edges are written in insertion order, so saving the same graph twice gives the
same bytes. Loading checks every node and edge against the model and raises one
``LoadError`` naming the file, the JSON pointer (``/nodes/3``) and the field of each
problem, as a roster load does; node-link JSON (``graph.export.read_node_link``) is
checked the same way (``store_from_records``). Writes go to a temporary file that is
renamed into place, so a crash never leaves half a snapshot behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from govgraph.errors import LoadError, Problem
from govgraph.graph.model import Edge, node_from_attrs
from govgraph.graph.store import NetworkXStore, closest

__all__ = ["SCHEMA_VERSION", "load_snapshot", "save_snapshot", "snapshot_dict", "store_from_dict", "store_from_records"]

SCHEMA_VERSION = 1
_FORMAT = "govgraph-snapshot"


def snapshot_dict(store: NetworkXStore) -> dict[str, Any]:
    return {
        "format": _FORMAT,
        "schema_version": SCHEMA_VERSION,
        "meta": dict(store.meta),
        "nodes": [dict(attrs) for attrs in store.nodes()],
        "edges": [{"from_id": edge.from_id, "to_id": edge.to_id, **edge.attrs} for edge in store.edges()],
    }


def store_from_dict(data: Any, *, origin: str = "snapshot") -> NetworkXStore:
    """The store a snapshot document describes, checked as ``store_from_records`` checks."""
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        found = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise LoadError([Problem(origin, None, "format", f"not a govgraph snapshot (format {found!r})")])
    if data.get("schema_version") != SCHEMA_VERSION:
        message = f"schema version {data.get('schema_version')!r}, expected {SCHEMA_VERSION}"
        raise LoadError([Problem(origin, None, "schema_version", message)])
    return store_from_records(data, origin=origin)


def store_from_records(
    data: Mapping[str, Any], *, origin: str, meta: str = "meta", edges: str = "edges", ignore: Collection[str] = ()
) -> NetworkXStore:
    """A store from a document's ``nodes`` (stored node attributes) and ``edges`` (stored
    edge attributes with ``from_id`` and ``to_id``), each checked against the model first,
    as a roster row is: a node or an edge the model refuses, a repeated node id, an edge to
    an id no node has. ``meta`` and ``edges`` name the document's metadata and edge keys;
    edge keys in ``ignore`` are dropped (a key recomputed on adding).

    Raises
    ------
    LoadError
        listing every problem by ``origin`` (the file), JSON pointer (``/edges/7``) and
        field; no store is built.
    """
    problems: list[Problem] = []
    nodes, links = (_array(data, name, origin, problems) for name in ("nodes", edges))
    ids: set[str] = set()
    for index, attrs in enumerate(nodes):
        where = f"/nodes/{index}"
        if _valid(node_from_attrs, attrs, origin, where, problems):
            if attrs["id"] in ids:
                problems.append(Problem(origin, where, "id", f"duplicate id {attrs['id']!r}"))
            ids.add(attrs["id"])
    for index, attrs in enumerate(links):
        where = f"/{edges}/{index}"
        edge = {key: value for key, value in attrs.items() if key not in ignore} if isinstance(attrs, dict) else attrs
        if _valid(Edge.model_validate, edge, origin, where, problems):
            for end in ("from_id", "to_id"):
                if edge[end] not in ids:
                    hint = closest(edge[end], sorted(ids), 1)
                    suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
                    problems.append(Problem(origin, where, end, f"unknown id {edge[end]!r}{suggestion}"))
    if problems:
        raise LoadError(problems)
    store = NetworkXStore(meta=dict(data.get(meta) or {}))
    # The attributes are stored as the document gives them (the model only checked them),
    # so that saving the store again gives the same document.
    for attrs in nodes:
        store.add_node_attrs(dict(attrs))
    for attrs in links:
        edge = {key: value for key, value in attrs.items() if key not in ignore}
        store.add_edge_attrs(edge.pop("from_id"), edge.pop("to_id"), edge)
    return store


def _array(data: Mapping[str, Any], name: str, origin: str, problems: list[Problem]) -> list[Any]:
    value = data.get(name)
    if isinstance(value, list):
        return value
    problems.append(Problem(origin, None, name, f"expected a list of {name}, found {type(value).__name__}"))
    return []


def _valid(check: Callable[[Any], object], attrs: Any, origin: str, where: str, problems: list[Problem]) -> bool:
    """Whether the model accepts ``attrs``; if not, a problem for each field it refuses."""
    if not isinstance(attrs, dict):
        problems.append(Problem(origin, where, None, f"expected an object, found {type(attrs).__name__}"))
        return False
    try:
        check(attrs)
    except ValidationError as exc:
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"] if not isinstance(part, int)) or None
            problems.append(Problem(origin, where, field, str(error["msg"]).removeprefix("Value error, ")))
        return False
    return True


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
