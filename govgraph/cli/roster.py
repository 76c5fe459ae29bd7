"""``govgraph validate``: checking rosters against the built-in dataset."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from govgraph.cli._common import EXIT_BAD_INPUT, reports_errors
from govgraph.cli.progress import terminal_progress
from govgraph.errors import LoadError
from govgraph.graph.model import EdgeType, NodeKind
from govgraph.loaders import load_reference, load_rosters


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
        with terminal_progress() as progress:
            load_rosters(store, paths, progress=progress)
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
