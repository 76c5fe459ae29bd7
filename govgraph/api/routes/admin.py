"""The service itself: whether it is up, and reloading its graph.

Admin calls need the API key in the ``X-API-Key`` header (``access.require_api_key``). A
service started without a key (``GOVGRAPH_API_KEY`` unset) refuses every admin call with
403 ``admin_disabled``; with a key, a missing or wrong header is 401 ``unauthorized``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import anyio.to_thread
from fastapi import APIRouter, Depends
from fastapi.exceptions import RequestValidationError
from pydantic import Field

import govgraph
from govgraph.api.access import KeyFirstRoute, require_api_key
from govgraph.api.deps import HolderDep, LoadedDep
from govgraph.api.errors import error_responses
from govgraph.api.holder import LoadedGraph
from govgraph.api.operation_ids import operation_id
from govgraph.errors import AdminDisabled, ApiKeyRejected, LoadError
from govgraph.graph.model import Record
from govgraph.graph.store import NetworkXStore

router = APIRouter(tags=["service"], route_class=KeyFirstRoute, generate_unique_id_function=operation_id)


class ServiceStatus(Record):
    status: Literal["ok"] = Field(default="ok", description="Always `ok`: the service is up and serving a graph.")
    version: str = Field(description="The govgraph version serving.")
    loaded_at: datetime = Field(description="When the graph being served was loaded (UTC); a reload changes it.")
    nodes: int = Field(description="Nodes in the graph being served, over its whole history.")


def _status(loaded: LoadedGraph) -> ServiceStatus:
    return ServiceStatus(
        version=govgraph.__version__, loaded_at=loaded.loaded_at, nodes=loaded.governance.store.count()
    )


@router.get("/health")
async def get_health(loaded: LoadedDep) -> ServiceStatus:
    """The service is up and serving a graph: which version, since when, how big."""
    # async, so that the check costs no thread-pool round trip; only a store in another
    # process (Neo4j) is counted in a worker thread, not to hold up the event loop.
    if isinstance(loaded.governance.store, NetworkXStore):
        return _status(loaded)
    return await anyio.to_thread.run_sync(_status, loaded)


@router.post(
    "/admin/reload",
    dependencies=[Depends(require_api_key)],
    responses=error_responses(ApiKeyRejected, AdminDisabled, LoadError, RequestValidationError),
)
async def reload_graph(holder: HolderDep) -> ServiceStatus:
    """Load the graph again from the service's data (the built-in dataset, its rosters and
    its write roster) and serve the new one.

    If the data fails to load, the answer is 422 with every problem, and the graph already
    loaded stays in service.
    """
    return _status(await holder.run_write(holder.reload))
