"""Queries: pure functions over a GraphStore that return pydantic results.

Each module owns one question and defines its terms in its docstring:
``representation`` (rules, verdicts, gaps), ``coverage`` (body x area matrix),
``line_of_sight`` (chains and breaks), ``membership`` (members, posts of a person,
overload), ``changes`` (between two days), ``neighbourhood`` (overview and focus
subgraphs for diagrams), ``lookahead`` (upcoming vacancies, what if a person leaves,
recruitment priorities), ``listing`` (paged listing with filters), ``lookup`` (show, search,
stats), ``rules`` (the rule file model). Who fills a seat on a day, directly or ex officio, is
answered in one place, ``holders`` (with the ``Seat`` and ``Holder`` it describes), which every
query and drawing asks.
"""

from govgraph.queries._seats import Holder, Seat, holders
from govgraph.queries.changes import Changes, changes
from govgraph.queries.coverage import Coverage, coverage
from govgraph.queries.line_of_sight import Below, LineOfSight, below, line_of_sight
from govgraph.queries.listing import Page, list_nodes
from govgraph.queries.lookahead import Recruit, Upcoming, WhatIf, recruit, upcoming, what_if
from govgraph.queries.lookup import NodeDetail, SearchHit, Stats, search, show, stats
from govgraph.queries.membership import Members, Overload, PostsOf, members, overload, posts_of
from govgraph.queries.neighbourhood import Subgraph, focus, overview
from govgraph.queries.representation import GapReport, Outcome, Representation, Verdict, gaps, representation
from govgraph.queries.rules import Rule, builtin_rules, load_rules

__all__ = [
    "Below",
    "Changes",
    "Coverage",
    "GapReport",
    "Holder",
    "LineOfSight",
    "Members",
    "NodeDetail",
    "Outcome",
    "Overload",
    "Page",
    "PostsOf",
    "Recruit",
    "Representation",
    "Rule",
    "SearchHit",
    "Seat",
    "Stats",
    "Subgraph",
    "Upcoming",
    "Verdict",
    "WhatIf",
    "below",
    "builtin_rules",
    "changes",
    "coverage",
    "focus",
    "gaps",
    "holders",
    "line_of_sight",
    "list_nodes",
    "load_rules",
    "members",
    "overload",
    "overview",
    "posts_of",
    "recruit",
    "representation",
    "search",
    "show",
    "stats",
    "upcoming",
    "what_if",
]
