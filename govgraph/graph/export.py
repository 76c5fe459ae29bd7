"""Exports of a networkx store for other tools: node-link JSON, GraphML, a Cypher script and
``neo4j-admin`` CSV files.

node-link JSON
    ``networkx.node_link_data`` with ``NODE_LINK_KEYS``: nodes under ``nodes``, edges under
    ``edges``, an edge's ends as ``from_id``/``to_id`` (networkx's default ``source`` would
    overwrite our ``source`` citation) and its key as ``key``. ``read_node_link`` reads it
    back into an equal store; ``networkx.node_link_graph`` with the same keys reads the
    same graph, less each node's ``id`` attribute, which it takes for the node's name.
GraphML
    For Gephi and yEd. GraphML values are scalars, so a list or a mapping (the graph's
    ``sources``) is written as its JSON text.
Cypher script
    One file of statements for ``cypher-shell -f``. A script cannot carry parameters, so
    it is the one place values are written into Cypher text: every value goes through
    ``cypher_literal``, which escapes quotes, backslashes, line breaks and every character
    outside printable ASCII, so that no value can end its string early and the file is
    plain ASCII whatever the shell's encoding. The statements are those the Neo4j store
    runs (``govgraph.graph.cypher``), with each batch of rows written as a literal list:
    constraints first, then MERGE, so running the script twice changes nothing.
neo4j-admin CSV
    For ``neo4j-admin database import full`` into an empty database (the fastest way in
    for a big graph): ``nodes_<Kind>.csv`` and ``relationships_<TYPE>.csv`` in one id space
    (ids are unique across kinds), and ``after-import.cypher`` with the constraints and the
    metadata, to run once the database is started. ``docs/neo4j.md`` has the commands.

All four keep dates as ISO strings, the form every govgraph store compares.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO, get_args

import networkx as nx

from govgraph.graph import cypher
from govgraph.graph.model import CRG, AreaTeam, Body, EdgeType, NodeKind, Person, Post
from govgraph.graph.store import NetworkXStore

__all__ = [
    "AFTER_IMPORT",
    "NODE_LINK_KEYS",
    "SCRIPT_BATCH_SIZE",
    "admin_import_command",
    "cypher_literal",
    "graphml_graph",
    "node_link_data",
    "read_node_link",
    "write_cypher",
    "write_graphml",
    "write_neo4j_csv",
    "write_node_link",
]

#: The keyword arguments of ``networkx.node_link_data`` / ``node_link_graph`` for our files.
NODE_LINK_KEYS: dict[str, str] = {
    "nodes": "nodes",
    "edges": "edges",
    "source": "from_id",
    "target": "to_id",
    "key": "key",
    "name": "id",
}
#: The file of ``write_neo4j_csv`` to run with cypher-shell once the import is done.
AFTER_IMPORT = "after-import.cypher"
#: Rows per UNWIND in the Cypher script: short enough lines for any editor.
SCRIPT_BATCH_SIZE = 100


# -- node-link JSON -----------------------------------------------------------------------
def node_link_data(store: NetworkXStore) -> dict[str, Any]:
    """The graph as node-link data (see the module docstring for the key names).

    >>> from govgraph.loaders import load_reference
    >>> data = node_link_data(load_reference())
    >>> sorted(data["edges"][0])[:3], data["nodes"][0]["id"]
    (['from_id', 'key', 'source'], 'region:north')
    """
    return nx.node_link_data(store.graph, **NODE_LINK_KEYS)


def write_node_link(store: NetworkXStore, out: TextIO) -> None:
    json.dump(node_link_data(store), out, ensure_ascii=False, indent=1)
    out.write("\n")


def read_node_link(data: Mapping[str, Any]) -> NetworkXStore:
    """A store from node-link data written by ``node_link_data``.

    ``networkx.node_link_graph`` reads the same data, but takes each node's ``id`` for
    its name and leaves it out of the attributes; this keeps it, as the store does.
    """
    store = NetworkXStore(meta=dict(data.get("graph") or {}))
    for node in data[NODE_LINK_KEYS["nodes"]]:
        store.add_node_attrs(dict(node))
    source, target, key = NODE_LINK_KEYS["source"], NODE_LINK_KEYS["target"], NODE_LINK_KEYS["key"]
    for edge in data[NODE_LINK_KEYS["edges"]]:
        # The key is recomputed from the type and first day, as for every edge added.
        attrs = {k: v for k, v in edge.items() if k not in (source, target, key)}
        store.add_edge_attrs(edge[source], edge[target], attrs)
    return store


# -- GraphML ------------------------------------------------------------------------------
def graphml_graph(store: NetworkXStore) -> nx.MultiDiGraph:
    """A copy of the graph whose every attribute GraphML can hold: lists and mappings as
    JSON text."""
    graph = nx.MultiDiGraph(**_scalars(store.meta))
    graph.add_nodes_from((id, _scalars(attrs)) for id, attrs in store.graph.nodes(data=True))
    graph.add_edges_from((u, v, key, _scalars(attrs)) for u, v, key, attrs in store.graph.edges(keys=True, data=True))
    return graph


def write_graphml(store: NetworkXStore, out: TextIO) -> None:
    """GraphML, UTF-8, each edge's ``id`` its key."""
    for line in nx.generate_graphml(graphml_graph(store)):
        out.write(line + "\n")


def _scalars(attrs: Mapping[str, Any]) -> dict[str, Any]:
    return {
        name: value if isinstance(value, str | bool | int | float) else json.dumps(value, ensure_ascii=False)
        for name, value in attrs.items()
        if value is not None
    }


# -- Cypher script ------------------------------------------------------------------------
def cypher_literal(value: Any) -> str:
    """``value`` as a Cypher literal: null, a boolean, a number, a string, a list or a map.

    Strings are single-quoted; a quote, a backslash and the usual control characters get
    a backslash escape, and anything else outside printable ASCII a ``\\uXXXX`` escape
    (two, a surrogate pair, above U+FFFF, as Java strings hold them).

    >>> print(cypher_literal("O'Brien \\\\ co\\nlondon"))
    'O\\'Brien \\\\ co\\nlondon'
    >>> print(cypher_literal("Gwasanaethau Cymru – café 🙂"))
    'Gwasanaethau Cymru \\u2013 caf\\u00e9 \\ud83d\\ude42'
    >>> print(cypher_literal({"id": "crg:CFS", "acting": True, "odd key": [1, None]}))
    {id: 'crg:CFS', acting: true, `odd key`: [1, null]}
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} has no Cypher literal")
        return repr(value)
    if isinstance(value, str):
        return "'" + "".join(_escaped(char) for char in value) + "'"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_key(str(k))}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


_ESCAPES = {"'": "\\'", '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _escaped(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    if 0x20 <= code < 0x7F:
        return char
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def _key(name: str) -> str:
    if name.isascii() and name.isidentifier():
        return name
    return "`" + name.replace("`", "``") + "`"


def write_cypher(store: NetworkXStore, out: TextIO, *, batch_size: int = SCRIPT_BATCH_SIZE) -> None:
    """A script for ``cypher-shell -f``: constraints, nodes, edges and metadata, all MERGE.

    >>> import io
    >>> from govgraph.loaders import load_reference
    >>> out = io.StringIO()
    >>> write_cypher(load_reference(), out)
    >>> [line[:40] for line in out.getvalue().splitlines() if line.startswith("UNWIND")][0]
    "UNWIND [{id: 'region:north', props: {id:"
    """
    out.write(
        f"// govgraph: {store.count():,} nodes and {store.number_of_edges():,} edges.\n"
        "// Run with cypher-shell -f; every statement is a MERGE, so running it twice changes nothing.\n"
    )
    for text in cypher.constraint_statements():
        out.write(text + ";\n")
    for kind, batch in cypher.node_batches(store, batch_size):
        out.write(f"UNWIND {cypher_literal(batch)} AS row {cypher.node_merge_body(kind)};\n")
    for type, batch in cypher.edge_batches(store, batch_size):
        out.write(f"UNWIND {cypher_literal(batch)} AS row {cypher.edge_merge_body(type)};\n")
    out.write(_meta_statement(store))


def _meta_statement(store: NetworkXStore) -> str:
    return f"WITH {cypher_literal(json.dumps(store.meta, ensure_ascii=False))} AS json {cypher.meta_merge_body()};\n"


# -- neo4j-admin CSV ----------------------------------------------------------------------
# The header of every node file starts with these; the kind's own fields follow.
_NODE_COLUMNS = ["id:ID", "kind:LABEL", "name", "valid_from", "valid_to", "source"]
_EDGE_COLUMNS = [":START_ID", ":END_ID", ":TYPE", "key", "valid_from", "valid_to", "source", "acting:boolean"]
_MODELS = (Body, AreaTeam, CRG, Post, Person)


def _node_columns(kind: NodeKind) -> list[str]:
    """The header of ``nodes_<kind>.csv``: the common columns, then the kind's own fields
    in the model's order, booleans typed so that Neo4j stores true and false."""
    model = next(m for m in _MODELS if kind in get_args(m.model_fields["kind"].annotation))
    common = {column.split(":")[0] for column in _NODE_COLUMNS}
    return _NODE_COLUMNS + [
        f"{name}:boolean" if field.annotation is bool else name
        for name, field in model.model_fields.items()
        if name not in common
    ]


def write_neo4j_csv(store: NetworkXStore, folder: str | Path) -> list[Path]:
    """Write ``nodes_<Kind>.csv`` for each kind and ``relationships_<TYPE>.csv`` for each
    edge type the graph has, and ``after-import.cypher``; return the CSV paths.

    Quoting follows neo4j-admin's defaults: comma-separated, a field with a comma, a quote
    or a line break in double quotes with inner quotes doubled (import with
    ``--multiline-fields=true``), and a missing value an empty unquoted field, which the
    import leaves unset. The label column holds ``Node;<Kind>``: ``;`` separates labels.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in NodeKind:
        nodes = list(store.nodes(kind))
        if nodes:
            columns = _node_columns(kind)
            rows = (_node_csv_row(attrs, columns) for attrs in nodes)
            written.append(_write_csv(folder / f"nodes_{kind.value}.csv", columns, rows))
    for type in EdgeType:
        edges = list(store.edges(type))
        if edges:
            rows = (_edge_csv_row(e.from_id, e.to_id, e.attrs) for e in edges)
            written.append(_write_csv(folder / f"relationships_{type.value}.csv", _EDGE_COLUMNS, rows))
    after = [text + ";\n" for text in cypher.constraint_statements()] + [_meta_statement(store)]
    (folder / AFTER_IMPORT).write_text("".join(after), encoding="utf-8")
    return written


def _node_csv_row(attrs: Mapping[str, Any], columns: list[str]) -> list[str]:
    names = [column.split(":")[0] for column in columns]
    unknown = set(attrs) - set(names)
    if unknown:
        raise ValueError(f"node {attrs['id']!r} has attributes its kind does not define: {sorted(unknown)}")
    row = {name: _csv_value(attrs.get(name)) for name in names}
    row["kind"] = f"{cypher.BASE_LABEL};{cypher.label(attrs['kind'])}"
    return list(row.values())


def _edge_csv_row(from_id: str, to_id: str, attrs: Mapping[str, Any]) -> list[str]:
    row = cypher.edge_row(from_id, to_id, attrs)
    props = row["props"]
    values = [props.get(name) for name in ("key", "valid_from", "valid_to", "source", "acting")]
    return [from_id, to_id, cypher.rel_type(attrs["type"]), *(_csv_value(v) for v in values)]


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _write_csv(path: Path, header: list[str], rows: Iterable[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def admin_import_command(files: Iterable[Path], database: str = "neo4j") -> str:
    """The ``neo4j-admin`` command (Neo4j 5) that imports the CSV files of ``write_neo4j_csv``
    into ``database``.

    The database name comes straight after ``full``: ``--nodes`` and ``--relationships``
    take one or more files each (since Neo4j 5.19), so a name after the last of them
    would be read as one more file.

    >>> print(admin_import_command([Path("out/nodes_CRG.csv"), Path("out/relationships_PART_OF.csv")]))
    neo4j-admin database import full neo4j --overwrite-destination=true --multiline-fields=true \\
      --nodes=out/nodes_CRG.csv \\
      --relationships=out/relationships_PART_OF.csv
    """
    lines = [f"neo4j-admin database import full {database} --overwrite-destination=true --multiline-fields=true"]
    for path in files:
        option = "--nodes" if path.name.startswith("nodes_") else "--relationships"
        lines.append(f"  {option}={path.as_posix()}")
    return " \\\n".join(lines)
