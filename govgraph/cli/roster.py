"""``govgraph validate`` and ``govgraph export``: checking rosters and writing them out."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click

from govgraph.cli._common import EXIT_BAD_INPUT, data_option, load_governance, reports_errors
from govgraph.errors import LoadError
from govgraph.graph.model import EdgeType, NodeKind
from govgraph.loaders import load_reference, load_rosters, popolo_document


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="PATH...")
@reports_errors
def validate(paths: tuple[Path, ...]) -> None:
    """Check rosters (CSV folders, .xlsx workbooks, Popolo .json files) against the
    built-in dataset without keeping them.

    Prints every problem, one per line as "file, row N, field 'x': message", and exits
    with code 2 if there is any; otherwise prints what the rosters hold.
    """
    store = load_reference()
    before = Counter(node["kind"] for node in store.nodes())
    try:
        load_rosters(store, paths)
    except LoadError as exc:
        for problem in exc.problems:
            click.echo(str(problem))
        count = len(exc.problems)
        click.echo(f"{count} problem{'s' if count != 1 else ''} found", err=True)
        sys.exit(EXIT_BAD_INPUT)
    added = Counter(node["kind"] for node in store.nodes()) - before
    bodies = sum(count for kind, count in added.items() if kind not in (NodeKind.PERSON, NodeKind.POST))
    holdings = sum(1 for _ in store.edges(EdgeType.HOLDS))
    rosters = f"{len(paths)} roster{'s' if len(paths) != 1 else ''}"
    click.echo(
        f"ok: {rosters}, {added[NodeKind.PERSON]} people, {bodies} organisations, "
        f"{added[NodeKind.POST]} posts, {holdings} memberships"
    )


@click.command()
@click.option("--format", "fmt", type=click.Choice(["popolo"]), default="popolo", show_default=True,
              help="popolo: Popolo JSON of the people, extra bodies and seats, and memberships.")  # fmt: skip
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Where to write; - for standard output.")  # fmt: skip
@data_option
@reports_errors
def export(fmt: str, output: Path, data: tuple[str, ...]) -> None:
    """Write the roster-level content of the graph (the example roster, or --data rosters)
    in a format other tools read."""
    text = json.dumps(popolo_document(load_governance(data).store), indent=2, ensure_ascii=False) + "\n"
    if str(output) == "-":
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
