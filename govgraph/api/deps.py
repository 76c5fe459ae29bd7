"""The graph the service answers from, and the dependencies routes reach it through.

Swapping without a lock for readers
    ``GraphHolder`` keeps the current graph in one attribute holding an immutable
    ``LoadedGraph``. A reload builds a whole new graph first and only then rebinds that
    attribute, a single reference assignment, so a request sees either the old graph or
    the new one, never a half-built one. A request takes its reference once, through
    ``get_loaded`` (FastAPI calls a dependency once per request however many others use
    it), and keeps answering from that graph even if a reload lands meanwhile.

    Reloads (the admin call, SIGHUP under ``govgraph serve``) take a lock among
    themselves, so two overlapping reloads cannot finish in the wrong order.

Tests and embedders swap the graph with ``app.dependency_overrides[get_loaded]``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request

from govgraph.api.settings import Settings
from govgraph.governance import Governance
from govgraph.graph.store import GraphStore

__all__ = [
    "GovernanceDep",
    "GraphHolder",
    "HolderDep",
    "LoadedDep",
    "LoadedGraph",
    "SettingsDep",
    "StoreDep",
    "get_governance",
    "get_holder",
    "get_loaded",
    "get_settings",
    "get_store",
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
        with self._reload_lock:
            loaded = _stamp(self._load())
            self._current = loaded
        return loaded


def _stamp(governance: Governance) -> LoadedGraph:
    return LoadedGraph(governance=governance, loaded_at=datetime.now(UTC))


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


def get_loaded(holder: HolderDep) -> LoadedGraph:
    """The graph this request answers from, taken once for the whole request."""
    return holder.current


LoadedDep = Annotated[LoadedGraph, Depends(get_loaded)]


def get_governance(loaded: LoadedDep) -> Governance:
    """The loaded graph with its rules, for queries that take more than the store."""
    return loaded.governance


GovernanceDep = Annotated[Governance, Depends(get_governance)]


def get_store(loaded: LoadedDep) -> GraphStore:
    """The store the queries of this request read."""
    return loaded.governance.store


StoreDep = Annotated[GraphStore, Depends(get_store)]
