"""The registry of views: every page and download, by name, drawn from a loaded graph.

The service's pages (``govgraph.api.routes.pages``) and ``govgraph render`` both draw a
view through ``VIEWS``: each view asks the queries it needs and hands the results to the
page or diagram that draws them, in the frame of the place the page is for (``Links``).
So a page served and the same page written to a file are the same page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from govgraph.governance import Governance
from govgraph.graph.model import EdgeType, NodeKind
from govgraph.graph.timeline import parse_date
from govgraph.queries.neighbourhood import MAX_DEPTH, Subgraph
from govgraph.viz import lookahead, pages
from govgraph.viz._html import Frame
from govgraph.viz.heatmap import heat_table, to_csv, to_xlsx
from govgraph.viz.links import Links
from govgraph.viz.model import VisGraph
from govgraph.viz.neighbourhood import aggregated_overview
from govgraph.viz.outcome import Outcome, body_outcome
from govgraph.viz.render import render_html
from govgraph.viz.vis import to_vis_data

__all__ = ["VIEWS", "View", "ViewRequest", "draw", "outcomes_of"]

_BODY_KINDS = (NodeKind.CRG, NodeKind.BOARD)


@dataclass(frozen=True)
class ViewRequest:
    """Everything a view may be asked for; each view reads the fields it needs."""

    id: str | None = None
    as_of: str | None = None
    depth: int = 1
    from_date: str | None = None
    to_date: str | None = None
    of: str = "crg"
    by: str = "senate"
    gaps_only: bool = False
    sort: Literal["name", "gaps"] = "name"
    rule: str | None = None
    subject: str | None = None
    kind: NodeKind | None = None
    query: str = ""
    at: tuple[str, ...] = field(default_factory=tuple)
    within: int = 180


@dataclass(frozen=True)
class View:
    """One view: how it is drawn, what it needs besides the day, and what it answers with."""

    name: str
    draw: Callable[[Governance, ViewRequest, Links], str | bytes]
    needs: Literal["day", "id", "window"] = "day"
    media_type: str = "text/html; charset=utf-8"
    example_id: str = "crg:CFS"


def outcomes_of(governance: Governance, overview: Subgraph) -> dict[str, Outcome]:
    """Each CRG's and board's outcome on the overview's day."""
    return {
        node.id: body_outcome(governance.representation(node.id, as_of=overview.as_of))
        for node in overview.nodes
        if node.kind in _BODY_KINDS
    }


def _day(value: str | date | None) -> str:
    """The ISO day asked for, today without one."""
    return str(parse_date(value))


def _frame(governance: Governance, links: Links, view: str, request: ViewRequest, day: str,
           id: str | None = None, params: Mapping[str, str | None] | None = None) -> Frame:  # fmt: skip
    kept = {name: value for name, value in (params or {}).items() if value is not None}
    return Frame(links=links, view=view, id=id, params=kept, as_of=request.as_of,
                 era=pages.era_of(governance.rules, day))  # fmt: skip


def _home(governance: Governance, request: ViewRequest, links: Links) -> str:
    overview = governance.overview(as_of=request.as_of)
    day = overview.as_of.isoformat()
    frame = _frame(governance, links, "home", request, day)
    named = governance.stats(as_of=day).named
    return pages.home_page(overview, frame, outcomes_of(governance, overview), named)


def _search(governance: Governance, request: ViewRequest, links: Links) -> str:
    day = _day(request.as_of)
    hits = governance.search(request.query, as_of=request.as_of) if request.query.strip() else []
    return pages.search_page(request.query, hits, _frame(governance, links, "search", request, day), day=day)


def _node(governance: Governance, request: ViewRequest, links: Links) -> str:
    id = _required(request)
    detail = governance.show(id, as_of=request.as_of)
    day = _day(detail.as_of)
    kind = detail.node.kind
    has_seats = any(r.type == EdgeType.POST_IN and r.direction == "in" for r in detail.relations)
    members = governance.members(id, as_of=day) if kind in pages.REPRESENTED_KINDS or has_seats else None
    representation = governance.representation(id, as_of=day) if kind in _BODY_KINDS else None
    posts = governance.posts_of(id, as_of=day) if kind == NodeKind.PERSON else None
    frame = _frame(governance, links, "node", request, day, id=id)
    return pages.node_page(detail, frame, day=day, members=members, representation=representation, posts=posts)


def _source(governance: Governance, request: ViewRequest, links: Links) -> str:
    file = _required(request)
    day = request.as_of
    frame = _frame(governance, links, "source", request, _day(day), id=file)
    return pages.source_page(file, request.at, frame, day=day)


def _coverage_params(request: ViewRequest) -> dict[str, str | None]:
    return {"of": request.of, "by": request.by, "gaps": "only" if request.gaps_only else None,
            "sort": request.sort if request.sort != "name" else None}  # fmt: skip


def _coverage(governance: Governance, request: ViewRequest, links: Links) -> str:
    coverage = governance.coverage(of=request.of, by=request.by, as_of=request.as_of)
    frame = _frame(governance, links, "coverage", request, coverage.as_of.isoformat(), params=_coverage_params(request))
    return pages.coverage_page(coverage, frame, gaps_only=request.gaps_only, sort=request.sort)


def _coverage_csv(governance: Governance, request: ViewRequest, links: Links) -> str:
    coverage = governance.coverage(of=request.of, by=request.by, as_of=request.as_of)
    return to_csv(heat_table(coverage, gaps_only=request.gaps_only, sort=request.sort))


def _coverage_xlsx(governance: Governance, request: ViewRequest, links: Links) -> bytes:
    coverage = governance.coverage(of=request.of, by=request.by, as_of=request.as_of)
    return to_xlsx(heat_table(coverage, gaps_only=request.gaps_only, sort=request.sort))


def _gaps(governance: Governance, request: ViewRequest, links: Links) -> str:
    report = governance.gaps(as_of=request.as_of, rule=request.rule, subject=request.subject, kind=request.kind)
    params = {"rule": request.rule, "subject": request.subject, "kind": request.kind}
    return pages.gaps_page(report, _frame(governance, links, "gaps", request, report.as_of.isoformat(), params=params))


def _changes(governance: Governance, request: ViewRequest, links: Links) -> str:
    changes = governance.changes(*_window(request))
    return pages.changes_page(changes, _frame(governance, links, "changes", request, changes.to_date.isoformat()))


def _people(governance: Governance, ids: Iterable[str]) -> tuple[dict[str, str], frozenset[str]]:
    """The names of the people ``ids``, and which of them the example roster invented."""
    nodes = {id: governance.store.node(id) for id in set(ids)}
    return {id: node["name"] for id, node in nodes.items()}, frozenset(
        id for id, node in nodes.items() if node.get("fictional")
    )


def _upcoming(governance: Governance, request: ViewRequest, links: Links) -> str:
    result = governance.upcoming(as_of=request.as_of, within_days=request.within)
    names, fictional = _people(governance, [p for v in result.vacancies for p in (v.person_id, *v.next_holders)])
    params = {"within": str(request.within) if request.within != 180 else None}
    frame = _frame(governance, links, "upcoming", request, result.as_of.isoformat(), params=params)
    return lookahead.upcoming_page(result, frame, names=names, fictional=fictional)


def _what_if(governance: Governance, request: ViewRequest, links: Links) -> str:
    """The what-if page: the form alone until a person is chosen (``id``); ``as_of`` is the
    day they leave."""
    day = _day(request.as_of)
    frame = _frame(governance, links, "what-if", request, day)
    if request.id is None:
        return lookahead.what_if_page(None, frame, day=day)
    result = governance.what_if(request.id, on=request.as_of)
    _, fictional = _people(governance, [result.person_id])
    return lookahead.what_if_page(result, frame, day=day, fictional=fictional)


def _recruit(governance: Governance, request: ViewRequest, links: Links) -> str:
    result = governance.recruit(as_of=request.as_of)
    return lookahead.recruit_page(result, _frame(governance, links, "recruit", request, result.as_of.isoformat()))


def _diagram(view: str, vis_of: Callable[[Governance, ViewRequest], VisGraph]) -> Callable[[Governance, ViewRequest, Links], str]:  # fmt: skip
    def draw_diagram(governance: Governance, request: ViewRequest, links: Links) -> str:
        vis = vis_of(governance, request)
        params: dict[str, str | None] = {"depth": str(request.depth)} if view == "focus" and request.depth != 1 else {}
        frame = _frame(governance, links, view, request, vis.as_of, id=request.id, params=params)
        return render_html(vis, frame)

    return draw_diagram


def _overview_vis(governance: Governance, request: ViewRequest) -> VisGraph:
    overview = governance.overview(as_of=request.as_of)
    # An overview aggregated by programme draws no body, so needs no body's outcome.
    outcomes = None if aggregated_overview(overview) else outcomes_of(governance, overview)
    return to_vis_data(overview, outcomes=outcomes)


def _focus_vis(governance: Governance, request: ViewRequest) -> VisGraph:
    """The focus diagram ``depth`` steps around, with the next step drawn hidden for a click
    to expand."""
    id = _required(request)
    drawn = min(request.depth + 1, MAX_DEPTH)
    vis = to_vis_data(governance.focus(id, depth=drawn, as_of=request.as_of), shown_depth=request.depth)
    if drawn == request.depth:
        return vis
    # The query titles the subgraph by the steps it holds; the page shows one fewer.
    shown = governance.focus(id, depth=request.depth, as_of=request.as_of).title
    return vis.model_copy(update={"title": shown})


def _required(request: ViewRequest) -> str:
    if request.id is None:
        raise ValueError("this view needs an id")  # the CLI and the routes ask for it before
    return request.id


def _window(request: ViewRequest) -> tuple[str, str]:
    if request.from_date is None or request.to_date is None:
        raise ValueError("this view needs from and to")  # the CLI and the routes ask for them before
    return request.from_date, request.to_date


#: Every view by name, in the order ``govgraph render --view`` lists them.
VIEWS: dict[str, View] = {
    view.name: view
    for view in (
        View("overview", _diagram("overview", _overview_vis)),
        View("focus", _diagram("focus", _focus_vis),
             needs="id"),
        View("representation", _diagram("representation",
             lambda g, r: to_vis_data(g.representation(_required(r), as_of=r.as_of))), needs="id"),
        View("line-of-sight", _diagram("line-of-sight",
             lambda g, r: to_vis_data(g.line_of_sight(_required(r), as_of=r.as_of))), needs="id",
             example_id="post:area-team:wessex/medical-director"),
        View("changes-diagram", _diagram("changes-diagram", lambda g, r: to_vis_data(g.changes(*_window(r)))),
             needs="window"),
        View("changes", _changes, needs="window"),
        View("coverage", _coverage),
        View("coverage.csv", _coverage_csv, media_type="text/csv; charset=utf-8"),
        View("coverage.xlsx", _coverage_xlsx,
             media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        View("gaps", _gaps),
        View("upcoming", _upcoming),
        View("upcoming.csv", lambda g, r, links: lookahead.to_csv(g.upcoming(as_of=r.as_of, within_days=r.within)),
             media_type="text/csv; charset=utf-8"),
        View("what-if", _what_if, needs="id", example_id="person:soren-fictionwood"),
        View("what-if.csv", lambda g, r, links: lookahead.to_csv(g.what_if(_required(r), on=r.as_of)), needs="id",
             media_type="text/csv; charset=utf-8", example_id="person:soren-fictionwood"),
        View("recruit", _recruit),
        View("recruit.csv", lambda g, r, links: lookahead.to_csv(g.recruit(as_of=r.as_of)),
             media_type="text/csv; charset=utf-8"),
        View("home", _home),
        View("node", _node, needs="id"),
        View("search", _search),
        View("source", _source, needs="id", example_id="001_7c6f17057a5b61aa.txt"),
    )
}  # fmt: skip


def draw(name: str, governance: Governance, request: ViewRequest, links: Links) -> str | bytes:
    """The view ``name`` for ``request``, with links for ``links``."""
    return VIEWS[name].draw(governance, request, links)
