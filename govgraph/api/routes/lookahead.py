"""The look-ahead questions: seats about to fall vacant, what happens if a person leaves,
and which vacant seat to fill first. Each route parses its parameters, calls one query on
the loaded graph and returns its result model."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.exceptions import RequestValidationError

from govgraph.api.deps import GovernanceDep
from govgraph.api.errors import error_responses
from govgraph.errors import InvalidDate, InvalidParameter, NotFound
from govgraph.queries import Recruit, Upcoming, WhatIf
from govgraph.queries.lookahead import MAX_WITHIN_DAYS

router = APIRouter(tags=["looking ahead"])

# A string, parsed by the query, so that a bad date answers 400 invalid_date as everywhere.
Day = Annotated[
    str | None, Query(description="The day to answer for, YYYY-MM-DD. Default: today.", examples=["2026-12-01"])
]


@router.get("/upcoming", responses=error_responses(InvalidDate, RequestValidationError))
def upcoming(
    governance: GovernanceDep,
    within: Annotated[int, Query(ge=0, le=MAX_WITHIN_DAYS, description="How many days after `as_of` to look.")] = 180,
    as_of: Day = None,
) -> Upcoming:
    """Seats whose holder leaves (the holding ends) or reaches a term limit (a tenure rule)
    within `within` days after `as_of`, each with the verdicts that fail on that day
    because of it, the seats it empties ex officio and who the data has taking it over."""
    return governance.upcoming(as_of=as_of, within_days=within)


@router.get("/what-if", responses=error_responses(NotFound, InvalidDate, InvalidParameter, RequestValidationError))
def what_if(
    governance: GovernanceDep,
    leaves: Annotated[str, Query(description="The person who leaves.", examples=["person:soren-fictionwood"])],
    on: Annotated[
        str | None,
        Query(description="The day they leave (the first day they hold no seat), YYYY-MM-DD. Default: today."),
    ] = None,
) -> WhatIf:
    """The verdicts that fail if a person leaves every seat on a day, the seats they leave,
    and the seats of other bodies they fill ex officio, which lose a member with them."""
    return governance.what_if(leaves, on=on)


@router.get("/recruit", responses=error_responses(InvalidDate, RequestValidationError))
def recruit(governance: GovernanceDep, as_of: Day = None) -> Recruit:
    """Vacant seats ranked by how many failing verdicts filling each would fix (and any it
    would make fail), and the failing verdicts no single appointment fixes."""
    return governance.recruit(as_of=as_of)
