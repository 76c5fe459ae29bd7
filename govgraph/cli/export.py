"""``govgraph export``: the graph written out in formats other tools read.

``popolo`` writes the roster-level content (people, memberships, and the bodies and seats
they need); the other formats write the whole graph, structure and rosters. Every format
leaves contact fields (a person's email) out unless ``--include-contact`` is given, and
with ``--as-of`` writes the graph of that one day. docs/neo4j.md shows how to load each
graph format into Neo4j.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from govgraph.cli._common import data_option, load_governance, reports_errors

if TYPE_CHECKING:
    from govgraph.graph.store import NetworkXStore

__all__ = ["export"]

FORMATS = ("popolo", "node-link", "graphml", "cypher", "neo4j-csv")


@click.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False), default="popolo",
              show_default=True,
              help="popolo: Popolo JSON of the rosters and what they refer to; node-link: node-link JSON "
                   "(networkx, d3); graphml: GraphML (Gephi, yEd); cypher: a script for cypher-shell; "
                   "neo4j-csv: a folder of CSV files for neo4j-admin import.")  # fmt: skip
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), metavar="PATH",
              help="The file to write (- for standard output), or for neo4j-csv the folder.")  # fmt: skip
@click.option("--as-of", metavar="YYYY-MM-DD", default=None,
              help="Write only what exists on this day (each thing keeps its own dates).  "
                   "[default: the whole history]")  # fmt: skip
@click.option("--include-contact", is_flag=True, help="Include contact fields (people's emails); left out by default.")
@data_option
@reports_errors
def export(fmt: str, output: Path, as_of: str | None, include_contact: bool, data: tuple[str, ...]) -> None:
    """Write the graph (the built-in dataset with the example roster, or --data rosters)
    in a format other tools read."""
    # Imported here, as every command's own machinery is, so that `govgraph --help` starts fast.
    from govgraph.graph.export import admin_import_command, export_view, write_neo4j_csv

    fmt = fmt.lower()
    graph = export_view(load_governance(data).store, as_of=as_of, include_contact=include_contact)
    if fmt == "neo4j-csv":
        if str(output) == "-":
            raise click.BadParameter("neo4j-csv writes a folder of files, not standard output", param_hint="--output")
        files = write_neo4j_csv(graph, output)
        click.echo(f"wrote {len(files)} CSV files to {output}; import them with:\n\n{admin_import_command(files)}\n")
        click.echo(f"then, with the database started: cypher-shell -f {output / 'after-import.cypher'}")
        return
    if str(output) == "-":
        _write(fmt, graph, sys.stdout, include_contact)
        return
    with output.open("w", encoding="utf-8") as out:
        _write(fmt, graph, out, include_contact)


def _write(fmt: str, graph: NetworkXStore, out: TextIO, include_contact: bool) -> None:
    from govgraph.graph.export import write_cypher, write_graphml, write_node_link
    from govgraph.loaders.popolo import popolo_document

    if fmt == "popolo":
        out.write(json.dumps(popolo_document(graph, include_contact=include_contact), indent=2, ensure_ascii=False))
        out.write("\n")
    elif fmt == "node-link":
        write_node_link(graph, out, include_contact=include_contact)
    elif fmt == "graphml":
        write_graphml(graph, out, include_contact=include_contact)
    else:
        write_cypher(graph, out)
