"""``govgraph validate``, checking rosters against the built-in dataset, and ``govgraph
template``, the workbook a planner fills in."""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

import click

from govgraph.cli._common import EXIT_BAD_INPUT, reports_errors
from govgraph.cli.progress import terminal_progress
from govgraph.errors import LoadError
from govgraph.graph.model import EdgeType, NodeKind
from govgraph.graph.store import EdgeView
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
    held_before = {_key(edge) for edge in store.edges(EdgeType.HOLDS)}
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
    new = [edge for edge in store.edges(EdgeType.HOLDS) if _key(edge) not in held_before]
    for warning in suspicions(new):
        click.echo(f"warning: {warning}", err=True)
    from govgraph.template import EXAMPLE_IDS  # imports openpyxl, which a CSV roster never needs

    kept = [id for id in EXAMPLE_IDS if store.has_node(id)]
    if kept:
        click.echo(f"warning: the template's example rows are still in: {', '.join(kept)}; delete them", err=True)


@click.command()
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path), metavar="OUT.xlsx")
@reports_errors
def template(output: Path) -> None:
    """Write the roster template: an Excel workbook with instructions, a sheet per roster
    table (an example row to delete, drop-downs), and the built-in dataset's ids."""
    from govgraph.template import template_workbook  # openpyxl only for this command

    output.write_bytes(template_workbook(load_reference()))
    click.echo(f"wrote {output}: fill it in, then govgraph validate {output}", err=True)


#: At or past these, a valid roster is probably wrong (a copied column, a wrong id), and
#: ``validate`` says so, still exiting 0: one person in this many seats on one day ...
SEATS_AT_ONCE = 20
#: ... or this many people holding one seat on one day.
HOLDERS_AT_ONCE = 20


def _key(edge: EdgeView) -> tuple[str, str, object]:
    return (edge.from_id, edge.to_id, edge.attrs.get("valid_from"))


def suspicions(holdings: list[EdgeView]) -> list[str]:
    """What is valid but suspicious in ``holdings``: a person in ``SEATS_AT_ONCE`` seats or
    more on one day, a seat with ``HOLDERS_AT_ONCE`` holders or more on one day."""
    by_person: dict[str, list[EdgeView]] = defaultdict(list)
    by_post: dict[str, list[EdgeView]] = defaultdict(list)
    for edge in holdings:
        by_person[edge.from_id].append(edge)
        by_post[edge.to_id].append(edge)
    found = []
    for person, edges in sorted(by_person.items()):
        most, day = _most_at_once(edges)
        if most >= SEATS_AT_ONCE:
            found.append(f"{person!r} holds {most} seats at once on {day} (a warning from {SEATS_AT_ONCE})")
    for post, edges in sorted(by_post.items()):
        most, day = _most_at_once(edges)
        if most >= HOLDERS_AT_ONCE:
            found.append(f"{post!r} has {most} holders at once on {day} (a warning from {HOLDERS_AT_ONCE})")
    return found


def _most_at_once(edges: list[EdgeView]) -> tuple[int, str]:
    """The most of ``edges`` in force on one day, and the first such day. An edge ending
    on a day (valid_to, exclusive) and one starting on it do not overlap: ends sort first."""
    events = sorted(
        [(str(edge.attrs.get("valid_from") or "0000-01-01"), 1) for edge in edges]
        + [(str(edge.attrs["valid_to"]), -1) for edge in edges if edge.attrs.get("valid_to")]
    )
    now = most = 0
    day = ""
    for when, change in events:
        now += change
        if now > most:
            most, day = now, when
    return most, day
