"""Who may call what: the API key, as FastAPI dependencies.

``require_api_key`` guards admin calls and ``require_write_access`` writes; both compare
the ``X-API-Key`` header with ``Settings.api_key`` in constant time. ``CallerKeyedDep``
tells a read whether its caller sent the key, for the fields only such callers see (a
person's email).

``KeyFirstRoute`` runs the same checks before anything reads a request's body, so that a
write with a wrong key is 401 whatever its body: malformed JSON or over the size limit
would otherwise be answered first (422, 413), telling a caller without the key how its
body fared.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request, Response, Security
from fastapi.exceptions import RequestValidationError
from fastapi.security import APIKeyHeader
from starlette.datastructures import Headers

from govgraph.api.deps import SettingsDep
from govgraph.api.settings import Settings
from govgraph.api.strict import StrictRoute, unknown_parameters
from govgraph.errors import AdminDisabled, ApiKeyRejected

__all__ = [
    "CallerKeyedDep",
    "KeyFirstRoute",
    "caller_has_key",
    "carries_key",
    "require_api_key",
    "require_write_access",
]

_api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="The key the service was started with (GOVGRAPH_API_KEY)."
)
_ApiKey = Annotated[str | None, Security(_api_key_header)]


def _key_matches(settings: Settings, key: str | None) -> bool:
    if settings.api_key is None or key is None:
        return False
    # compare_digest takes as long for a near miss as for a wild guess, so timing does not leak the key.
    return hmac.compare_digest(key.encode(), settings.api_key.get_secret_value().encode())


def _single_key(request: Request) -> None:
    """Refuse a request carrying ``X-API-Key`` more than once: which one a proxy or the
    framework takes is not defined, so neither is taken."""
    if len(request.headers.getlist(_api_key_header.model.name)) > 1:
        raise ApiKeyRejected("the X-API-Key header is given more than once")


async def require_api_key(request: Request, settings: SettingsDep, key: _ApiKey) -> None:
    """Let an admin call through only with the configured API key."""
    _single_key(request)
    if settings.api_key is None:
        raise AdminDisabled("admin calls are disabled: the service was started without an API key (GOVGRAPH_API_KEY)")
    if not _key_matches(settings, key):
        raise ApiKeyRejected("missing or wrong X-API-Key header")


async def require_write_access(request: Request, settings: SettingsDep, key: _ApiKey) -> None:
    """Let a write through only with the configured API key, to a service that has a
    write roster to save it in."""
    _single_key(request)
    if settings.api_key is None:
        raise AdminDisabled("writes are disabled: the service was started without an API key (GOVGRAPH_API_KEY)")
    if not _key_matches(settings, key):
        raise ApiKeyRejected("missing or wrong X-API-Key header")
    if settings.write_dir is None:
        raise AdminDisabled("writes are disabled: the service was started without a write folder (GOVGRAPH_WRITE_DIR)")


async def caller_has_key(request: Request, settings: SettingsDep) -> bool:
    """Whether the request carries the configured API key, once. A read without it (or with
    a wrong one) is still answered, without the fields only keyed callers see; so the key
    is read from the headers, not declared as a ``Security`` need, which /openapi.json would
    show as required on every public read."""
    return carries_key(settings, request.headers)


def carries_key(settings: Settings, headers: Headers) -> bool:
    """Whether ``headers`` carry the configured API key, once: what ``caller_has_key`` tells
    a route, for code that has only the headers (the response cache)."""
    keys = headers.getlist(_api_key_header.model.name)
    return len(keys) == 1 and _key_matches(settings, keys[0])


CallerKeyedDep = Annotated[bool, Depends(caller_has_key)]

_Guard = Callable[[Request, Settings, str | None], Awaitable[None]]
_GUARDS: tuple[_Guard, ...] = (require_api_key, require_write_access)


class KeyFirstRoute(StrictRoute):
    """A route that runs its key check (``require_api_key`` or ``require_write_access``
    among its dependencies) before anything reads the request's body. FastAPI reads and
    parses a body before it solves dependencies, so without this a caller without the key
    would learn how its body fared (422 for malformed JSON) before being refused; the size
    limit (``limits.RequestLimits``) counts the body only as it is read, so it does not answer
    first either. The dependency stays, documenting the key in the OpenAPI schema, and
    checks again. Otherwise a ``StrictRoute``: an unknown query parameter is 422, before the key
    (the parameters a route takes are public)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        guards = [d.dependency for d in self.dependencies if d.dependency in _GUARDS]
        if not guards:
            return handler

        async def handle(request: Request) -> Response:
            # An unknown parameter says nothing the OpenAPI schema does not: refused first.
            errors = unknown_parameters(request.query_params.keys(), self.query_names)
            if errors:
                raise RequestValidationError(errors)
            settings: Settings = request.app.state.settings
            for guard in guards:
                await guard(request, settings, request.headers.get(_api_key_header.model.name))
            return await handler(request)

        return handle
