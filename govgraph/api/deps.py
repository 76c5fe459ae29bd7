"""The dependencies routes reach the loaded graph through.

A request takes the graph once, through ``get_loaded`` (FastAPI calls a dependency once
per request however many others use it), and keeps answering from that graph even if a
reload lands meanwhile (``api.holder``). The API-key dependencies live in ``api.access``; the
``X-Govgraph-Loaded-At`` header in ``api.headers``.

The dependencies are ``async``: each is a few attribute reads, which a plain ``def`` would
send to the thread pool and back for every request.

Tests and embedders swap the graph with ``app.dependency_overrides[get_loaded]``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from govgraph.api.headers import note_loaded_at
from govgraph.api.holder import GraphHolder, LoadedGraph
from govgraph.api.settings import Settings
from govgraph.governance import Governance
from govgraph.graph.store import GraphStore

__all__ = [
    "GovernanceDep",
    "HolderDep",
    "LoadedDep",
    "SettingsDep",
    "StoreDep",
    "get_governance",
    "get_holder",
    "get_loaded",
    "get_settings",
    "get_store",
]


async def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def get_holder(request: Request) -> GraphHolder:
    """The app's graph holder, for the routes that reload it."""
    holder: GraphHolder = request.app.state.graph
    return holder


HolderDep = Annotated[GraphHolder, Depends(get_holder)]


async def get_loaded(holder: HolderDep, request: Request) -> LoadedGraph:
    """The graph this request answers from, taken once for the whole request, and noted
    for its answer's ``X-Govgraph-Loaded-At`` header."""
    loaded = holder.current
    note_loaded_at(request, loaded.loaded_at)
    return loaded


LoadedDep = Annotated[LoadedGraph, Depends(get_loaded)]


async def get_governance(loaded: LoadedDep) -> Governance:
    """The loaded graph with its rules, for queries that take more than the store."""
    return loaded.governance


GovernanceDep = Annotated[Governance, Depends(get_governance)]


async def get_store(loaded: LoadedDep) -> GraphStore:
    """The store the queries of this request read."""
    return loaded.governance.store


StoreDep = Annotated[GraphStore, Depends(get_store)]
