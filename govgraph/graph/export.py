"""Exports of a networkx store for other tools: node-link JSON, GraphML, a Cypher script and
``neo4j-admin`` CSV files.

What every export leaves out, and the graph it writes
    ``export_view`` makes the copy an export writes: contact fields (``CONTACT_FIELDS``, a
    person's email) are left out unless asked for, as the service leaves them out for
    callers without the key, and with ``as_of`` only the nodes and edges that count on
    that day are kept (a one-day graph; each keeps its own dates). ``node_link_data`` and
    ``graphml_graph`` leave contact fields out on their own too.
node-link JSON
    The shape ``networkx.node_link_graph(data)`` reads with its default arguments and d3's
    force layout takes: ``directed`` and ``multigraph`` true, nodes under ``nodes`` with
    their ``id``, edges with their ends as ``source`` and ``target`` and their key as
    ``key``. The edge list is written twice, under ``links`` (d3's name, and networkx's
    default before 3.6) and ``edges`` (networkx's default from 3.6). The citation of a
    node or an edge is ``citation``, since ``source`` names an edge's first end.
    ``read_node_link`` reads it back into an equal store.
GraphML
    For Gephi, yEd and ``networkx.read_graphml``; valid against the GraphML 1.0 XSD. Node
    and edge ids are ``n0``, ``n1``, ... and ``e0``, ``e1``, ... (GraphML ids are XML name
    tokens, which cannot hold the ``/`` of ``post:crg:CFS/chair``); a node's govgraph id is
    its ``govgraph_id`` attribute. Every node has a ``label`` (its name) and every edge one
    (its type, also in ``edge_type``); the citation of each is ``citation`` (Gephi's edge
    table has ``Source``, ``Target`` and ``Type`` columns of its own). Attributes are typed: flags (``acting``, ``single_holder``, ...) are
    ``boolean`` with their default written out, numbers ``int``, text ``string``. GraphML
    has no date type, so ``valid_from`` and ``valid_to`` are ISO 8601 dates as strings
    (``YYYY-MM-DD``, which sort in date order; ``valid_to`` is the first day gone, empty
    when open). The graph's list of sources is JSON text.
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
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TextIO, get_args

import networkx as nx

from govgraph.errors import LoadError, Problem
from govgraph.graph import cypher
from govgraph.graph.model import CRG, AreaTeam, Body, Edge, EdgeType, NodeKind, Person, Post, node_from_attrs
from govgraph.graph.snapshot import store_from_records
from govgraph.graph.store import GraphStore, NetworkXStore
from govgraph.graph.timeline import parse_date

__all__ = [
    "AFTER_IMPORT",
    "CONTACT_FIELDS",
    "SCRIPT_BATCH_SIZE",
    "admin_import_command",
    "cypher_literal",
    "export_view",
    "graphml_graph",
    "node_link_data",
    "read_node_link",
    "write_cypher",
    "write_graphml",
    "write_neo4j_csv",
    "write_node_link",
]

#: Node attributes that are a way to contact someone: exported only when asked for.
CONTACT_FIELDS = frozenset({"email"})
#: The file of ``write_neo4j_csv`` to run with cypher-shell once the import is done.
AFTER_IMPORT = "after-import.cypher"
#: Rows per UNWIND in the Cypher script: short enough lines for any editor.
SCRIPT_BATCH_SIZE = 100


def export_view(store: GraphStore, *, as_of: str | date | None = None, include_contact: bool = False) -> NetworkXStore:
    """The copy of ``store`` an export writes: without contact fields unless
    ``include_contact``, and with ``as_of`` only what counts on that day.

    An edge is kept when it and both its ends count on the day; the graph's metadata
    records the day as ``as_of``.

    >>> from govgraph.loaders import load_reference
    >>> day = export_view(load_reference(), as_of="2013-06-01")
    >>> day.meta["as_of"], day.count(NodeKind.ICB), day.count(NodeKind.CCG)
    ('2013-06-01', 0, 211)
    """
    day = None if as_of is None else parse_date(as_of)
    view = NetworkXStore(meta=dict(store.meta) | ({"as_of": day} if day else {}))
    for attrs in store.nodes(as_of=day):
        view.add_node_attrs(_public(attrs, include_contact))
    for edge in store.edges(as_of=day):
        if view.has_node(edge.from_id) and view.has_node(edge.to_id):
            view.add_edge_attrs(edge.from_id, edge.to_id, dict(edge.attrs))
    return view


def _public(attrs: Mapping[str, Any], include_contact: bool) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if include_contact or k not in CONTACT_FIELDS}


# -- node-link JSON -----------------------------------------------------------------------
def node_link_data(store: NetworkXStore, *, include_contact: bool = False) -> dict[str, Any]:
    """The graph as node-link data (see the module docstring for its shape).

    >>> import networkx as nx
    >>> from govgraph.loaders import load_reference
    >>> data = node_link_data(load_reference())
    >>> sorted(data["links"][0])
    ['citation', 'key', 'source', 'target', 'type', 'valid_from']
    >>> nx.node_link_graph(data).nodes["crg:CFS"]["name"]
    'Cystic Fibrosis'
    """
    nodes = [_cited(_public(attrs, include_contact)) for _, attrs in store.graph.nodes(data=True)]
    links = [
        {"source": u, "target": v, "key": key, **_cited(attrs)}
        for u, v, key, attrs in store.graph.edges(keys=True, data=True)
    ]
    return {"directed": True, "multigraph": True, "graph": dict(store.meta), "nodes": nodes, "links": links,
            "edges": links}  # fmt: skip


def _cited(attrs: Mapping[str, Any]) -> dict[str, Any]:
    return {("citation" if name == "source" else name): value for name, value in attrs.items()}


def write_node_link(store: NetworkXStore, out: TextIO, *, include_contact: bool = False) -> None:
    json.dump(node_link_data(store, include_contact=include_contact), out, ensure_ascii=False, indent=1)
    out.write("\n")


def read_node_link(data: Mapping[str, Any], *, origin: str = "node-link data") -> NetworkXStore:
    """A store from node-link data written by ``node_link_data`` (edges under ``edges`` or
    ``links``), checked as a snapshot is (``snapshot.store_from_records``): a bad document is
    one ``LoadError`` naming ``origin``, the JSON pointer and the key of every problem.

    ``networkx.node_link_graph`` reads the same data, but takes each node's ``id`` for
    its name and leaves it out of the attributes; this keeps it, as the store does, and
    gives back each ``citation`` its stored name, ``source``.
    """
    edges = "edges" if "edges" in data else "links"
    nodes, links = data.get("nodes"), data.get(edges)
    records = {
        "graph": data.get("graph"),
        # Anything not a list of objects is passed on as it is, for the checks to report.
        "nodes": [_uncited(n) if isinstance(n, Mapping) else n for n in nodes] if isinstance(nodes, list) else nodes,
        # The key is recomputed from the type and first day, as for every edge added.
        edges: [
            {"from_id": edge.get("source"), "to_id": edge.get("target"),
             **_uncited({k: v for k, v in edge.items() if k not in ("source", "target", "key")})}
            if isinstance(edge, Mapping) else edge
            for edge in links
        ] if isinstance(links, list) else links,
    }  # fmt: skip
    try:
        return store_from_records(records, origin=origin, meta="graph", edges=edges)
    except LoadError as exc:
        # Problems name the keys of this file: the ends are source and target, the citation citation.
        keys = {"from_id": "source", "to_id": "target", "source": "citation"}
        raise LoadError(
            [Problem(p.file, p.row, keys.get(p.field or "", p.field), p.message) for p in exc.problems]
        ) from None


def _uncited(attrs: Mapping[str, Any]) -> dict[str, Any]:
    return {("source" if name == "citation" else name): value for name, value in attrs.items()}


# -- GraphML ------------------------------------------------------------------------------
def graphml_graph(store: NetworkXStore, *, include_contact: bool = False) -> nx.MultiDiGraph:
    """A copy of the graph as GraphML holds it (see the module docstring): ids ``n<i>`` and
    ``e<i>``, a ``label`` on every node and edge, typed values, lists and mappings as JSON
    text.

    >>> from govgraph.loaders import load_reference
    >>> graph = graphml_graph(load_reference())
    >>> [n for n, attrs in graph.nodes(data=True) if attrs["govgraph_id"] == "crg:CFS"][0][0]
    'n'
    >>> sorted(next(iter(graph.edges(keys=True, data=True)))[3])
    ['acting', 'citation', 'edge_type', 'label', 'valid_from']
    """
    ids = {id: f"n{i}" for i, id in enumerate(store.graph.nodes)}
    graph = nx.MultiDiGraph(**_scalars(store.meta))
    for id, attrs in store.graph.nodes(data=True):
        # The record with its defaults, so that every flag is written with its type.
        record = node_from_attrs(_public(attrs, include_contact)).model_dump(mode="json", exclude_none=True)
        record["govgraph_id"] = record.pop("id")
        graph.add_node(ids[id], label=record["name"], **_scalars(_cited(record)))
    for i, (u, v, attrs) in enumerate(store.graph.edges(data=True)):
        record = Edge.model_validate({**attrs, "from_id": u, "to_id": v}).model_dump(
            mode="json", exclude_none=True, exclude={"from_id", "to_id"}
        )
        record["edge_type"] = record.pop("type")
        graph.add_edge(ids[u], ids[v], key=f"e{i}", label=record["edge_type"], **_scalars(_cited(record)))
    return graph


def write_graphml(store: NetworkXStore, out: TextIO, *, include_contact: bool = False) -> None:
    """GraphML, UTF-8 (see the module docstring)."""
    graph = graphml_graph(store, include_contact=include_contact)
    out.writelines(line + "\n" for line in nx.generate_graphml(graph))


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
_EDGE_COLUMNS = [
    ":START_ID", ":END_ID", ":TYPE", "key", "valid_from", "valid_to", "attested_to", "basis", "source", "acting:boolean",
    "appointed",
]  # fmt: skip
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
    import leaves unset. The label column holds ``GovGraph;<Kind>``: ``;`` separates labels.
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
    values = [
        props.get(name)
        for name in ("key", "valid_from", "valid_to", "attested_to", "basis", "source", "acting", "appointed")
    ]
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
