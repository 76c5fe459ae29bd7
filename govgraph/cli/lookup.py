"""``govgraph stats``, ``show`` and ``search``: looking things up."""

from __future__ import annotations

import click
from rich.table import Table

from govgraph.cli import tables
from govgraph.cli._common import (
    as_of_option,
    console,
    data_option,
    emit_csv,
    emit_json,
    format_option,
    load_governance,
    reports_errors,
)
from govgraph.graph.model import NodeKind
from govgraph.queries.lookup import NodeDetail, SearchHit, Stats


@click.command()
@as_of_option
@data_option
@format_option
@reports_errors
def stats(as_of: str | None, data: tuple[str, ...], fmt: str) -> None:
    """Count what exists on a day (today by default), by kind and edge type."""
    result = load_governance(data).stats(as_of=as_of)
    if fmt == "json":
        return emit_json(result)
    if fmt == "csv":
        return emit_csv(tables.rows(result))
    _print_stats(result)


def _print_stats(result: Stats) -> None:
    out = console()
    table = Table(title=f"govgraph as of {result.as_of}", title_justify="left")
    table.add_column("kind")
    table.add_column("count", justify="right")
    for kind, count in result.nodes.items():
        table.add_row(kind, str(count))
    out.print(table)
    out.print(
        f"Data covers {result.earliest} to {result.latest}. Sources: {', '.join(result.sources)}", highlight=False
    )


@click.command()
@click.argument("id")
@as_of_option
@data_option
@format_option
@reports_errors
def show(id: str, as_of: str | None, data: tuple[str, ...], fmt: str) -> None:
    """Show one node (e.g. crg:CFS) with its relations and citations.

    Without --as-of, relations over the node's whole history are shown.
    """
    result = load_governance(data).show(id, as_of=as_of)
    if fmt == "json":
        return emit_json(result)
    if fmt == "csv":
        return emit_csv(tables.rows(result))
    _print_detail(result)


def _print_detail(result: NodeDetail) -> None:
    out = console()
    node = result.node
    out.print(f"[bold]{node.name}[/bold]  ({node.kind}, {node.id})", highlight=False, markup=True)
    fields = node.model_dump(exclude={"id", "name", "kind", "source"}, exclude_none=True)
    for key, value in fields.items():
        out.print(f"  {key}: {value}", highlight=False, markup=False)
    out.print(f"  source: {node.source}", highlight=False, markup=False)
    if not result.active:
        out.print(f"  not in existence on {result.as_of}", highlight=False)
    table = Table(title="relations", title_justify="left")
    for column in ("type", "dir", "id", "name", "from", "to", "source"):
        table.add_column(column, overflow="fold")
    for r in result.relations:
        table.add_row(r.type, r.direction, r.id, r.name, str(r.valid_from or ""), str(r.valid_to or ""), r.source)
    out.print(table)


@click.command()
@click.argument("text")
@click.option("--kind", type=click.Choice([k.value for k in NodeKind]), default=None, help="Only nodes of this kind.")
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@as_of_option
@data_option
@format_option
@reports_errors
def search(text: str, kind: str | None, limit: int, as_of: str | None, data: tuple[str, ...], fmt: str) -> None:
    """Find nodes whose name or id contains TEXT."""
    hits = load_governance(data).search(text, kind=NodeKind(kind) if kind else None, as_of=as_of, limit=limit)
    if fmt == "json":
        return emit_json(hits)
    if fmt == "csv":
        return emit_csv([hit.model_dump() for hit in hits])
    _print_hits(hits)


def _print_hits(hits: list[SearchHit]) -> None:
    table = Table()
    for column in ("id", "kind", "name", "from", "to"):
        table.add_column(column)
    for hit in hits:
        table.add_row(hit.id, hit.kind, hit.name, str(hit.valid_from or ""), str(hit.valid_to or ""))
    console().print(table)
    if not hits:
        click.echo("no matches", err=True)
