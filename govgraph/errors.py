"""The exceptions govgraph raises, rooted in one class.

::

    GovGraphError
    ├── NotFound(LookupError)              an id that is not in the graph; carries suggestions
    ├── HoldingNotFound(LookupError)       a holding to change that no one has (that person, seat, first day)
    ├── InvalidDate(ValueError)            a date that is not ISO ``YYYY-MM-DD`` or is out of range
    ├── InvalidParameter(ValueError)       a query parameter out of range (a depth, a window backwards)
    ├── BodyTooLarge(ValueError)           a request body over the service's limit
    ├── LoadError(ValueError)              input that failed validation; carries every Problem
    │   └── RuleFileError                  a representation rule file that failed validation
    ├── AccessDenied(PermissionError)      a call the caller may not make
    │   ├── AdminDisabled                  admin calls or writes are switched off (no key, no write folder)
    │   ├── ApiKeyRejected                 the API key is missing or wrong
    │   └── RosterNotWritable              a holding to change comes from a roster that is only read
    └── BackendError(RuntimeError)         a storage backend (Neo4j) failed; the driver error is chained

Each subclass also derives from the builtin it specialises, so callers that only know
Python's exceptions (``except LookupError``) still catch the right thing.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AccessDenied",
    "AdminDisabled",
    "ApiKeyRejected",
    "BackendError",
    "BodyTooLarge",
    "GovGraphError",
    "HoldingNotFound",
    "InvalidDate",
    "InvalidParameter",
    "LoadError",
    "NotFound",
    "Problem",
    "RosterNotWritable",
    "RuleFileError",
]


class GovGraphError(Exception):
    """Root of every error govgraph raises on purpose."""


class NotFound(GovGraphError, LookupError):
    """An id that is not in the graph.

    ``suggestions`` holds the closest existing ids, best first, so that a typo
    (``crg:CSF`` for ``crg:CFS``) is one step from its fix.
    """

    def __init__(self, id: str, suggestions: list[str] | None = None) -> None:
        self.id = id
        self.suggestions = list(suggestions or [])
        message = f"unknown id {id!r}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)


class HoldingNotFound(GovGraphError, LookupError):
    """A holding to change that is not in the graph: that person never held that seat from that day."""


class InvalidDate(GovGraphError, ValueError):
    """A date that is not an ISO calendar date (``YYYY-MM-DD``)."""

    def __init__(self, value: object, reason: str = "expected an ISO date YYYY-MM-DD") -> None:
        self.value = value
        super().__init__(f"invalid date {value!r}: {reason}")


class InvalidParameter(GovGraphError, ValueError):
    """A query parameter outside what the query accepts."""


class BodyTooLarge(GovGraphError, ValueError):
    """A request body longer than the service reads (``govgraph.api.limits.MAX_BODY_BYTES``)."""


class AccessDenied(GovGraphError, PermissionError):
    """A call the caller may not make."""


class AdminDisabled(AccessDenied):
    """An admin call or write to a service that has no API key configured, or a write to
    one that has no write folder."""


class ApiKeyRejected(AccessDenied):
    """An admin call or write whose API key is missing or wrong."""


class RosterNotWritable(AccessDenied):
    """A holding to change that comes from a roster the writer only reads."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input: where it is and what is wrong.

    ``row`` is the 1-based line number in a CSV file (the header is line 1), the row
    number in a spreadsheet, or a JSON pointer; ``None`` when the problem is about the
    whole file.
    """

    file: str
    row: int | str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field {self.field!r}"
        return f"{where}: {self.message}"


class LoadError(GovGraphError, ValueError):
    """Input that failed validation. Nothing was loaded.

    ``problems`` lists every problem found, not just the first, so that one run of
    ``govgraph validate`` shows everything to fix.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found; nothing was loaded"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


class RuleFileError(LoadError):
    """A representation rule file that failed validation."""


class BackendError(GovGraphError, RuntimeError):
    """A storage backend failed (connection refused, bad credentials, constraint violated)."""
