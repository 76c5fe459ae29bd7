"""``govgraph person add``, ``govgraph seat fill`` and ``govgraph seat end``: writes to a roster folder.

Each command is one ``govgraph.writes.RosterWriter`` call on ``--roster FOLDER`` (created
with empty tables if missing), checked by loading the built-in dataset, the ``--data``
rosters and the folder with the change, exactly as ``govgraph validate`` would. A refused
write prints every problem, changes nothing and exits with code 2; a write that lands
prints the record as the graph now has it, as JSON on stdout.
"""

from __future__ import annotations

from pathlib import Path

import click

from govgraph.cli._common import emit_json, reports_errors
from govgraph.graph.timeline import parse_date
from govgraph.writes import HoldingEnd, NewHolding, NewPerson, RosterWriter

__all__ = ["person", "seat"]

_roster_option = click.option(
    "--roster",
    "folder",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    metavar="FOLDER",
    help="The roster folder to write to (CSV tables; created if missing).",
)
_data_option = click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(exists=True),
    metavar="PATH",
    help="A roster the folder builds on (its people, bodies and seats), loaded before it. Repeat for several.",
)


@click.group()
def person() -> None:
    """People in a roster folder."""


@person.command("add")
@_roster_option
@_data_option
@click.option("--id", "id", required=True, metavar="ID", help="person:<slug>, new to the graph.")
@click.option("--name", required=True, help="As it should be shown.")
@click.option("--email", default=None, help="A contact address.")
@click.option("--employer", default=None, help="Free text.")
@reports_errors
def add_person(
    folder: Path, data: tuple[str, ...], id: str, name: str, email: str | None, employer: str | None
) -> None:
    """Add a person as a row of the folder's people.csv."""
    written = RosterWriter.on(folder, data=data).add_person(NewPerson(id=id, name=name, email=email, employer=employer))
    emit_json(written.record)


@click.group()
def seat() -> None:
    """Holdings of seats in a roster folder."""


@seat.command("fill")
@_roster_option
@_data_option
@click.option("--person", required=True, metavar="ID", help="The holder, person:...")
@click.option("--post", default=None, metavar="ID", help="The seat, post:...")
@click.option("--org", default=None, metavar="ID", help="Without --post: the body whose seat to fill.")
@click.option("--role", default=None, help="With --org: the seat's role, e.g. clinical-member.")
@click.option("--represents", default=None, metavar="ID", help="With --org and --role: the area the seat speaks for.")
@click.option("--start", required=True, metavar="YYYY-MM-DD", help="The first day held.")
@click.option("--end", default=None, metavar="YYYY-MM-DD", help="The last day held; default: while the seat lasts.")
@click.option("--acting", is_flag=True, help="An acting or interim holder.")
@reports_errors
def fill(
    folder: Path,
    data: tuple[str, ...],
    person: str,
    post: str | None,
    org: str | None,
    role: str | None,
    represents: str | None,
    start: str,
    end: str | None,
    acting: bool,
) -> None:
    """Fill a seat: a row of the folder's memberships.csv. Without --post, the first seat by
    id of --org with --role (and --represents) vacant throughout, saved in the row."""
    holding = NewHolding(
        person=person, post=post, org=org, role=role, represents=represents, start=start, end=end, acting=acting
    )
    emit_json(RosterWriter.on(folder, data=data).fill_seat(holding).record)


@seat.command("end")
@_roster_option
@_data_option
@click.option("--person", required=True, metavar="ID", help="The holder, person:...")
@click.option("--post", required=True, metavar="ID", help="The seat held, post:...")
@click.option("--start", required=True, metavar="YYYY-MM-DD", help="The holding's first day: which holding it is.")
@click.option("--end", required=True, metavar="YYYY-MM-DD", help="Its last day held.")
@reports_errors
def end(folder: Path, data: tuple[str, ...], person: str, post: str, start: str, end: str) -> None:
    """End a holding of the folder: --end becomes its last day (replacing any it had)."""
    parse_date(start, default_today=False)  # a bad date is an InvalidDate, reported as every other error
    change = HoldingEnd.model_validate({"person": person, "post": post, "start": start, "end": end})
    emit_json(RosterWriter.on(folder, data=data).end_holding(change).record)
