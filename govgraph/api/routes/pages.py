"""The service's HTML: the home page, report pages, node pages and diagrams, under ``/``.

Each route is thin, as the JSON routes are: it calls one query on the loaded graph and hands
the result to ``govgraph.viz`` to draw. The routes are left out of the OpenAPI schema,
which documents the JSON API under ``/api``.

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
from collections.abc import Callable, Coroutine
from http import HTTPStatus
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute

from govgraph.api.deps import GovernanceDep
from govgraph.api.errors import error_detail
from govgraph.api.routes.nodes import AsOf, Kind
from govgraph.errors import NotFound
from govgraph.queries.coverage import By, Of
from govgraph.queries.neighbourhood import MAX_DEPTH
from govgraph.viz import pages, render_html, to_vis_data
from govgraph.viz._html import link

__all__ = ["HtmlErrorRoute", "router"]

logger = logging.getLogger(__name__)

Id = Annotated[str, Path(description="A namespaced id, e.g. `crg:CFS`.")]


class HtmlErrorRoute(APIRoute):
    """A route that answers an error with an HTML page (see the module docstring)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except Exception as exc:  # every error becomes a page; unexpected ones are logged
                return _error_response(request, exc)

        return handle


router = APIRouter(route_class=HtmlErrorRoute, include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/")
def home(governance: GovernanceDep, as_of: AsOf = None) -> HTMLResponse:
    """Links to everything, and the programmes of care with their CRGs and boards."""
    return HTMLResponse(pages.home_page(governance.overview(as_of=as_of), as_of=as_of))


@router.get("/coverage")
def coverage(governance: GovernanceDep, of: Of = Of.CRG, by: By = By.SENATE, as_of: AsOf = None) -> HTMLResponse:
    """The coverage heat map."""
    return HTMLResponse(pages.coverage_page(governance.coverage(of=of, by=by, as_of=as_of)))


@router.get("/gaps")
def gaps(
    governance: GovernanceDep,
    as_of: AsOf = None,
    rule: str | None = None,
    subject: str | None = None,
    kind: Kind = None,
) -> HTMLResponse:
    """The gap report."""
    return HTMLResponse(pages.gaps_page(governance.gaps(as_of=as_of, rule=rule, subject=subject, kind=kind)))


@router.get("/nodes/{id:path}")
def node(id: Id, governance: GovernanceDep, as_of: AsOf = None) -> HTMLResponse:
    """One node's page."""
    return HTMLResponse(pages.node_page(governance.show(id, as_of=as_of)))


@router.get("/diagrams/overview")
def overview_diagram(governance: GovernanceDep, as_of: AsOf = None) -> HTMLResponse:
    """The portfolios, programmes of care, CRGs and boards."""
    return HTMLResponse(render_html(to_vis_data(governance.overview(as_of=as_of))))


@router.get("/diagrams/focus/{id:path}")
def focus_diagram(
    id: Id,
    governance: GovernanceDep,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH)] = 1,
    as_of: AsOf = None,
) -> HTMLResponse:
    """A node and what is within ``depth`` steps of it."""
    return HTMLResponse(render_html(to_vis_data(governance.focus(id, depth=depth, as_of=as_of))))


@router.get("/diagrams/representation/{id:path}")
def representation_diagram(id: Id, governance: GovernanceDep, as_of: AsOf = None) -> HTMLResponse:
    """A body's seats, filled or vacant, by the areas they speak for, and what is missing."""
    return HTMLResponse(render_html(to_vis_data(governance.representation(id, as_of=as_of))))


@router.get("/diagrams/line-of-sight/{id:path}")
def line_of_sight_diagram(id: Id, governance: GovernanceDep, as_of: AsOf = None) -> HTMLResponse:
    """The chain of posts from a post (or a person's posts) up, with its breaks."""
    return HTMLResponse(render_html(to_vis_data(governance.line_of_sight(id, as_of=as_of))))


@router.get("/diagrams/changes")
def changes_diagram(
    governance: GovernanceDep,
    from_date: Annotated[str, Query(alias="from")],
    to_date: Annotated[str, Query(alias="to")],
) -> HTMLResponse:
    """What appeared, ended, fell vacant or was filled between two days."""
    return HTMLResponse(render_html(to_vis_data(governance.changes(from_date, to_date))))


def _error_response(request: Request, exc: Exception) -> HTMLResponse:
    detail = error_detail(exc)  # the JSON error body's own description, drawn as a page
    if detail.status == HTTPStatus.INTERNAL_SERVER_ERROR:
        logger.exception("error answering %s", request.url.path)
    suggestions = []
    if isinstance(exc, NotFound):
        suggestions = [pages.Suggestion(text=s, url=_suggestion_url(request, exc.id, s)) for s in detail.suggestions]
    page = pages.error_page(detail.status, HTTPStatus(detail.status).phrase, detail.message, suggestions)
    return HTMLResponse(page, status_code=detail.status)


def _suggestion_url(request: Request, unknown: str, suggestion: str) -> str:
    """The page asked for with the unknown id replaced by ``suggestion``: in the path
    (``/nodes/crg:CSF``) or in a parameter (``/gaps?rule=crg-chiar``, whose error names it
    ``rule crg-chiar``). Failing both, the suggestion's own page."""
    params = dict(request.query_params)
    route: APIRoute = request.scope["route"]
    for name, given in request.path_params.items():
        if given == unknown:
            return link(route.path_format.replace("{" + name + "}", suggestion), **params)
    for name, given in params.items():
        if unknown in (given, f"{name} {given}"):
            return link(route.path_format, **{**params, name: suggestion})
    return link(f"/nodes/{suggestion}")
