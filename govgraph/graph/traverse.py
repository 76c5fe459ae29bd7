"""Walks over one edge type, written once, so that queries do not hand-roll them.

Each function takes any ``GraphStore`` and reads it only through the interface
(``in_edges``/``out_edges``), so a walk runs the same on the embedded store and on Neo4j.

Terms
    *direction*: ``"out"`` follows an edge from where it starts to where it ends (a post up
    its REPORTS_TO chain, a CRG up PART_OF to its programme); ``"in"`` follows it backwards
    (the posts that report to a post, the parts of a body).
    *reached*: every node a walk gets to, each once, nearest first; among nodes the same
    number of steps away, in the order of the node they were reached from, then by id. The
    start is never reached again, so a cycle (a data error) ends the walk instead of looping.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from govgraph.graph.model import EdgeType
from govgraph.graph.store import GraphStore, NodeData

__all__ = ["Direction", "Step", "reachable", "walk"]

Direction = Literal["in", "out"]


@dataclass(frozen=True, slots=True)
class Step:
    """A node a walk reached, the node it was reached from, and how many steps from the start."""

    id: str
    via: str
    depth: int


def walk(
    store: GraphStore,
    start: str,
    type: EdgeType,
    *,
    direction: Direction = "out",
    as_of: str | None = None,
    max_depth: int | None = None,
    keep: Callable[[NodeData], bool] | None = None,
) -> Iterator[Step]:
    """Breadth-first from ``start`` over edges of ``type`` that count on ``as_of``.

    ``max_depth`` stops the walk that many steps out; ``keep`` leaves out (and does not walk
    past) a node whose attributes it refuses. Raises ``NotFound`` for an unknown ``start``.

    >>> from govgraph.loaders import load_reference
    >>> store = load_reference()
    >>> [(s.id, s.depth) for s in walk(store, "crg:CFS", EdgeType.PART_OF, as_of="2014-01-01")]
    [('programme:internal-medicine', 1), ('portfolio:acute', 2)]
    """
    store.node(start)  # raises NotFound, with suggestions, for an unknown id
    seen = {start}
    queue: deque[tuple[str, int]] = deque([(start, 0)])
    while queue:
        here, depth = queue.popleft()
        if max_depth is not None and depth >= max_depth:
            continue
        if direction == "out":
            others = sorted({edge.to_id for edge in store.out_edges(here, type, as_of=as_of)})
        else:
            others = sorted({edge.from_id for edge in store.in_edges(here, type, as_of=as_of)})
        for other in others:
            if other in seen or (keep is not None and not keep(store.node(other))):
                continue
            seen.add(other)
            yield Step(other, here, depth + 1)
            queue.append((other, depth + 1))


def reachable(
    store: GraphStore,
    start: str,
    type: EdgeType,
    *,
    direction: Direction = "out",
    as_of: str | None = None,
    max_depth: int | None = None,
) -> set[str]:
    """The ids ``walk`` reaches (``start`` left out).

    >>> from govgraph.loaders import load_reference
    >>> parts = reachable(load_reference(), "programme:internal-medicine", EdgeType.PART_OF, direction="in")
    >>> {"crg:CFS", "board:poc-internal-medicine"} <= parts
    True
    """
    return {step.id for step in walk(store, start, type, direction=direction, as_of=as_of, max_depth=max_depth)}
