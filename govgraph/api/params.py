"""The query parameters several routes share, declared and documented once.

Days stay strings, declared ``{"type": "string", "format": "date"}`` in /openapi.json, so
that govgraph's own ``parse_date`` reads them and a bad date answers 400 ``invalid_date``
everywhere (with the range of years it takes) rather than a generic 422.

Without ``as_of``, a question about a day (a verdict, a count, a vacancy) is answered for
today, and a look-up of nodes (``/api/nodes``, ``/api/search``) spans the whole history:
``AsOf`` and ``AsOfOrHistory`` say so, and are the only places that do.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query
from pydantic import WithJsonSchema

from govgraph.graph.model import NodeKind

__all__ = ["AsOf", "AsOfOrHistory", "Day", "Id", "Kind", "OptionalDay"]

# The pattern holds the years parse_date takes (1900 to 2199), so that a client or a fuzzer
# generating from the schema sends only days the service answers for.
_DATE = WithJsonSchema({"type": "string", "format": "date", "pattern": "^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$"})
#: A day, YYYY-MM-DD, as a query parameter: add a ``Query`` with its description.
Day = Annotated[str, _DATE]
OptionalDay = Annotated[str | None, _DATE]

#: The day a read answers for: the one place its default is described.
AsOf = Annotated[OptionalDay, Query(description="The day to answer for, YYYY-MM-DD. Default: today.")]
#: The day a look-up of nodes is narrowed to, if any.
AsOfOrHistory = Annotated[
    OptionalDay,
    Query(description="Only what exists on this day, YYYY-MM-DD. Default: none, the whole history."),
]
Kind = Annotated[NodeKind | None, Query(description="Only nodes of this kind.")]
Id = Annotated[str, Path(description="A namespaced id, e.g. `crg:CFS`.", examples=["crg:CFS"])]
