"""Report pages: the home page, the coverage heat map, the gap report, one node's page, and
the page an error answers with. Each is one HTML document drawn from one query result.

The pages share the diagrams' chrome (``templates/base.html``: navigation, the day, the
style) and their policy: nothing loads from anywhere and no script runs, so the pages work
offline and a hostile name in the data is only ever text (Jinja2 autoescapes every value).
Tables have captions and header cells with ``scope``; the heat map says in text what its
colours and marks show.

Nothing here decides an answer. The heat map colours each cell by the number of filled
seats the coverage query counted and marks the cells with vacant seats; what a rule finds
missing is shown as the gap report's verdicts say.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from govgraph.graph.model import EdgeType, NodeKind
from govgraph.queries.coverage import Cell, Coverage
from govgraph.queries.lookup import NodeDetail
from govgraph.queries.neighbourhood import Subgraph, SubgraphNode
from govgraph.queries.representation import GapReport
from govgraph.viz._html import render_page

__all__ = ["HEAT_LEVELS", "Suggestion", "coverage_page", "error_page", "gaps_page", "home_page", "node_page"]

#: The heat map's shades: 0, 1, 2, 3 and "4 or more" filled seats.
HEAT_LEVELS = 5

# Kinds whose page links to a representation diagram: the bodies rules are written for,
# and organisations (providers, professional bodies), whose seats are worth seeing too.
_REPRESENTED_KINDS = frozenset({NodeKind.CRG, NodeKind.BOARD, NodeKind.ORGANISATION})
# Kinds whose page links to a line-of-sight diagram.
_LINE_OF_SIGHT_KINDS = frozenset({NodeKind.POST, NodeKind.PERSON})
# Node fields shown in a table of their own on a node's page, in this order. A person's
# email is left out: it is for callers with the API key, and a page is open to anyone.
_FIELDS = (
    "kind",
    "id",
    "name",
    "code",
    "model",
    "role",
    "single_holder",
    "employer",
    "valid_from",
    "valid_to",
    "source",
)


@dataclass(frozen=True)
class Suggestion:
    """A link an error page offers instead: the closest id, and where it leads."""

    text: str
    url: str


def home_page(overview: Subgraph, *, as_of: str | None = None) -> str:
    """Links to every diagram and report, and each programme of care with its CRGs and
    boards (the overview query's nodes, grouped by their PART_OF edges).

    ``as_of`` is the day the reader asked for, carried on every link; without one the
    pages answer for today.
    """
    by_id = {node.id: node for node in overview.nodes}
    parts: dict[str, list[SubgraphNode]] = {node.id: [] for node in overview.nodes}
    for edge in overview.edges:
        if edge.type == EdgeType.PART_OF and edge.to_id in parts:
            parts[edge.to_id].append(by_id[edge.from_id])
    portfolios = [node for node in overview.nodes if node.kind == NodeKind.PORTFOLIO]
    # A programme in no portfolio on the day is listed on its own rather than dropped.
    in_portfolio = {part.id for portfolio in portfolios for part in parts[portfolio.id]}
    loose = [node for node in overview.nodes if node.kind == NodeKind.PROGRAMME and node.id not in in_portfolio]
    return render_page(
        "home.html",
        title="govgraph: who speaks for whom in specialised commissioning",
        as_of=as_of,
        day=overview.as_of.isoformat(),
        portfolios=portfolios,
        loose=loose,
        parts=parts,
    )


def coverage_page(coverage: Coverage) -> str:
    """The body x area heat map: each cell's colour is its count of filled seats, its text
    ``filled/seats``; a cell with a vacant seat is outlined in red and says how many."""
    return render_page(
        "coverage.html",
        title=f"Coverage: {_PLURAL_OF[coverage.of.value]} by {_NAME_OF_BY[coverage.by.value]}",
        as_of=coverage.as_of.isoformat(),
        coverage=coverage,
        heat=_heat,
        heat_levels=range(HEAT_LEVELS),
        by_choices=_NAME_OF_BY,
        of_choices=_PLURAL_OF,
    )


def gaps_page(report: GapReport) -> str:
    """Every failing rule and subject: what the rule needs, what is missing, and the
    citation of the seed paragraph the rule comes from."""
    return render_page(
        "gaps.html",
        title="Gap report",
        as_of=report.as_of.isoformat(),
        report=report,
        line_of_sight_kinds=_LINE_OF_SIGHT_KINDS,
    )


def node_page(detail: NodeDetail) -> str:
    """One node: its fields, its diagrams, and every relation with its citation."""
    node = detail.node
    fields = node.model_dump(mode="json")
    rows = [(name.replace("_", " "), fields[name]) for name in _FIELDS if fields.get(name) not in (None, "")]
    has_seats = any(r.type == EdgeType.POST_IN and r.direction == "in" for r in detail.relations)
    as_of = detail.as_of.isoformat() if detail.as_of is not None else None
    return render_page(
        "node.html",
        title=f"{node.name} ({node.id})",
        as_of=as_of,
        detail=detail,
        fields=rows,
        representation=node.kind in _REPRESENTED_KINDS or has_seats,
        line_of_sight=node.kind in _LINE_OF_SIGHT_KINDS,
    )


def error_page(status: int, title: str, message: str, suggestions: Sequence[Suggestion] = ()) -> str:
    """What a page answers when it cannot: the status, what went wrong, and the closest ids."""
    return render_page(
        "error.html", title=f"{status} {title}", as_of=None, message=message, suggestions=list(suggestions)
    )


_PLURAL_OF = {"crg": "CRGs", "board": "boards"}
_NAME_OF_BY = {"senate": "Senate area", "region": "region", "hub": "hub", "icb": "ICB"}


def _heat(cell: Cell) -> int:
    """The shade of a cell: its filled seats, the last shade standing for that many or more."""
    return min(cell.filled, HEAT_LEVELS - 1)
