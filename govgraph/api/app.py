"""The application factory.

``create_app()`` builds the app without loading anything; the graph is loaded when the
app starts (its lifespan), so importing this module, or building an app for a test, is
cheap. ``uvicorn --factory govgraph.api.app:create_app`` serves it with settings from the
environment; ``govgraph serve`` is the usual way.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI

import govgraph
from govgraph.api.docs import install_docs
from govgraph.api.errors import error_responses, install_error_handlers
from govgraph.api.holder import GraphHolder
from govgraph.api.limits import BodyLimit
from govgraph.api.loaded_at import LoadedAtHeader
from govgraph.api.loading import load_graph
from govgraph.api.routes import admin, lookahead, meta, nodes, pages, queries, writes
from govgraph.api.security_headers import SecurityHeaders
from govgraph.api.settings import Settings
from govgraph.governance import Governance

__all__ = ["create_app"]

_DESCRIPTION = """\
Who speaks for whom in NHS England specialised commissioning: regions, hubs, area teams,
CCGs and ICBs, Clinical Senates, programmes of care, Clinical Reference Groups, boards,
their seats and the people who hold them, for any date since 2013.

Ids are namespaced (`crg:CFS`, `post:crg:CFS/chair`). Dates are `YYYY-MM-DD`; `as_of`
answers for one day. Every error has the same body, `ErrorResponse`.
"""


def create_app(settings: Settings | None = None, *, governance: Governance | None = None) -> FastAPI:
    """The REST service.

    ``settings`` defaults to the environment (``Settings()`` reads ``GOVGRAPH_*``). ``governance``, when
    given, is served from the start instead of loading the data at startup; a reload
    always loads from ``settings``.
    """
    settings = settings if settings is not None else Settings()
    holder = GraphHolder(partial(load_graph, settings), governance)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not holder.is_loaded:
            holder.reload()
        yield

    app = FastAPI(
        title="govgraph",
        description=_DESCRIPTION,
        version=govgraph.__version__,
        lifespan=lifespan,
        # Any route can fail unexpectedly; each route adds the errors it answers on purpose.
        responses=error_responses(Exception),
        docs_url=None,  # served from the package by install_docs, not from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.graph = holder
    install_error_handlers(app)
    app.add_middleware(BodyLimit)
    app.add_middleware(LoadedAtHeader)
    app.add_middleware(SecurityHeaders)  # outermost: on every answer, errors included
    app.include_router(nodes.router, prefix="/api")
    app.include_router(queries.router, prefix="/api")
    app.include_router(lookahead.router, prefix="/api")
    app.include_router(admin.router, prefix="/api")
    app.include_router(writes.router, prefix="/api")
    app.include_router(meta.router, prefix="/api")
    app.include_router(pages.router)
    install_docs(app)
    return app
