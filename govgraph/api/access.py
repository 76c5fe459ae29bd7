"""Who may call what: the API key, as FastAPI dependencies.

``require_api_key`` guards admin calls and ``require_write_access`` writes; both compare
the ``X-API-Key`` header with ``Settings.api_key`` in constant time. ``CallerKeyedDep``
tells a read whether its caller sent the key, for the fields only such callers see (a
person's email).

``KeyBeforeBody`` runs the same checks before anything reads a request's body, so that a
write with a wrong key is 401 whatever its body: malformed JSON or over the size limit
would otherwise be answered first (422, 413), telling a caller without the key how its
body fared.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, FastAPI, Request, Security
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader
from starlette.datastructures import Headers
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

from govgraph.api.deps import SettingsDep
from govgraph.api.errors import error_response
from govgraph.api.settings import Settings
from govgraph.errors import AdminDisabled, ApiKeyRejected, GovGraphError

__all__ = [
    "CallerKeyedDep",
    "KeyBeforeBody",
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


async def caller_has_key(request: Request, settings: SettingsDep, key: _ApiKey) -> bool:
    """Whether the request carries the configured API key, once. A read without it (or with
    a wrong one) is still answered, without the fields only keyed callers see."""
    return carries_key(settings, request.headers)


def carries_key(settings: Settings, headers: Headers) -> bool:
    """Whether ``headers`` carry the configured API key, once: what ``caller_has_key`` tells
    a route, for code that has only the headers (the response cache)."""
    keys = headers.getlist(_api_key_header.model.name)
    return len(keys) == 1 and _key_matches(settings, keys[0])


CallerKeyedDep = Annotated[bool, Depends(caller_has_key)]

_Guard = Callable[[Request, Settings, str | None], Awaitable[None]]
_GUARDS: tuple[_Guard, ...] = (require_api_key, require_write_access)
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})  # no route taking these needs the key


class KeyBeforeBody:
    """ASGI middleware: a request for a route that needs the key (``require_api_key``,
    ``require_write_access``) is checked for it before anything reads its body, and
    refused in the one error shape. The route's own dependency checks again, and
    documents the key in the OpenAPI schema."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in _SAFE_METHODS:
            guard = _guard_of(scope)
            if guard is not None:
                request = Request(scope)
                try:
                    await guard(request, self.settings, request.headers.get(_api_key_header.model.name))
                except GovGraphError as exc:
                    await error_response(exc)(scope, receive, send)
                    return
        await self.app(scope, receive, send)


def _guard_of(scope: Scope) -> _Guard | None:
    """The key check of the route that will take the request, as the router matches it."""
    app: FastAPI = scope["app"]
    for route in app.router.routes:
        if isinstance(route, APIRoute) and route.matches(scope)[0] is Match.FULL:
            return next((d.dependency for d in route.dependencies if d.dependency in _GUARDS), None)
    return None
