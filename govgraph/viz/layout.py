"""Deterministic positions for diagrams, computed in Python before a page is sent.

The same ids in the same order always get the same positions: no randomness, no physics,
so a diagram is still the moment it appears and a screenshot of it can be made again.
Units are vis-network canvas pixels; y grows downwards.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

__all__ = ["LABEL_HEIGHT", "LABEL_WIDTH", "Point", "grid", "rings", "rows_needed", "tree"]

Point = tuple[float, float]

#: Room one node's label (three lines of about 22 characters) needs, in canvas pixels.
LABEL_WIDTH = 170.0
LABEL_HEIGHT = 80.0


def grid(ids: Sequence[str], *, columns: int, x: float, y: float, dx: float = LABEL_WIDTH, dy: float = LABEL_HEIGHT) -> dict[str, Point]:  # fmt: skip
    """``ids`` left to right in rows of ``columns``, the first at (x, y).

    >>> grid(["a", "b", "c"], columns=2, x=0, y=0, dx=10, dy=5)
    {'a': (0.0, 0.0), 'b': (10.0, 0.0), 'c': (0.0, 5.0)}
    """
    return {id: (float(x + (i % columns) * dx), float(y + (i // columns) * dy)) for i, id in enumerate(ids)}


def rows_needed(count: int, columns: int) -> int:
    """How many rows ``grid`` fills with ``count`` ids.

    >>> rows_needed(0, 4), rows_needed(4, 4), rows_needed(5, 4)
    (0, 1, 2)
    """
    return -(-count // columns)


def rings(centre: str, by_step: Sequence[Sequence[str]], *, spacing: float = LABEL_WIDTH + 40) -> dict[str, Point]:
    """The centre at (0, 0) and the ids ``by_step[k]`` on circles around it, step by step
    outwards, in the order given; a step with more ids than a circle holds at ``spacing``
    fills further circles, so labels do not overlap.

    >>> rings("c", [["a", "b"]])
    {'c': (0.0, 0.0), 'a': (0.0, -260.0), 'b': (0.0, 260.0)}
    """
    found: dict[str, Point] = {centre: (0.0, 0.0)}
    radius = 0.0
    for ids in by_step:
        radius += 260.0
        left = list(ids)
        while left:
            fits = max(1, int(2 * math.pi * radius // spacing))
            circle, left = left[:fits], left[fits:]
            for i, id in enumerate(circle):
                # Start at the top; offset each further circle by half a step so labels stagger.
                angle = 2 * math.pi * i / len(circle) - math.pi / 2 + (math.pi / len(circle) if radius > 260 else 0)
                found[id] = (round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))
            if left:
                radius += LABEL_HEIGHT + 50
    return found


def tree(levels: Mapping[str, int], below: Mapping[str, Sequence[str]], *, dx: float = 230.0, dy: float = 150.0) -> dict[str, Point]:  # fmt: skip
    """A top-down tree: the highest level on top, each node above the middle of the nodes
    ``below`` it (those one level lower that point to it), level 0 left to right in the
    order of ``levels``; nodes of one level never closer than ``dx``.

    >>> tree({"a": 0, "b": 0, "top": 1}, {"top": ["a", "b"]}, dx=100, dy=50)
    {'a': (0.0, 50.0), 'b': (100.0, 50.0), 'top': (50.0, 0.0)}
    """
    top = max(levels.values(), default=0)
    x: dict[str, float] = {}
    for level in range(top + 1):
        ids = [id for id in levels if levels[id] == level]
        wanted = []
        for order, id in enumerate(ids):
            children = [x[c] for c in below.get(id, ()) if c in x]
            wanted.append((sum(children) / len(children) if children else math.inf, order, id))
        # Nodes with nothing below go after those centred over their children.
        next_free = -math.inf
        placed = sorted(wanted, key=lambda w: (w[0], w[1]))
        last_known = max((w[0] for w in placed if w[0] != math.inf), default=0.0)
        for want, _, id in placed:
            if want == math.inf:
                want = max(next_free, last_known)
            at = max(want, next_free)
            x[id] = at
            next_free = at + dx
    return {id: (float(x[id]), float((top - levels[id]) * dy)) for id in levels}
