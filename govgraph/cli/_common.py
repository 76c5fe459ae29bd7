"""What every command shares: output formats, --as-of, --data, and error reporting.

Every query command prints a table for people (``--format table``, the default) or the
query's result model as JSON on stdout (``--format json``), the stable form for scripts.
Errors go to stderr as one line per problem; the exit code is 2 for bad input (an unknown
id, a bad date, a file that fails validation).
"""

from __future__ import annotations

import csv
import sys
import warnings
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, TypeVar

import click
from pydantic import BaseModel, TypeAdapter
from rich.console import Console
from rich.table import Table

import govgraph
from govgraph.errors import GovGraphError

EXIT_BAD_INPUT = 2
F = TypeVar("F", bound=Callable[..., Any])

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="table for people; json (the stable form) or csv for scripts.",
)
rules_option = click.option(
    "--rules",
    "rules",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE",
    help="A YAML rule file to check as well as the built-in rules. Repeat for several.",
)
as_of_option = click.option("--as-of", metavar="YYYY-MM-DD", default=None, help="The day to answer for.")
data_option = click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(exists=True),
    metavar="PATH",
    help="A roster (CSV folder, .xlsx workbook or Popolo .json) to load on top of the built-in "
    "dataset instead of the example roster. Repeat for several.",
)


def reports_errors(command: F) -> F:
    """Turn govgraph's own errors into a clean message on stderr and exit code 2, and
    warnings (keys of a roster that were ignored) into lines ``warning: ...`` on stderr."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", UserWarning)
            try:
                return command(*args, **kwargs)
            except GovGraphError as exc:
                click.echo(f"error: {exc}", err=True)
                sys.exit(EXIT_BAD_INPUT)
            finally:
                for warning in caught:
                    if issubclass(warning.category, UserWarning):
                        click.echo(f"warning: {warning.message}", err=True)

    return wrapper  # type: ignore[return-value]


def load_governance(data: Sequence[str] = (), rules: Sequence[str] = ()) -> govgraph.Governance:
    """The graph a command answers from: the built-in dataset plus ``--data`` rosters,
    checked against the built-in rules plus ``--rules`` files."""
    return govgraph.load(list(data) if data else None, rules=rules)


def console() -> Console:
    # Wide enough for ids and citations when piped; a terminal keeps its own width.
    return Console(width=None if sys.stdout.isatty() else 200)


def emit(result: Any, fmt: str, *, title: str | None = None) -> None:
    """Print a query result: its JSON, or its ``rows()`` as CSV or a table."""
    if fmt == "json":
        return emit_json(result)
    rows = result.rows()
    if fmt == "csv":
        return emit_csv(rows)
    table = Table(title=title, title_justify="left")
    columns = list(rows[0]) if rows else []
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if row[c] is None else str(row[c]) for c in columns))
    console().print(table)
    if not rows:
        click.echo("nothing to show", err=True)


def emit_csv(rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def emit_json(result: BaseModel | Sequence[BaseModel]) -> None:
    if isinstance(result, BaseModel):
        click.echo(result.model_dump_json(indent=2))
    else:
        click.echo(TypeAdapter(list[Any]).dump_json(list(result), indent=2).decode())
