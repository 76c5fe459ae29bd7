"""What every command shares: output formats, --as-of, --data, and error reporting.

Every query command prints a table for people (``--format table``, the default), the
query's result model as JSON on stdout (``--format json``), the stable form for scripts,
or CSV (``--format csv``): the records of that JSON under their JSON field names, with a
header even when there are none (``govgraph.tables`` says how each cell is written).
``gaps`` and ``coverage`` also write an Excel workbook for board papers (``--format xlsx
-o FILE``, ``govgraph.xlsx``); ``-o`` writes their JSON or CSV to a file as well.

Nothing a user or a roster wrote is read as Rich markup or emoji codes: a name such as
``Ann [/] Example`` or ``[red]`` prints as written. Errors go to stderr as one line per
problem; the exit code is 2 for bad input (an unknown id, a bad date, a file that fails
validation).
"""

from __future__ import annotations

import csv
import io
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from pydantic import BaseModel, TypeAdapter
from rich.console import Console
from rich.table import Table
from rich.text import Text

from govgraph import tables
from govgraph.cli import labels
from govgraph.cli.progress import terminal_progress
from govgraph.errors import GovGraphError
from govgraph.governance import Governance, load
from govgraph.graph.model import NodeKind
from govgraph.queries.rules import Rule

EXIT_BAD_INPUT = 2
F = TypeVar("F", bound=Callable[..., Any])

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"], case_sensitive=False),
    default="table",
    show_default=True,
    help="table for people; json (the stable form) or csv for scripts.",
)
#: ``--format`` of the commands whose result is also a workbook for board papers (gaps, coverage).
report_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "xlsx"], case_sensitive=False),
    default="table",
    show_default=True,
    help="table for people; json (the stable form) or csv for scripts; xlsx, an Excel workbook for board "
    "papers (with -o FILE).",
)
output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Write the json, csv or xlsx output to FILE instead of standard output (required for xlsx).",
)
rules_option = click.option(
    "--rules",
    "rules",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE",
    help="A YAML rule file to check as well as the built-in rules. Repeat for several.",
)
as_of_option = click.option(
    "--as-of", metavar="YYYY-MM-DD", default=None, help="The day to answer for.  [default: today]"
)
#: ``--as-of`` of the commands that, without it, look at the whole history.
as_of_or_history_option = click.option(
    "--as-of",
    metavar="YYYY-MM-DD",
    default=None,
    help="Only what exists on this day.  [default: the whole history]",
)


def kind_option(help: str) -> Callable[[F], F]:
    """``--kind``: a node kind, in any case (``crg`` is ``CRG``)."""
    return click.option(
        "--kind", type=click.Choice([k.value for k in NodeKind], case_sensitive=False), default=None, help=help
    )


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
        with warnings.catch_warnings():
            warnings.simplefilter("always", UserWarning)
            warnings.showwarning = _show_warning  # restored when the block ends
            try:
                return command(*args, **kwargs)
            except GovGraphError as exc:
                click.echo(f"error: {exc}", err=True)
                sys.exit(EXIT_BAD_INPUT)

    return wrapper  # type: ignore[return-value]


def _show_warning(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
    # As it happens (a server loading a roster says so before it serves), in one line.
    click.echo(f"warning: {message}", err=True)


def load_governance(data: Sequence[str] = (), rules: Sequence[str] = ()) -> Governance:
    """The graph a command answers from: the built-in dataset plus ``--data`` rosters,
    checked against the built-in rules plus ``--rules`` files."""
    with terminal_progress() as progress:
        return load(list(data) if data else None, rules=rules, progress=progress)


def console() -> Console:
    """The console tables print to: no markup, emoji codes or highlighting, so that user
    text prints exactly as written."""
    # Wide enough for ids and citations when piped; a terminal keeps its own width.
    return Console(width=None if sys.stdout.isatty() else 200, markup=False, emoji=False, highlight=False)


def table(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str | None = None) -> Table:
    """A Rich table whose title and cells are plain text, never markup."""
    out = Table(title=Text(title) if title is not None else None, title_justify="left")
    for column in columns:
        out.add_column(Text(column), overflow="fold")
    for row in rows:
        out.add_row(*(Text("" if value is None else str(value)) for value in row))
    return out


def check_output(fmt: str, output: Path | None) -> None:
    """Refuse, before any work, ``--format xlsx`` without ``-o`` and ``-o`` with a table."""
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx writes a workbook: give the file with -o FILE")
    if fmt == "table" and output is not None:
        raise click.UsageError("-o writes json, csv or xlsx: give --format too")


def emit(
    result: Any,
    fmt: str,
    *,
    title: str | None = None,
    output: Path | None = None,
    rules: Sequence[Rule] = (),
    scope: str | None = None,
) -> None:
    """Print a query result: its JSON, its records as CSV, or its ``rows()`` as a table; or
    write its JSON, CSV or board-paper workbook (``govgraph.xlsx``, citing ``rules``, saying
    what the query was limited to, ``scope``) to ``output``."""
    if fmt == "xlsx":
        from govgraph.xlsx import workbook_for  # openpyxl is imported only for a workbook

        assert output is not None  # check_output refused it before
        output.write_bytes(workbook_for(result, rules, scope=scope))
        click.echo(f"wrote {output}", err=True)
        return None
    if fmt in ("json", "csv") and output is not None:
        text = json_text(result) if fmt == "json" else csv_text(result)
        output.write_text(text, encoding="utf-8", newline="")
        return None
    if fmt == "json":
        return emit_json(result)
    if fmt == "csv":
        return emit_csv(result)
    rows = labels.rows(result)
    columns = list(rows[0]) if rows else []
    console().print(table(columns, ([row[c] for c in columns] for row in rows), title=title))
    if not rows:
        click.echo("nothing to show", err=True)


def csv_text(result: Any) -> str:
    """``result`` as CSV: its header always, then its records (``govgraph.tables``)."""
    rows = tables.rows(result)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows.columns)
    writer.writerows([tables.cell(row.get(column)) for column in rows.columns] for row in rows.rows)
    return out.getvalue()


def emit_csv(result: Any) -> None:
    """Write ``result`` as CSV on stdout."""
    sys.stdout.write(csv_text(result))


def json_text(result: BaseModel | Sequence[BaseModel]) -> str:
    if isinstance(result, BaseModel):
        return result.model_dump_json(indent=2) + "\n"
    return TypeAdapter(list[Any]).dump_json(list(result), indent=2).decode() + "\n"


def emit_json(result: BaseModel | Sequence[BaseModel]) -> None:
    click.echo(json_text(result), nl=False)
