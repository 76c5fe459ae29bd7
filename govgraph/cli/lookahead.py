"""The look-ahead commands: ``upcoming``, ``what-if`` and ``recruit``, each calling one query
of ``govgraph.queries.lookahead`` and printing its result."""

from __future__ import annotations

import click

from govgraph.cli._common import data_option, emit, format_option, load_governance, reports_errors, rules_option
from govgraph.queries.lookahead import MAX_WITHIN_DAYS

__all__ = ["recruit", "upcoming", "what_if"]

as_of_option = click.option(
    "--as-of", metavar="YYYY-MM-DD", default=None, help="The day to answer for.  [default: today]"
)


@click.command()
@click.option(
    "--within",
    type=click.IntRange(0, MAX_WITHIN_DAYS),
    default=180,
    show_default=True,
    metavar="DAYS",
    help="How many days after --as-of to look.",
)
@as_of_option
@data_option
@rules_option
@format_option
@reports_errors
def upcoming(within: int, as_of: str | None, data: tuple[str, ...], rules: tuple[str, ...], fmt: str) -> None:
    """Seats whose holder leaves, or reaches a term limit, within DAYS after --as-of, and
    the rules that fail on that day because of it."""
    result = load_governance(data, rules).upcoming(as_of=as_of, within_days=within)
    emit(result, fmt, title=f"seats falling vacant after {result.as_of} until {result.until}: {len(result.vacancies)}")


@click.command("what-if")
@click.option("--leaves", required=True, metavar="PERSON", help="The person who leaves, e.g. person:ada-example.")
@click.option(
    "--on",
    "--as-of",
    "on",
    metavar="YYYY-MM-DD",
    default=None,
    help="The day they leave: the first day they hold no seat.  [default: today]",
)
@data_option
@rules_option
@format_option
@reports_errors
def what_if(leaves: str, on: str | None, data: tuple[str, ...], rules: tuple[str, ...], fmt: str) -> None:
    """The rules that fail if a person leaves every seat on a day, and the other bodies
    that lose a member through the seats they fill ex officio."""
    result = load_governance(data, rules).what_if(leaves, on=on)
    emit(result, fmt, title=f"if {result.person_name} leaves on {result.on}: {len(result.fails)} verdicts fail")


@click.command()
@as_of_option
@data_option
@rules_option
@format_option
@reports_errors
def recruit(as_of: str | None, data: tuple[str, ...], rules: tuple[str, ...], fmt: str) -> None:
    """Vacant seats ranked by how many failing rules filling each would fix: the
    appointment that closes most gaps first."""
    result = load_governance(data, rules).recruit(as_of=as_of)
    emit(
        result,
        fmt,
        title=f"{len(result.candidates)} seats to fill on {result.as_of}; {result.failing} verdicts fail, "
        f"{len(result.unfixed)} of them not fixed by filling any one seat",
    )
