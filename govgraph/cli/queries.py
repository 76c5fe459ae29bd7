"""The representation and line-of-sight commands: each calls one query and prints its result.

Exit codes beyond the shared ones (0 success, 2 bad input): 1 when ``gaps --fail-on-gaps``
(or ``--fail-on-not-assessed``) finds a failing verdict; 3 when ``gaps
--fail-on-not-assessed`` finds something not assessed, or when ``representation``,
``members`` or ``line-of-sight`` is asked about a subject that did not exist on the day.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govgraph.cli._common import (
    as_of_option,
    check_output,
    data_option,
    emit,
    format_option,
    kind_option,
    load_governance,
    output_option,
    report_format_option,
    reports_errors,
    rules_option,
)
from govgraph.graph.model import NodeKind
from govgraph.queries.coverage import By, Of
from govgraph.queries.line_of_sight import BreakType

EXIT_GAPS_FOUND = 1
EXIT_NOT_ASSESSED = 3


def _did_not_exist(reason: str) -> None:
    """Say on stderr, in every format, that the subject did not exist on the day, and exit 3."""
    click.echo(f"note: {reason}", err=True)
    sys.exit(EXIT_NOT_ASSESSED)


@click.command()
@click.argument("subject")
@as_of_option
@data_option
@rules_option
@format_option
@reports_errors
def representation(subject: str, as_of: str | None, data: tuple[str, ...], rules: tuple[str, ...], fmt: str) -> None:
    """Check SUBJECT (a CRG or board id) against every rule that applies to it.

    The outcome is passed, failed or not_assessed (with the reason: the subject did not
    exist on the day, no rule in force applies, or the data is not attested)."""
    result = load_governance(data, rules).representation(subject, as_of=as_of)
    title = f"{result.subject_name} on {result.as_of}: {result.outcome.value}"
    emit(result, fmt, title=title + (f" ({result.reason})" if result.reason else ""))
    if fmt == "table":
        for note in result.notes:
            click.echo(f"note: {note}", err=True)
    if not result.exists:
        _did_not_exist(result.reason or "")


@click.command()
@click.option("--rule", default=None, help="Only this rule id.")
@click.option("--subject", default=None, help="Only this subject id.")
@kind_option("Only subjects of this kind.")
@click.option("--fail-on-gaps", is_flag=True, help="Exit 1 when any rule fails (for scheduled jobs).")
@click.option(
    "--fail-on-not-assessed",
    is_flag=True,
    help="As --fail-on-gaps, and exit 3 when nothing failed but something was not assessed: a verdict "
    "not assessed, a rule in force with no subject, or a subject with no rule in force.",
)
@as_of_option
@data_option
@rules_option
@report_format_option
@output_option
@reports_errors
def gaps(
    rule: str | None, subject: str | None, kind: str | None, fail_on_gaps: bool, fail_on_not_assessed: bool,
    as_of: str | None, data: tuple[str, ...], rules: tuple[str, ...], fmt: str, output: Path | None,
) -> None:  # fmt: skip
    """Every failing rule and subject, what is missing, and the citation; then every
    verdict not assessed, with its reason. The title (and the JSON) say how much was
    assessed: verdicts passed, failed and not assessed, rules in force with no subject,
    subjects with no rule in force. With --format xlsx -o FILE, a workbook for board papers:
    the failing verdicts highlighted, the date and each rule's citation on the sheet."""
    check_output(fmt, output)
    result = load_governance(data, rules).gaps(
        as_of=as_of, rule=rule, subject=subject, kind=NodeKind(kind) if kind else None
    )
    filters = (("rule", rule), ("subject", subject), ("kind", kind))
    scope = ", ".join(f"{name} {value}" for name, value in filters if value)
    emit(result, fmt, title=result.summary(), output=output, scope=scope or None)
    if fmt == "table" and (result.rules_without_subject or result.subjects_without_rule):
        if result.rules_without_subject:
            click.echo(f"rules in force with no subject: {' '.join(result.rules_without_subject)}", err=True)
        if result.subjects_without_rule:
            click.echo(f"subjects with no rule in force: {' '.join(result.subjects_without_rule)}", err=True)
    if (fail_on_gaps or fail_on_not_assessed) and result.gaps:
        sys.exit(EXIT_GAPS_FOUND)
    unassessed = result.not_assessed or result.rules_without_subject or result.subjects_without_rule
    if fail_on_not_assessed and unassessed:
        sys.exit(EXIT_NOT_ASSESSED)


@click.command()
@click.option("--of", type=click.Choice([o.value for o in Of], case_sensitive=False), default="crg",
              show_default=True, help="Rows: CRGs or boards.")  # fmt: skip
@click.option("--by", type=click.Choice([b.value for b in By], case_sensitive=False), default="senate",
              show_default=True, help="Columns: areas.")  # fmt: skip
@as_of_option
@data_option
@report_format_option
@output_option
@reports_errors
def coverage(of: str, by: str, as_of: str | None, data: tuple[str, ...], fmt: str, output: Path | None) -> None:
    """A matrix of CRGs (or boards) by area: filled/seats speaking for each area.

    With --format xlsx -o FILE, a workbook for board papers: gaps highlighted and named,
    the date and the citations of the rules that ask for these seats on the sheet."""
    check_output(fmt, output)
    governance = load_governance(data)
    result = governance.coverage(of=of, by=by, as_of=as_of)
    emit(result, fmt, title=f"{of} x {by} on {result.as_of} (filled/seats)", output=output, rules=governance.rules)


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
    """The chain of accountable posts from START (a post or person) up to the Deputy
    Medical Director (seed 003 para 95), and where it breaks."""
    governance = load_governance(data)
    if below_:
        below = governance.below(start, as_of=as_of)
        emit(below, fmt, title=f"below {start} on {below.as_of}" + (f": {below.reason}" if below.reason else ""))
        if not below.exists:
            _did_not_exist(below.reason or "")
        return
    result = governance.line_of_sight(start, as_of=as_of)
    ended = [b.message for b in result.breaks if b.type is BreakType.ENDED_POST]
    state = "complete" if result.complete else ended[0] if ended else "BROKEN" if result.breaks else "NOT KNOWN"
    emit(result, fmt, title=f"line of sight from {start} on {result.as_of}: {state}")
    for note in result.not_known:
        click.echo(f"note: {note}", err=True)
    if ended and len(ended) == len(result.chains):
        _did_not_exist(ended[0])


@click.command()
@click.argument("org")
@as_of_option
@data_option
@format_option
@reports_errors
def members(org: str, as_of: str | None, data: tuple[str, ...], fmt: str) -> None:
    """The seats of ORG (a CRG, board or other body) and who fills each."""
    result = load_governance(data).members(org, as_of=as_of)
    counts = f"{result.member_count} members, {result.vacant_seats} vacant seats"
    emit(result, fmt, title=f"{result.name} on {result.as_of}: {counts if result.exists else result.reason}")
    for note in result.not_known:
        click.echo(f"note: {note}", err=True)
    if not result.exists:
        _did_not_exist(result.reason or "")


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
