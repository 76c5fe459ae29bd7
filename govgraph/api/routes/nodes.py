"""Reading the graph: one node, search, listing and counts.

Contact fields
    A person's ``email`` is for callers with the API key: a node or a page of nodes
    returned to a request without the right ``X-API-Key`` header has ``email`` null
    (``_for_caller``). Reads never fail for the key; search hits and counts carry no
    contact fields.
"""

from __future__ import annotations

import sys
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.exceptions import RequestValidationError
from pydantic import Field

from govgraph.api.access import CallerKeyedDep
from govgraph.api.deps import StoreDep
from govgraph.api.errors import error_responses
from govgraph.api.operation_ids import operation_id
from govgraph.api.paging import PageInfo, WindowDep
from govgraph.api.params import AsOf, AsOfOrHistory, Id, Kind
from govgraph.api.strict import StrictRoute
from govgraph.errors import InvalidDate, NotFound
from govgraph.graph.model import Node, Person
from govgraph.queries import listing, lookup

router = APIRouter(tags=["nodes"], route_class=StrictRoute, generate_unique_id_function=operation_id)


class NodePage(PageInfo):
    """A page of nodes, in id order."""

    items: list[Node] = Field(description="The nodes of this page.")


class SearchPage(PageInfo):
    """A page of search hits, best first."""

    items: list[lookup.SearchHit] = Field(description="The hits of this page.")


# The prefix check makes a region id passed as a programme (or the reverse) a 422 that
# names the parameter; an id of the right kind that does not exist is a 404 with suggestions.
InProgramme = Annotated[
    str | None,
    Query(
        pattern=r"^programme:",
        description="Only nodes under this programme of care, and their seats.",
        examples=["programme:internal-medicine"],
    ),
]
InRegion = Annotated[
    str | None,
    Query(
        pattern=r"^region:", description="Only nodes under this region, and their seats.", examples=["region:london"]
    ),
]


@router.get("/nodes/{id:path}", responses=error_responses(NotFound, InvalidDate, RequestValidationError))
def get_node(id: Id, store: StoreDep, keyed: CallerKeyedDep, as_of: AsOfOrHistory = None) -> lookup.NodeDetail:
    """One node (e.g. `crg:CFS`, `post:crg:CFS/chair`) with every relation and its citation.

    With `as_of`, only the relations that count on that day. An unknown id answers 404
    with the closest ids in `suggestions`. A person's `email` is shown only when the
    request carries the API key (`X-API-Key`); otherwise it is null.
    """
    detail = lookup.show(store, id, as_of=as_of)
    return detail.model_copy(update={"node": _for_caller(detail.node, keyed)})


@router.get("/nodes", responses=error_responses(NotFound, InvalidDate, RequestValidationError))
def list_nodes(
    store: StoreDep,
    keyed: CallerKeyedDep,
    window: WindowDep,
    kind: Kind = None,
    programme: InProgramme = None,
    region: InRegion = None,
    q: Annotated[str | None, Query(description="Only nodes whose id or name contains this text, in any case.")] = None,
    as_of: AsOfOrHistory = None,
) -> NodePage:
    """Nodes matching every filter given, in id order, a page at a time.

    `programme` and `region` follow PART_OF down from the body (a region's hubs and their
    CCGs) and take in the seats of every body reached. `total` counts every match. People's
    `email` is shown only when the request carries the API key (`X-API-Key`).
    """
    found = listing.list_nodes(
        store,
        kind=kind,
        programme=programme,
        region=region,
        text=q,
        as_of=as_of,
        offset=window.offset,
        limit=window.limit,
    )
    return NodePage(items=[_for_caller(node, keyed) for node in found.items], **window.info(found.total))


def _for_caller(node: Node, keyed: bool) -> Node:
    """The node as this caller may see it: a person without contact fields unless the
    caller sent the API key."""
    if keyed or not isinstance(node, Person):
        return node
    return node.model_copy(update={"email": None})


@router.get("/search", responses=error_responses(InvalidDate, RequestValidationError))
def search_nodes(
    store: StoreDep,
    window: WindowDep,
    q: Annotated[
        str, Query(min_length=1, description="Text to find in ids and names, in any case.", examples=["cystic"])
    ],
    kind: Kind = None,
    as_of: AsOfOrHistory = None,
) -> SearchPage:
    """Nodes whose id or name contains `q`, best first: an exact id, then names starting
    with `q`, then the rest, a page at a time."""
    return window.page(SearchPage, lookup.search(store, q, kind=kind, as_of=as_of, limit=sys.maxsize))


@router.get("/stats", responses=error_responses(InvalidDate, RequestValidationError))
def get_stats(store: StoreDep, as_of: AsOf = None) -> lookup.Stats:
    """How many nodes of each kind and edges of each type exist on a day."""
    return lookup.stats(store, as_of=as_of)
