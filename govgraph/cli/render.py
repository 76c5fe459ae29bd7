"""``govgraph render``: write a page or diagram as a self-contained HTML file, or a whole
browsable site of them for one day.

Each view is drawn from ``govgraph.viz.VIEWS``, exactly as the service's page of the same
name is. Links in the files never lead nowhere: in a site they lead to the sibling files,
with ``--base-url`` to the service, and otherwise they are plain text.
"""

from __future__ import annotations

from pathlib import Path

import click

from govgraph.cli._common import as_of_option, data_option, load_governance, reports_errors, rules_option
from govgraph.queries import neighbourhood
from govgraph.queries.lookahead import MAX_WITHIN_DAYS
from govgraph.viz import VIEWS, Links, ViewRequest, draw
from govgraph.viz.site import write_site

#: The views ``--view`` offers: every view but search, which needs the service.
RENDERED_VIEWS = [name for name in VIEWS if name != "search"]


@click.command()
@click.option("--view", type=click.Choice(RENDERED_VIEWS), default=None, help="Which page or diagram to draw.")
@click.option(
    "--id",
    "id",
    default=None,
    metavar="ID",
    help="The node to draw: the centre of a focus diagram (crg:CFS), the body of a representation "
    "diagram, the post or person a line of sight starts from, the node of a node page, the person "
    "who leaves in what-if (whose --as-of is the day they leave).",
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
@click.option("--of", type=click.Choice(["crg", "board"]), default="crg", show_default=True, help="coverage: the rows.")
@click.option(
    "--by",
    type=click.Choice(["senate", "region", "hub", "icb"]),
    default="senate",
    show_default=True,
    help="coverage: the columns.",
)
@click.option(
    "--within",
    type=click.IntRange(0, MAX_WITHIN_DAYS),
    default=180,
    show_default=True,
    help="upcoming: how many days after --as-of to look.",
)
@click.option("--gaps-only", is_flag=True, help="coverage: only rows with gaps.")
@click.option(
    "--sort", type=click.Choice(["name", "gaps"]), default="name", show_default=True, help="coverage: row order."
)
@click.option(
    "--base-url",
    default=None,
    metavar="URL",
    help="Where the service runs (http://host:8000): links to pages not written go there, and the "
    "day and search controls ask it. Without it such links are plain text.",
)
@data_option
@rules_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    metavar="FILE",
    help="Where to write the one page (--view).",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, writable=True, path_type=Path),
    default=None,
    metavar="DIR",
    help="Write a whole site for the day into DIR instead of one page: home, overview, coverage "
    "(with CSV and Excel), gaps, upcoming vacancies and recruitment priorities (with CSV), a page per "
    "portfolio, programme, CRG and board, and the sources.",
)
@reports_errors
def render(
    view: str | None,
    id: str | None,
    depth: int,
    as_of: str | None,
    from_date: str | None,
    to_date: str | None,
    of: str,
    by: str,
    within: int,
    gaps_only: bool,
    sort: str,
    base_url: str | None,
    data: tuple[str, ...],
    rules: tuple[str, ...],
    output: Path | None,
    out_dir: Path | None,
) -> None:
    """Draw a diagram or report page as one HTML file that needs no network.

    With --out-dir, write a whole browsable site of them for one day instead.

    \b
    govgraph render --view overview --as-of 2014-01-01 -o overview.html
    govgraph render --view focus --id crg:CFS --depth 2 -o cfs.html
    govgraph render --view representation --id crg:CFS --as-of 2014-06-01 -o cfs-seats.html
    govgraph render --view line-of-sight --id post:area-team:wessex/medical-director -o los.html
    govgraph render --view changes --from 2015-01-01 --to 2015-06-01 -o changes.html
    govgraph render --view coverage --as-of 2014-06-01 --gaps-only -o coverage.html
    govgraph render --view upcoming --as-of 2013-06-01 --within 365 -o upcoming.html
    govgraph render --view what-if --id person:soren-fictionwood --as-of 2024-06-01 -o what-if.html
    govgraph render --view recruit --as-of 2014-06-01 -o recruit.html
    govgraph render --view coverage.xlsx --as-of 2014-06-01 -o coverage.xlsx
    govgraph render --view node --id crg:CFS --base-url http://localhost:8000 -o cfs-page.html
    govgraph render --out-dir site/ --as-of 2014-06-01
    """
    if out_dir is not None:
        if view is not None or output is not None:
            raise click.UsageError("--out-dir writes a whole site: leave out --view and -o")
        written = write_site(load_governance(data, rules), out_dir, as_of=as_of, base_url=base_url)
        click.echo(f"wrote {len(written)} files to {out_dir}")
        return
    if view is None or output is None:
        raise click.UsageError("give --view and -o for one page, or --out-dir for a site")
    needs = VIEWS[view].needs
    if needs == "id" and id is None:
        raise click.UsageError(f"--view {view} needs --id, e.g. --id {VIEWS[view].example_id}")
    if needs == "window" and (from_date is None or to_date is None):
        raise click.UsageError(f"--view {view} needs --from and --to, e.g. --from 2015-01-01 --to 2015-12-31")
    request = ViewRequest(id=id, depth=depth, as_of=as_of, from_date=from_date, to_date=to_date, of=of, by=by,
                          gaps_only=gaps_only, sort="gaps" if sort == "gaps" else "name", within=within)  # fmt: skip
    body = draw(view, load_governance(data, rules), request, Links.offline(base_url))
    if isinstance(body, bytes):
        output.write_bytes(body)
    else:
        output.write_text(body, encoding="utf-8")
    click.echo(f"wrote {output}")
