"""``govgraph export``: the graph written out in formats other tools read.

``popolo`` writes the roster-level content (people, the bodies and seats rosters add,
memberships); the other formats write the whole graph, structure and rosters.
docs/neo4j.md shows how to load each graph format into Neo4j.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import click

from govgraph.cli._common import data_option, load_governance, reports_errors
from govgraph.graph.export import admin_import_command, write_cypher, write_graphml, write_neo4j_csv, write_node_link
from govgraph.graph.store import NetworkXStore
from govgraph.loaders import popolo_document

__all__ = ["export"]


def _write_popolo(graph: NetworkXStore, out: TextIO) -> None:
    out.write(json.dumps(popolo_document(graph), indent=2, ensure_ascii=False) + "\n")


_WRITERS: dict[str, Callable[[NetworkXStore, TextIO], None]] = {
    "popolo": _write_popolo,
    "node-link": write_node_link,
    "graphml": write_graphml,
    "cypher": write_cypher,
}


@click.command()
@click.option("--format", "fmt", type=click.Choice([*_WRITERS, "neo4j-csv"]), default="popolo", show_default=True,
              help="popolo: Popolo JSON of the roster content; node-link: node-link JSON (networkx, d3); "
                   "graphml: GraphML (Gephi, yEd); cypher: a script for cypher-shell; "
                   "neo4j-csv: a folder of CSV files for neo4j-admin import.")  # fmt: skip
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), metavar="PATH",
              help="The file to write (- for standard output), or for neo4j-csv the folder.")  # fmt: skip
@data_option
@reports_errors
def export(fmt: str, output: Path, data: tuple[str, ...]) -> None:
    """Write the graph (the built-in dataset with the example roster, or --data rosters)
    in a format other tools read."""
    graph = load_governance(data).store
    assert isinstance(graph, NetworkXStore)  # govgraph.load builds the embedded store
    if fmt == "neo4j-csv":
        if str(output) == "-":
            raise click.BadParameter("neo4j-csv writes a folder of files, not standard output", param_hint="--output")
        files = write_neo4j_csv(graph, output)
        click.echo(f"wrote {len(files)} CSV files to {output}; import them with:\n\n{admin_import_command(files)}\n")
        click.echo(f"then, with the database started: cypher-shell -f {output / 'after-import.cypher'}")
        return
    if str(output) == "-":
        _WRITERS[fmt](graph, sys.stdout)
        return
    with output.open("w", encoding="utf-8") as out:
        _WRITERS[fmt](graph, out)
