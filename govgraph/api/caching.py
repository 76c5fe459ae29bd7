"""Answers from the graph: validators (``ETag``, ``Last-Modified``), 304s and a cache.

The graph is immutable between reloads and writes, and a ``GET`` answer computed from it
depends only on the request: its path and query, the day it resolves to (a request without
``as_of`` answers for today), whether the caller sent the API key (a person's email is
shown only then) and, for the bytes, whether the answer is gzipped. ``ResponseCache``
keys each answer on those and on the ``loaded_at`` of the graph that answered (the holder
gives each graph its own):

``ETag``
    ``W/"<digest>"`` of the graph's ``loaded_at`` and the request as above. Weak: the same
    answer gzipped or not has the same tag.
``Last-Modified``
    The later of the graph's ``loaded_at`` and the start of today (local time), to the
    second: an answer for today can change at midnight with no reload.
``If-None-Match`` / ``If-Modified-Since``
    A ``GET`` whose answer would be a 200 with a matching tag (or, without
    ``If-None-Match``, not modified since the date) is answered 304 with no body. HTTP
    dates have one-second steps: two graphs loaded within one second look alike to
    ``If-Modified-Since`` (never to ``If-None-Match``).
``Cache-Control: no-cache``
    A client may keep an answer but asks again (with the tag) before using it: a reload
    can change any answer. ``private`` when the caller sent the key; ``Vary: X-API-Key``.
``X-Govgraph-Cache: hit`` or ``miss``
    Whether the answer came from the cache (``CACHE_HEADER``), for operators and tests.

The cache keeps the 200 answers whose request noted the graph (``headers.note_loaded_at``)
as they left the app, bounded in bytes (``Settings.cache_mb``; 0 turns it off), least
recently used first out. It holds the answers of one graph at a time: the first lookup
after a reload or a write finds another graph current and empties it, so an answer is
never served from a graph other than the one its ``X-Govgraph-Loaded-At`` names. A
request for an answer another request is computing waits for it and takes it from the
cache (or, if it was not to be kept, computes its own) instead of computing it again. Answers
made without the graph (the OpenAPI document, assets, errors) are neither cached nor tagged.

With the neo4j backend nothing is cached or tagged: the database can change under the
service (a ``govgraph load --neo4j``, another server's write) with no reload to tell it.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import parse_qsl

import anyio
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govgraph.api.access import carries_key
from govgraph.api.headers import answered_from, note_loaded_at
from govgraph.api.holder import GraphHolder
from govgraph.api.settings import Settings

__all__ = ["CACHE_HEADER", "ResponseCache"]

CACHE_HEADER = "X-Govgraph-Cache"

# Headers that describe a body, which a 304 has none of.
_BODY_HEADERS = {b"content-length", b"content-type", b"content-encoding"}


@dataclass(frozen=True)
class _Stored:
    """An answer as the app made it: its headers, its body and its validators."""

    headers: list[tuple[bytes, bytes]]
    body: bytes
    tag: str
    modified: datetime

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(name) + len(value) for name, value in self.headers)


class ResponseCache:
    """ASGI middleware: validators, 304s and the cache of the module docstring."""

    def __init__(self, app: ASGIApp, holder: GraphHolder, settings: Settings) -> None:
        self.app = app
        self.holder = holder
        self.settings = settings
        # A Neo4j database changes under the service (``govgraph load --neo4j`` from another
        # process, another server's writes) without a reload: no answer can be kept or
        # tagged as the answer of one graph.
        self.shared = settings.backend == "neo4j"
        self.max_bytes = settings.cache_mb * 1024 * 1024
        self.max_entry = self.max_bytes // 8  # no one answer takes most of the room
        self._graph: datetime | None = None  # the loaded_at of the graph whose answers are stored
        self._entries: OrderedDict[tuple[str, bool], _Stored] = OrderedDict()
        self._bytes = 0
        # The answers being computed, by graph and key, for the clients asking the same meanwhile.
        self._computing: dict[tuple[datetime, str, bool], anyio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not self.holder.is_loaded or self.shared:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        keyed = carries_key(self.settings, headers)
        request = _request_key(scope, headers, keyed)
        key = (request, "gzip" in headers.get("accept-encoding", ""))  # as GZipMiddleware decides
        current = self.holder.current.loaded_at
        stored = self._lookup(current, key)
        computing = self._computing.get((current, *key))
        if stored is None and computing is not None and self.max_bytes:
            # The same answer is being computed for another client: wait for it rather
            # than compute it again (after a reload every client misses at once).
            await computing.wait()
            current = self.holder.current.loaded_at
            stored = self._lookup(current, key)
        if stored is not None:
            note_loaded_at(scope.setdefault("state", {}), current)
            await self._send_stored(stored, _not_modified(headers, stored.tag, stored.modified), send)
            return

        graph: datetime | None = None
        tag, modified = "", current
        described: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] | None = None  # the body as it passes, while it is to be stored
        silent = False  # a 304 is sent in its place

        async def send_validated(message: Message) -> None:
            nonlocal graph, tag, modified, described, chunks, silent
            if message["type"] == "http.response.start":
                graph = answered_from(scope)
                if message["status"] == 200 and graph is not None:
                    tag, modified = _validators(graph, request)
                    described_headers = MutableHeaders(scope=message)
                    _describe(described_headers, tag, modified, keyed)
                    described, chunks = list(message["headers"]), []
                    described_headers[CACHE_HEADER] = "miss"
                    if _not_modified(headers, tag, modified):
                        silent = True
                        await send(_not_modified_start(message))
                        return
            elif message["type"] == "http.response.body":
                last = not message.get("more_body", False)
                if chunks is not None:
                    chunks.append(message.get("body", b""))
                    if sum(map(len, chunks)) > self.max_entry:
                        chunks = None
                    elif last:
                        self._store(graph, key, _Stored(described, b"".join(chunks), tag, modified))
                if silent:
                    if last:
                        await send({"type": "http.response.body", "body": b"", "more_body": False})
                    return
            await send(message)

        flight = (current, *key)
        first = self.max_bytes > 0 and flight not in self._computing
        if first:
            self._computing[flight] = anyio.Event()
        try:
            await self.app(scope, receive, send_validated)
        finally:
            if first:
                self._computing.pop(flight).set()

    def _lookup(self, graph: datetime, key: tuple[str, bool]) -> _Stored | None:
        if graph != self._graph:
            self._entries.clear()
            self._bytes = 0
            self._graph = graph
            return None
        stored = self._entries.get(key)
        if stored is not None:
            self._entries.move_to_end(key)
        return stored

    def _store(self, graph: datetime | None, key: tuple[str, bool], stored: _Stored) -> None:
        # Only an answer from the graph the cache holds: a request that began before a
        # reload may finish after it, from the old graph.
        if graph is None or graph != self._graph or stored.size > self.max_entry or key in self._entries:
            return
        self._entries[key] = stored
        self._bytes += stored.size
        while self._bytes > self.max_bytes:
            _, dropped = self._entries.popitem(last=False)
            self._bytes -= dropped.size

    async def _send_stored(self, stored: _Stored, not_modified: bool, send: Send) -> None:
        headers = [*stored.headers, (CACHE_HEADER.lower().encode(), b"hit")]
        start: Message = {"type": "http.response.start", "status": 200, "headers": headers}
        if not_modified:
            await send(_not_modified_start(start))
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        await send(start)
        await send({"type": "http.response.body", "body": stored.body, "more_body": False})


def _request_key(scope: Scope, headers: Headers, keyed: bool) -> str:
    """What an answer depends on besides the graph: where it was asked (an answer may hold
    links), the path, the query (in parameter order), the day a request without ``as_of``
    answers for, and whether the caller sent the key."""
    query_string = scope["query_string"]
    query = (
        sorted(parse_qsl(query_string.decode("latin-1"), keep_blank_values=True), key=lambda kv: kv[0])
        if query_string
        else []
    )
    where = (scope.get("scheme"), headers.get("host"), scope.get("root_path", ""), scope["path"])
    return repr((where, query, date.today().isoformat(), keyed))


def _validators(graph: datetime, request: str) -> tuple[str, datetime]:
    """The ``ETag`` and ``Last-Modified`` of the answer to ``request`` from ``graph``."""
    digest = hashlib.sha256(f"{graph.isoformat()}\n{request}".encode()).hexdigest()[:32]
    midnight = datetime.combine(date.today(), time()).astimezone(UTC)
    return f'W/"{digest}"', max(graph, midnight).replace(microsecond=0)


def _describe(headers: MutableHeaders, tag: str, modified: datetime, keyed: bool) -> None:
    headers["ETag"] = tag
    headers["Last-Modified"] = format_datetime(modified, usegmt=True)
    if "cache-control" not in headers:
        headers["Cache-Control"] = "private, no-cache" if keyed else "no-cache"
    headers.add_vary_header("X-API-Key")


def _not_modified(headers: Headers, tag: str, modified: datetime) -> bool:
    """Whether the request's conditions say the client has this answer (RFC 9110 13.2.2:
    ``If-None-Match``, weakly compared, decides alone when it is given)."""
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        tags = {part.strip().removeprefix("W/") for part in if_none_match.split(",")}
        return "*" in tags or tag.removeprefix("W/") in tags
    if_modified_since = headers.get("if-modified-since")
    if not if_modified_since:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False  # not an HTTP date: ignored, as RFC 9110 asks
    return since.tzinfo is not None and modified <= since


def _not_modified_start(start: Message) -> Message:
    """The start of a 304 in place of ``start``: its headers but those describing a body."""
    kept = [(name, value) for name, value in start["headers"] if name.lower() not in _BODY_HEADERS]
    return {"type": "http.response.start", "status": 304, "headers": kept}
