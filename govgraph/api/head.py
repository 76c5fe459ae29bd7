"""``HEAD`` wherever ``GET`` is.

FastAPI routes answer only the methods they declare, so a ``HEAD`` on a ``GET`` route
would be 405. ``HeadAsGet`` hands the app a ``GET`` instead and sends its answer's status
and headers (``Content-Length``, ``ETag`` and the rest, as a ``GET`` would have them) with
no body, as RFC 9110 asks of ``HEAD``. A path with no ``GET`` route still answers 405,
with the methods it takes in ``Allow``.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HeadAsGet"]


class HeadAsGet:
    """ASGI middleware: answer ``HEAD`` as ``GET``, without the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        # A copy: the server keeps its own scope saying HEAD, so it sends no body either.
        await self.app({**scope, "method": "GET"}, receive, send_without_body)
