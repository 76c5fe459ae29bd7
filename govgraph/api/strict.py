"""Unknown query parameters are an error, on every route.

A misspelt parameter silently ignored answers a question nobody asked: ``?asof=2014-06-01``
would answer for today. ``StrictRoute`` refuses a request carrying any query parameter
its route does not declare (its own, and those of every dependency it uses) with 422
``invalid_request``, naming each unknown parameter as ``query.<name>`` in ``problems``
and suggesting the declared name it most resembles.

Every router of the service is built with ``route_class=StrictRoute`` (the HTML pages'
``HtmlErrorRoute`` is one, so there the error is a page), and every route documents the
422 in /openapi.json.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterable
from difflib import get_close_matches
from typing import Any

from fastapi import Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

from govgraph.api.errors import error_responses

__all__ = ["StrictRoute", "unknown_parameters"]


class StrictRoute(APIRoute):
    """A route that answers 422 to a query parameter it does not declare."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        # Every route can now answer 422 invalid_request; one that documents another 422
        # (a load_error) names invalid_request itself.
        responses = kwargs.get("responses") or {}
        kwargs["responses"] = {**error_responses(RequestValidationError), **responses}
        super().__init__(path, endpoint, **kwargs)
        self.query_names = frozenset(_query_names(self.dependant))

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            errors = unknown_parameters(request.query_params.keys(), self.query_names)
            if errors:
                raise RequestValidationError(errors)
            return await handler(request)

        return handle


def _query_names(dependant: Dependant) -> set[str]:
    """The query parameters a route takes: its own and those of its dependencies, by the
    name a request gives them (the alias, as ``from``)."""
    names = {param.alias for param in dependant.query_params}
    for dependency in dependant.dependencies:
        names |= _query_names(dependency)
    return names


def unknown_parameters(given: Iterable[str], declared: frozenset[str]) -> list[dict[str, Any]]:
    """A validation error for each name in ``given`` that is not ``declared``, in the
    shape pydantic gives its own (``loc``, ``msg``, ``type``), once per name.

    >>> unknown_parameters(["asof", "kind", "asof"], frozenset({"as_of", "kind"}))[0]["msg"]
    "unknown parameter 'asof'; did you mean 'as_of'? (takes: as_of, kind)"
    >>> unknown_parameters(["kind"], frozenset({"kind"}))
    []
    """
    errors = []
    for name in dict.fromkeys(given):
        if name in declared:
            continue
        close = get_close_matches(name, declared, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        takes = f" (takes: {', '.join(sorted(declared))})" if declared else " (takes none)"
        errors.append(
            {
                "type": "unknown_parameter",
                "loc": ("query", name),
                "msg": f"unknown parameter {name!r}{hint}{takes}",
                "input": None,
            }
        )
    return errors
