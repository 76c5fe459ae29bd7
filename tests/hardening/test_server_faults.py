"""Requests a real ``govgraph serve`` cannot or will not read get the one error shape.

The HTTP parser refuses a request target with raw bytes that are not ASCII and a request
head of a megabyte before the app sees them; ``api.server``'s protocol classes answer
those in the one error shape instead of uvicorn's text/plain. A long target the parser
reads reaches the app, which answers it, or 414 over 64 KiB (``limits.RequestLimits``;
the parsers refuse a head about that long themselves, so the 414 is checked in-process).
"""

from __future__ import annotations

import json
import select
import socket
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path

import pytest
from starlette.types import Message

from govgraph.api import Settings, create_app
from govgraph.api.limits import MAX_TARGET_BYTES
from govgraph.api.loading import load_graph
from tests._async import run as run_async
from tests._server import Server, empty_roster, serving_empty_roster

# The code is the status's name (api/errors.py): Python 3.13 renamed 414 "URI Too Long".
URI_TOO_LONG = HTTPStatus(414).phrase.lower().replace("-", "_").replace(" ", "_")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serving_empty_roster(tmp_path_factory.mktemp("faults")) as server:
        yield server


def exchange(server: Server, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send ``request`` as raw bytes; the status, headers and body of the answer.

    Sent a piece at a time, stopping once the server has answered: a server that refuses a
    long head answers and closes before it has all of it, and more bytes sent to a closed
    socket would reset the connection and lose the answer."""
    host, port = server.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        for start in range(0, len(request), 8192):
            if select.select([connection], [], [], 0.01)[0]:
                break  # answered already
            connection.sendall(request[start : start + 8192])
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, value in (line.split(":", 1) for line in lines)}
    return int(status_line.split()[1]), headers, body


def assert_shape(status: int, headers: dict[str, str], body: bytes, expected: int, code: str) -> None:
    assert status == expected, body
    assert headers["content-type"] == "application/json"
    error = json.loads(body)["error"]
    assert set(json.loads(body)) == {"error"}
    assert set(error) == {"status", "code", "message", "suggestions", "problems"}
    assert (error["status"], error["code"]) == (expected, code)


@pytest.mark.slow  # a real server
@pytest.mark.parametrize(
    "target",
    [b"/api/nodes/crg:\xc3\xa9", b"/api/search?q=caf\xe9", b"/\xff"],
    ids=["utf-8 in the path", "latin-1 in the query", "a lone byte"],
)
def test_a_target_with_raw_non_ascii_bytes_is_400_in_the_one_shape(server: Server, target: bytes) -> None:
    request = b"GET " + target + b" HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"
    assert_shape(*exchange(server, request), 400, "invalid_http_request")


@pytest.mark.slow
def test_a_megabyte_url_is_400_in_the_one_shape(server: Server) -> None:
    request = b"GET /api/search?q=" + b"a" * 1_000_000 + b" HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"
    assert_shape(*exchange(server, request), 400, "invalid_http_request")


@pytest.mark.slow
def test_a_long_url_the_server_reads_is_answered_by_the_app(server: Server) -> None:
    request = b"GET /api/search?q=" + b"a" * 30_000 + b" HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"
    status, headers, body = exchange(server, request)
    assert (status, json.loads(body)["items"]) == (200, [])  # nothing matches 30,000 a's
    assert headers["x-content-type-options"] == "nosniff"  # answered by the app, with its headers


@pytest.mark.slow
def test_head_over_the_wire_sends_the_headers_and_no_body(server: Server) -> None:
    status, headers, body = exchange(
        server, b"HEAD /api/nodes/crg:CFS HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"
    )
    got_status, got_headers, got_body = exchange(
        server, b"GET /api/nodes/crg:CFS HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"
    )
    assert (status, body) == (got_status, b"") == (200, b"")
    assert headers["content-length"] == got_headers["content-length"] == str(len(got_body))
    assert headers["etag"] == got_headers["etag"]


def test_the_target_limit_is_64_kib(tmp_path: Path) -> None:
    # Called as ASGI directly: HTTP client libraries refuse a URL this long themselves.
    settings = Settings(data=(empty_roster(tmp_path),))
    app = create_app(settings, governance=load_graph(settings))
    path = "/api/search"
    query = "q=" + "a" * (MAX_TARGET_BYTES - len(path) - len("?q="))  # exactly the limit

    async def get(query: str) -> tuple[int, bytes]:
        scope = {"type": "http", "method": "GET", "path": path, "raw_path": path.encode(), "root_path": "",
                 "query_string": query.encode(), "headers": [(b"host", b"test")], "scheme": "http",
                 "http_version": "1.1", "client": ("127.0.0.1", 1), "server": ("test", 80)}  # fmt: skip
        sent: list[Message] = []

        async def receive() -> Message:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: Message) -> None:
            sent.append(message)

        await app(scope, receive, send)
        return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])

    status, body = run_async(get(query))
    assert (status, json.loads(body)["items"]) == (200, [])  # nothing matches: an empty page
    status, body = run_async(get(query + "a"))
    error = json.loads(body)["error"]
    assert (status, error["status"], error["code"]) == (414, 414, URI_TOO_LONG)
    assert "64 KiB" in error["message"]
