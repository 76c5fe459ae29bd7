"""A verdict's outcome as the pages show it: ``passed``, ``failed`` or ``not_assessed``.

Every template and colouring asks here, so that what a page shows of an outcome is decided
in one place: the verdict's own ``outcome`` (``govgraph.queries.representation.Outcome``),
and for a body, the representation's.
"""

from __future__ import annotations

from typing import Literal

from govgraph.queries.representation import Representation, Verdict

__all__ = ["OUTCOME_LABELS", "Outcome", "body_outcome", "outcome_of"]

Outcome = Literal["passed", "failed", "not_assessed"]

#: How each outcome reads in a sentence or a legend.
OUTCOME_LABELS: dict[str, str] = {"passed": "passes", "failed": "fails", "not_assessed": "not assessed"}


def outcome_of(verdict: Verdict) -> Outcome:
    """The verdict's outcome, as the name the pages' colours and legends are keyed by."""
    return _name(verdict.outcome.value)


def body_outcome(rep: Representation) -> Outcome:
    """A body's outcome on the day: failed if any verdict fails, passed only if every one
    passes and there is one, not assessed otherwise (the query's own rule)."""
    return _name(rep.outcome.value)


def _name(value: str) -> Outcome:
    if value == "passed":
        return "passed"
    if value == "failed":
        return "failed"
    return "not_assessed"
