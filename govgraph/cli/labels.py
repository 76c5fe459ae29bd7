"""Query results as the rows of ``--format table``, under the column labels people read.

A query returns one pydantic result (the JSON the API serves; ``govgraph.tables`` gives its
records for CSV and pandas); how it reads as a table for people is the command line's to
decide, so the labels live here and not on the results. ``rows`` picks the layout by the
result's type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from govgraph.queries import Changes, Coverage, NodeDetail, Stats

__all__ = ["rows"]

Rows = list[dict[str, Any]]

_CHANGE_LISTS = (
    "joined",
    "left",
    "seats_filled",
    "seats_vacated",
    "bodies_created",
    "bodies_ended",
    "bodies_succeeded",
)


def _coverage(result: Coverage) -> Rows:
    """One row per body; each area's column (by id) reads 'filled/seats'."""
    return [
        {"id": r.id, "name": r.name, **{c.area_id: f"{c.filled}/{c.filled + c.vacant}" for c in r.cells},
         "without voice": len(r.areas_without_voice)}
        for r in result.bodies
    ]  # fmt: skip


def _changes(result: Changes) -> Rows:
    """One row per change, labelled with what kind of change it is."""
    found: Rows = [
        {"change": name.replace("_", " "), "id": c.id, "name": c.name, "other": c.other_id or "", "on": c.on or ""}
        for name in _CHANGE_LISTS
        for c in getattr(result, name)
    ]
    for name in ("rules_newly_failing", "rules_newly_passing"):
        for pair in getattr(result, name):
            rule, subject = pair.split(" ", 1)
            found.append(
                {"change": name.replace("_", " "), "id": subject, "name": rule, "other": "", "on": result.to_date}
            )
    return found


def _node_detail(result: NodeDetail) -> Rows:
    """One row per relation."""
    return [
        {"type": r.type, "dir": r.direction, "id": r.id, "name": r.name, "from": r.valid_from or "",
         "to": r.valid_to or "", "source": r.source}
        for r in result.relations
    ]  # fmt: skip


def _stats(result: Stats) -> Rows:
    return [{"kind": kind, "count": count} for kind, count in result.nodes.items()]


_FLATTEN: dict[type, Callable[[Any], Rows]] = {
    Coverage: _coverage,
    Changes: _changes,
    NodeDetail: _node_detail,
    Stats: _stats,
}


def rows(result: Any) -> Rows:
    """``result`` as rows. A result type not listed here still flattens itself (``rows()``):
    representation, line of sight and membership results, until their labels move here too."""
    flatten = _FLATTEN.get(type(result))
    if flatten is not None:
        return flatten(result)
    own: Rows = result.rows()
    return own
