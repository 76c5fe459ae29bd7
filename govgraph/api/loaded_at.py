"""Which graph answered: the ``X-Govgraph-Loaded-At`` header.

Every answer computed from the graph, errors included, carries the graph's ``loaded_at``
in the ``X-Govgraph-Loaded-At`` header (``LOADED_AT_HEADER``), so a client can tell
answers from before and after a reload apart. ``deps.get_loaded`` notes the graph in the
request's state (``note_loaded_at``) as it hands it out; the ``LoadedAtHeader`` middleware
copies it into the answer, whichever way the answer was made.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["LOADED_AT_HEADER", "LoadedAtHeader", "note_loaded_at"]

LOADED_AT_HEADER = "X-Govgraph-Loaded-At"

_LOADED_AT_STATE = "govgraph_loaded_at"  # the request-state key the graph's loaded_at is noted under


def note_loaded_at(request: Request, loaded_at: datetime) -> None:
    """Note for the answer to ``request`` which graph answers it."""
    setattr(request.state, _LOADED_AT_STATE, loaded_at.isoformat())


class LoadedAtHeader:
    """ASGI middleware: put the ``loaded_at`` that ``get_loaded`` noted for a request in
    its answer's ``X-Govgraph-Loaded-At`` header. An answer made without the graph (the
    OpenAPI document, an unknown path) has none."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # The request's state is this dict (Starlette keeps it in the scope), created here
        # so that the app's requests and this middleware share it.
        state = scope.setdefault("state", {})

        async def send_named(message: Message) -> None:
            if message["type"] == "http.response.start" and _LOADED_AT_STATE in state:
                MutableHeaders(scope=message)[LOADED_AT_HEADER] = state[_LOADED_AT_STATE]
            await send(message)

        await self.app(scope, receive, send_named)
