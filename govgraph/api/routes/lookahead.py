"""The look-ahead questions: seats about to fall vacant, what happens if a person leaves,
and which vacant seat to fill first. Each route parses its parameters, calls one query on
the loaded graph and returns its result model."""

from __future__ import annotations

from typing import Annotated, ClassVar

from fastapi import APIRouter, Query
from fastapi.exceptions import RequestValidationError

from govgraph.api.deps import GovernanceDep
from govgraph.api.errors import error_responses
from govgraph.api.operation_ids import operation_id
from govgraph.api.paging import PageInfo, WindowDep
from govgraph.api.params import AsOf, OptionalDay
from govgraph.api.strict import StrictRoute
from govgraph.errors import InvalidDate, InvalidParameter, NotFound
from govgraph.queries import Recruit, Upcoming, WhatIf
from govgraph.queries.lookahead import MAX_WITHIN_DAYS

router = APIRouter(tags=["looking ahead"], route_class=StrictRoute, generate_unique_id_function=operation_id)


class UpcomingPage(Upcoming, PageInfo):
    """The seats falling vacant, a page at a time."""

    PAGED: ClassVar[tuple[str, ...]] = ("vacancies",)


class RecruitPage(Recruit, PageInfo):
    """The vacant seats to fill, then the failing verdicts no seat fixes, a page at a time."""

    PAGED: ClassVar[tuple[str, ...]] = ("candidates", "unfixed")


@router.get("/upcoming", responses=error_responses(InvalidDate, RequestValidationError))
def get_upcoming(
    governance: GovernanceDep,
    window: WindowDep,
    within: Annotated[int, Query(ge=0, le=MAX_WITHIN_DAYS, description="How many days after `as_of` to look.")] = 180,
    as_of: AsOf = None,
) -> UpcomingPage:
    """Seats whose holder leaves (the holding ends) or reaches a term limit (a tenure rule)
    within `within` days after `as_of`, each with the verdicts that fail on that day
    because of it, the seats it empties ex officio and who the data has taking it over."""
    return window.page_report(UpcomingPage, governance.upcoming(as_of=as_of, within_days=within))


@router.get("/what-if", responses=error_responses(NotFound, InvalidDate, InvalidParameter, RequestValidationError))
def get_what_if(
    governance: GovernanceDep,
    leaves: Annotated[str, Query(description="The person who leaves.", examples=["person:soren-fictionwood"])],
    on: Annotated[
        OptionalDay,
        Query(description="The day they leave (the first day they hold no seat), YYYY-MM-DD. Default: today."),
    ] = None,
) -> WhatIf:
    """The verdicts that fail if a person leaves every seat on a day, the seats they leave,
    and the seats of other bodies they fill ex officio, which lose a member with them."""
    return governance.what_if(leaves, on=on)


@router.get("/recruit", responses=error_responses(InvalidDate, RequestValidationError))
def get_recruit(governance: GovernanceDep, window: WindowDep, as_of: AsOf = None) -> RecruitPage:
    """Vacant seats ranked by how many failing verdicts filling each would fix (and any it
    would make fail), and the failing verdicts no single appointment fixes."""
    return window.page_report(RecruitPage, governance.recruit(as_of=as_of))
