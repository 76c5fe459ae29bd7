"""Exports of the built-in dataset: node-link JSON, GraphML, the Cypher script and
neo4j-admin CSV files."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import govgraph
from govgraph.cli import main
from govgraph.graph import cypher
from govgraph.graph.export import (
    AFTER_IMPORT,
    NODE_LINK_KEYS,
    admin_import_command,
    cypher_literal,
    node_link_data,
    read_node_link,
    write_cypher,
    write_graphml,
    write_neo4j_csv,
    write_node_link,
)
from govgraph.graph.model import Body, Edge, EdgeType, NodeKind, Person, Post, Role
from govgraph.graph.store import NetworkXStore
from govgraph.queries import stats

HOSTILE_NAME = 'O\'Brien "Ltd", \\ back; slash\n}) DETACH DELETE n // – café 🙂'


@pytest.fixture(scope="module")
def with_roster() -> NetworkXStore:
    return govgraph.load().store


def hostile_store() -> NetworkXStore:
    """A small graph whose every string could break a careless writer."""
    store = NetworkXStore(meta={"sources": ['test, with "quotes"']})
    store.add_node(Body(id="org:obrien", kind=NodeKind.ORGANISATION, name=HOSTILE_NAME, source="line 1\r\nline 2"))
    store.add_node(Post(id="post:org:obrien/chair", name="Chair, 'acting'", role=Role.CHAIR, source="s"))
    store.add_node(Person(id="person:x", name=HOSTILE_NAME, email="x@example.org", source="s"))
    store.add_edge(Edge(type=EdgeType.POST_IN, from_id="post:org:obrien/chair", to_id="org:obrien", source="s"))
    store.add_edge(
        Edge(type=EdgeType.HOLDS, from_id="person:x", to_id="post:org:obrien/chair", acting=True, source=HOSTILE_NAME)
    )
    return store


# -- node-link JSON -----------------------------------------------------------------------
def test_node_link_reads_back_into_an_equal_graph(with_roster: NetworkXStore) -> None:
    out = io.StringIO()
    write_node_link(with_roster, out)
    data = json.loads(out.getvalue())
    store = read_node_link(data)
    assert nx.utils.graphs_equal(store.graph, with_roster.graph)
    assert list(store.graph.edges(keys=True, data=True)) == list(with_roster.graph.edges(keys=True, data=True))
    assert store.meta == with_roster.meta
    assert stats(store, as_of="2016-01-01") == stats(with_roster, as_of="2016-01-01")


def test_networkx_reads_node_link_with_the_same_keys(with_roster: NetworkXStore) -> None:
    graph = nx.node_link_graph(node_link_data(with_roster), directed=True, multigraph=True, **NODE_LINK_KEYS)
    assert list(graph.edges(keys=True, data=True)) == list(with_roster.graph.edges(keys=True, data=True))
    # networkx takes a node's id for its name, and so out of its attributes.
    assert all(
        attrs == {k: v for k, v in with_roster.node(id).items() if k != "id"} for id, attrs in graph.nodes(data=True)
    )


def test_node_link_keeps_the_citation_apart_from_the_edge_ends(reference: NetworkXStore) -> None:
    edge = node_link_data(reference)["edges"][0]
    assert ".txt" in edge["source"] or ".csv" in edge["source"]  # the citation, untouched
    assert reference.has_node(edge["from_id"]) and reference.has_node(edge["to_id"])
    assert edge["key"] == f"{edge['type']}@{edge.get('valid_from', '')}"


# -- GraphML ------------------------------------------------------------------------------
def test_graphml_is_read_by_networkx_with_the_same_nodes_and_edges(with_roster: NetworkXStore, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    with path.open("w", encoding="utf-8") as out:
        write_graphml(with_roster, out)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.number_of_nodes() == with_roster.count()
    assert graph.number_of_edges() == with_roster.number_of_edges()
    assert dict(graph.nodes["area-team:wessex"]) == dict(with_roster.node("area-team:wessex"))
    assert set(graph.edges(keys=True)) == set(with_roster.graph.edges(keys=True))
    assert json.loads(graph.graph["sources"]) == with_roster.meta["sources"]  # a list, as JSON text


def test_graphml_keeps_hostile_text(tmp_path: Path) -> None:
    path = tmp_path / "hostile.graphml"
    with path.open("w", encoding="utf-8") as out:
        write_graphml(hostile_store(), out)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.nodes["org:obrien"]["name"] == HOSTILE_NAME
    assert [attrs["acting"] for *_, attrs in graph.edges(data=True) if attrs["type"] == "HOLDS"] == [True]


# -- Cypher literals and script -----------------------------------------------------------
_DECODE = {"'": "'", '"': '"', "\\": "\\", "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def decode(literal: str) -> str:
    """Read a Cypher string literal back, as Neo4j does (``\\uXXXX`` are UTF-16 units)."""
    assert literal[0] == literal[-1] == "'"
    units = re.sub(
        r"\\(u[0-9a-fA-F]{4}|.)",
        lambda m: (
            chr(int(m.group(1)[1:], 16)) if m.group(1)[0] == "u" and len(m.group(1)) == 5 else _DECODE[m.group(1)]
        ),
        literal[1:-1],
    )
    return units.encode("utf-16", "surrogatepass").decode("utf-16")


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        ("plain", "'plain'"),
        ("O'Brien", "'O\\'Brien'"),
        ('say "hi"', "'say \\\"hi\\\"'"),
        ("back\\slash", "'back\\\\slash'"),
        ("two\nlines\r\n", "'two\\nlines\\r\\n'"),
        ("tab\there", "'tab\\there'"),
        ("café – ü", "'caf\\u00e9 \\u2013 \\u00fc'"),
        ("🙂", "'\\ud83d\\ude42'"),
        ("\x00\x1f\x7f\u2028", "'\\u0000\\u001f\\u007f\\u2028'"),
        ("", "''"),
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (42, "42"),
        (1.5, "1.5"),
        (["a", 1, None], "['a', 1, null]"),
        ({"id": "x", "odd key": "y", "back`tick": 1}, "{id: 'x', `odd key`: 'y', `back``tick`: 1}"),
    ],
)
def test_cypher_literal(value: object, literal: str) -> None:
    assert cypher_literal(value) == literal


@pytest.mark.parametrize("value", [float("nan"), float("inf"), object()])
def test_cypher_literal_refuses_what_cypher_cannot_hold(value: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        cypher_literal(value)


@given(st.text())
def test_every_string_round_trips_through_a_plain_ascii_literal(text: str) -> None:
    literal = cypher_literal(text)
    assert literal.isascii() and "\n" not in literal and "\r" not in literal
    assert re.fullmatch(r"'(?:[^'\\]|\\.)*'", literal)  # no quote ends the string early
    assert decode(literal) == text


def test_the_hostile_name_stays_inside_its_string() -> None:
    literal = cypher_literal(HOSTILE_NAME)
    assert decode(literal) == HOSTILE_NAME
    assert re.fullmatch(r"'(?:[^'\\]|\\.)*'", literal)


def statements(script: str) -> list[str]:
    lines = [line for line in script.splitlines() if line and not line.startswith("//")]
    assert all(line.endswith(";") for line in lines)  # one statement per line, as cypher-shell reads them
    return lines


def test_the_cypher_script_is_constraints_then_merges_of_every_node_and_edge(with_roster: NetworkXStore) -> None:
    out = io.StringIO()
    write_cypher(with_roster, out, batch_size=500)
    script = out.getvalue()
    assert script.isascii()
    lines = statements(script)
    constraints = cypher.constraint_statements()
    assert lines[: len(constraints)] == [text + ";" for text in constraints]
    node_lines = [line for line in lines if "MERGE (n:GovGraph:" in line]
    edge_lines = [line for line in lines if "MERGE (a)-[r:" in line]
    assert lines.index(node_lines[-1]) < lines.index(edge_lines[0])  # every node before any edge
    assert sum(line.count(", props: {id: '") for line in node_lines) == with_roster.count()
    assert sum(line.count("{from_id: '") for line in edge_lines) == with_roster.number_of_edges()
    assert lines[-1].startswith("WITH '{") and lines[-1].endswith("SET m.json = json;")
    assert "$" not in script  # no parameters: cypher-shell would have none to give


def test_the_cypher_script_carries_hostile_values_as_escaped_literals() -> None:
    out = io.StringIO()
    write_cypher(hostile_store(), out)
    lines = statements(out.getvalue())
    literals = [decode(lit) for line in lines for lit in re.findall(r"'(?:[^'\\]|\\.)*'", line)]
    assert literals.count(HOSTILE_NAME) == 3  # two names and one citation
    assert "DETACH DELETE" not in "".join(re.sub(r"'(?:[^'\\]|\\.)*'", "''", line) for line in lines)


# -- neo4j-admin CSV ----------------------------------------------------------------------
def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_neo4j_csv_headers(reference: NetworkXStore, tmp_path: Path) -> None:
    files = write_neo4j_csv(reference, tmp_path)
    names = {path.name for path in files}
    assert {f"nodes_{kind.value}.csv" for kind in NodeKind if reference.count(kind)} <= names
    assert read_csv(tmp_path / "nodes_CRG.csv")[0] == [
        "id:ID", "kind:LABEL", "name", "valid_from", "valid_to", "source", "code", "model", "new_in_2013:boolean",
    ]  # fmt: skip
    assert read_csv(tmp_path / "nodes_Post.csv")[0][6:] == ["role", "single_holder:boolean"]
    assert read_csv(tmp_path / "relationships_PART_OF.csv")[0] == [
        ":START_ID", ":END_ID", ":TYPE", "key", "valid_from", "valid_to", "source", "acting:boolean",
    ]  # fmt: skip
    assert (tmp_path / AFTER_IMPORT).read_text(encoding="utf-8").splitlines()[0] == cypher.constraint_statements()[
        0
    ] + ";"


def test_neo4j_csv_is_one_id_space_holding_every_node_and_edge(with_roster: NetworkXStore, tmp_path: Path) -> None:
    files = write_neo4j_csv(with_roster, tmp_path)
    ids: list[str] = []
    edges = []
    for path in files:
        header, *rows = read_csv(path)
        if path.name.startswith("nodes_"):
            kind = path.name.removeprefix("nodes_").removesuffix(".csv")
            assert {row[1] for row in rows} == {f"GovGraph;{kind}"}
            ids += [row[0] for row in rows]
        else:
            edges += [(row[0], row[1], row[3]) for row in rows]
            assert {row[2] for row in rows} == {path.name.removeprefix("relationships_").removesuffix(".csv")}
    assert len(ids) == len(set(ids)) == with_roster.count()  # unique across every file
    assert sorted(edges) == sorted(with_roster.graph.edges(keys=True))
    assert {end for edge in edges for end in edge[:2]} <= set(ids)


def test_neo4j_csv_values_and_quoting(tmp_path: Path) -> None:
    write_neo4j_csv(hostile_store(), tmp_path)
    text = (tmp_path / "nodes_Organisation.csv").read_text(encoding="utf-8")
    assert '"O\'Brien ""Ltd"", \\ back; slash\n})' in text  # quoted, inner quotes doubled, no backslash escapes
    header, row = read_csv(tmp_path / "nodes_Organisation.csv")
    values = dict(zip(header, row))
    assert values["name"] == HOSTILE_NAME and values["source"] == "line 1\r\nline 2"
    assert values["valid_from"] == values["code"] == ""  # missing: an empty, unquoted field, left unset
    assert ',"",' not in text
    header, row = read_csv(tmp_path / "relationships_HOLDS.csv")
    assert dict(zip(header, row)) | {"source": ""} == {
        ":START_ID": "person:x", ":END_ID": "post:org:obrien/chair", ":TYPE": "HOLDS", "key": "HOLDS@",
        "valid_from": "", "valid_to": "", "source": "", "acting:boolean": "true",
    }  # fmt: skip
    header, row = read_csv(tmp_path / "relationships_POST_IN.csv")
    assert dict(zip(header, row))["acting:boolean"] == ""  # not acting is the default: left unset, as in the graph


def test_admin_import_command_names_every_file(reference: NetworkXStore, tmp_path: Path) -> None:
    files = write_neo4j_csv(reference, tmp_path)
    command = admin_import_command(files, database="govgraph")
    # The name right after `full`: after the last --relationships it would be read as a file.
    assert command.startswith("neo4j-admin database import full govgraph ")
    assert "--multiline-fields=true" in command
    assert command.count("--nodes=") == len([f for f in files if f.name.startswith("nodes_")])
    assert command.count("--relationships=") == len([f for f in files if f.name.startswith("relationships_")])


# -- the export command -------------------------------------------------------------
def test_export_graph_writes_each_format(tmp_path: Path, with_roster: NetworkXStore) -> None:
    runner = CliRunner()
    for fmt, name in [("node-link", "graph.json"), ("graphml", "graph.graphml"), ("cypher", "graph.cypher")]:
        result = runner.invoke(main, ["export", "--format", fmt, "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.stderr
    assert (
        read_node_link(json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))).count() == with_roster.count()
    )
    assert nx.read_graphml(tmp_path / "graph.graphml").number_of_nodes() == with_roster.count()
    assert (tmp_path / "graph.cypher").read_text(encoding="utf-8").startswith("// govgraph: ")
    result = runner.invoke(main, ["export", "--format", "neo4j-csv", "-o", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.stderr
    assert (
        "neo4j-admin database import full" in result.stdout
        and f"--nodes={tmp_path / 'csv' / 'nodes_CRG.csv'}" in result.stdout
    )
    assert (tmp_path / "csv" / AFTER_IMPORT).exists()


def test_export_graph_to_standard_output() -> None:
    result = CliRunner().invoke(main, ["export", "--format", "node-link", "-o", "-"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["edges"][0]["from_id"]
    result = CliRunner().invoke(main, ["export", "--format", "neo4j-csv", "-o", "-"])
    assert result.exit_code == 2 and "a folder of files, not standard output" in result.stderr
