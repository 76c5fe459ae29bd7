"""``govgraph render``: write one diagram or report page as a self-contained HTML file.

Each view is one small function in ``VIEWS``: it calls one query and draws its result,
exactly as the service's page of the same name does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click

from govgraph.cli._common import as_of_option, data_option, load_governance, reports_errors, rules_option
from govgraph.governance import Governance
from govgraph.queries import neighbourhood
from govgraph.viz import pages, render_html, to_vis_data


@dataclass(frozen=True)
class ViewRequest:
    """What the command line asked for, as every view receives it."""

    view: str
    id: str | None
    depth: int
    as_of: str | None
    from_date: str | None = None
    to_date: str | None = None

    def required_id(self) -> str:
        if self.id is None:
            raise click.UsageError(f"--view {self.view} needs --id, e.g. --id {_EXAMPLE_IDS.get(self.view, 'crg:CFS')}")
        return self.id

    def required_window(self) -> tuple[str, str]:
        if self.from_date is None or self.to_date is None:
            raise click.UsageError(f"--view {self.view} needs --from and --to, e.g. --from 2015-01-01 --to 2015-12-31")
        return self.from_date, self.to_date


_EXAMPLE_IDS = {"line-of-sight": "post:area-team:wessex/medical-director"}


def _overview(governance: Governance, request: ViewRequest) -> str:
    return render_html(to_vis_data(governance.overview(as_of=request.as_of)))


def _focus(governance: Governance, request: ViewRequest) -> str:
    return render_html(to_vis_data(governance.focus(request.required_id(), depth=request.depth, as_of=request.as_of)))


def _representation(governance: Governance, request: ViewRequest) -> str:
    return render_html(to_vis_data(governance.representation(request.required_id(), as_of=request.as_of)))


def _line_of_sight(governance: Governance, request: ViewRequest) -> str:
    return render_html(to_vis_data(governance.line_of_sight(request.required_id(), as_of=request.as_of)))


def _changes(governance: Governance, request: ViewRequest) -> str:
    return render_html(to_vis_data(governance.changes(*request.required_window())))


def _coverage(governance: Governance, request: ViewRequest) -> str:
    return pages.coverage_page(governance.coverage(as_of=request.as_of))


def _gaps(governance: Governance, request: ViewRequest) -> str:
    return pages.gaps_page(governance.gaps(as_of=request.as_of))


#: Each view's name and the function that draws it as one HTML page.
VIEWS: dict[str, Callable[[Governance, ViewRequest], str]] = {
    "overview": _overview,
    "focus": _focus,
    "representation": _representation,
    "line-of-sight": _line_of_sight,
    "changes": _changes,
    "coverage": _coverage,
    "gaps": _gaps,
}


@click.command()
@click.option("--view", type=click.Choice(list(VIEWS)), required=True, help="Which diagram or page to draw.")
@click.option(
    "--id",
    "id",
    default=None,
    metavar="ID",
    help="The node to draw: the centre of a focus diagram (crg:CFS), the body of a representation "
    "diagram, the post or person a line of sight starts from.",
)
@click.option(
    "--depth",
    type=click.IntRange(1, neighbourhood.MAX_DEPTH),
    default=1,
    show_default=True,
    help="How many steps around the focus node to draw.",
)
@as_of_option
@click.option(
    "--from", "from_date", metavar="YYYY-MM-DD", default=None, help="changes: the day before the first change counted."
)
@click.option("--to", "to_date", metavar="YYYY-MM-DD", default=None, help="changes: the last day counted.")
@data_option
@rules_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    metavar="FILE.html",
    help="Where to write the page.",
)
@reports_errors
def render(
    view: str,
    id: str | None,
    depth: int,
    as_of: str | None,
    from_date: str | None,
    to_date: str | None,
    data: tuple[str, ...],
    rules: tuple[str, ...],
    output: Path,
) -> None:
    """Draw a diagram or report page as one HTML file that needs no network.

    \b
    govgraph render --view overview --as-of 2014-01-01 -o overview.html
    govgraph render --view focus --id crg:CFS --depth 2 -o cfs.html
    govgraph render --view representation --id crg:CFS --as-of 2014-06-01 -o cfs-seats.html
    govgraph render --view line-of-sight --id post:area-team:wessex/medical-director -o los.html
    govgraph render --view changes --from 2015-01-01 --to 2015-06-01 -o changes.html
    govgraph render --view coverage --as-of 2014-06-01 -o coverage.html
    govgraph render --view gaps --as-of 2014-06-01 -o gaps.html
    """
    request = ViewRequest(view=view, id=id, depth=depth, as_of=as_of, from_date=from_date, to_date=to_date)
    page = VIEWS[view](load_governance(data, rules), request)
    output.write_text(page, encoding="utf-8")
    click.echo(f"wrote {output}")
