"""``govgraph load``: the graph into a Neo4j database."""

from __future__ import annotations

import os
import sys

import click

from govgraph.cli._common import EXIT_BAD_INPUT, data_option, load_governance, reports_errors
from govgraph.graph import cypher
from govgraph.graph.neo4j_store import Neo4jStore
from govgraph.graph.store import NetworkXStore

__all__ = ["load"]


@click.command()
@click.option(
    "--neo4j", "uri", required=True, metavar="URI", help="The server, e.g. bolt://localhost:7687 or neo4j+s://host."
)
@click.option("--user", required=True, help="The Neo4j user name.")
@click.option("--password-env", required=True, metavar="VAR",
              help="The environment variable holding the password (never given on the command line, "
                   "where other users and the shell history would see it).")  # fmt: skip
@click.option("--database", default=None, help="The database to load into; the server's default if not given.")
@click.option("--batch-size", default=cypher.DEFAULT_BATCH_SIZE, show_default=True, type=click.IntRange(min=1),
              help="Nodes or edges written per transaction.")  # fmt: skip
@click.option("--replace", is_flag=True,
              help="Delete the govgraph nodes already in the database first, so that it holds exactly "
                   "this graph. Without it, loading adds and updates, and never deletes.")  # fmt: skip
@data_option
@reports_errors
def load(
    uri: str, user: str, password_env: str, database: str | None, batch_size: int, replace: bool, data: tuple[str, ...]
) -> None:
    """Load the graph (the built-in dataset with the example roster, or --data rosters)
    into Neo4j. Loading the same data again changes nothing."""
    password = os.environ.get(password_env)
    if password is None:
        click.echo(f"error: the environment variable {password_env} (--password-env) is not set", err=True)
        sys.exit(EXIT_BAD_INPUT)
    graph = load_governance(data).store
    assert isinstance(graph, NetworkXStore)  # govgraph.load builds the embedded store
    with Neo4jStore.connect(uri, user, password, database=database) as store:
        if replace:
            store.clear()
        loaded = store.import_store(graph, batch_size=batch_size)
    click.echo(f"loaded {loaded.nodes:,} nodes and {loaded.edges:,} edges into {uri}")
