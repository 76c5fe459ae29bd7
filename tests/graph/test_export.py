"""Exports of the built-in dataset: node-link JSON, GraphML, the Cypher script and
neo4j-admin CSV files."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree

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
    CONTACT_FIELDS,
    admin_import_command,
    cypher_literal,
    export_view,
    node_link_data,
    read_node_link,
    write_cypher,
    write_graphml,
    write_neo4j_csv,
    write_node_link,
)
from govgraph.graph.model import Body, Edge, EdgeType, NodeKind, Person, Post, Role
from govgraph.graph.store import NetworkXStore
from govgraph.graph.timeline import active
from govgraph.queries import stats
from tests._schemas import graphml_errors

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


# -- what every export leaves out ---------------------------------------------------------
def test_export_view_leaves_contact_fields_out_unless_asked(with_roster: NetworkXStore) -> None:
    # The example roster gives people emails (govgraph/data/example/people.csv).
    assert any("email" in attrs for attrs in with_roster.nodes(NodeKind.PERSON))
    assert not any("email" in attrs for attrs in export_view(with_roster).nodes())
    assert (
        export_view(with_roster, include_contact=True).node("person:ada-example")["email"] == "ada.example@example.org"
    )
    assert {"email"} == CONTACT_FIELDS


def test_export_view_on_a_day_keeps_what_counts_that_day(with_roster: NetworkXStore) -> None:
    day = export_view(with_roster, as_of="2013-06-01")
    assert day.meta["as_of"] == "2013-06-01"
    # Seed 001 paras 13-17: 73 CRGs in 2013 (the README's table); ICBs only from July 2022.
    assert day.count(NodeKind.CRG) == 73 and day.count(NodeKind.ICB) == 0
    assert all(active(attrs, "2013-06-01") for attrs in day.nodes())
    assert all(active(e.attrs, "2013-06-01") for e in day.edges())
    assert 0 < day.number_of_edges() < with_roster.number_of_edges()


# -- node-link JSON -----------------------------------------------------------------------
def test_node_link_reads_back_into_an_equal_graph(with_roster: NetworkXStore) -> None:
    out = io.StringIO()
    write_node_link(with_roster, out, include_contact=True)
    data = json.loads(out.getvalue())
    store = read_node_link(data)
    assert nx.utils.graphs_equal(store.graph, with_roster.graph)
    assert list(store.graph.edges(keys=True, data=True)) == list(with_roster.graph.edges(keys=True, data=True))
    assert store.meta == with_roster.meta
    assert stats(store, as_of="2016-01-01") == stats(with_roster, as_of="2016-01-01")


def test_networkx_reads_node_link_with_its_defaults(with_roster: NetworkXStore) -> None:
    graph = nx.node_link_graph(node_link_data(with_roster))
    assert graph.is_directed() and graph.is_multigraph()
    assert set(graph.edges(keys=True)) == set(with_roster.graph.edges(keys=True))
    assert graph.number_of_nodes() == with_roster.count()
    # networkx takes a node's id for its name; the citation is `citation`, emails are out.
    cfs = graph.nodes["crg:CFS"]
    assert cfs["name"] == "Cystic Fibrosis" and cfs["citation"] == with_roster.node("crg:CFS")["source"]
    assert not any("email" in attrs for _, attrs in graph.nodes(data=True))


def test_node_link_is_the_shape_d3_takes(with_roster: NetworkXStore) -> None:
    data = node_link_data(with_roster)
    ids = {node["id"] for node in data["nodes"]}
    assert data["links"] == data["edges"] and len(data["links"]) == with_roster.number_of_edges()
    for link in data["links"]:
        assert link["source"] in ids and link["target"] in ids  # the ends, by node id
        assert ".txt" in link["citation"] or ".csv" in link["citation"]  # the citation, apart from the ends
    # govgraph/data/example/memberships.csv row 174: Gareth Pretendfield chairs the CFS CRG from 2013-04-01.
    [holds] = [
        link for link in data["links"]
        if (link["source"], link["target"]) == ("person:gareth-pretendfield", "post:crg:CFS/chair")
    ]  # fmt: skip
    assert holds["type"] == "HOLDS" and holds["valid_from"] == "2013-04-01"


# -- GraphML ------------------------------------------------------------------------------
def graphml_text(store: NetworkXStore, **options: bool) -> str:
    out = io.StringIO()
    write_graphml(store, out, **options)
    return out.getvalue()


def test_graphml_is_valid_against_the_graphml_xsd(with_roster: NetworkXStore) -> None:
    text = graphml_text(with_roster)
    assert graphml_errors(text.encode("utf-8")) == []


def test_graphml_of_hostile_text_is_valid() -> None:
    assert graphml_errors(graphml_text(hostile_store()).encode("utf-8")) == []


def test_graphml_ids_are_unique_and_every_node_and_edge_has_a_label(with_roster: NetworkXStore) -> None:
    root = ElementTree.fromstring(graphml_text(with_roster))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    label_keys = {key.get("for"): key.get("id") for key in root.findall("g:key", ns) if key.get("attr.name") == "label"}
    for tag in ("node", "edge"):
        elements = root.findall(f".//g:{tag}", ns)
        ids = [element.get("id") for element in elements]
        assert len(ids) == len(set(ids)) == (with_roster.count() if tag == "node" else with_roster.number_of_edges())
        assert all(
            any(data.get("key") == label_keys[tag] and data.text for data in element.findall("g:data", ns))
            for element in elements
        )


def test_graphml_is_read_by_networkx_with_typed_attributes(with_roster: NetworkXStore, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    path.write_text(graphml_text(with_roster), encoding="utf-8")
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() == with_roster.count()
    assert graph.number_of_edges() == with_roster.number_of_edges()
    by_id = {attrs["govgraph_id"]: attrs for _, attrs in graph.nodes(data=True)}
    # Seed 003 para 71: Wessex was one of the ten area teams that contracted specialised services.
    wessex = by_id["area-team:wessex"]
    assert wessex["label"] == wessex["name"] == with_roster.node("area-team:wessex")["name"]
    assert wessex["specialised_contracting"] is True
    assert by_id["post:crg:CFS/chair"]["single_holder"] is True  # the default, written out and typed
    assert by_id["crg:CFS"]["new_in_2013"] is False and by_id["crg:CFS"]["valid_from"] == "2013-04-01"
    assert not any("email" in attrs for attrs in by_id.values())
    edges = [attrs for *_, attrs in graph.edges(data=True)]
    assert {type(attrs["acting"]) for attrs in edges} == {bool}
    assert (
        {attrs["label"] for attrs in edges}
        == {attrs["edge_type"] for attrs in edges}
        == {e.attrs["type"] for e in with_roster.edges()}
    )
    assert json.loads(graph.graph["sources"]) == with_roster.meta["sources"]  # a list, as JSON text


def test_graphml_keeps_hostile_text(tmp_path: Path) -> None:
    path = tmp_path / "hostile.graphml"
    path.write_text(graphml_text(hostile_store(), include_contact=True), encoding="utf-8")
    graph = nx.read_graphml(path)
    names = {attrs["govgraph_id"]: attrs["name"] for _, attrs in graph.nodes(data=True)}
    assert names["org:obrien"] == HOSTILE_NAME
    assert [attrs["acting"] for *_, attrs in graph.edges(data=True) if attrs["edge_type"] == "HOLDS"] == [True]
    assert [a["email"] for _, a in graph.nodes(data=True) if "email" in a] == ["x@example.org"]


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
        "id:ID", "kind:LABEL", "name", "valid_from", "valid_to", "source", "attested_to", "basis", "code", "model",
        "model_from", "new_in_2013:boolean",
    ]  # fmt: skip
    assert read_csv(tmp_path / "nodes_Post.csv")[0][6:] == ["attested_to", "basis", "role", "single_holder:boolean"]
    assert read_csv(tmp_path / "relationships_PART_OF.csv")[0] == [
        ":START_ID", ":END_ID", ":TYPE", "key", "valid_from", "valid_to", "attested_to", "basis", "source",
        "acting:boolean", "appointed",
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
        "valid_from": "", "valid_to": "", "attested_to": "", "basis": "", "source": "", "acting:boolean": "true",
        "appointed": "",
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
    assert json.loads(result.stdout)["links"][0]["source"]
    result = CliRunner().invoke(main, ["export", "--format", "neo4j-csv", "-o", "-"])
    assert result.exit_code == 2 and "a folder of files, not standard output" in result.stderr


def test_export_on_a_day_with_and_without_contact_fields(tmp_path: Path) -> None:
    runner = CliRunner()
    for options, name in [([], "plain.json"), (["--include-contact"], "contact.json")]:
        args = ["export", "--format", "node-link", "--as-of", "2013-06-01", "-o", str(tmp_path / name), *options]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.stderr
    plain = nx.node_link_graph(json.loads((tmp_path / "plain.json").read_text(encoding="utf-8")))
    contact = nx.node_link_graph(json.loads((tmp_path / "contact.json").read_text(encoding="utf-8")))
    assert plain.graph["as_of"] == "2013-06-01"
    assert all(active(attrs, "2013-06-01") for _, attrs in plain.nodes(data=True))
    assert not any("email" in attrs for _, attrs in plain.nodes(data=True))
    # govgraph/data/example/people.csv row 2; her memberships start 2013-04-01.
    assert contact.nodes["person:ada-example"]["email"] == "ada.example@example.org"
    result = runner.invoke(main, ["export", "--format", "graphml", "--as-of", "2013-02-30", "-o", "-"])
    assert result.exit_code == 2 and "invalid date '2013-02-30'" in result.stderr


@pytest.mark.parametrize("fmt", ["graphml", "cypher"])
def test_export_leaves_emails_out_of_every_format_by_default(fmt: str) -> None:
    result = CliRunner().invoke(main, ["export", "--format", fmt, "-o", "-"])
    assert result.exit_code == 0 and "@example.org" not in result.stdout
    result = CliRunner().invoke(main, ["export", "--format", fmt, "--include-contact", "-o", "-"])
    assert "ada.example@example.org" in result.stdout
