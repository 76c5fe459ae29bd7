"""The representation and line-of-sight questions: one route per query, each parsing its
parameters, calling the query on the loaded graph and returning its result model."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.exceptions import RequestValidationError

from govgraph.api.deps import GovernanceDep
from govgraph.api.errors import error_responses
from govgraph.api.routes.nodes import AsOf, Kind
from govgraph.errors import InvalidDate, InvalidParameter, NotFound
from govgraph.queries import (
    Below,
    Changes,
    Coverage,
    GapReport,
    LineOfSight,
    Members,
    Overload,
    PostsOf,
    Representation,
)
from govgraph.queries.coverage import By, Of

router = APIRouter(tags=["representation"])

_READ_ERRORS = error_responses(NotFound, InvalidDate, RequestValidationError)
Id = Annotated[str, Path(description="A namespaced id, e.g. `crg:CFS`.")]


@router.get("/representation/{subject:path}", responses=_READ_ERRORS)
def representation(subject: Id, governance: GovernanceDep, as_of: AsOf = None) -> Representation:
    """Every rule that applies to a CRG or board on the day (today by default), with its
    verdict, what is missing and the citation, and the body's seats with their holders.

    Each verdict, and the subject as a whole, is `passed`, `failed` or `not_assessed`;
    `reason` says why something was not assessed: the subject did not exist on the day
    (`exists` is false; `valid_from`/`valid_to` give its lifespan), no rule in force
    applies to it, or the data a rule needs is not attested after a day. A subject is
    never `passed` on no verdicts."""
    return governance.representation(subject, as_of=as_of)


@router.get("/gaps", responses=_READ_ERRORS)
def gaps(
    governance: GovernanceDep,
    as_of: AsOf = None,
    rule: Annotated[str | None, Query(description="Only this rule id.")] = None,
    subject: Annotated[str | None, Query(description="Only this subject id.")] = None,
    kind: Kind = None,
) -> GapReport:
    """Every failing rule and subject on the day (what is missing, and the citation), every
    verdict not assessed with its reason, and how much was assessed: verdicts passed,
    failed and not assessed, rules in force with no subject, subjects with no rule in
    force. Zero gaps with zero verdicts checked means nothing was checked."""
    return governance.gaps(as_of=as_of, rule=rule, subject=subject, kind=kind)


@router.get("/coverage", responses=error_responses(InvalidDate, RequestValidationError))
def coverage(
    governance: GovernanceDep,
    of: Annotated[Of, Query(description="Rows: CRGs or boards.")] = Of.CRG,
    by: Annotated[By, Query(description="Columns: Senate areas, regions, hubs or ICBs.")] = By.SENATE,
    as_of: AsOf = None,
) -> Coverage:
    """A matrix of bodies by area: filled and vacant seats speaking for each area."""
    return governance.coverage(of=of, by=by, as_of=as_of)


@router.get("/line-of-sight/{start:path}", responses=_READ_ERRORS)
def line_of_sight(
    start: Annotated[str, Path(description="A post or person id.")], governance: GovernanceDep, as_of: AsOf = None
) -> LineOfSight:
    """The chain of accountable posts from a post (or a person's posts) up to the Deputy
    Medical Director, with typed breaks. A post that did not exist on the day has one
    break, `ended_post`, whose message gives its lifespan."""
    return governance.line_of_sight(start, as_of=as_of)


@router.get("/below/{post:path}", responses=_READ_ERRORS)
def below(post: Annotated[str, Path(description="A post id.")], governance: GovernanceDep, as_of: AsOf = None) -> Below:
    """Every post reporting, directly or through others, to a post."""
    return governance.below(post, as_of=as_of)


@router.get("/members/{org:path}", responses=_READ_ERRORS)
def members(org: Id, governance: GovernanceDep, as_of: AsOf = None) -> Members:
    """The seats of a body and who fills each. A body that did not exist on the day has
    `exists` false and its lifespan in `reason`, unlike a body with no seats."""
    return governance.members(org, as_of=as_of)


@router.get("/posts-of/{person:path}", responses=_READ_ERRORS)
def posts_of(
    person: Annotated[str, Path(description="A person id.")], governance: GovernanceDep, as_of: AsOf = None
) -> PostsOf:
    """The seats a person holds on the day."""
    return governance.posts_of(person, as_of=as_of)


@router.get("/overload", responses=error_responses(InvalidDate, RequestValidationError))
def overload(
    governance: GovernanceDep,
    min_seats: Annotated[int, Query(ge=1, le=10_000, description="The fewest seats to list a person for.")] = 5,
    as_of: AsOf = None,
) -> Overload:
    """People holding at least `min_seats` seats at once."""
    return governance.overload(min_seats=min_seats, as_of=as_of)


@router.get("/changes", responses=error_responses(InvalidDate, InvalidParameter, RequestValidationError))
def changes(
    governance: GovernanceDep,
    from_date: Annotated[str, Query(alias="from", description="The first day, YYYY-MM-DD.", examples=["2022-01-01"])],
    to_date: Annotated[str, Query(alias="to", description="The last day, YYYY-MM-DD.", examples=["2022-12-31"])],
) -> Changes:
    """What changed between two days: people, seats, bodies and rules."""
    return governance.changes(from_date, to_date)
