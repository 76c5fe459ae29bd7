"""Report pages: home, search, a node's page, the coverage heat map, the gap report, the
changes table, a source document, and the page an error answers with. Each is one HTML
document drawn from query results, in the frame every page shares (``templates/base.html``:
navigation, the day and a control to change it, search, the rules in force).

Pages run no script but the changes table's sorter, so they work offline, and a hostile
name in the data is only ever text (Jinja2 autoescapes every value). Tables have captions
and header cells with ``scope``; the heat map says in text what its colours show.

Nothing here decides an answer: outcomes come from the verdicts, gaps from the coverage
query's counts, members from the members query.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from govgraph.graph.model import EdgeType, NodeKind
from govgraph.queries.changes import Changes
from govgraph.queries.coverage import Coverage
from govgraph.queries.lookup import Named, NodeDetail, Relation, SearchHit
from govgraph.queries.membership import Members, PostsOf
from govgraph.queries.neighbourhood import Subgraph, SubgraphNode
from govgraph.queries.representation import GapReport, Representation
from govgraph.queries.rules import Rule
from govgraph.viz._html import Era, Frame, render_page
from govgraph.viz.changes import change_rows
from govgraph.viz.citations import cite, cited_passages, document, passages
from govgraph.viz.heatmap import GAP_LABELS, Sort, heat_table
from govgraph.viz.outcome import OUTCOME_LABELS, Outcome, body_outcome, outcome_of
from govgraph.viz.palette import GAP_COLOURS, OUTCOME_COLOURS
from govgraph.viz.representation import holder_text

__all__ = [
    "REPRESENTED_KINDS",
    "Suggestion",
    "changes_page",
    "coverage_page",
    "era_of",
    "error_page",
    "gaps_page",
    "home_page",
    "node_page",
    "search_page",
    "source_page",
]

#: Kinds with a representation diagram and verdicts: the bodies rules are written for, and
#: organisations (providers, professional bodies), whose seats are worth seeing too.
REPRESENTED_KINDS = frozenset({NodeKind.CRG, NodeKind.BOARD, NodeKind.ORGANISATION})
# Kinds whose page links to a line-of-sight diagram.
_LINE_OF_SIGHT_KINDS = frozenset({NodeKind.POST, NodeKind.PERSON})
# Node fields shown in a table of their own on a node's page, in this order. A person's
# email is left out: it is for callers with the API key, and a page is open to anyone.
_FIELDS = ("kind", "id", "name", "fictional", "code", "model", "role", "single_holder", "employer", "valid_from",
           "valid_to")  # fmt: skip
# Relations that place a node in the structure, as the node's page words them.
_STRUCTURE = {
    (EdgeType.PART_OF, "out"): "Part of",
    (EdgeType.PART_OF, "in"): "Parts",
    (EdgeType.ACCOUNTABLE_TO, "out"): "Accountable to",
    (EdgeType.ACCOUNTABLE_TO, "in"): "Accountable to it",
    (EdgeType.SUCCEEDED_BY, "out"): "Succeeded by",
    (EdgeType.SUCCEEDED_BY, "in"): "Succeeded",
    (EdgeType.IN_AREA, "out"): "In the area of",
    (EdgeType.POST_IN, "out"): "A seat of",
    (EdgeType.REPORTS_TO, "out"): "Reports to",
    (EdgeType.REPORTS_TO, "in"): "Reporting to it",
}


@dataclass(frozen=True)
class Suggestion:
    """A link an error page offers instead: the closest id, and where it leads."""

    text: str
    url: str


def era_of(rules: Iterable[Rule], day: str) -> Era:
    """The rules in force on ``day`` and the documents they cite, in the documents' order."""
    in_force = [rule for rule in rules if rule.in_force.covers(day)]
    docs = {c.document.file: c.document for r in in_force for c in cite(r.source) if c.document is not None}
    return Era(day=day, rules=len(in_force), documents=tuple(docs[file] for file in sorted(docs)))


def home_page(
    overview: Subgraph,
    frame: Frame,
    outcomes: Mapping[str, Outcome] | None = None,
    named: Sequence[Named] = (),
) -> str:
    """Links to every diagram and report, and each programme of care with its CRGs and
    boards (the overview query's nodes, grouped by their PART_OF edges), each body with its
    outcome on the day where ``outcomes`` gives it; ``named`` says how many of a total the
    sources state the dataset names (37 of the 38 CRGs of 2023), so a short list is never
    taken for the whole."""
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
        frame,
        title="govgraph: who speaks for whom in specialised commissioning",
        day=overview.as_of.isoformat(),
        portfolios=portfolios,
        loose=loose,
        parts=parts,
        outcomes=outcomes or {},
        outcome_labels=OUTCOME_LABELS,
        named=named,
    )


def search_page(query: str, hits: Sequence[SearchHit], frame: Frame, *, day: str) -> str:
    """What the search query found for ``query``: each hit linked to its page."""
    return render_page("search.html", frame, title=f"Search: {query}" if query else "Search", day=day, query=query,
                       hits=list(hits))  # fmt: skip


def node_page(
    detail: NodeDetail,
    frame: Frame,
    *,
    day: str,
    members: Members | None = None,
    representation: Representation | None = None,
    posts: PostsOf | None = None,
) -> str:
    """One node: what it is, who sits on it (``members``), its verdicts (``representation``),
    the posts a person holds (``posts``), its place in the structure, its diagrams, and
    every relation with its citation."""
    node = detail.node
    fields = node.model_dump(mode="json")
    # ``fictional`` is said only of the invented people of the example roster.
    rows = [(name.replace("_", " "), fields[name]) for name in _FIELDS if fields.get(name) not in (None, "", False)]
    has_seats = any(r.type == EdgeType.POST_IN and r.direction == "in" for r in detail.relations)
    structure: dict[str, list[Relation]] = {}
    for relation in detail.relations:
        heading = _STRUCTURE.get((EdgeType(relation.type), relation.direction))
        if heading is not None:
            structure.setdefault(heading, []).append(relation)
    holders = [r for r in detail.relations if r.type == EdgeType.HOLDS and r.direction == "in"]
    return render_page(
        "node.html",
        frame,
        title=f"{node.name} ({node.id})",
        day=day,
        detail=detail,
        fields=rows,
        source=node.source,
        members=members,
        representation=representation,
        body_outcome=body_outcome(representation) if representation is not None else None,
        failing=[v for v in representation.verdicts if outcome_of(v) == "failed"] if representation else [],
        posts=posts,
        structure=structure,
        area_names=representation.areas if representation is not None else {},
        holders=holders,
        has_representation=node.kind in REPRESENTED_KINDS or has_seats,
        line_of_sight=node.kind in _LINE_OF_SIGHT_KINDS,
        outcome_of=outcome_of,
        outcome_labels=OUTCOME_LABELS,
        outcome_colours=OUTCOME_COLOURS,
        holder_text=holder_text,
    )


def coverage_page(coverage: Coverage, frame: Frame, *, gaps_only: bool = False, sort: Sort = "name") -> str:
    """The body x area heat map: each cell coloured by its gap state and reading
    ``filled/seats``, with sticky headers, a gaps filter and sort, and downloads."""
    table = heat_table(coverage, gaps_only=gaps_only, sort=sort)
    return render_page(
        "coverage.html",
        frame,
        title=f"Coverage: {_PLURAL_OF[coverage.of.value]} by {_NAME_OF_BY[coverage.by.value]}",
        day=coverage.as_of.isoformat(),
        coverage=coverage,
        table=table,
        gap_labels=GAP_LABELS,
        gap_colours=GAP_COLOURS,
        by_choices=_NAME_OF_BY,
        of_choices=_PLURAL_OF,
    )


def gaps_page(report: GapReport, frame: Frame) -> str:
    """Every failing rule and subject: what the rule needs, what is missing, and the
    citation of the passage the rule comes from."""
    return render_page("gaps.html", frame, title="Gap report", day=report.as_of.isoformat(), report=report,
                       line_of_sight_kinds=_LINE_OF_SIGHT_KINDS)  # fmt: skip


def changes_page(changes: Changes, frame: Frame) -> str:
    """What changed between two days, as a table sortable by any column."""
    return render_page(
        "changes.html",
        frame,
        scripts=["table.js"],
        title=f"Changes from {changes.from_date} to {changes.to_date}",
        day=changes.to_date.isoformat(),
        changes=changes,
        rows=change_rows(changes),
    )


def source_page(file: str, anchors: Sequence[str], frame: Frame, *, day: str | None) -> str:
    """A shipped source document, its passages marked where ``anchors`` cite them."""
    doc = document(file)
    marked = cited_passages(file, tuple(anchors))
    return render_page("source.html", frame, title=doc.title, day=day, doc=doc, passages=passages(file),
                       marked=marked)  # fmt: skip


def error_page(status: int, title: str, message: str, frame: Frame, suggestions: Sequence[Suggestion] = ()) -> str:
    """What a page answers when it cannot: the status, what went wrong, and the closest ids."""
    return render_page("error.html", frame, title=f"{status} {title}", day=None, message=message,
                       suggestions=list(suggestions))  # fmt: skip


_PLURAL_OF = {"crg": "CRGs", "board": "boards"}
_NAME_OF_BY = {"senate": "Senate area", "region": "region", "hub": "hub", "icb": "ICB"}
