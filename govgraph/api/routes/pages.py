"""The service's HTML: the home page, search, report pages (the look-ahead pages among
them), node pages, source documents, diagrams and the coverage and look-ahead downloads,
under ``/``; and the scripts and styles they share, under ``/assets``.

Each route is thin: it turns its parameters into a ``ViewRequest`` and draws the view of
the same name from ``govgraph.viz.VIEWS``, the registry ``govgraph render`` draws from too.
The routes are left out of the OpenAPI schema, which documents the JSON API under ``/api``.

Errors answer as HTML
    A browser asking for a page should get a page back, not JSON. The routes raise the same
    domain errors as the JSON API, and ``HtmlErrorRoute`` turns each into an error page
    with the status and code of ``govgraph.api.errors.ERRORS``: an unknown id is a 404 whose
    suggestions are links to the same page for each closest id, a bad date a 400, a bad
    parameter a 422. An unexpected error is a 500 that says nothing of the internals; the
    traceback goes to the log.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Coroutine
from http import HTTPStatus
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute

from govgraph.api.deps import GovernanceDep
from govgraph.api.errors import error_detail
from govgraph.api.params import AsOf, Id, Kind
from govgraph.api.strict import StrictRoute
from govgraph.errors import NotFound
from govgraph.queries.coverage import By, Of
from govgraph.queries.lookahead import MAX_WITHIN_DAYS
from govgraph.queries.neighbourhood import MAX_DEPTH
from govgraph.viz import VIEWS, Frame, Links, ViewRequest, draw, pages
from govgraph.viz.assets import ASSETS, asset, media_type

__all__ = ["HtmlErrorRoute", "router"]

logger = logging.getLogger(__name__)

GapsOnly = Annotated[Literal["only"] | None, Query(description="`only`: only rows with gaps.")]
SortBy = Annotated[Literal["name", "gaps"], Query(description="`gaps`: most gaps first.")]
_SERVED = Links.served()
# A served asset's URL carries a digest of its content, so the browser may keep it for good.
_CACHE_FOREVER = "public, max-age=31536000, immutable"


class HtmlErrorRoute(StrictRoute):
    """A route that answers an error with an HTML page (see the module docstring), an
    unknown query parameter among them (``StrictRoute``)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except Exception as exc:
                return _error_response(request, exc)

        return handle


router = APIRouter(route_class=HtmlErrorRoute, include_in_schema=False, default_response_class=HTMLResponse)


def _page(view: str, governance: GovernanceDep, request: ViewRequest) -> Response:
    body = draw(view, governance, request, _SERVED)
    return Response(body, media_type=VIEWS[view].media_type)


@router.get("/")
def home(governance: GovernanceDep, as_of: AsOf = None) -> Response:
    """Links to everything, and the programmes of care with their CRGs and boards."""
    return _page("home", governance, ViewRequest(as_of=as_of))


@router.get("/search")
def search(governance: GovernanceDep, q: str = "", as_of: AsOf = None) -> Response:
    """Nodes whose id or name holds ``q``."""
    return _page("search", governance, ViewRequest(query=q, as_of=as_of))


@router.get("/nodes/{id:path}")
def node(id: Id, governance: GovernanceDep, as_of: AsOf = None) -> Response:
    """One node's page."""
    return _page("node", governance, ViewRequest(id=id, as_of=as_of))


@router.get("/sources/{file}")
def source(file: str, governance: GovernanceDep, at: str = "", as_of: AsOf = None) -> Response:
    """A source document with the passages ``at`` names (comma-separated anchors) marked."""
    anchors = tuple(a for a in at.split(",") if a)
    return _page("source", governance, ViewRequest(id=file, at=anchors, as_of=as_of))


@router.get("/coverage")
def coverage(governance: GovernanceDep, of: Of = Of.CRG, by: By = By.SENATE, gaps: GapsOnly = None,
             sort: SortBy = "name", as_of: AsOf = None) -> Response:  # fmt: skip
    """The coverage heat map."""
    request = ViewRequest(of=of.value, by=by.value, gaps_only=gaps == "only", sort=sort, as_of=as_of)
    return _page("coverage", governance, request)


@router.get("/coverage.csv")
def coverage_csv(governance: GovernanceDep, of: Of = Of.CRG, by: By = By.SENATE, gaps: GapsOnly = None,
                 sort: SortBy = "name", as_of: AsOf = None) -> Response:  # fmt: skip
    """The rows of the heat map as shown, as CSV."""
    request = ViewRequest(of=of.value, by=by.value, gaps_only=gaps == "only", sort=sort, as_of=as_of)
    return _download("coverage.csv", governance, request, f"coverage-{of.value}-by-{by.value}")


@router.get("/coverage.xlsx")
def coverage_xlsx(governance: GovernanceDep, of: Of = Of.CRG, by: By = By.SENATE, gaps: GapsOnly = None,
                  sort: SortBy = "name", as_of: AsOf = None) -> Response:  # fmt: skip
    """The rows of the heat map as shown, as an Excel workbook."""
    request = ViewRequest(of=of.value, by=by.value, gaps_only=gaps == "only", sort=sort, as_of=as_of)
    return _download("coverage.xlsx", governance, request, f"coverage-{of.value}-by-{by.value}")


@router.get("/gaps")
def gaps(governance: GovernanceDep, as_of: AsOf = None, rule: str | None = None, subject: str | None = None,
         kind: Kind = None) -> Response:  # fmt: skip
    """The gap report."""
    return _page("gaps", governance, ViewRequest(as_of=as_of, rule=rule, subject=subject, kind=kind))


Within = Annotated[int, Query(ge=0, le=MAX_WITHIN_DAYS, description="How many days after `as_of` to look.")]
Leaves = Annotated[str | None, Query(description="The person who leaves, e.g. `person:soren-fictionwood`.")]


@router.get("/upcoming")
def upcoming(governance: GovernanceDep, within: Within = 180, as_of: AsOf = None) -> Response:
    """The seats falling vacant within ``within`` days after the day, and what then fails."""
    return _page("upcoming", governance, ViewRequest(within=within, as_of=as_of))


@router.get("/upcoming.csv")
def upcoming_csv(governance: GovernanceDep, within: Within = 180, as_of: AsOf = None) -> Response:
    """The upcoming vacancies as shown, as CSV."""
    return _download("upcoming.csv", governance, ViewRequest(within=within, as_of=as_of), f"upcoming-{within}-days")


@router.get("/what-if")
def what_if(governance: GovernanceDep, leaves: Leaves = None, on: AsOf = None) -> Response:
    """What fails if a person leaves every seat on a day; without ``leaves``, the form alone."""
    return _page("what-if", governance, ViewRequest(id=leaves or None, as_of=on))


@router.get("/what-if.csv")
def what_if_csv(governance: GovernanceDep, leaves: Annotated[str, Query()], on: AsOf = None) -> Response:
    """What a person's leaving does, as CSV."""
    return _download("what-if.csv", governance, ViewRequest(id=leaves, as_of=on), f"what-if-{_file_safe(leaves)}")


@router.get("/recruit")
def recruit(governance: GovernanceDep, as_of: AsOf = None) -> Response:
    """The vacant seats ranked by how many failing verdicts filling each fixes."""
    return _page("recruit", governance, ViewRequest(as_of=as_of))


@router.get("/recruit.csv")
def recruit_csv(governance: GovernanceDep, as_of: AsOf = None) -> Response:
    """The ranked seats and the failures no seat fixes, as CSV."""
    return _download("recruit.csv", governance, ViewRequest(as_of=as_of), "recruit")


@router.get("/changes")
def changes(governance: GovernanceDep, from_date: Annotated[str, Query(alias="from")],
            to_date: Annotated[str, Query(alias="to")]) -> Response:  # fmt: skip
    """What changed between two days, as a sortable table."""
    return _page("changes", governance, ViewRequest(from_date=from_date, to_date=to_date))


@router.get("/diagrams/overview")
def overview_diagram(governance: GovernanceDep, as_of: AsOf = None) -> Response:
    """The portfolios, programmes of care, CRGs and boards, coloured by their verdicts."""
    return _page("overview", governance, ViewRequest(as_of=as_of))


@router.get("/diagrams/focus/{id:path}")
def focus_diagram(id: Id, governance: GovernanceDep, depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 1,
                  as_of: AsOf = None) -> Response:  # fmt: skip
    """A node and what is within ``depth`` steps of it."""
    return _page("focus", governance, ViewRequest(id=id, depth=depth, as_of=as_of))


@router.get("/diagrams/representation/{id:path}")
def representation_diagram(id: Id, governance: GovernanceDep, as_of: AsOf = None) -> Response:
    """A body's seat map: seats by role and area, filled, vacant or missing."""
    return _page("representation", governance, ViewRequest(id=id, as_of=as_of))


@router.get("/diagrams/line-of-sight/{id:path}")
def line_of_sight_diagram(id: Id, governance: GovernanceDep, as_of: AsOf = None) -> Response:
    """The chain of posts from a post (or a person's posts) up, with its breaks."""
    return _page("line-of-sight", governance, ViewRequest(id=id, as_of=as_of))


@router.get("/diagrams/changes")
def changes_diagram(governance: GovernanceDep, from_date: Annotated[str, Query(alias="from")],
                    to_date: Annotated[str, Query(alias="to")]) -> Response:  # fmt: skip
    """What appeared, ended, fell vacant or was filled between two days, as a diagram."""
    return _page("changes-diagram", governance, ViewRequest(from_date=from_date, to_date=to_date))


@router.get("/assets/{name}")
def shared_asset(name: str, v: str | None = None) -> Response:
    """A script or style the pages share (vis-network, our own), cacheable for good. The
    pages link it with its version in ``v``, so that a new version has a new URL; the
    asset served is the current one whatever ``v`` says."""
    if name not in ASSETS:
        raise NotFound(name, [known for known in ASSETS if known.split(".")[-1] == name.split(".")[-1]][:3])
    return Response(asset(name), media_type=media_type(name), headers={"Cache-Control": _CACHE_FOREVER})


def _download(view: str, governance: GovernanceDep, request: ViewRequest, stem: str) -> Response:
    day = request.as_of or "today"
    extension = view.rsplit(".", 1)[1]
    headers = {"Content-Disposition": f'attachment; filename="{stem}-{day}.{extension}"'}
    return Response(draw(view, governance, request, _SERVED), media_type=VIEWS[view].media_type, headers=headers)


def _file_safe(text: str) -> str:
    """Text fit for a download's file name: no quote, slash or anything a header could trip on.

    >>> _file_safe('person:a"b/c')
    'person-a_b_c'
    """
    return re.sub(r"[^A-Za-z0-9._-]", "_", text.replace(":", "-"))


def _error_response(request: Request, exc: Exception) -> HTMLResponse:
    detail = error_detail(exc)  # the JSON error body's own description, drawn as a page
    if detail.status == HTTPStatus.INTERNAL_SERVER_ERROR:
        logger.exception("error answering %s", request.url.path)
    suggestions = []
    if isinstance(exc, NotFound):
        suggestions = [pages.Suggestion(text=s, url=_suggestion_url(request, exc.id, s)) for s in detail.suggestions]
    frame = Frame(links=_SERVED, view="home")
    page = pages.error_page(detail.status, HTTPStatus(detail.status).phrase, detail.message, frame, suggestions)
    return HTMLResponse(page, status_code=detail.status)


def _suggestion_url(request: Request, unknown: str, suggestion: str) -> str:
    """The page asked for with the unknown id replaced by ``suggestion``: in the path
    (``/nodes/crg:CSF``) or in a parameter (``/gaps?rule=crg-chiar``, whose error names it
    ``rule crg-chiar``). Failing both, the suggestion's own page."""
    params = dict(request.query_params)
    route: APIRoute = request.scope["route"]
    for name, given in request.path_params.items():
        if given == unknown:
            return _with_query(route.path_format.replace("{" + name + "}", suggestion), params)
    for name, given in params.items():
        if unknown in (given, f"{name} {given}"):
            return _with_query(route.path_format, {**params, name: suggestion})
    return _with_query(f"/nodes/{suggestion}", {})


def _with_query(path: str, params: dict[str, str]) -> str:
    """
    >>> _with_query("/diagrams/focus/crg:CFS", {"depth": "2"})
    '/diagrams/focus/crg:CFS?depth=2'
    """
    return quote(path, safe=":/") + (f"?{urlencode(params)}" if params else "")
