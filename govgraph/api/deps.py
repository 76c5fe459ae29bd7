"""The graph the service answers from, and the dependencies routes reach it through.

Swapping without a lock for readers
    ``GraphHolder`` keeps the current graph in one attribute holding an immutable
    ``LoadedGraph``. A reload builds a whole new graph first and only then rebinds that
    attribute, a single reference assignment, so a request sees either the old graph or
    the new one, never a half-built one. A request takes its reference once, through
    ``get_loaded`` (FastAPI calls a dependency once per request however many others use
    it), and keeps answering from that graph even if a reload lands meanwhile.

    Reloads (the admin call, SIGHUP under ``govgraph serve``) and writes take one lock
    among themselves (``GraphHolder.update``), so two overlapping reloads cannot finish in
    the wrong order, and a write reads the write roster as the last write or reload left
    it. Readers never take it.

What the service loads
    ``load_graph``: the built-in dataset, the rosters of ``Settings.data`` (the example
    roster when there are none) and, last, the write roster ``Settings.write_dir``, in
    one load, so that a reload or a restart serves what the writes saved.

The API key
    ``require_api_key`` guards admin calls and ``require_write_access`` writes; both
    compare the ``X-API-Key`` header with ``Settings.api_key`` in constant time.
    ``CallerKeyedDep`` tells a read whether its caller sent the key, for the fields only
    such callers see (a person's email).

Which graph answered
    Every answer computed from the graph, errors included, carries the graph's
    ``loaded_at`` in the ``X-Govgraph-Loaded-At`` header (``LOADED_AT_HEADER``), so a
    client can tell answers from before and after a reload apart. ``get_loaded`` notes
    the graph in the request's state as it hands it out; the ``LoadedAtHeader``
    middleware copies it into the answer, whichever way the answer was made.

Tests and embedders swap the graph with ``app.dependency_overrides[get_loaded]``.
"""

from __future__ import annotations

import functools
import hmac
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govgraph.api.errors import AdminDisabled, ApiKeyRejected
from govgraph.api.settings import Settings
from govgraph.governance import EXAMPLE_ROSTER, Governance, load
from govgraph.graph.neo4j_store import Neo4jStore
from govgraph.graph.store import GraphStore
from govgraph.loaders.writer import ensure_roster_folder
from govgraph.queries.rules import load_rules

__all__ = [
    "CallerKeyedDep",
    "GovernanceDep",
    "GraphHolder",
    "HolderDep",
    "LOADED_AT_HEADER",
    "LoadedAtHeader",
    "LoadedDep",
    "LoadedGraph",
    "SettingsDep",
    "StoreDep",
    "caller_has_key",
    "get_governance",
    "get_holder",
    "get_loaded",
    "get_settings",
    "get_store",
    "load_graph",
    "require_api_key",
    "require_write_access",
]


@dataclass(frozen=True)
class LoadedGraph:
    """A loaded graph and when it was loaded (UTC)."""

    governance: Governance
    loaded_at: datetime


class GraphHolder:
    """The current ``LoadedGraph``, replaced whole by ``reload``.

    ``load`` builds a graph from scratch; ``governance``, when given, is served until the
    first reload instead of loading one at startup.
    """

    def __init__(self, load: Callable[[], Governance], governance: Governance | None = None) -> None:
        self._load = load
        self._reload_lock = threading.Lock()
        self._current: LoadedGraph | None = None if governance is None else _stamp(governance)

    @property
    def is_loaded(self) -> bool:
        return self._current is not None

    @property
    def current(self) -> LoadedGraph:
        current = self._current
        if current is None:
            raise RuntimeError("no graph is loaded: the app loads it when it starts (run it inside its lifespan)")
        return current

    def reload(self) -> LoadedGraph:
        """Load a new graph and swap it in. If loading raises, the old graph stays."""
        return self.update(self._load)

    def update(self, build: Callable[[], Governance]) -> LoadedGraph:
        """Serve the graph ``build`` returns, built while holding the reload lock, so that
        reloads and writes take turns. If ``build`` raises, the old graph stays."""
        with self._reload_lock:
            loaded = _stamp(build())
            self._current = loaded
        return loaded


def _stamp(governance: Governance) -> LoadedGraph:
    return LoadedGraph(governance=governance, loaded_at=datetime.now(UTC))


def load_graph(settings: Settings, *, write_roster: Path | None = None) -> Governance:
    """The graph the service serves. With the neo4j backend, the database as loaded (a
    connection; nothing is read until a query asks). Otherwise the built-in dataset, then the rosters of
    ``settings.data`` (the example roster when there are none), then the write roster,
    loaded together as one roster load, and the built-in rules with ``settings.rules``.

    The write roster is ``settings.write_dir``, created with empty tables if missing, or
    ``write_roster`` when given: a staged copy of it that a write is checking.

    Raises
    ------
    LoadError
        listing every problem in every roster (or rule file); nothing is loaded.
    """
    if settings.backend == "neo4j":
        assert settings.neo4j_uri and settings.neo4j_user and settings.neo4j_password  # Settings checks them
        store = _neo4j_store(
            settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password.get_secret_value(), settings.neo4j_database
        )
        store.refresh()  # a reload serves what `govgraph load` wrote since
        return Governance(store, rules=load_rules(settings.rules))
    if write_roster is None and settings.write_dir is not None:
        ensure_roster_folder(settings.write_dir)
        write_roster = settings.write_dir
    rosters = list(settings.data)
    if write_roster is not None:
        # The write roster goes on top of what the service would serve without it.
        rosters = (rosters or [EXAMPLE_ROSTER]) + [write_roster]
    return load(rosters or None, rules=list(settings.rules))


@functools.cache
def _neo4j_store(uri: str, user: str, password: str, database: str | None) -> Neo4jStore:
    # One store, and so one driver (its connection pool), per server for the process's
    # life: each reload reuses it rather than leaving another driver open.
    return Neo4jStore.connect(uri, user, password, database=database)


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_holder(request: Request) -> GraphHolder:
    """The app's graph holder, for the routes that reload it."""
    holder: GraphHolder = request.app.state.graph
    return holder


SettingsDep = Annotated[Settings, Depends(get_settings)]
HolderDep = Annotated[GraphHolder, Depends(get_holder)]

_api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="The key the service was started with (GOVGRAPH_API_KEY)."
)
_ApiKey = Annotated[str | None, Security(_api_key_header)]


def _key_matches(settings: Settings, key: str | None) -> bool:
    if settings.api_key is None or key is None:
        return False
    # compare_digest takes as long for a near miss as for a wild guess, so timing does not leak the key.
    return hmac.compare_digest(key.encode(), settings.api_key.get_secret_value().encode())


def require_api_key(settings: SettingsDep, key: _ApiKey) -> None:
    """Let an admin call through only with the configured API key."""
    if settings.api_key is None:
        raise AdminDisabled("admin calls are disabled: the service was started without an API key (GOVGRAPH_API_KEY)")
    if not _key_matches(settings, key):
        raise ApiKeyRejected("missing or wrong X-API-Key header")


def require_write_access(settings: SettingsDep, key: _ApiKey) -> None:
    """Let a write through only with the configured API key, to a service that has a
    write roster to save it in."""
    if settings.api_key is None:
        raise AdminDisabled("writes are disabled: the service was started without an API key (GOVGRAPH_API_KEY)")
    if not _key_matches(settings, key):
        raise ApiKeyRejected("missing or wrong X-API-Key header")
    if settings.write_dir is None:
        raise AdminDisabled("writes are disabled: the service was started without a write folder (GOVGRAPH_WRITE_DIR)")


def caller_has_key(settings: SettingsDep, key: _ApiKey) -> bool:
    """Whether the request carries the configured API key. A read without it (or with a
    wrong one) is still answered, without the fields only keyed callers see."""
    return _key_matches(settings, key)


CallerKeyedDep = Annotated[bool, Depends(caller_has_key)]


LOADED_AT_HEADER = "X-Govgraph-Loaded-At"


_LOADED_AT_STATE = "govgraph_loaded_at"  # the request-state key get_loaded notes the graph under


def get_loaded(holder: HolderDep, request: Request) -> LoadedGraph:
    """The graph this request answers from, taken once for the whole request, and noted
    for its answer's ``X-Govgraph-Loaded-At`` header."""
    loaded = holder.current
    setattr(request.state, _LOADED_AT_STATE, loaded.loaded_at.isoformat())
    return loaded


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


LoadedDep = Annotated[LoadedGraph, Depends(get_loaded)]


def get_governance(loaded: LoadedDep) -> Governance:
    """The loaded graph with its rules, for queries that take more than the store."""
    return loaded.governance


GovernanceDep = Annotated[Governance, Depends(get_governance)]


def get_store(loaded: LoadedDep) -> GraphStore:
    """The store the queries of this request read."""
    return loaded.governance.store


StoreDep = Annotated[GraphStore, Depends(get_store)]
