"""``govgraph.load()`` and the object it returns: a loaded graph with its queries as methods.

The methods are the query functions of ``govgraph.queries`` bound to one store, and return
the same pydantic models the REST service serves.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from govgraph.graph.model import NodeKind
from govgraph.graph.store import GraphStore
from govgraph.loaders.reference import load_reference
from govgraph.queries import lookup

__all__ = ["Governance", "load"]


@dataclass
class Governance:
    """A loaded governance graph. ``store`` is the backend the queries read."""

    store: GraphStore

    def show(self, id: str, *, as_of: str | date | None = None) -> lookup.NodeDetail:
        return lookup.show(self.store, id, as_of=as_of)

    def search(self, text: str, *, kind: NodeKind | None = None, as_of: str | date | None = None, limit: int = 50) -> list[lookup.SearchHit]:
        return lookup.search(self.store, text, kind=kind, as_of=as_of, limit=limit)

    def stats(self, *, as_of: str | date | None = None) -> lookup.Stats:
        return lookup.stats(self.store, as_of=as_of)


def load(paths: Sequence[str | Path] | None = None) -> Governance:
    """The built-in reference dataset, ready to query.

    ``paths`` (rosters) are not loadable yet: anything but ``None`` is refused.

    >>> gg = load()
    >>> gg.stats(as_of="2013-06-01").nodes["CRG"]
    73
    """
    if paths:
        raise NotImplementedError("loading rosters")
    return Governance(load_reference())
