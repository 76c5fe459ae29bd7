"""Clients that send a request slowly are not held forever (issue: "requests that send
headers or bodies slowly are held forever"): a real server over a socket, with the
timeouts shortened so that the tests wait a second, not ten.

A head that has not ended ``head_timeout`` after the connection opened gets 408 in the one
error shape and the connection is closed (``api.server``, with httptools and with h11); a
body that stalls for ``body_timeout`` gets 408 from the app (``limits.RequestLimits``). The
neighbours: a head sent in pieces within the time, and a body sent in pieces within it,
are answered as usual.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from govgraph.api import Settings, create_app
from govgraph.api.loading import load_graph
from govgraph.api.server import http_protocol
from tests._server import KEY, STARTUP_LIMIT, empty_roster, free_port

pytestmark = pytest.mark.slow  # real servers, and waits of a second

TIMEOUT = 1.0  # seconds, for the head and for each piece of a body


@pytest.fixture(scope="module", params=["auto", "h11"], ids=["httptools", "h11"])
def address(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    home = tmp_path_factory.mktemp("slow")
    settings = Settings(
        data=(empty_roster(home / "roster"),), api_key=KEY, write_dir=home / "writes", body_timeout=TIMEOUT
    )
    app = create_app(settings, governance=load_graph(settings))
    port = free_port()
    protocol = http_protocol(TIMEOUT, parser=request.param)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, http=protocol, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_LIMIT
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield "127.0.0.1", port
    finally:
        server.should_exit = True
        thread.join()


def send_in_pieces(address: tuple[str, int], pieces: list[bytes], pause: float) -> tuple[int, dict[str, object]]:
    """Send each piece ``pause`` seconds after the last, then read the answer to its end
    (the server closes the connection); its status and JSON body."""
    with socket.create_connection(address, timeout=30) as connection:
        for n, piece in enumerate(pieces):
            if n:
                time.sleep(pause)
            connection.sendall(piece)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body)


def test_a_head_that_never_ends_gets_408_and_the_connection_closes(address: tuple[str, int]) -> None:
    status, body = send_in_pieces(address, [b"GET /api/health HTTP/1.1\r\nHost: test\r\n"], 0)
    assert status == 408
    assert body["error"]["code"] == "request_timeout"  # type: ignore[index]


def test_a_connection_that_sends_nothing_gets_408(address: tuple[str, int]) -> None:
    status, _ = send_in_pieces(address, [b""], 0)
    assert status == 408


def test_a_head_sent_in_pieces_within_the_time_is_answered(address: tuple[str, int]) -> None:
    pieces = [b"GET /api/health HTTP/1.1\r\n", b"Host: test\r\n", b"Connection: close\r\n\r\n"]
    status, body = send_in_pieces(address, pieces, TIMEOUT / 4)
    assert (status, body["status"]) == (200, "ok")


def _write(body: bytes, length: int | None = None) -> bytes:
    return (
        b"POST /api/people HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Type: application/json\r\n"
        b"X-API-Key: " + KEY.encode() + b"\r\nContent-Length: " + str(length or len(body)).encode() + b"\r\n\r\n"
    )


def test_a_body_that_stalls_gets_408_and_nothing_is_written(address: tuple[str, int]) -> None:
    body = b'{"id": "person:slow-sam", "name": "Slow Sam"}'
    status, answer = send_in_pieces(address, [_write(body) + body[:10]], 0)  # the rest never comes
    assert status == 408
    assert answer["error"]["code"] == "request_timeout"  # type: ignore[index]
    assert "request body" in answer["error"]["message"]  # type: ignore[index]
    status, _ = send_in_pieces(
        address, [b"GET /api/nodes/person:slow-sam HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"], 0
    )
    assert status == 404


def test_a_body_sent_in_pieces_within_the_time_is_read(address: tuple[str, int]) -> None:
    body = b'{"id": "person:steady-sue", "name": "Steady Sue"}'
    status, answer = send_in_pieces(address, [_write(body), body[:10], body[10:30], body[30:]], TIMEOUT / 4)
    assert (status, answer["id"]) == (201, "person:steady-sue")
