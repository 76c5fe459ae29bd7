"""Who may call what: the API key, as FastAPI dependencies.

``require_api_key`` guards admin calls and ``require_write_access`` writes; both compare
the ``X-API-Key`` header with ``Settings.api_key`` in constant time. ``CallerKeyedDep``
tells a read whether its caller sent the key, for the fields only such callers see (a
person's email).
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader

from govgraph.api.deps import SettingsDep
from govgraph.api.settings import Settings
from govgraph.errors import AdminDisabled, ApiKeyRejected

__all__ = ["CallerKeyedDep", "caller_has_key", "require_api_key", "require_write_access"]

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


def require_api_key(request: Request, settings: SettingsDep, key: _ApiKey) -> None:
    """Let an admin call through only with the configured API key."""
    _single_key(request)
    if settings.api_key is None:
        raise AdminDisabled("admin calls are disabled: the service was started without an API key (GOVGRAPH_API_KEY)")
    if not _key_matches(settings, key):
        raise ApiKeyRejected("missing or wrong X-API-Key header")


def require_write_access(request: Request, settings: SettingsDep, key: _ApiKey) -> None:
    """Let a write through only with the configured API key, to a service that has a
    write roster to save it in."""
    _single_key(request)
    if settings.api_key is None:
        raise AdminDisabled("writes are disabled: the service was started without an API key (GOVGRAPH_API_KEY)")
    if not _key_matches(settings, key):
        raise ApiKeyRejected("missing or wrong X-API-Key header")
    if settings.write_dir is None:
        raise AdminDisabled("writes are disabled: the service was started without a write folder (GOVGRAPH_WRITE_DIR)")


def caller_has_key(request: Request, settings: SettingsDep) -> bool:
    """Whether the request carries the configured API key, once. A read without it (or with
    a wrong one) is still answered, without the fields only keyed callers see; so the key
    is read from the headers, not declared as a ``Security`` need, which /openapi.json would
    show as required on every public read."""
    keys = request.headers.getlist(_api_key_header.model.name)
    return len(keys) == 1 and _key_matches(settings, keys[0])


CallerKeyedDep = Annotated[bool, Depends(caller_has_key)]
