"""Bounds on what one request may ask of the service, kept by one middleware, ``RequestLimits``.

Request targets
    A path and query over ``MAX_TARGET_BYTES`` (64 KiB, the request head h11 buffers)
    answer 414 in the one error shape without reaching a route. An id or search text of
    30,000 characters is still only looked up (404, or no match); a longer target would
    only be parsed, keyed and matched for nothing. A target the HTTP server cannot read at all is refused by
    the server before the app (``api.server``).

Request bodies
    ``RequestLimits`` lets the app read at most ``MAX_BODY_BYTES`` of a request's body; a
    longer body answers 413 ``body_too_large`` (``errors.BodyTooLarge``). The service's
    bodies are single roster rows (a person, a holding) of a few hundred bytes, so 64 KiB
    is generous, and a client cannot make a write hold the write lock while it parses
    megabytes. The body is counted as the app reads it, not before: a route that refuses
    a request first (a write without the key, ``access.KeyFirstRoute``) answers without
    reading it. A ``Content-Length`` over the limit is refused at the first read, before
    any of the body is read; a body sent in chunks is counted as it arrives. Whatever the
    app would answer once the body overflowed (FastAPI makes it a 400), the answer is the 413.

Slow bodies
    The app waits at most ``BODY_TIMEOUT`` seconds for each next piece of a body it is
    reading; a client that stalls mid-body gets 408 ``request_timeout`` and the connection
    is released. Once the whole body is in, the app's later reads (a streamed answer
    listening for a disconnect) wait as long as they need. A slow request head is bounded
    by the server (``api.server.HEAD_TIMEOUT``).

Parameters
    Each is bounded where its route declares it (``limit`` at most 500, ``depth`` at most
    ``queries.neighbourhood.MAX_DEPTH``, ``min_seats`` at most 10,000), and every date by
    ``graph.timeline.parse_date`` (years 1900 to 2199); docs/api.md lists them.
"""

from __future__ import annotations

import asyncio
import contextlib

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govgraph.api.errors import error_response
from govgraph.errors import BodyTooLarge

__all__ = ["BODY_TIMEOUT", "MAX_BODY_BYTES", "MAX_TARGET_BYTES", "RequestLimits"]

MAX_BODY_BYTES = 64 * 1024
MAX_TARGET_BYTES = 64 * 1024
#: Seconds the app waits for the next piece of a request body; a roster row arrives in one.
BODY_TIMEOUT = 10.0


class _Overflow(Exception):
    """The body ran past the limit while the app read it."""


class _Stalled(_Overflow):
    """The client sent no more of the body for ``body_timeout`` seconds."""


class RequestLimits:
    """ASGI middleware: refuse a request whose target is over ``MAX_TARGET_BYTES`` with
    414, and one whose body is longer than ``max_bytes`` with 413 ``body_too_large`` as
    soon as the app reads past the limit."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES, body_timeout: float = BODY_TIMEOUT) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.body_timeout = body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope["query_string"]
        target = len(scope.get("raw_path") or scope["path"].encode()) + (len(query) + 1 if query else 0)  # with "?"
        if target > MAX_TARGET_BYTES:
            too_long = HTTPException(
                414, f"the request target (path and query) is longer than {MAX_TARGET_BYTES // 1024} KiB"
            )
            await error_response(too_long)(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        size = 0
        overflowed: _Overflow | None = None
        body_read = False
        started = False

        async def counted_receive() -> Message:
            nonlocal size, overflowed, body_read
            if overflowed is not None:
                raise overflowed
            if declared.isdigit() and int(declared) > self.max_bytes:
                overflowed = _Overflow()
                raise overflowed
            if body_read:
                return await receive()  # a disconnect, awaited for as long as the answer takes
            try:
                message = await asyncio.wait_for(receive(), self.body_timeout)
            except TimeoutError:
                overflowed = _Stalled()
                raise overflowed from None
            if message["type"] == "http.request":
                size += len(message.get("body", b""))
                body_read = not message.get("more_body", False)
                if size > self.max_bytes:
                    overflowed = _Overflow()
                    raise overflowed
            return message

        async def send_unless_overflowed(message: Message) -> None:
            nonlocal started
            if overflowed is not None:
                return  # the app's answer to a body it could not read: the 413 goes instead
            started = True
            await send(message)

        with contextlib.suppress(_Overflow):  # come back up uncaught: the app did not answer
            await self.app(scope, counted_receive, send_unless_overflowed)
        if overflowed is not None and not started:
            await self._refuse(overflowed, scope, receive, send)

    async def _refuse(self, overflowed: _Overflow, scope: Scope, receive: Receive, send: Send) -> None:
        exc: Exception
        if isinstance(overflowed, _Stalled):
            exc = HTTPException(408, f"no more of the request body came within {self.body_timeout:g} s")
        else:
            limit = f"{self.max_bytes // 1024} KiB" if self.max_bytes % 1024 == 0 else f"{self.max_bytes} bytes"
            exc = BodyTooLarge(f"the request body is longer than the {limit} the service reads")
        await error_response(exc)(scope, receive, send)
