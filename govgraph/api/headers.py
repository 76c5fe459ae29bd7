"""The headers every answer carries: which graph answered, and the security headers.

Which graph answered
    Every answer computed from the graph, errors included, carries the graph's
    ``loaded_at`` in the ``X-Govgraph-Loaded-At`` header (``LOADED_AT_HEADER``), so a client
    can tell answers from before and after a reload apart. ``deps.get_loaded`` notes the
    graph in the request's state (``note_loaded_at``) as it hands it out, and the response
    cache notes it when it answers from a stored answer; ``ResponseHeaders`` copies it into
    the answer, whichever way the answer was made. An answer made without the graph (the
    OpenAPI document, an unknown path) has none.

Security
    ``X-Content-Type-Options: nosniff`` (a JSON answer is never run as a script),
    ``Referrer-Policy: no-referrer`` (a page's address, which may name a person, is not
    sent to other sites) and a ``Content-Security-Policy`` header with ``frame-ancestors
    'none'`` (no other site frames the pages to trick a click). A policy only a header can
    carry: the pages' own policy, in a ``<meta>`` tag, cannot say ``frame-ancestors``. An
    answer that already has a policy (the API documentation's) keeps it, with
    ``frame-ancestors`` added; any other gets ``default-src 'none'`` unless it is a page,
    whose scripts and styles its own ``<meta>`` policy governs.

One pure ASGI middleware does both: it touches only the start of the answer, and costs a
dictionary update per request rather than a task and a queue as a ``BaseHTTPMiddleware`` would.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["LOADED_AT_HEADER", "ResponseHeaders", "answered_from", "note_loaded_at"]

LOADED_AT_HEADER = "X-Govgraph-Loaded-At"

_LOADED_AT_STATE = "govgraph_loaded_at"  # the request-state key the graph's loaded_at is noted under
_FRAMES = "frame-ancestors 'none'"
_PAGE_POLICY = f"{_FRAMES}; base-uri 'none'; object-src 'none'; form-action 'self'"
_DATA_POLICY = f"default-src 'none'; {_FRAMES}"


def note_loaded_at(request: Request | dict[str, Any], loaded_at: datetime) -> None:
    """Note for the answer to ``request`` (a request, or its scope's state) which graph answers it."""
    state = request if isinstance(request, dict) else request.scope.setdefault("state", {})
    state[_LOADED_AT_STATE] = loaded_at


def answered_from(scope: Scope) -> datetime | None:
    """The ``loaded_at`` of the graph noted as answering the request of ``scope``, if any."""
    loaded_at: datetime | None = scope.get("state", {}).get(_LOADED_AT_STATE)
    return loaded_at


class ResponseHeaders:
    """ASGI middleware: ``X-Govgraph-Loaded-At`` and the security headers (see the module
    docstring) on every HTTP answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # The request's state is this dict (Starlette keeps it in the scope), created here
        # so that the app's requests and this middleware share it.
        state = scope.setdefault("state", {})

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                loaded_at = state.get(_LOADED_AT_STATE)
                if loaded_at is not None:
                    headers[LOADED_AT_HEADER] = loaded_at.isoformat()
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                policy = headers.get("Content-Security-Policy")
                if message["status"] == 304:
                    # A 304 has no body and no Content-Type; a browser merges its headers
                    # into the answer it kept, so a policy here would replace a page's own.
                    pass
                elif policy is not None:
                    if "frame-ancestors" not in policy:
                        headers["Content-Security-Policy"] = f"{policy.rstrip('; ')}; {_FRAMES}"
                elif headers.get("Content-Type", "").startswith("text/html"):
                    headers["Content-Security-Policy"] = _PAGE_POLICY
                else:
                    headers["Content-Security-Policy"] = _DATA_POLICY
            await send(message)

        await self.app(scope, receive, send_with_headers)
