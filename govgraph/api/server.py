"""How the service runs under uvicorn: one place for the server's settings, so that
``govgraph serve`` and the benchmark's bare FastAPI app run under the same ones.

Settings
    An idle kept-alive connection is closed after 5 s, so idle clients cannot hold the
    server's connections. uvicorn takes httptools and uvloop when they are installed (they
    are dependencies of govgraph), else its pure-Python h11 parser and asyncio's loop. The
    access log (a line per request) is on unless ``access_log=False``.

Slow requests
    uvicorn bounds neither a request head nor a body that arrives slowly. The protocol
    classes here give a client ``HEAD_TIMEOUT`` seconds from opening the connection (or
    from the first byte of a next request on it) to the end of the request's headers;
    past that they answer 408 in the one error shape and close the connection. A body that
    stalls is the app's to bound (``limits.BODY_TIMEOUT``).

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
from typing import Any, Literal

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["HEAD_TIMEOUT", "MAX_HEAD_BYTES", "http_protocol", "run"]

#: Seconds a client has from connecting (or starting a next request) to the end of its headers.
HEAD_TIMEOUT = 10.0

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
_TIMEOUT_BODY = json.dumps(
    {
        "error": {
            "status": 408,
            "code": "request_timeout",
            "message": "the request's headers did not arrive in time",
            "suggestions": [],
            "problems": [],
        }
    }
).encode()


def _error(status: bytes, body: bytes) -> bytes:
    return (
        b"HTTP/1.1 " + status + b"\r\n"
        b"content-type: application/json\r\n"
        b"content-length: " + str(len(body)).encode() + b"\r\n"
        b"x-content-type-options: nosniff\r\n"
        b"connection: close\r\n\r\n" + body
    )


class _HeadTimer:
    """The clock on a request head: started when a connection opens or a next request
    begins, stopped when the headers are in; when it runs out, a 408 and the connection closed."""

    transport: asyncio.Transport
    loop: asyncio.AbstractEventLoop
    head_timeout: float = HEAD_TIMEOUT
    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:
        super().connection_made(transport)  # type: ignore[misc]  # uvicorn's protocol, after this in the MRO
        self._start_head_clock()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_head_clock()
        super().connection_lost(exc)  # type: ignore[misc]

    def _start_head_clock(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.head_timeout, self._head_timed_out)

    def _stop_head_clock(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if not self.transport.is_closing():
            self.transport.write(_error(b"408 Request Timeout", _TIMEOUT_BODY))
            self.transport.close()

    def send_400_response(self, msg: str) -> None:
        """Answer what the parser cannot read in the one error shape (uvicorn's is text)."""
        self._stop_head_clock()
        self.transport.write(_error(b"400 Bad Request", _BAD_REQUEST_BODY))
        self.transport.close()


def http_protocol(
    head_timeout: float = HEAD_TIMEOUT, *, parser: Literal["auto", "h11"] = "auto"
) -> type[asyncio.Protocol]:
    """The protocol class uvicorn serves with: httptools' when it is installed, else h11's,
    as uvicorn's ``auto`` picks (``parser="h11"`` asks for h11's); either answers unreadable
    requests in the one error shape and a head slower than ``head_timeout`` seconds with 408."""
    try:
        if parser == "h11":
            raise ImportError("h11 asked for")
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:  # httptools is not installed
        return _h11_protocol(head_timeout)

    class _HttpTools(_HeadTimer, HttpToolsProtocol):  # type: ignore[misc]
        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._start_head_clock()

        def on_headers_complete(self) -> None:
            self._stop_head_clock()
            super().on_headers_complete()

    _HttpTools.head_timeout = head_timeout
    return _HttpTools


def _h11_protocol(head_timeout: float) -> type[asyncio.Protocol]:
    class _H11(_HeadTimer, H11Protocol):  # type: ignore[misc]
        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            # h11 stays IDLE on the client's side until a whole request head is in.
            if self.conn.their_state is h11.IDLE:
                self._start_head_clock()
            else:
                self._stop_head_clock()

    _H11.head_timeout = head_timeout
    return _H11


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
