"""Operation ids that read as method names, derived from the route's function name.

A generated client names its methods after the OpenAPI ``operationId``: FastAPI's default
(``gaps_api_gaps_get``) makes ``client.gaps_api_gaps_get()``. Every router of the service
is built with ``generate_unique_id_function=operation_id``, so the id is the route's
function name, which starts with what it does: ``get_gaps``, ``list_nodes``,
``add_person``. A route whose name does not start with one of ``VERBS`` fails when the
app is built, not in a client months later; uniqueness is checked by the tests over
/openapi.json.
"""

from __future__ import annotations

from fastapi.routing import APIRoute

__all__ = ["VERBS", "operation_id"]

#: The words an operation id may start with.
VERBS = frozenset({"get", "list", "search", "add", "end", "reload"})


def operation_id(route: APIRoute) -> str:
    """The route's operation id: its function name, which must start with a verb.

    >>> from fastapi.routing import APIRoute
    >>> def get_gaps() -> None: ...
    >>> operation_id(APIRoute("/gaps", get_gaps))
    'get_gaps'
    """
    verb = route.name.split("_", 1)[0]
    if verb not in VERBS:
        raise ValueError(f"route {route.path}: name {route.name!r} does not start with one of {sorted(VERBS)}")
    return route.name
