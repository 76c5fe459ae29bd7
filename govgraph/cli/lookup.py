"""``govgraph stats``, ``show`` and ``search``: looking things up."""

from __future__ import annotations

import click
from rich.text import Text

from govgraph.cli._common import (
    as_of_option,
    as_of_or_history_option,
    console,
    data_option,
    emit_csv,
    emit_json,
    format_option,
    kind_option,
    load_governance,
    reports_errors,
    table,
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
        return emit_csv(result)
    _print_stats(result)


def _print_stats(result: Stats) -> None:
    out = console()
    of = {n.kind: n.text for n in result.named}
    rows = [(kind, f"{count} ({of[kind]})" if kind in of else count) for kind, count in result.nodes.items()]
    out.print(table(["kind", "count"], rows, title=f"govgraph as of {result.as_of}"))
    for unknown in result.not_known:
        out.print(Text(f"Not known: {unknown.text}", style="yellow"))
    out.print(f"Data covers {result.earliest} to {result.latest}. Sources: {', '.join(result.sources)}")


@click.command()
@click.argument("id")
@as_of_or_history_option
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
        return emit_csv(result)
    _print_detail(result)


def _print_detail(result: NodeDetail) -> None:
    out = console()
    node = result.node
    out.print(Text.assemble((node.name, "bold"), f"  ({node.kind}, {node.id})"))
    fields = node.model_dump(exclude={"id", "name", "kind", "source"}, exclude_none=True)
    for key, value in fields.items():
        out.print(f"  {key}: {value}")
    out.print(f"  source: {node.source}")
    if not result.active:
        out.print(f"  not in existence on {result.as_of}")
    rows = ((r.type, r.direction, r.id, r.name, r.valid_from, r.valid_to, r.source) for r in result.relations)
    out.print(table(("type", "dir", "id", "name", "from", "to", "source"), rows, title="relations"))


@click.command()
@click.argument("text")
@kind_option("Only nodes of this kind.")
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@as_of_or_history_option
@data_option
@format_option
@reports_errors
def search(text: str, kind: str | None, limit: int, as_of: str | None, data: tuple[str, ...], fmt: str) -> None:
    """Find nodes whose name or id contains TEXT."""
    hits = load_governance(data).search(text, kind=NodeKind(kind) if kind else None, as_of=as_of, limit=limit)
    if fmt == "json":
        return emit_json(hits)
    if fmt == "csv":
        return emit_csv(hits)
    _print_hits(hits)


def _print_hits(hits: list[SearchHit]) -> None:
    rows = ((hit.id, hit.kind, hit.name, hit.valid_from, hit.valid_to) for hit in hits)
    console().print(table(("id", "kind", "name", "from", "to"), rows))
    if not hits:
        click.echo("no matches", err=True)
