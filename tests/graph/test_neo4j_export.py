"""The exports a Neo4j user runs, run against a real Neo4j 5.26: the Cypher script
(``export --format cypher``, as ``cypher-shell -f`` would send it) and the CSV files with
the ``neo4j-admin database import full`` command that ``export --format neo4j-csv``
prints, then ``after-import.cypher``. Each must give back the graph exported.

neo4j-admin ships in the same Maven artifacts as the server (``org.neo4j.cli.AdminTool``,
with the import command from ``neo4j-import-tool``), so the printed command runs as is,
with that class in place of the ``neo4j-admin`` script.
"""

from __future__ import annotations

import io
import os
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest

import govgraph
from govgraph.graph.export import AFTER_IMPORT, admin_import_command, write_cypher, write_neo4j_csv
from govgraph.graph.model import edge_key
from govgraph.graph.neo4j_store import Neo4jStore
from govgraph.graph.store import NetworkXStore
from tests import _neo4j
from tests._neo4j import Connection


@pytest.fixture(scope="module")
def graph() -> NetworkXStore:
    """The built-in dataset with the example roster."""
    return govgraph.load().store


def same_graph(back: NetworkXStore, graph: NetworkXStore) -> None:
    def nodes(store: NetworkXStore) -> list[dict[str, Any]]:
        return sorted((dict(n) for n in store.nodes()), key=lambda n: n["id"])

    def edges(store: NetworkXStore) -> list[tuple[str, str, str, dict[str, Any]]]:
        return sorted(
            (e.from_id, e.to_id, edge_key(e.type, e.attrs.get("valid_from")), dict(e.attrs)) for e in store.edges()
        )

    assert nodes(back) == nodes(graph)
    assert edges(back) == edges(graph)
    assert back.meta == graph.meta


def run_script(driver: neo4j.Driver, script: str, database: str | None) -> None:
    """Each statement of a script, in order, as cypher-shell -f sends them. Every
    statement ends a line with ';' and no value can hold a raw line break (the export
    escapes them), so the statements split on ';' at line ends."""
    statements = [text.strip() for text in script.split(";\n") if text.strip()]
    statements = [text for text in statements if not all(line.startswith("//") for line in text.splitlines())]
    for text in statements:
        body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
        driver.execute_query(body, database_=database)  # type: ignore[arg-type]


def connect(server: Connection, database: str | None = None) -> Neo4jStore:
    return Neo4jStore.connect(server.uri, server.user, server.password, database=database or server.database)


@pytest.fixture
def empty_database(neo4j_server: Connection) -> Iterator[Connection]:
    with connect(neo4j_server) as store:
        assert store.count() == 0, "the Neo4j database already holds govgraph nodes"
    try:
        yield neo4j_server
    finally:
        with connect(neo4j_server) as store:
            store.clear(schema=True)


def test_the_cypher_script_builds_the_graph(graph: NetworkXStore, empty_database: Connection) -> None:
    # Running it twice changes nothing since its statements are those of `govgraph load`,
    # whose idempotence test_neo4j_integration.py checks; once is enough here.
    out = io.StringIO()
    write_cypher(graph, out)
    server = empty_database
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        run_script(driver, out.getvalue(), server.database)
    with connect(server) as store:
        same_graph(store.to_networkx(), graph)


def test_the_printed_neo4j_admin_import_builds_the_named_database(graph: NetworkXStore, tmp_path: Path) -> None:
    files = write_neo4j_csv(graph, tmp_path / "import")
    # Not the default name: a name read as one more --relationships file would fail here.
    command = admin_import_command(files, database="govgraph")
    words = shlex.split(command.replace("\\\n", " "))
    assert words[0] == "neo4j-admin"
    home = tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("")
    try:
        java, classpath = _neo4j.java(), _neo4j.build()
    except _neo4j.Neo4jUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    done = subprocess.run(
        [java, *_neo4j.JVM_FLAGS, "-cp", classpath, "org.neo4j.cli.AdminTool", *words[1:]],
        env=os.environ | {"NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")},
        cwd=tmp_path,  # where the import writes its import.report
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (home / "data" / "databases" / "govgraph").is_dir()

    # The import builds the database offline; a server on that folder then serves it.
    try:
        server = _neo4j.start(tmp_path / "imported.log", home=home, database="govgraph")
    except _neo4j.Neo4jUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        imported = server.connection
        with neo4j.GraphDatabase.driver(imported.uri, auth=(imported.user, imported.password)) as driver:
            run_script(driver, (tmp_path / "import" / AFTER_IMPORT).read_text(encoding="utf-8"), "govgraph")
            # after-import.cypher made the constraints: ids are unique as after `govgraph load`.
            shown = driver.execute_query("SHOW CONSTRAINTS YIELD name", database_="govgraph").records
            assert {record["name"] for record in shown} >= {"govgraph_id", "govgraphmeta_id"}
        with connect(imported, "govgraph") as store:
            same_graph(store.to_networkx(), graph)
    finally:
        server.stop()
