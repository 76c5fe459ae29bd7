"""``govgraph render``: write one diagram as a self-contained HTML file.

Each view is one small function in ``VIEWS``: it calls one query and draws its result.
A new view (representation, line of sight, ...) is one more function and one more entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click

from govgraph.cli._common import as_of_option, data_option, load_governance, reports_errors
from govgraph.graph.store import GraphStore
from govgraph.queries import neighbourhood
from govgraph.viz import render_html, to_vis_data


@dataclass(frozen=True)
class ViewRequest:
    """What the command line asked for, as every view receives it."""

    view: str
    id: str | None
    depth: int
    as_of: str | None

    def required_id(self) -> str:
        if self.id is None:
            raise click.UsageError(f"--view {self.view} needs --id, e.g. --id crg:CFS")
        return self.id


def _overview(store: GraphStore, request: ViewRequest) -> str:
    result = neighbourhood.overview(store, as_of=request.as_of)
    return render_html(to_vis_data(result), title=result.title)


def _focus(store: GraphStore, request: ViewRequest) -> str:
    result = neighbourhood.focus(store, request.required_id(), depth=request.depth, as_of=request.as_of)
    return render_html(to_vis_data(result), title=result.title)


#: Each view's name and the function that draws it as one HTML page.
VIEWS: dict[str, Callable[[GraphStore, ViewRequest], str]] = {
    "overview": _overview,
    "focus": _focus,
}


@click.command()
@click.option("--view", type=click.Choice(list(VIEWS)), required=True, help="Which diagram to draw.")
@click.option("--id", "id", default=None, metavar="ID", help="The node a focus diagram centres on, e.g. crg:CFS.")
@click.option(
    "--depth",
    type=click.IntRange(1, neighbourhood.MAX_DEPTH),
    default=1,
    show_default=True,
    help="How many steps around the focus node to draw.",
)
@as_of_option
@data_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    metavar="FILE.html",
    help="Where to write the page.",
)
@reports_errors
def render(view: str, id: str | None, depth: int, as_of: str | None, data: tuple[str, ...], output: Path) -> None:
    """Draw a diagram as one HTML file that needs no network.

    \b
    govgraph render --view overview --as-of 2014-01-01 -o overview.html
    govgraph render --view focus --id crg:CFS --depth 2 -o cfs.html
    """
    request = ViewRequest(view=view, id=id, depth=depth, as_of=as_of)
    page = VIEWS[view](load_governance(data).store, request)
    output.write_text(page, encoding="utf-8")
    click.echo(f"wrote {output}")
