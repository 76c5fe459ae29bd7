"""``to_vis_data``: any query result a diagram draws, as the ``VisGraph`` of its diagram.

Each diagram has a module of its own (``neighbourhood`` for overview and focus,
``representation``, ``line_of_sight``, ``changes``); this one only picks it by the type
of the result. The output is pure and deterministic, positions included, so it can be
compared with a golden file.
"""

from __future__ import annotations

from collections.abc import Mapping

from govgraph.queries.changes import Changes
from govgraph.queries.line_of_sight import LineOfSight
from govgraph.queries.neighbourhood import Subgraph
from govgraph.queries.representation import Representation
from govgraph.viz.changes import changes_diagram
from govgraph.viz.line_of_sight import line_of_sight_diagram
from govgraph.viz.model import VisGraph
from govgraph.viz.neighbourhood import focus_diagram, overview_diagram
from govgraph.viz.outcome import Outcome
from govgraph.viz.representation import representation_diagram

__all__ = ["to_vis_data"]


def to_vis_data(
    result: Subgraph | Representation | LineOfSight | Changes,
    *,
    outcomes: Mapping[str, Outcome] | None = None,
    shown_depth: int | None = None,
) -> VisGraph:
    """The diagram of a query result.

    * a ``Subgraph``: the overview (no focus node; bodies coloured by ``outcomes`` where
      given) or a focus diagram (nodes beyond ``shown_depth`` steps hidden until expanded);
    * a ``Representation``: the body's seat map;
    * a ``LineOfSight``: the top-down tree of posts with its breaks;
    * a ``Changes``: a column per sort of change.

    >>> from govgraph.loaders import load_reference
    >>> from govgraph.queries.neighbourhood import focus
    >>> vis = to_vis_data(focus(load_reference(), "programme:trauma", as_of="2014-01-01"))
    >>> [entry.label for entry in vis.legend if entry.mark == "node"]  # Post: the programme's staff (001 para 35)
    ['Portfolio', 'Programme', 'CRG', 'Board', 'Post']
    """
    if isinstance(result, Representation):
        return representation_diagram(result)
    if isinstance(result, LineOfSight):
        return line_of_sight_diagram(result)
    if isinstance(result, Changes):
        return changes_diagram(result)
    if result.focus_id is None:
        return overview_diagram(result, outcomes)
    return focus_diagram(result, shown_depth)
