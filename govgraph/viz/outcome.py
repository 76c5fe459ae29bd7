"""A verdict's outcome as the pages show it: ``passed``, ``failed`` or ``not_assessed``.

Every template and colouring asks here, so that the verdict model's own outcome field
replaces the derivation below in one place.
"""

from __future__ import annotations

from typing import Literal

from govgraph.queries.representation import Representation, Verdict

__all__ = ["OUTCOME_LABELS", "Outcome", "body_outcome", "outcome_of"]

Outcome = Literal["passed", "failed", "not_assessed"]

#: How each outcome reads in a sentence or a legend.
OUTCOME_LABELS: dict[str, str] = {"passed": "passes", "failed": "fails", "not_assessed": "not assessed"}


def outcome_of(verdict: Verdict) -> Outcome:
    """The verdict's outcome. A verdict records today only whether it passed."""
    return "passed" if verdict.passed else "failed"


def body_outcome(rep: Representation) -> Outcome:
    """A body's outcome on the day: failed if any verdict fails, passed if every one passes,
    not assessed when no rule was assessed (a body is never passed on no verdicts)."""
    outcomes = {outcome_of(v) for v in rep.verdicts}
    if "failed" in outcomes:
        return "failed"
    if outcomes == {"passed"}:
        return "passed"
    return "not_assessed"
