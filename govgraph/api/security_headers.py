"""Security headers on every answer the application makes.

``X-Content-Type-Options: nosniff`` (a JSON answer is never run as a script),
``Referrer-Policy: no-referrer`` (a page's address, which may name a person, is not sent
to other sites) and a ``Content-Security-Policy`` header with ``frame-ancestors 'none'``
(no other site frames the pages to trick a click). A policy only a header can carry:
the pages' own policy, in a ``<meta>`` tag, cannot say ``frame-ancestors``. An answer that
already has a policy (the API documentation's) keeps it, with ``frame-ancestors`` added;
any other gets ``default-src 'none'`` unless it is a page, whose scripts and styles its
own ``<meta>`` policy governs.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["SecurityHeaders"]

_FRAMES = "frame-ancestors 'none'"
_PAGE_POLICY = f"{_FRAMES}; base-uri 'none'; object-src 'none'; form-action 'self'"
_DATA_POLICY = f"default-src 'none'; {_FRAMES}"


class SecurityHeaders:
    """ASGI middleware: the security headers above on every HTTP answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                policy = headers.get("Content-Security-Policy")
                if policy is not None:
                    if "frame-ancestors" not in policy:
                        headers["Content-Security-Policy"] = f"{policy.rstrip('; ')}; {_FRAMES}"
                elif headers.get("Content-Type", "").startswith("text/html"):
                    headers["Content-Security-Policy"] = _PAGE_POLICY
                else:
                    headers["Content-Security-Policy"] = _DATA_POLICY
            await send(message)

        await self.app(scope, receive, send_with_headers)
