"""The representation and line-of-sight questions: one route per query, each parsing its
parameters, calling the query on the loaded graph and returning its result model, the
reports that hold long lists a page at a time (``api.paging``)."""

from __future__ import annotations

from typing import Annotated, ClassVar

from fastapi import APIRouter, Path, Query
from fastapi.exceptions import RequestValidationError

from govgraph.api.deps import GovernanceDep
from govgraph.api.errors import error_responses
from govgraph.api.operation_ids import operation_id
from govgraph.api.paging import PageInfo, WindowDep
from govgraph.api.params import AsOf, Day, Id, Kind
from govgraph.api.strict import StrictRoute
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

router = APIRouter(tags=["representation"], route_class=StrictRoute, generate_unique_id_function=operation_id)

_READ_ERRORS = error_responses(NotFound, InvalidDate, RequestValidationError)


class GapReportPage(GapReport, PageInfo):
    """A gap report, its verdicts and ids a page at a time (gaps, then not_assessed, then
    rules_without_subject, then subjects_without_rule); the counts are the whole day's."""

    PAGED: ClassVar[tuple[str, ...]] = ("gaps", "not_assessed", "rules_without_subject", "subjects_without_rule")


class CoveragePage(Coverage, PageInfo):
    """A coverage matrix, its rows (bodies) a page at a time; every page has every area."""

    PAGED: ClassVar[tuple[str, ...]] = ("bodies",)


class BelowPage(Below, PageInfo):
    """The posts below a post, a page at a time."""

    PAGED: ClassVar[tuple[str, ...]] = ("posts",)


class OverloadPage(Overload, PageInfo):
    """The people holding many seats, a page at a time."""

    PAGED: ClassVar[tuple[str, ...]] = ("people",)


class ChangesPage(Changes, PageInfo):
    """What changed between two days, its lists a page at a time, in the order of its fields."""

    PAGED: ClassVar[tuple[str, ...]] = tuple(
        name for name in Changes.model_fields if name not in {"from_date", "to_date"}
    )


@router.get("/representation/{subject:path}", responses=_READ_ERRORS)
def get_representation(subject: Id, governance: GovernanceDep, as_of: AsOf = None) -> Representation:
    """Every rule that applies to a CRG or board on the day (today by default), with its
    verdict, what is missing and the citation, and the body's seats with their holders.

    Each verdict, and the subject as a whole, is `passed`, `failed` or `not_assessed`;
    `reason` says why something was not assessed: the subject did not exist on the day
    (`exists` is false; `valid_from`/`valid_to` give its lifespan), no rule in force
    applies to it, or the data a rule needs is not attested after a day. A subject is
    never `passed` on no verdicts."""
    return governance.representation(subject, as_of=as_of)


@router.get("/gaps", responses=_READ_ERRORS)
def get_gaps(
    governance: GovernanceDep,
    window: WindowDep,
    as_of: AsOf = None,
    rule: Annotated[str | None, Query(description="Only this rule id.")] = None,
    subject: Annotated[str | None, Query(description="Only this subject id.")] = None,
    kind: Kind = None,
) -> GapReportPage:
    """Every failing rule and subject on the day (what is missing, and the citation), every
    verdict not assessed with its reason, and how much was assessed: verdicts passed,
    failed and not assessed, rules in force with no subject, subjects with no rule in
    force. Zero gaps with zero verdicts checked means nothing was checked."""
    return window.page_report(GapReportPage, governance.gaps(as_of=as_of, rule=rule, subject=subject, kind=kind))


@router.get("/coverage", responses=error_responses(InvalidDate, RequestValidationError))
def get_coverage(
    governance: GovernanceDep,
    window: WindowDep,
    of: Annotated[Of, Query(description="Rows: CRGs or boards.")] = Of.CRG,
    by: Annotated[By, Query(description="Columns: Senate areas, regions, hubs or ICBs.")] = By.SENATE,
    as_of: AsOf = None,
) -> CoveragePage:
    """A matrix of bodies by area: filled and vacant seats speaking for each area."""
    return window.page_report(CoveragePage, governance.coverage(of=of, by=by, as_of=as_of))


@router.get("/line-of-sight/{start:path}", responses=_READ_ERRORS)
def get_line_of_sight(
    start: Annotated[
        str, Path(description="A post or person id.", examples=["post:area-team:wessex/medical-director"])
    ],
    governance: GovernanceDep,
    as_of: AsOf = None,
) -> LineOfSight:
    """The chain of accountable posts from a post (or a person's posts) up to the Deputy
    Medical Director, with typed breaks. A post that did not exist on the day has one
    break, `ended_post`, whose message gives its lifespan."""
    return governance.line_of_sight(start, as_of=as_of)


@router.get("/below/{post:path}", responses=_READ_ERRORS)
def list_posts_below(
    post: Annotated[str, Path(description="A post id.", examples=["post:region:south/medical-director"])],
    governance: GovernanceDep,
    window: WindowDep,
    as_of: AsOf = None,
) -> BelowPage:
    """Every post reporting, directly or through others, to a post."""
    return window.page_report(BelowPage, governance.below(post, as_of=as_of))


@router.get("/members/{org:path}", responses=_READ_ERRORS)
def get_members(org: Id, governance: GovernanceDep, as_of: AsOf = None) -> Members:
    """The seats of a body and who fills each. A body that did not exist on the day has
    `exists` false and its lifespan in `reason`, unlike a body with no seats."""
    return governance.members(org, as_of=as_of)


@router.get("/posts-of/{person:path}", responses=_READ_ERRORS)
def get_posts_of(
    person: Annotated[str, Path(description="A person id.", examples=["person:soren-fictionwood"])],
    governance: GovernanceDep,
    as_of: AsOf = None,
) -> PostsOf:
    """The seats a person holds on the day."""
    return governance.posts_of(person, as_of=as_of)


@router.get("/overload", responses=error_responses(InvalidDate, RequestValidationError))
def list_overloaded(
    governance: GovernanceDep,
    window: WindowDep,
    min_seats: Annotated[int, Query(ge=1, le=10_000, description="The fewest seats to list a person for.")] = 5,
    as_of: AsOf = None,
) -> OverloadPage:
    """People holding at least `min_seats` seats at once."""
    return window.page_report(OverloadPage, governance.overload(min_seats=min_seats, as_of=as_of))


@router.get("/changes", responses=error_responses(InvalidDate, InvalidParameter, RequestValidationError))
def list_changes(
    governance: GovernanceDep,
    window: WindowDep,
    from_date: Annotated[
        Day, Query(alias="from", description="The day to compare from, YYYY-MM-DD; what changed after it counts.")
    ],
    to_date: Annotated[
        Day, Query(alias="to", description="The day to compare to, YYYY-MM-DD; what changed up to and on it counts.")
    ],
) -> ChangesPage:
    """What changed between two days: people, seats, bodies and rules, a page at a time."""
    return window.page_report(ChangesPage, governance.changes(from_date, to_date))
