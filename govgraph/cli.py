"""The ``govgraph`` command.

Every query command prints a table for people (``--format table``, the default) or the
query's result model as JSON on stdout (``--format json``), the stable form for scripts.
Errors go to stderr as one line per problem; the exit code is 2 for bad input (an unknown
id, a bad date, a file that fails validation).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, TypeVar

import click
from pydantic import BaseModel, TypeAdapter
from rich.console import Console
from rich.table import Table

import govgraph
from govgraph.errors import GovGraphError
from govgraph.graph.model import NodeKind
from govgraph.queries.lookup import NodeDetail, SearchHit, Stats

__all__ = ["main"]

EXIT_BAD_INPUT = 2
F = TypeVar("F", bound=Callable[..., Any])

_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table for people; json (stable) for scripts.",
)
_as_of_option = click.option("--as-of", metavar="YYYY-MM-DD", default=None, help="The day to answer for.")


def _reports_errors(command: F) -> F:
    """Turn govgraph's own errors into a clean message on stderr and exit code 2."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except GovGraphError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_BAD_INPUT)

    return wrapper  # type: ignore[return-value]


def _console() -> Console:
    # Wide enough for ids and citations when piped; a terminal keeps its own width.
    return Console(width=None if sys.stdout.isatty() else 200)


def _emit_json(result: BaseModel | Sequence[BaseModel]) -> None:
    if isinstance(result, BaseModel):
        click.echo(result.model_dump_json(indent=2))
    else:
        click.echo(TypeAdapter(list[type(result[0])] if result else list[Any]).dump_json(list(result), indent=2).decode())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(govgraph.__version__, prog_name="govgraph")
def main() -> None:
    """Who speaks for whom in NHS England specialised commissioning.

    Query the built-in governance graph: regions, hubs, area teams, CCGs and ICBs,
    Clinical Senates, programmes of care, Clinical Reference Groups, boards, seats and
    the people who hold them.
    """


@main.command()
@_as_of_option
@_format_option
@_reports_errors
def stats(as_of: str | None, fmt: str) -> None:
    """Count what exists on a day (today by default), by kind and edge type."""
    result = govgraph.load().stats(as_of=as_of)
    if fmt == "json":
        return _emit_json(result)
    _print_stats(result)


def _print_stats(result: Stats) -> None:
    console = _console()
    table = Table(title=f"govgraph as of {result.as_of}", title_justify="left")
    table.add_column("kind")
    table.add_column("count", justify="right")
    for kind, count in result.nodes.items():
        table.add_row(kind, str(count))
    console.print(table)
    console.print(f"Data covers {result.earliest} to {result.latest}. Sources: {', '.join(result.sources)}")


@main.command()
@click.argument("id")
@_as_of_option
@_format_option
@_reports_errors
def show(id: str, as_of: str | None, fmt: str) -> None:
    """Show one node (e.g. crg:CFS) with its relations and citations.

    Without --as-of, relations over the node's whole history are shown.
    """
    result = govgraph.load().show(id, as_of=as_of)
    if fmt == "json":
        return _emit_json(result)
    _print_detail(result)


def _print_detail(result: NodeDetail) -> None:
    console = _console()
    node = result.node
    console.print(f"[bold]{node.name}[/bold]  ({node.kind}, {node.id})", highlight=False)
    fields = node.model_dump(exclude={"id", "name", "kind", "source"}, exclude_none=True)
    for key, value in fields.items():
        console.print(f"  {key}: {value}", highlight=False)
    console.print(f"  source: {node.source}", highlight=False)
    if not result.active:
        console.print(f"  [yellow]not in existence on {result.as_of}[/yellow]")
    table = Table(title="relations", title_justify="left")
    for column in ("type", "dir", "id", "name", "from", "to", "source"):
        table.add_column(column, overflow="fold")
    for r in result.relations:
        table.add_row(r.type, r.direction, r.id, r.name, str(r.valid_from or ""), str(r.valid_to or ""), r.source)
    console.print(table)


@main.command()
@click.argument("text")
@click.option("--kind", type=click.Choice([k.value for k in NodeKind]), default=None, help="Only nodes of this kind.")
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@_as_of_option
@_format_option
@_reports_errors
def search(text: str, kind: str | None, limit: int, as_of: str | None, fmt: str) -> None:
    """Find nodes whose name or id contains TEXT."""
    hits = govgraph.load().search(text, kind=NodeKind(kind) if kind else None, as_of=as_of, limit=limit)
    if fmt == "json":
        return _emit_json(hits)
    _print_hits(hits)


def _print_hits(hits: list[SearchHit]) -> None:
    table = Table()
    for column in ("id", "kind", "name", "from", "to"):
        table.add_column(column)
    for hit in hits:
        table.add_row(hit.id, hit.kind, hit.name, str(hit.valid_from or ""), str(hit.valid_to or ""))
    _console().print(table)
    if not hits:
        click.echo("no matches", err=True)
