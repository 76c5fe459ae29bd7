"""Queries: pure functions over a GraphStore that return pydantic results."""

from govgraph.queries.lookup import NodeDetail, SearchHit, Stats, search, show, stats

__all__ = ["NodeDetail", "SearchHit", "Stats", "search", "show", "stats"]
