"""How the service runs under uvicorn: one place for the server's settings, so that
``govgraph serve`` and the benchmark's bare FastAPI app run under the same ones.

Settings
    An idle kept-alive connection is closed after 5 s, so idle clients cannot hold the
    server's connections. uvicorn takes httptools and uvloop when they are installed (they
    are dependencies of govgraph), else its pure-Python h11 parser and asyncio's loop. The
    access log (a line per request) is on unless ``access_log=False``. (uvicorn has no
    timeout for a slow request head or body: a proxy in front must bound those.)

Requests the server refuses before the app sees them
    A request line or header block the HTTP parser cannot read (raw bytes that are not
    ASCII in the target, a malformed line, a head longer than the parser buffers: over
    ``MAX_HEAD_BYTES`` with h11, and with httptools somewhere between the 60 KB it took and
    the 66 KB it refused in our tests) is
    answered by uvicorn itself, not by the app. uvicorn's own answer is a text/plain 400;
    the protocol classes here answer in the service's one error shape instead
    (``{"error": {"status": 400, "code": "invalid_http_request", ...}}``). A request target
    the parser reads but over ``limits.MAX_TARGET_BYTES`` is 414 from the app, in the same shape.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["MAX_HEAD_BYTES", "http_protocol", "run"]

#: The longest request head (request line and headers) the h11 parser buffers; httptools
#: keeps a limit of its own.
MAX_HEAD_BYTES = 64 * 1024

_BAD_REQUEST = {
    "error": {
        "status": 400,
        "code": "invalid_http_request",
        "message": "the request is not HTTP/1.1 the server can read: a malformed request line or header, "
        "a request target that is not ASCII (percent-encode it) or a request head too long",
        "suggestions": [],
        "problems": [],
    }
}
_BAD_REQUEST_BODY = json.dumps(_BAD_REQUEST).encode()


def _error_head(length: int) -> bytes:
    return (
        b"HTTP/1.1 400 Bad Request\r\n"
        b"content-type: application/json\r\n"
        b"content-length: " + str(length).encode() + b"\r\n"
        b"x-content-type-options: nosniff\r\n"
        b"connection: close\r\n\r\n"
    )


class _H11JsonErrors(H11Protocol):
    """uvicorn's h11 protocol, answering what it cannot parse in the one error shape."""

    def send_400_response(self, msg: str) -> None:
        self.transport.write(_error_head(len(_BAD_REQUEST_BODY)) + _BAD_REQUEST_BODY)
        self.transport.close()


def http_protocol() -> type[asyncio.Protocol]:
    """The protocol class uvicorn serves with: httptools' when it is installed, else h11's,
    as uvicorn's ``auto`` picks; either answers unreadable requests in the one error shape."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:  # httptools is not installed
        return _H11JsonErrors

    class _HttpToolsJsonErrors(HttpToolsProtocol):
        """uvicorn's httptools protocol, answering what it cannot parse in the one error shape."""

        def send_400_response(self, msg: str) -> None:
            self.transport.write(_error_head(len(_BAD_REQUEST_BODY)) + _BAD_REQUEST_BODY)
            self.transport.close()

    return _HttpToolsJsonErrors


def run(app: Any, host: str, port: int, *, access_log: bool = True) -> None:
    """Serve ``app`` until interrupted, with the settings of the module docstring."""
    uvicorn.run(
        app,
        host=host,
        port=port,
        http=http_protocol(),
        timeout_keep_alive=5,
        h11_max_incomplete_event_size=MAX_HEAD_BYTES,
        access_log=access_log,
    )
