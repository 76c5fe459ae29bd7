"""The representation and line-of-sight commands: each calls one query and prints its result."""

from __future__ import annotations

import sys

import click

from govgraph.cli._common import (
    as_of_option,
    data_option,
    emit,
    format_option,
    kind_option,
    load_governance,
    reports_errors,
    rules_option,
)
from govgraph.graph.model import NodeKind
from govgraph.queries.coverage import By, Of

EXIT_GAPS_FOUND = 1


@click.command()
@click.argument("subject")
@as_of_option
@data_option
@rules_option
@format_option
@reports_errors
def representation(subject: str, as_of: str | None, data: tuple[str, ...], rules: tuple[str, ...], fmt: str) -> None:
    """Check SUBJECT (a CRG or board id) against every rule that applies to it."""
    result = load_governance(data, rules).representation(subject, as_of=as_of)
    emit(result, fmt, title=f"{result.subject_name} on {result.as_of}: {'passes' if result.passed else 'FAILS'}")
    if fmt == "table":
        for note in result.notes:
            click.echo(f"note: {note}", err=True)


@click.command()
@click.option("--rule", default=None, help="Only this rule id.")
@click.option("--subject", default=None, help="Only this subject id.")
@kind_option("Only subjects of this kind.")
@click.option("--fail-on-gaps", is_flag=True, help="Exit 1 when any rule fails (for scheduled jobs).")
@as_of_option
@data_option
@rules_option
@format_option
@reports_errors
def gaps(
    rule: str | None, subject: str | None, kind: str | None, fail_on_gaps: bool,
    as_of: str | None, data: tuple[str, ...], rules: tuple[str, ...], fmt: str,
) -> None:  # fmt: skip
    """Every failing rule and subject, what is missing, and the citation."""
    result = load_governance(data, rules).gaps(
        as_of=as_of, rule=rule, subject=subject, kind=NodeKind(kind) if kind else None
    )
    emit(result, fmt, title=f"{len(result.gaps)} gaps of {result.verdicts_checked} checks on {result.as_of}")
    if fail_on_gaps and result.gaps:
        sys.exit(EXIT_GAPS_FOUND)


@click.command()
@click.option("--of", type=click.Choice([o.value for o in Of], case_sensitive=False), default="crg",
              show_default=True, help="Rows: CRGs or boards.")  # fmt: skip
@click.option("--by", type=click.Choice([b.value for b in By], case_sensitive=False), default="senate",
              show_default=True, help="Columns: areas.")  # fmt: skip
@as_of_option
@data_option
@format_option
@reports_errors
def coverage(of: str, by: str, as_of: str | None, data: tuple[str, ...], fmt: str) -> None:
    """A matrix of CRGs (or boards) by area: filled/seats speaking for each area."""
    result = load_governance(data).coverage(of=of, by=by, as_of=as_of)
    emit(result, fmt, title=f"{of} x {by} on {result.as_of} (filled/seats)")


@click.command("line-of-sight")
@click.argument("start")
@click.option(
    "--below", "below_", is_flag=True, help="List everyone below START (a post) instead of the chain above it."
)
@as_of_option
@data_option
@format_option
@reports_errors
def line_of_sight(start: str, below_: bool, as_of: str | None, data: tuple[str, ...], fmt: str) -> None:
    """The chain of accountable posts from START (a post or person) up to the National
    Clinical Director for Specialised Services, and where it breaks."""
    governance = load_governance(data)
    if below_:
        below = governance.below(start, as_of=as_of)
        return emit(below, fmt, title=f"below {start} on {below.as_of}")
    result = governance.line_of_sight(start, as_of=as_of)
    emit(
        result,
        fmt,
        title=f"line of sight from {start} on {result.as_of}: {'complete' if result.complete else 'BROKEN'}",
    )


@click.command()
@click.argument("org")
@as_of_option
@data_option
@format_option
@reports_errors
def members(org: str, as_of: str | None, data: tuple[str, ...], fmt: str) -> None:
    """The seats of ORG (a CRG, board or other body) and who fills each."""
    result = load_governance(data).members(org, as_of=as_of)
    emit(
        result,
        fmt,
        title=f"{result.name} on {result.as_of}: {result.member_count} members, {result.vacant_seats} vacant seats",
    )


@click.command()
@click.argument("person")
@as_of_option
@data_option
@format_option
@reports_errors
def posts(person: str, as_of: str | None, data: tuple[str, ...], fmt: str) -> None:
    """The seats PERSON holds."""
    result = load_governance(data).posts_of(person, as_of=as_of)
    emit(result, fmt, title=f"{result.name} on {result.as_of}")


@click.command()
@click.option("--min-seats", type=click.IntRange(1, 10_000), default=5, show_default=True)
@as_of_option
@data_option
@format_option
@reports_errors
def overload(min_seats: int, as_of: str | None, data: tuple[str, ...], fmt: str) -> None:
    """People holding at least --min-seats seats at once."""
    result = load_governance(data).overload(min_seats=min_seats, as_of=as_of)
    emit(result, fmt, title=f"people with {min_seats}+ seats on {result.as_of}")


@click.command()
@click.argument("from_date", metavar="FROM")
@click.argument("to_date", metavar="TO")
@data_option
@rules_option
@format_option
@reports_errors
def changes(from_date: str, to_date: str, data: tuple[str, ...], rules: tuple[str, ...], fmt: str) -> None:
    """What changed between FROM and TO (YYYY-MM-DD): people, seats, bodies, rules."""
    result = load_governance(data, rules).changes(from_date, to_date)
    emit(result, fmt, title=f"changes from {result.from_date} to {result.to_date}")
