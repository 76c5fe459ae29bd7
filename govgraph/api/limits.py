"""Bounds on what one request may ask of the service.

Request bodies
    ``BodyLimit`` reads at most ``MAX_BODY_BYTES`` of a request's body before any route
    sees it; a longer body answers 413 ``body_too_large`` (``errors.BodyTooLarge``). The
    service's bodies are single roster rows (a person, a holding) of a few hundred bytes,
    so 64 KiB is generous, and a client cannot make a write hold the write lock while it
    parses megabytes. A ``Content-Length`` over the limit is refused without reading the
    body; a body sent in chunks is counted as it arrives.

Parameters
    Each is bounded where its route declares it (``limit`` at most 500, ``depth`` at most
    ``queries.neighbourhood.MAX_DEPTH``, ``min_seats`` at most 10,000), and every date by
    ``graph.timeline.parse_date`` (years 1900 to 2199); docs/api.md lists them.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govgraph.api.errors import error_response
from govgraph.errors import BodyTooLarge

__all__ = ["MAX_BODY_BYTES", "BodyLimit"]

MAX_BODY_BYTES = 64 * 1024


class BodyLimit:
    """ASGI middleware: refuse a request whose body is longer than ``max_bytes`` with
    413 ``body_too_large``; pass any other request on with its body read in full."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away before sending its whole body: no one to answer
            chunk: bytes = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = f"{self.max_bytes // 1024} KiB" if self.max_bytes % 1024 == 0 else f"{self.max_bytes} bytes"
        exc = BodyTooLarge(f"the request body is longer than the {limit} the service reads")
        await error_response(exc)(scope, receive, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the app the body already read, then whatever the client
    sends next (its disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay
